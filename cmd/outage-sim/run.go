package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
)

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("outage-sim "+name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	return fs
}

// parseFlags parses and turns every problem into exit status 2.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

func parseSafeguards(list string, errOut io.Writer) (safeguard.Set, bool) {
	set, err := safeguard.Parse(list)
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim: %v\n", err)
		return 0, false
	}
	return set, true
}

type jsonEvent struct {
	ID        string   `json:"id"`
	At        string   `json:"at"`
	Canonical bool     `json:"canonical"`
	Subject   string   `json:"subject,omitempty"`
	Gen       int      `json:"gen,omitempty"`
	Endpoint  *int     `json:"endpoint,omitempty"`
	Value     float64  `json:"value,omitempty"`
	Real      string   `json:"real,omitempty"`
	DeltaMin  *float64 `json:"delta_min,omitempty"`
}

type jsonOutage struct {
	Start    string `json:"start"`
	End      string `json:"end"`
	Severity string `json:"severity"`
}

type jsonService struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Kind    string       `json:"kind"`
	Minutes float64      `json:"minutes"`
	Outages []jsonOutage `json:"outages"`
	// StartUncertain: the PES gives no firm start for this impairment.
	StartUncertain bool `json:"start_uncertain,omitempty"`
	// Independent: a defect with a cause of its own (no safeguard here
	// touches it).
	Independent bool `json:"independent,omitempty"`
}

type jsonImpact struct {
	DynamoDBMinutes  float64 `json:"dynamodb_minutes"`
	EC2LaunchMinutes float64 `json:"ec2_launch_minutes"`
	// NLBErrorMinutes is how long NLB had connection errors (over 1%);
	// NLBErrorShareMinutes weighs each minute by the share of connections
	// failing, and NLBPeakErrors is the worst share: what a bound on the
	// capacity one NLB may remove cuts.
	NLBErrorMinutes      float64 `json:"nlb_error_minutes"`
	NLBErrorShareMinutes float64 `json:"nlb_error_share_minutes"`
	NLBPeakErrors        float64 `json:"nlb_peak_errors"`
	ServiceHours         float64 `json:"service_hours"`
	// IndependentHours is the part of service_hours with a cause of its own
	// (Redshift's IAM-user defect); chain_hours is the rest, what the race
	// caused and a safeguard can save.
	IndependentHours float64 `json:"independent_hours"`
	ChainHours       float64 `json:"chain_hours"`
	AppHours         float64 `json:"app_hours"`
	// End is when the last disruption ended; null when nothing was
	// disrupted.
	End *string `json:"end"`
}

type jsonRun struct {
	Scenario   string          `json:"scenario"`
	Seed       uint64          `json:"seed"`
	Safeguards []string        `json:"safeguards"`
	Events     []jsonEvent     `json:"events"`
	Services   []jsonService   `json:"services"`
	Impact     jsonImpact      `json:"impact"`
	Verdict    verdict.Verdict `json:"verdict"`
}

func stamp(t sim.Time) string { return t.Wall().Format(time.RFC3339) }

// round keeps two decimals, and never prints a negative zero.
func round(x float64) float64 {
	r := math.Round(x*100) / 100
	if r == 0 {
		return 0
	}
	return r
}

// deltaMin formats a difference in whole minutes with its sign ("+0",
// never "-0").
func deltaMin(d float64) string {
	m := math.Round(d)
	if m == 0 {
		return "+0"
	}
	return fmt.Sprintf("%+.0f", m)
}

func impactJSON(im sim.Impact) jsonImpact {
	j := jsonImpact{
		DynamoDBMinutes:      round(im.DynamoDBMinutes),
		EC2LaunchMinutes:     round(im.EC2LaunchMinutes),
		NLBErrorMinutes:      round(im.NLBErrorMinutes),
		NLBErrorShareMinutes: round(im.NLBErrorShareMinutes),
		NLBPeakErrors:        round(im.NLBPeakErrors),
		ServiceHours:         round(im.ServiceHours),
		IndependentHours:     round(im.IndependentHours),
		ChainHours:           round(im.ChainHours()),
		AppHours:             round(im.AppHours),
	}
	if im.End > 0 {
		end := stamp(im.End)
		j.End = &end
	}
	return j
}

func cmdRun(args []string, out, errOut io.Writer) int {
	fs := newFlags("run", errOut)
	sgList := fs.String("safeguards", "", "comma-separated safeguard ids (see 'outage-sim matrix')")
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's, which reproduces the night)")
	asJSON := fs.Bool("json", false, "print JSON")
	detail := fs.Bool("detail", false, "include every DNS automation event")
	overWorlds := fs.Bool("worlds", false, "judge the safeguards over the plausible worlds")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	set, ok := parseSafeguards(*sgList, errOut)
	if !ok {
		return 2
	}
	if *overWorlds {
		return runWorlds(set, *asJSON, out, errOut)
	}
	sc := scenario.Default()
	if *seed == 0 {
		*seed = sc.Seed
	}
	base := sim.RunWith(sc, 0, *seed, sim.Options{})
	r := sim.RunWith(sc, set, *seed, sim.Options{Detail: *detail})
	v := verdict.Judge(base, r)
	if set == 0 {
		v = verdict.Verdict{Kind: verdict.Baseline}
		v.Summary, v.Why = v.Text("en")
	}
	if *asJSON {
		return writeJSON(out, runJSON(sc, set, r, v))
	}
	writeRunText(out, sc, set, r, v)
	return 0
}

func runJSON(sc *scenario.Scenario, set safeguard.Set, r *sim.Result, v verdict.Verdict) jsonRun {
	j := jsonRun{Scenario: sc.Name, Seed: r.Seed, Safeguards: []string{}, Impact: impactJSON(r.Impact), Verdict: v}
	for _, id := range set.IDs() {
		j.Safeguards = append(j.Safeguards, string(id))
	}
	for _, e := range r.Events {
		je := jsonEvent{ID: e.Kind, At: stamp(e.At), Canonical: e.Canonical, Subject: e.Subject, Gen: e.Gen, Value: round(e.Value)}
		if e.Kind == "enactor.apply" || e.Kind == "zone.alias" || e.Kind == "enactor.lock_lost" {
			ep := e.Endpoint
			je.Endpoint = &ep
		}
		if m, ok := scenario.Lookup(e.Kind); ok && e.Canonical {
			real := sim.Time(m.MinutesFromEpoch() * float64(sim.Minute))
			je.Real = stamp(real)
			d := round((e.At - real).Minutes())
			je.DeltaMin = &d
		}
		j.Events = append(j.Events, je)
	}
	for _, s := range r.Services {
		js := jsonService{ID: s.ID, Name: s.Name, Kind: "aws", Minutes: round(s.Minutes), Outages: []jsonOutage{},
			StartUncertain: s.StartUncertain, Independent: s.Independent}
		if s.Kind == sim.App {
			js.Kind = "app"
		}
		for _, o := range s.Outages {
			js.Outages = append(js.Outages, jsonOutage{stamp(o.Start), stamp(o.End), o.Severity.String()})
		}
		j.Services = append(j.Services, js)
	}
	return j
}

func writeJSON(out io.Writer, v any) int {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return 1
	}
	return 0
}

func clock(t sim.Time) string {
	s := t.Wall().Format("15:04")
	if d := t.Wall().Day() - sim.Epoch.Day(); d > 0 {
		s += fmt.Sprintf("+%d", d)
	}
	return s
}

func writeRunText(out io.Writer, sc *scenario.Scenario, set safeguard.Set, r *sim.Result, v verdict.Verdict) {
	label := "none (the real night)"
	if set != 0 {
		label = set.String()
	}
	fmt.Fprintf(out, "%s — seed %d — safeguards: %s\n\n", sc.Name, r.Seed, label)
	fmt.Fprintln(out, "Timeline (PDT; +1 = next day). Simulated next to the real time from AWS's summary:")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  event\tsimulated\treal\tΔ min\t")
	happened := map[string]bool{}
	for _, e := range r.Events {
		if !e.Canonical {
			continue
		}
		happened[e.Kind] = true
		real, delta := "", ""
		if m, ok := scenario.Lookup(e.Kind); ok {
			rt := sim.Time(m.MinutesFromEpoch() * float64(sim.Minute))
			real = clock(rt)
			delta = deltaMin((e.At - rt).Minutes())
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", e.Kind, clock(e.At), real, delta)
	}
	for _, m := range scenario.Timeline {
		if !happened[m.ID] {
			rt := sim.Time(m.MinutesFromEpoch() * float64(sim.Minute))
			fmt.Fprintf(tw, "  %s\t—\t%s\tdid not happen\t\n", m.ID, clock(rt))
		}
	}
	tw.Flush()
	fmt.Fprintln(out, "\nOutages (apps' dependencies are illustrative):")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, s := range r.Services {
		if len(s.Outages) == 0 {
			fmt.Fprintf(tw, "  %s\t%s\tno disruption\t\n", s.ID, "")
			continue
		}
		line := ""
		for i, o := range s.Outages {
			if i > 0 {
				line += ", "
			}
			line += fmt.Sprintf("%s–%s %s", clock(o.Start), clock(o.End), o.Severity)
		}
		fmt.Fprintf(tw, "  %s\t%.0f min\t%s\t\n", s.ID, s.Minutes, line)
	}
	tw.Flush()
	im := r.Impact
	fmt.Fprintf(out, "\nImpact: DynamoDB %.0f min, EC2 launches %.0f min, NLB errors %.0f min, %.1f service-hours, %.1f app-hours",
		im.DynamoDBMinutes, im.EC2LaunchMinutes, im.NLBErrorMinutes, im.ServiceHours, im.AppHours)
	if im.End > 0 {
		fmt.Fprintf(out, ", last disruption ends %s", clock(im.End))
	}
	fmt.Fprintf(out, "\nVerdict: %s\n", v.Summary)
	if set != 0 {
		fmt.Fprintf(out, "Why: %s.\n", sentence(v.Why))
	}
}

// sentence capitalises the first letter of s.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

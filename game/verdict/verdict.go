// Package verdict compares a what-if run with the real night and ranks the
// safeguards: the answer to "which one would have stopped it?".
package verdict

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// Kind grades a what-if against the baseline (DESIGN §4).
type Kind string

// The verdicts, best first.
const (
	Prevented Kind = "prevented" // no customer-visible disruption
	Contained Kind = "contained" // the cascade stopped short: a whole layer was spared
	Shortened Kind = "shortened" // the same failure, over sooner or smaller
	Unchanged Kind = "unchanged"
	Worse     Kind = "worse"
	Baseline  Kind = "baseline" // no safeguards: the real night
)

// Rank orders kinds, best first.
func (k Kind) Rank() int {
	switch k {
	case Prevented:
		return 0
	case Contained:
		return 1
	case Shortened:
		return 2
	case Unchanged, Baseline:
		return 3
	}
	return 4
}

// Verdict is the judgement of one run.
type Verdict struct {
	Kind Kind `json:"kind"`
	// Summary is one line in English for the command line and JSON.
	Summary string `json:"summary"`
	// Why explains it from what changed in the run.
	Why string `json:"why"`
	// Stopped is the first canonical event of the real chain that did not
	// happen in this run ("" when the chain ran to the end).
	Stopped string `json:"stopped,omitempty"`
	// SavedHours is service-hours plus app-hours saved (negative: lost).
	SavedHours float64 `json:"saved_hours"`
	// EndSavedMin is how much earlier the last disruption ended.
	EndSavedMin float64 `json:"end_saved_min"`
	// Spared lists the layers disrupted on the night that were not here.
	Spared []string `json:"spared,omitempty"`
}

// chain is the real night's causal chain, in order, with what each link
// means when it is missing.
var chain = []struct{ id, missing string }{
	{"dns.record_empty", "the regional endpoint never lost its addresses"},
	{"ops.root_cause_identified", "no one had to diagnose a DynamoDB outage"},
	{"dwfm.leases_lapsed", "DWFM's leases did not all lapse"},
	{"dwfm.collapse", "DWFM never fell into congestive collapse"},
	{"netmgr.latency_high", "Network Manager never fell badly behind"},
	{"nlb.errors_start", "NLB health checks never pulled healthy capacity"},
	{"sts.errors_second_wave", "STS had no second wave"},
}

// layers are the parts whose disruption counts as the blast radius.
var layers = []struct{ id, name string }{
	{"dynamodb", "DynamoDB"}, {"ec2", "EC2 launches"}, {"nlb", "NLB"},
}

// Judge compares run with the baseline (the run with no safeguards).
func Judge(base, run *sim.Result) Verdict {
	b, r := base.Impact, run.Impact
	v := Verdict{
		SavedHours:  b.Score() - r.Score(),
		EndSavedMin: (b.End - r.End).Minutes(),
	}
	for _, c := range chain {
		_, inBase := base.First(c.id)
		_, inRun := run.First(c.id)
		if inBase && !inRun {
			v.Stopped = c.id
			v.Why = upperFirst(c.missing)
			break
		}
	}
	for _, l := range layers {
		if minutes(base, l.id) > 0 && minutes(run, l.id) == 0 {
			v.Spared = append(v.Spared, l.name)
		}
	}
	appsBase, appsRun := b.AppHours, r.AppHours
	rel := 0.0
	if b.Score() > 0 {
		rel = v.SavedHours / b.Score()
	}
	switch {
	case r.Score() < 0.05:
		v.Kind = Prevented
		v.Summary = "Prevented: no customer-visible disruption."
	case rel >= 0.25 && (len(v.Spared) > 0 || appsRun < 0.25*appsBase):
		v.Kind = Contained
		what := strings.Join(v.Spared, ", ")
		if what == "" {
			what = "the apps"
		}
		v.Summary = fmt.Sprintf("Contained: %s spared; %.0f%% of the disruption avoided.", what, 100*rel)
	case rel >= 0.01 || v.EndSavedMin >= 5 || (v.Stopped != "" && v.SavedHours > 0):
		v.Kind = Shortened
		v.Summary = fmt.Sprintf("Shortened: %s of disruption saved", hours(v.SavedHours))
		if v.EndSavedMin >= 1 {
			v.Summary += fmt.Sprintf("; over %s sooner", duration(v.EndSavedMin))
		}
		v.Summary += "."
	case rel <= -0.01 || v.EndSavedMin <= -5:
		v.Kind = Worse
		v.Summary = fmt.Sprintf("Worse: %s more disruption.", hours(-v.SavedHours))
	default:
		v.Kind = Unchanged
		v.Summary = "Unchanged: the outage runs the same course."
	}
	if v.Why == "" {
		v.Why = explainChange(base, run)
	} else if v.Kind != Prevented {
		v.Why += "; " + explainChange(base, run)
	}
	return v
}

// explainChange names the biggest differences in the layers' disruption.
func explainChange(base, run *sim.Result) string {
	var parts []string
	for _, l := range layers {
		bm, rm := minutes(base, l.id), minutes(run, l.id)
		if math.Abs(bm-rm) >= 1 {
			parts = append(parts, fmt.Sprintf("%s disrupted %s instead of %s", l.name, duration(rm), duration(bm)))
		}
	}
	if d := base.Impact.AppHours - run.Impact.AppHours; math.Abs(d) >= 0.5 {
		parts = append(parts, fmt.Sprintf("apps disrupted %.1f app-hours instead of %.1f", run.Impact.AppHours, base.Impact.AppHours))
	}
	if len(parts) == 0 {
		return "nothing in the chain of events changed"
	}
	return strings.Join(parts, "; ")
}

func minutes(r *sim.Result, id string) float64 {
	if i := r.Service(id); i >= 0 {
		var m float64
		for _, o := range r.Services[i].Outages {
			m += (o.End - o.Start).Minutes()
		}
		return m
	}
	return 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// hours formats service-hours plus app-hours.
func hours(h float64) string { return fmt.Sprintf("%.1f hours", h) }

func duration(min float64) string {
	m := int(math.Round(min))
	if m < 0 {
		m = -m
	}
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}

// Entry is one row of the scoreboard.
type Entry struct {
	Safeguards []safeguard.ID `json:"safeguards"`
	Verdict    Verdict        `json:"verdict"`
	Impact     sim.Impact     `json:"impact"`
}

// Board answers the mission's question.
type Board struct {
	Baseline sim.Impact `json:"baseline"`
	// Singles ranks every safeguard alone by disruption saved.
	Singles []Entry `json:"singles"`
	// Pairs holds every pair of safeguards, ranked the same way.
	Pairs []Entry `json:"pairs"`
	// Smallest lists the smallest sets that prevent the outage: the single
	// safeguards that do, else the pairs that do.
	Smallest [][]safeguard.ID `json:"smallest"`
}

// Scoreboard runs every single safeguard and every pair against the
// baseline. Runs record no detail, so the whole board costs well under a
// second.
func Scoreboard(sc *scenario.Scenario, seed uint64) Board {
	lean := sim.Options{}
	base := sim.RunWith(sc, 0, seed, lean)
	ids := safeguard.IDs()
	entry := func(set safeguard.Set) Entry {
		r := sim.RunWith(sc, set, seed, lean)
		return Entry{Safeguards: set.IDs(), Verdict: Judge(base, r), Impact: r.Impact}
	}
	b := Board{Baseline: base.Impact}
	for _, id := range ids {
		b.Singles = append(b.Singles, entry(safeguard.Set(0).With(id)))
	}
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			b.Pairs = append(b.Pairs, entry(safeguard.Set(0).With(ids[i], ids[j])))
		}
	}
	rank(b.Singles)
	rank(b.Pairs)
	for _, e := range b.Singles {
		if e.Verdict.Kind == Prevented {
			b.Smallest = append(b.Smallest, e.Safeguards)
		}
	}
	if len(b.Smallest) == 0 {
		for _, e := range b.Pairs {
			if e.Verdict.Kind == Prevented {
				b.Smallest = append(b.Smallest, e.Safeguards)
			}
		}
	}
	return b
}

// rank orders entries by verdict, then disruption saved, then id, so the
// board is stable.
func rank(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if ra, rb := a.Verdict.Kind.Rank(), b.Verdict.Kind.Rank(); ra != rb {
			return ra < rb
		}
		if a.Verdict.SavedHours != b.Verdict.SavedHours {
			return a.Verdict.SavedHours > b.Verdict.SavedHours
		}
		return fmt.Sprint(a.Safeguards) < fmt.Sprint(b.Safeguards)
	})
}

package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/outagelab/outage/game/racerisk"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// maxSeeds bounds `seeds --n`: each lean run costs a few milliseconds.
const maxSeeds = 10000

// seedStats is the answer to "the race is timing-dependent: how often
// does the same trigger cause it?".
type seedStats struct {
	Scenario   string   `json:"scenario"`
	Safeguards []string `json:"safeguards"`
	// Runs is the number of seeds replayed: 1..Runs.
	Runs int `json:"runs"`
	// ScenarioSeed is the seed that reproduces the night.
	ScenarioSeed uint64 `json:"scenario_seed"`
	// RecordEmpty counts the seeds in which the regional endpoint lost
	// its addresses (dns.record_empty happened); EmptySeeds lists them.
	RecordEmpty      int      `json:"record_empty"`
	RecordEmptyShare float64  `json:"record_empty_share"`
	EmptySeeds       []uint64 `json:"empty_seeds"`
	// DynamoDBDisrupted counts the seeds in which DynamoDB was disrupted
	// at all.
	DynamoDBDisrupted      int     `json:"dynamodb_disrupted"`
	DynamoDBDisruptedShare float64 `json:"dynamodb_disrupted_share"`
	// ServiceHours and AppHours summarise the disruption over all seeds;
	// ServiceHoursWhenEmpty over the seeds that emptied the endpoint
	// only (all zero when none did).
	ServiceHours          dist `json:"service_hours"`
	ServiceHoursWhenEmpty dist `json:"service_hours_when_empty"`
	AppHours              dist `json:"app_hours"`
	// DynamoDBMinutes summarises DynamoDB's disruption over all seeds.
	DynamoDBMinutes dist `json:"dynamodb_minutes"`
	// Cells is the number of DNS cells when cell-endpoints is on (the
	// endpoint that empties is then one cell's), otherwise 0.
	Cells int `json:"cells,omitempty"`
	// RaceRisk is how often the endpoint empties over many nights drawn
	// from a stated distribution of triggers, without and with the
	// safeguards, and the risk ratio.
	RaceRisk  racerisk.Comparison `json:"race_risk"`
	ElapsedMS float64             `json:"elapsed_ms"`
}

// maxNights bounds `seeds --nights`.
const maxNights = 20000

// dist is a distribution's minimum, median and maximum (and mean).
type dist struct {
	Min    float64 `json:"min"`
	Median float64 `json:"median"`
	Max    float64 `json:"max"`
	Mean   float64 `json:"mean"`
}

func distOf(xs []float64) dist {
	if len(xs) == 0 {
		return dist{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	return dist{Min: round(s[0]), Median: round(med), Max: round(s[n-1]), Mean: round(sum / float64(n))}
}

// seedRuns replays the scenario over seeds 1..n without detail.
func seedRuns(sc *scenario.Scenario, set safeguard.Set, n int) seedStats {
	st := seedStats{Scenario: sc.Name, Safeguards: ids(set.IDs()), Runs: n, ScenarioSeed: sc.Seed, EmptySeeds: []uint64{}}
	if st.Safeguards == nil {
		st.Safeguards = []string{}
	}
	if set.Has(safeguard.CellEndpoints) {
		st.Cells = sc.DNS.Cells
	}
	start := time.Now()
	sh := make([]float64, 0, n)
	ah := make([]float64, 0, n)
	dm := make([]float64, 0, n)
	var she []float64
	for seed := uint64(1); seed <= uint64(n); seed++ {
		r := sim.RunWith(sc, set, seed, sim.Options{})
		if _, ok := r.First("dns.record_empty"); ok {
			st.RecordEmpty++
			st.EmptySeeds = append(st.EmptySeeds, seed)
			she = append(she, r.Impact.ChainHours())
		}
		if r.Impact.DynamoDBMinutes > 0 {
			st.DynamoDBDisrupted++
		}
		sh = append(sh, r.Impact.ChainHours())
		ah = append(ah, r.Impact.AppHours)
		dm = append(dm, r.Impact.DynamoDBMinutes)
	}
	st.RecordEmptyShare = round(float64(st.RecordEmpty) / float64(n))
	st.DynamoDBDisruptedShare = round(float64(st.DynamoDBDisrupted) / float64(n))
	st.ServiceHours, st.AppHours, st.DynamoDBMinutes = distOf(sh), distOf(ah), distOf(dm)
	st.ServiceHoursWhenEmpty = distOf(she)
	st.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	return st
}

func cmdSeeds(args []string, out, errOut io.Writer) int {
	fs := newFlags("seeds", errOut)
	sgList := fs.String("safeguards", "", "comma-separated safeguard ids")
	n := fs.Int("n", 100, fmt.Sprintf("replay seeds 1..n (1..%d)", maxSeeds))
	nights := fs.Int("nights", 400, fmt.Sprintf("nights drawn for the race risk (10..%d)", maxNights))
	asJSON := fs.Bool("json", false, "print JSON")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *n < 1 || *n > maxSeeds {
		fmt.Fprintf(errOut, "outage-sim seeds: n = %d: valid range is 1..%d\n", *n, maxSeeds)
		return 2
	}
	if *nights < 10 || *nights > maxNights {
		fmt.Fprintf(errOut, "outage-sim seeds: nights = %d: valid range is 10..%d\n", *nights, maxNights)
		return 2
	}
	set, ok := parseSafeguards(*sgList, errOut)
	if !ok {
		return 2
	}
	start := time.Now()
	sc := scenario.Default()
	st := seedRuns(sc, set, *n)
	st.RaceRisk = racerisk.Compare(sc, set, racerisk.Default, *nights)
	st.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	if *asJSON {
		return writeJSON(out, st)
	}
	writeSeedsText(out, st)
	return 0
}

func writeSeedsText(out io.Writer, st seedStats) {
	label := "none (the real night)"
	if len(st.Safeguards) > 0 {
		label = strings.Join(st.Safeguards, ",")
	}
	fmt.Fprintf(out, "%s — seeds 1..%d — safeguards: %s\n", st.Scenario, st.Runs, label)
	fmt.Fprintln(out, "The same trigger (one slow Enactor) every time; only the timing jitter changes with the seed.")
	fmt.Fprintln(out)
	pct := func(k int) string {
		return fmt.Sprintf("%d of %d (%.0f%%)", k, st.Runs, 100*float64(k)/float64(st.Runs))
	}
	fmt.Fprintf(out, "  regional endpoint emptied (dns.record_empty):  %s\n", pct(st.RecordEmpty))
	fmt.Fprintf(out, "  DynamoDB disrupted at all:                    %s\n", pct(st.DynamoDBDisrupted))
	if st.Cells > 0 {
		fmt.Fprintf(out, "  (with cell-endpoints the endpoint that empties is one cell's of %d, not the Region's)\n", st.Cells)
	}
	d := func(name, unit string, x dist) {
		fmt.Fprintf(out, "  %-45s min %.1f, median %.1f, max %.1f, mean %.1f%s\n", name, x.Min, x.Median, x.Max, x.Mean, unit)
	}
	d("disruption of AWS services:", " service-hours", st.ServiceHours)
	if st.RecordEmpty > 0 {
		d("  … in the runs that emptied the endpoint:", " service-hours", st.ServiceHoursWhenEmpty)
	}
	d("apps down (illustrative):", " app-hours", st.AppHours)
	d("DynamoDB disrupted:", " min", st.DynamoDBMinutes)
	if len(st.EmptySeeds) > 0 {
		shown := st.EmptySeeds
		more := ""
		if len(shown) > 20 {
			more = fmt.Sprintf(", … (%d more)", len(shown)-20)
			shown = shown[:20]
		}
		parts := make([]string, len(shown))
		for i, s := range shown {
			parts[i] = fmt.Sprint(s)
		}
		fmt.Fprintf(out, "\nSeeds that empty the endpoint: %s%s\n", strings.Join(parts, ", "), more)
	}
	fmt.Fprintf(out, "The scenario's own seed, %d, reproduces the night; see 'outage-sim run --seed N' for any other.\n", st.ScenarioSeed)
	writeRaceRisk(out, st.RaceRisk)
	fmt.Fprintf(out, "\n%d seeds and %d nights in %s\n", st.Runs, st.RaceRisk.Without.Nights, time.Duration(st.ElapsedMS*float64(time.Millisecond)).Round(time.Millisecond))
}

// writeRaceRisk prints how often the race happens over many nights.
func writeRaceRisk(out io.Writer, c racerisk.Comparison) {
	d := c.Distribution
	rg := func(r racerisk.Range, unit string) string {
		how := "uniform"
		if r.Log {
			how = "log-uniform"
		}
		return fmt.Sprintf("%g–%g %s, %s", r.Lo, r.Hi, unit, how)
	}
	fmt.Fprintf(out, "\nRace risk over %d nights, each drawing the slow Enactor's stall (%s), its batches (%s) and the Planner's jitter (%s):\n",
		c.Without.Nights, rg(d.TriggerMin, "min"), rg(d.BatchSec, "s"), rg(d.PlanJitterSec, "s"))
	line := func(name string, r racerisk.Risk) {
		fmt.Fprintf(out, "  %-22s the endpoint empties on %d of %d nights (%.1f%%, 95%% %.1f–%.1f%%)%s\n",
			name, r.Emptied, r.Nights, 100*r.Share, 100*r.Low, 100*r.High, oneIn(r.Share))
	}
	line("without safeguards:", c.Without)
	if len(c.Safeguards) == 0 {
		return
	}
	line("with them:", c.With)
	if !c.Defined {
		fmt.Fprintln(out, "  risk ratio: none (the endpoint emptied on no night either way)")
		return
	}
	fmt.Fprintf(out, "  risk ratio %.3f (95%% %.3f–%.3f)\n", c.RiskRatio, c.Low, c.High)
}

func oneIn(share float64) string {
	if n := racerisk.OneIn(share); n > 0 {
		return fmt.Sprintf(": about 1 night in %d", n)
	}
	return ""
}

package worlds

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sample"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
)

// RobustShare is how many of the plausible worlds must agree for a
// verdict to be robust.
const RobustShare = 0.9

// Ensemble is a set of plausible worlds, with each world's scenario and
// real night made once, when first needed. Different worlds may be judged
// at once; one world is judged by one goroutine at a time.
type Ensemble struct {
	Worlds []World
	scs    []*scenario.Scenario
	bases  []verdict.Base // each world's own real night, as a verdict needs it
}

// NewEnsemble wraps worlds.
func NewEnsemble(ws []World) *Ensemble {
	return &Ensemble{Worlds: ws, scs: make([]*scenario.Scenario, len(ws)), bases: make([]verdict.Base, len(ws))}
}

// Outcome is one world's verdict on a safeguard set.
type Outcome struct {
	Kind       verdict.Kind
	SavedHours float64 // AWS service-hours
	SavedApps  float64 // app-hours (illustrative)
	// CellShare: the share of DWFM's fleets the failing cell served.
	CellShare float64
}

// Judge runs the set in world i against that world's own real night.
func (e *Ensemble) Judge(i int, set safeguard.Set) Outcome {
	if e.scs[i] == nil {
		e.scs[i] = e.Worlds[i].Scenario()
		e.bases[i] = verdict.BaseOf(sim.RunWith(e.scs[i], 0, e.Worlds[i].Seed, sim.Options{}))
	}
	r := sim.RunWith(e.scs[i], set, e.Worlds[i].Seed, sim.Options{})
	v := verdict.JudgeBase(e.bases[i], r)
	return Outcome{Kind: v.Kind, SavedHours: v.SavedHours, SavedApps: v.SavedAppHours, CellShare: r.DWFMCellShare}
}

// Band is a 10–50–90% band.
type Band struct {
	P10 float64 `json:"p10"`
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
}

func bandOf(xs []float64) Band {
	r := func(x float64) float64 { return math.Round(x*10) / 10 }
	return Band{r(quantile(xs, 0.1)), r(quantile(xs, 0.5)), r(quantile(xs, 0.9))}
}

// Split is the estimate that decides a verdict that is not robust: the
// parameter whose value best separates the worlds of the two commonest
// kinds, with its threshold.
type Split struct {
	Parameter string  `json:"parameter"`
	Label     string  `json:"label"`
	Unit      string  `json:"unit,omitempty"`
	Threshold float64 `json:"threshold"`
	// Above is the kind when the parameter exceeds the threshold (for a
	// yes-or-no feature: when it holds), Below otherwise.
	Above verdict.Kind `json:"above"`
	Below verdict.Kind `json:"below"`
	// Accuracy is the share of worlds the rule gets right; Baseline the
	// share that always answering the commonest kind gets right.
	Accuracy float64 `json:"accuracy"`
	Baseline float64 `json:"baseline"`
	// Chance is set when shuffled kinds were split as well: the rule may
	// be luck.
	Chance bool `json:"-"`
}

// Summary is a safeguard set's verdict over the plausible worlds.
type Summary struct {
	Safeguards []safeguard.ID           `json:"safeguards"`
	Worlds     int                      `json:"worlds"`
	Kinds      map[verdict.Kind]float64 `json:"kinds"`
	// Majority is the commonest kind; Robust when it holds in at least
	// RobustShare of the worlds.
	Majority verdict.Kind `json:"majority"`
	Robust   bool         `json:"robust"`
	// SavedServiceHours is the band of AWS service-hours saved;
	// SavedAppHours of app-hours (illustrative).
	SavedServiceHours Band `json:"saved_service_hours"`
	SavedAppHours     Band `json:"saved_app_hours"`
	// DependsOn names the estimate that decides a verdict that is not
	// robust.
	DependsOn *Split `json:"depends_on,omitempty"`
	// NoSingleEstimate is set when the worlds disagree but no one estimate
	// tells them apart well (several estimates matter together).
	NoSingleEstimate bool `json:"no_single_estimate,omitempty"`
	// Central is the verdict in the central world (the one the app plays).
	Central verdict.Kind `json:"central"`
}

// Summarise runs the set in every world.
func (e *Ensemble) Summarise(set safeguard.Set) Summary {
	out := make([]Outcome, len(e.Worlds))
	parallel(len(e.Worlds), func(i int) { out[i] = e.Judge(i, set) })
	return Summarise(e.Worlds, set, out)
}

// Summarise reduces the worlds' outcomes (in world order) to a summary.
func Summarise(ws []World, set safeguard.Set, out []Outcome) Summary {
	s := Summary{Safeguards: set.IDs(), Worlds: len(out), Kinds: map[verdict.Kind]float64{}}
	if s.Safeguards == nil {
		s.Safeguards = []safeguard.ID{}
	}
	if len(out) == 0 {
		return s
	}
	var saved, apps []float64
	counts := map[verdict.Kind]int{}
	for _, o := range out {
		counts[o.Kind]++
		saved = append(saved, o.SavedHours)
		apps = append(apps, o.SavedApps)
	}
	for k, n := range counts {
		s.Kinds[k] = math.Round(1000*float64(n)/float64(len(out))) / 1000
	}
	s.Majority = commonest(counts)
	s.Robust = float64(counts[s.Majority]) >= RobustShare*float64(len(out))
	s.SavedServiceHours, s.SavedAppHours = bandOf(saved), bandOf(apps)
	s.Central = out[0].Kind
	if !s.Robust {
		if sp := split(ws, out); sp != nil && !sp.Chance {
			s.DependsOn = sp
		} else if sp != nil {
			s.NoSingleEstimate = true
		}
	}
	return s
}

// commonest is the kind with the most worlds (the better kind on a tie).
func commonest(counts map[verdict.Kind]int) verdict.Kind {
	best := verdict.Kind("")
	for _, k := range verdict.Kinds {
		if counts[k] > counts[best] || best == "" && counts[k] > 0 {
			best = k
		}
	}
	return best
}

// split finds the one-threshold rule on one feature that best tells the
// two commonest kinds apart, and keeps it only if no shuffle of the
// kinds over the worlds does as well: with some sixty estimates to choose
// from, one of them separates a few hundred worlds fairly well by chance
// alone (a permutation test at the 5% level).
func split(ws []World, out []Outcome) *Split {
	counts := map[verdict.Kind]int{}
	for _, o := range out {
		counts[o.Kind]++
	}
	type kc struct {
		k verdict.Kind
		n int
	}
	var ks []kc
	for k, n := range counts {
		ks = append(ks, kc{k, n})
	}
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].n != ks[j].n {
			return ks[i].n > ks[j].n
		}
		return ks[i].k.Rank() < ks[j].k.Rank()
	})
	if len(ks) < 2 {
		return nil
	}
	a, b := ks[0].k, ks[1].k
	n := len(out)
	type feature struct {
		name, label, unit string
		vals              []float64
		order             []int
	}
	var fs []feature
	for k, p := range scenario.Params() {
		v := make([]float64, n)
		for i := range v {
			v[i] = ws[i].Values[k]
		}
		fs = append(fs, feature{name: p.Name, label: p.Label, unit: p.Unit, vals: v})
	}
	// Which cell the trigger hits is drawn from the seed, not a parameter;
	// what it does to DWFM is a feature of its own.
	v := make([]float64, n)
	for i := range v {
		v[i] = out[i].CellShare
	}
	fs = append(fs, feature{name: "dwfm_cell_share", label: "the share of DWFM's fleets in the failing cell", unit: "share", vals: v})
	for f := range fs {
		fs[f].order = make([]int, n)
		for i := range fs[f].order {
			fs[f].order[i] = i
		}
		vals := fs[f].vals
		sort.SliceStable(fs[f].order, func(x, y int) bool { return vals[fs[f].order[x]] < vals[fs[f].order[y]] })
	}
	labels := make([]verdict.Kind, n)
	for i := range out {
		labels[i] = out[i].Kind
	}
	// best scans every feature's thresholds for the kinds in lab.
	best := func(lab []verdict.Kind) (int, int, bool, int) {
		bf, bj, bswap, bright := -1, 0, false, -1
		totA, totB := 0, 0
		for _, k := range lab {
			switch k {
			case a:
				totA++
			case b:
				totB++
			}
		}
		for f, ft := range fs {
			belowA, belowB := 0, 0
			for j := 0; j < n-1; j++ {
				switch lab[ft.order[j]] {
				case a:
					belowA++
				case b:
					belowB++
				}
				if ft.vals[ft.order[j]] == ft.vals[ft.order[j+1]] {
					continue
				}
				r1 := belowA + (totB - belowB) // below → a, above → b
				r2 := belowB + (totA - belowA) // below → b, above → a
				if r1 > bright {
					bf, bj, bswap, bright = f, j, false, r1
				}
				if r2 > bright {
					bf, bj, bswap, bright = f, j, true, r2
				}
			}
		}
		return bf, bj, bswap, bright
	}
	f, j, swap, right := best(labels)
	if f < 0 {
		return nil
	}
	// The permutation test.
	r := sample.New(uint64(n)*0x9E3779B97F4A7C15 + uint64(counts[a]))
	shuffled := append([]verdict.Kind(nil), labels...)
	beaten := 0
	const perms = 60
	for range perms {
		for i := n - 1; i > 0; i-- {
			x := r.Intn(i + 1)
			shuffled[i], shuffled[x] = shuffled[x], shuffled[i]
		}
		if _, _, _, rr := best(shuffled); rr >= right {
			beaten++
		}
	}
	ft := fs[f]
	above, below := b, a
	if swap {
		above, below = a, b
	}
	sp := &Split{Parameter: ft.name, Label: ft.label, Unit: ft.unit,
		Threshold: (ft.vals[ft.order[j]] + ft.vals[ft.order[j+1]]) / 2,
		Above:     above, Below: below,
		Accuracy: math.Round(1000*float64(right)/float64(n)) / 1000,
		Baseline: math.Round(1000*float64(counts[a])/float64(n)) / 1000}
	if float64(beaten) > 0.05*perms {
		sp.Chance = true
	}
	return sp
}

// Words says a summary in English: "shortened in 62% of 241 plausible
// worlds, contained in 38%: contained when DWFM's lease-work timeout
// exceeds 4.6 min".
func (s Summary) Words() string {
	var parts []string
	for _, k := range verdict.Kinds {
		if sh, ok := s.Kinds[k]; ok {
			parts = append(parts, fmt.Sprintf("%s in %.0f%%", k, 100*sh))
		}
	}
	out := strings.Join(parts, ", ") + fmt.Sprintf(" of %d plausible worlds", s.Worlds)
	if s.Robust {
		return "robust: " + out
	}
	if d := s.DependsOn; d != nil {
		out += fmt.Sprintf(": %s when %s exceeds %s", d.Above, d.Label, FormatValue(d.Threshold, d.Unit))
		out += fmt.Sprintf(" (right in %.0f%% of worlds)", 100*d.Accuracy)
	} else if s.NoSingleEstimate {
		out += ": no single estimate decides it"
	}
	return out
}

// FormatValue writes a parameter value with its unit, to a sensible
// precision.
func FormatValue(v float64, unit string) string {
	s := fmt.Sprintf("%.3g", v)
	if unit == "share" {
		s = fmt.Sprintf("%.0f%%", 100*v)
		return s
	}
	if unit != "" {
		s += " " + unit
	}
	return s
}

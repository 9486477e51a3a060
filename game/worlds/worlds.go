// Package worlds finds the plausible worlds: the values of the estimated
// parameters (scenario.Params) under which the simulated night matches the
// PES timeline, and judges what-ifs over all of them.
//
// One world (the scenario's fitted values) reproduces the night; so may
// many others. A verdict that holds in one world may not hold in another,
// and a reader deserves to know which verdicts every plausible world
// agrees on and, where they disagree, which estimate decides. Calibration
// is history matching: sample the ranges with a Latin hypercube, run the
// real night (no safeguards) in each world, rule out the worlds whose
// canonical events miss the PES by more than the tolerance, and refocus
// the next wave of samples on the region not yet ruled out.
package worlds

import (
	"hash/fnv"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// ToleranceMin is how far a simulated canonical event may fall from its
// PES time in a plausible world: the PES gives times to the minute, some
// as "by" or approximate, and the model's own step is a minute.
const ToleranceMin = 5

// World is one point of the parameter ranges and a seed.
type World struct {
	Seed uint64
	// Values are the parameters in scenario.Params() order. A sampled
	// world's values are exactly those of its positions Q, so that the
	// stored ensemble reproduces every world to the bit.
	Values []float64
	// Q holds each parameter's position in its range, in 65,536 steps
	// (nil for the central world, whose values are the scenario's).
	Q []uint16
	// Hash is the trace hash of its real night, for determinism checks.
	Hash uint64
}

// Steps is how finely a sampled world's positions are stored.
const Steps = 65535

// fromPositions makes a world from positions 0..1, quantised.
func fromPositions(seed uint64, pos []float64) World {
	ps := scenario.Params()
	w := World{Seed: seed, Values: make([]float64, len(ps)), Q: make([]uint16, len(ps))}
	for k, p := range ps {
		q := uint16(math.Round(min(1, max(0, pos[k])) * Steps))
		w.Q[k] = q
		w.Values[k] = p.At(min(float64(q)/Steps, 0.999999))
	}
	return w
}

// Positions are a world's positions 0..1 in its ranges.
func (w World) Positions() []float64 {
	ps := scenario.Params()
	out := make([]float64, len(ps))
	for k, p := range ps {
		if w.Q != nil {
			out[k] = float64(w.Q[k]) / Steps
		} else {
			out[k] = min(1, max(0, p.Position(w.Values[k])))
		}
	}
	return out
}

// Scenario builds the world's scenario from the default one.
func (w World) Scenario() *scenario.Scenario {
	sc := scenario.Default().Clone()
	for i, p := range scenario.Params() {
		if i < len(w.Values) {
			p.Set(sc, w.Values[i])
		}
	}
	sc.Seed = w.Seed
	return sc
}

// Central is the world the animation plays: the scenario's fitted values.
func Central() World {
	sc := scenario.Default()
	w := World{Seed: sc.Seed}
	for _, p := range scenario.Params() {
		w.Values = append(w.Values, p.Get(sc))
	}
	return w
}

// Check is one timed fact the model is compared with.
type Check struct {
	ID   string
	Real sim.Time
	// Of finds it in a run.
	Of func(*sim.Result) (sim.Time, bool)
}

func canonical(id string) Check {
	m, _ := scenario.Lookup(id)
	return Check{ID: id, Real: sim.At(m.Day, m.Hour, m.Minute), Of: func(r *sim.Result) (sim.Time, bool) {
		e, ok := r.First(id)
		return e.At, ok
	}}
}

// heldOutIDs are canonical events the matching does not use: the model
// predicts them, and how well it does is the honest test of it.
var heldOutIDs = map[string]bool{
	"netmgr.recovered":            true,
	"nlb.failover_reenabled":      true,
	"ddb.global_tables_caught_up": true,
}

// injectedIDs are canonical events the scenario sets as they happened
// (Redshift's own IAM-user defect at 23:47): a world cannot miss them, so
// matching them would only look like evidence.
var injectedIDs = map[string]bool{
	"redshift.errors_start": true,
}

// Fitted lists the checks a plausible world must pass.
func Fitted() []Check {
	var out []Check
	for _, m := range scenario.Timeline {
		if !heldOutIDs[m.ID] && !injectedIDs[m.ID] {
			out = append(out, canonical(m.ID))
		}
	}
	return out
}

// HeldOut lists the checks kept out of the matching: three canonical
// events and Amazon Connect's second wave (PES: from 07:04, restored
// 13:20), which the model derives from its dependencies.
func HeldOut() []Check {
	var out []Check
	for _, m := range scenario.Timeline {
		if heldOutIDs[m.ID] {
			out = append(out, canonical(m.ID))
		}
	}
	// The second wave: Connect's impairment from the first interval that
	// starts after the first wave (PES: first wave to 05:00) to the end of
	// its last.
	connect := func(end bool) func(r *sim.Result) (sim.Time, bool) {
		return func(r *sim.Result) (sim.Time, bool) {
			i := r.Service("connect")
			if i < 0 {
				return 0, false
			}
			var start, last sim.Time
			found := false
			for _, o := range r.Services[i].Outages {
				if o.Start < sim.At(1, 4, 30) {
					continue
				}
				if !found {
					start, found = o.Start, true
				}
				last = o.End
			}
			if end {
				return last, found
			}
			return start, found
		}
	}
	out = append(out,
		Check{ID: "connect.second_wave_start", Real: sim.At(1, 7, 4), Of: connect(false)},
		Check{ID: "connect.recovered", Real: sim.At(1, 13, 20), Of: connect(true)})
	return out
}

// misses is each check's miss in minutes (MissingMin when it does not
// happen).
func misses(r *sim.Result, checks []Check) []float64 {
	out := make([]float64, len(checks))
	for i, c := range checks {
		out[i] = MissingMin
		if t, ok := c.Of(r); ok {
			out[i] = min(MissingMin, math.Abs((t - c.Real).Minutes()))
		}
	}
	return out
}

// Implausibility is the largest miss over the fitted checks, in units of
// the tolerance: a world is plausible at 1 or below.
func Implausibility(r *sim.Result, checks []Check) float64 {
	worst := 0.0
	for _, m := range misses(r, checks) {
		worst = max(worst, m/ToleranceMin)
	}
	return worst
}

// MissingMin is the miss a check that never happens counts as: more than
// any miss of one that does (the night runs 15.5 hours).
const MissingMin float64 = 24 * 60

// Night runs a world's real night (no safeguards), lean.
func (w World) Night() *sim.Result {
	sc := w.Scenario()
	return sim.RunWith(sc, 0, w.Seed, sim.Options{})
}

// parallel runs f(i) for i in [0, n) on every core; results go by index,
// so the outcome does not depend on scheduling.
func parallel(n int, f func(i int)) {
	workers := max(1, min(runtime.NumCPU(), n))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// RangesHash identifies the parameter ranges, so a stored ensemble can
// tell when they changed.
func RangesHash() uint64 {
	h := fnv.New64a()
	for _, p := range scenario.Params() {
		h.Write([]byte(p.String()))
		if p.Log {
			h.Write([]byte("log"))
		}
		if p.Int {
			h.Write([]byte("int"))
		}
	}
	return h.Sum64()
}

// ModelHash identifies the model: the trace hash of the central world's
// night.
func ModelHash() uint64 {
	sc := scenario.Default()
	return sim.Run(sc, 0, sc.Seed).Hash()
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	f := pos - float64(i)
	return s[i]*(1-f) + s[i+1]*f
}

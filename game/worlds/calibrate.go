package worlds

import (
	"math"
	"sort"

	"github.com/outagelab/outage/game/sample"

	"github.com/outagelab/outage/game/scenario"
)

// Options steer a calibration.
type Options struct {
	// Seed makes the whole calibration reproducible.
	Seed uint64
	// Screen is how many worlds the first, space-filling wave samples
	// over the full ranges.
	Screen int
	// Chains and Steps are the random walks over the plausible region:
	// how many, and how many proposals each makes.
	Chains, Steps int
	// Want is how many plausible worlds to keep (besides the central one).
	Want int
}

// DefaultOptions calibrate within the 2-minute budget on two cores.
var DefaultOptions = Options{Seed: 20251020, Screen: 4000, Chains: 2, Steps: 8000, Want: 240}

// Wave is one round of sampling.
type Wave struct {
	// Kind is "latin-hypercube" (space-filling, over the full ranges) or
	// "random-walk" (ABC-MCMC moves within the plausible region).
	Kind  string `json:"kind"`
	Tried int    `json:"tried"`
	// Plausible is how many tried worlds matched every fitted check
	// within the tolerance.
	Plausible int `json:"plausible"`
}

// Span is what the plausible worlds make of one parameter's range.
type Span struct {
	Name   string  `json:"name"`
	Label  string  `json:"label"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	KeptLo float64 `json:"kept_lo"`
	KeptHi float64 `json:"kept_hi"`
	// Share is the kept worlds' 10–90% spread as a share of the range (in
	// the range's own scale, log for log ranges): small means the PES
	// constrains the parameter.
	Share float64 `json:"share"`
	// Constrained is Share below 0.3: a parameter the night cannot see
	// spreads over about 0.8 of its range (the walks are finite, so some
	// spread less).
	Constrained bool `json:"constrained"`
}

// Miss is how well the plausible worlds predict one held-out check.
type Miss struct {
	ID string `json:"id"`
	// Real is the PES time, as "HH:MM" PDT.
	Real string `json:"real"`
	// MedianMin and WorstMin are the median and the worst absolute error
	// in minutes over the plausible worlds; Missing counts the worlds in
	// which it did not happen at all.
	MedianMin float64 `json:"median_min"`
	WorstMin  float64 `json:"worst_min"`
	Missing   int     `json:"missing"`
	// CentralMin is the central world's signed error.
	CentralMin float64 `json:"central_min"`
}

// Calibration is the outcome of history matching.
type Calibration struct {
	Method    string  `json:"method"`
	Tolerance float64 `json:"tolerance_min"`
	Waves     []Wave  `json:"waves"`
	Tried     int     `json:"tried"`
	Kept      int     `json:"kept"`
	// Worlds are the plausible worlds, the central one first.
	Worlds  []World `json:"-"`
	Spans   []Span  `json:"spans"`
	HeldOut []Miss  `json:"held_out"`
}

// Method says how the worlds were found.
const Method = "a Latin-hypercube screen of the full ranges (plain rejection), then ABC-MCMC random walks through " +
	"the plausible region from the central world and every plausible world the screen found: each step moves one to " +
	"three parameters (and one step in five the seed) and is kept only if every fitted PES event stays within the " +
	"tolerance; the walks are thinned to the ensemble"

// Calibrate finds the plausible worlds. It first screens the full
// ranges with a Latin hypercube (plain rejection: what it keeps, it
// keeps). The PES constrains some thirty parameters jointly and tightly,
// and the race itself happens on about one seed in three, so a
// space-filling design alone finds almost none; the plausible region is
// then explored by random walks that start from the central world and
// every plausible world the screen found (ABC-MCMC, Marjoram et al. 2003):
// each step moves one to three parameters (and sometimes the seed) and is
// kept only if the night still matches. The chains are thinned to Want
// worlds, spread over their length.
func Calibrate(o Options) Calibration {
	ps := scenario.Params()
	d := len(ps)
	fitted := Fitted()
	r := sample.New(o.Seed)
	c := Calibration{Method: Method, Tolerance: ToleranceMin}
	central := Central()
	central.Hash = central.Night().Hash()

	// The screen.
	pts := sample.LatinHypercube(&r, o.Screen, d)
	ws := make([]World, len(pts))
	imp := make([]float64, len(pts))
	for i, pt := range pts {
		ws[i] = fromPositions(r.Next()%1_000_000+1, pt)
	}
	parallel(len(ws), func(i int) {
		res := ws[i].Night()
		imp[i] = Implausibility(res, fitted)
		ws[i].Hash = res.Hash()
	})
	starts := []World{central}
	screen := Wave{Kind: "latin-hypercube", Tried: len(ws)}
	for i := range ws {
		if imp[i] <= 1 {
			screen.Plausible++
			starts = append(starts, ws[i])
		}
	}
	c.Waves = append(c.Waves, screen)

	// The random walks, one per core, each from its own start.
	chains := make([][]World, o.Chains)
	tried := make([]int, o.Chains)
	seeds := make([]uint64, o.Chains)
	for i := range seeds {
		seeds[i] = r.Next()
	}
	parallel(o.Chains, func(ci int) {
		cr := sample.New(seeds[ci])
		cur := starts[ci%len(starts)]
		for range o.Steps {
			pos := cur.Positions()
			seed := cur.Seed
			for range 1 + int(cr.Next()%3) {
				k := int(cr.Next() % uint64(d))
				// Steps of several sizes: the PES pins some parameters to
				// a sliver of their range and leaves others free.
				step := [...]float64{0.2, 0.05, 0.01, 0.002}[cr.Next()%4]
				u := pos[k] + step*cr.Normal()
				for u < 0 || u > 1 { // reflect at the bounds
					if u < 0 {
						u = -u
					}
					if u > 1 {
						u = 2 - u
					}
				}
				pos[k] = u
			}
			if cr.Next()%5 == 0 {
				seed = cr.Next()%1_000_000 + 1
			}
			next := fromPositions(seed, pos)
			tried[ci]++
			res := next.Night()
			if Implausibility(res, fitted) <= 1 {
				next.Hash = res.Hash()
				cur = next
			}
			chains[ci] = append(chains[ci], cur)
		}
	})
	walk := Wave{Kind: "random-walk"}
	for ci := range chains {
		walk.Tried += tried[ci]
	}
	// Thin: Want worlds, evenly over every chain's length, skipping the
	// first tenth (still near its start) and repeats.
	seen := map[uint64]bool{central.Hash: true}
	var plausible []World
	per := max(1, o.Want/max(1, o.Chains))
	for _, ch := range chains {
		burn := len(ch) / 10
		span := len(ch) - burn
		for j := range per {
			w := ch[burn+j*span/per]
			if !seen[w.Hash] {
				seen[w.Hash] = true
				plausible = append(plausible, w)
			}
		}
	}
	for ci := range chains {
		last := World{}
		for _, w := range chains[ci] {
			if w.Hash != last.Hash {
				walk.Plausible++
				last = w
			}
		}
	}
	c.Waves = append(c.Waves, walk)
	c.Tried = screen.Tried + walk.Tried
	c.Worlds = append([]World{central}, plausible...)
	c.Kept = len(plausible)
	c.Spans = spans(c.Worlds)
	c.HeldOut = heldOut(c.Worlds)
	return c
}

func spans(ws []World) []Span {
	var out []Span
	for k, p := range scenario.Params() {
		vals := make([]float64, len(ws))
		pos := make([]float64, len(ws))
		for i, w := range ws {
			vals[i] = w.Values[k]
			pos[i] = p.Position(vals[i])
		}
		s := Span{Name: p.Name, Label: p.Label, Lo: p.Lo, Hi: p.Hi,
			KeptLo: quantile(vals, 0), KeptHi: quantile(vals, 1),
			Share: quantile(pos, 0.9) - quantile(pos, 0.1)}
		s.Constrained = s.Share < 0.3
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Share < out[j].Share })
	return out
}

func heldOut(ws []World) []Miss {
	checks := HeldOut()
	errs := make([][]float64, len(checks))
	missing := make([]int, len(checks))
	central := make([]float64, len(checks))
	res := make([][]float64, len(ws))
	ok := make([][]bool, len(ws))
	parallel(len(ws), func(i int) {
		r := ws[i].Night()
		res[i] = make([]float64, len(checks))
		ok[i] = make([]bool, len(checks))
		for j, c := range checks {
			t, found := c.Of(r)
			ok[i][j] = found
			res[i][j] = (t - c.Real).Minutes()
		}
	})
	for i := range ws {
		for j := range checks {
			if !ok[i][j] {
				missing[j]++
				continue
			}
			errs[j] = append(errs[j], math.Abs(res[i][j]))
			if i == 0 {
				central[j] = res[i][j]
			}
		}
	}
	var out []Miss
	for j, c := range checks {
		m := Miss{ID: c.ID, Real: c.Real.Clock(), Missing: missing[j], CentralMin: central[j]}
		if len(errs[j]) > 0 {
			m.MedianMin = quantile(errs[j], 0.5)
			m.WorstMin = quantile(errs[j], 1)
		}
		out = append(out, m)
	}
	return out
}

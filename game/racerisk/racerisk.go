// Package racerisk measures how often the DNS race empties the regional
// endpoint over a stated distribution of nights, with and without a set of
// safeguards, as a risk ratio with a confidence interval.
//
// The reproduced night is one draw of a timing-dependent race. Safeguards
// that only change rates or timing (fewer-plans) can make the race miss on
// that night without removing it; the question an engineer asks of them is
// "how much rarer?", and only many nights answer it. Each night draws the
// trigger (how long, and how slow, the slow Enactor's batches are), the
// Planner's jitter and a seed; the same nights are replayed with and
// without the safeguards, so the comparison is paired.
package racerisk

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sample"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// Range is a range [Lo, Hi], drawn uniformly, or log-uniformly (every
// factor of two as likely) when Log is set.
type Range struct {
	Lo  float64 `json:"lo"`
	Hi  float64 `json:"hi"`
	Log bool    `json:"log,omitempty"`
}

// at is the point a share u (0..1) of the way through the range.
func (rg Range) at(u float64) float64 {
	if rg.Log && rg.Lo > 0 {
		return rg.Lo * math.Pow(rg.Hi/rg.Lo, u)
	}
	return rg.Lo + (rg.Hi-rg.Lo)*u
}

// Distribution is the stated distribution of nights.
type Distribution struct {
	// TriggerMin: how long the slow Enactor stays slow, in minutes. The
	// PES says only "unusually high delays"; the reproduced night's
	// 9 minutes sits inside. Log-uniform: short stalls are common, long
	// ones rare but possible; the upper end decides how often a slow lane
	// of plans still lets the race through (the slow Enactor must fall
	// CleanupThreshold slow-lane generations behind).
	TriggerMin Range `json:"trigger_min"`
	// BatchSec: how long each of its batches takes while slow. Below the
	// lock's TTL it never loses the lock; the range runs from just above
	// normal to well past the TTL.
	BatchSec Range `json:"batch_sec"`
	// PlanJitterSec: how irregular the Planner's pace is, per night.
	PlanJitterSec Range `json:"plan_jitter_sec"`
	// Seed is the first of the nights' seeds (night i uses Seed+i).
	Seed uint64 `json:"seed"`
}

// Default is the distribution the product states.
var Default = Distribution{
	TriggerMin:    Range{2, 120, true},
	BatchSec:      Range{Lo: 10, Hi: 900, Log: true},
	PlanJitterSec: Range{Lo: 0, Hi: 20},
	Seed:          1000,
}

// Night is one draw.
type Night struct {
	Seed          uint64
	TriggerMin    float64
	BatchSec      float64
	PlanJitterSec float64
}

// Nights draws n nights, reproducibly, with a Latin-hypercube design so
// that few nights still cover every range evenly.
func (d Distribution) Nights(n int) []Night {
	r := sample.New(d.Seed*0x9E3779B97F4A7C15 + 7)
	out := make([]Night, n)
	for i, pt := range sample.LatinHypercube(&r, n, 3) {
		out[i] = Night{Seed: d.Seed + uint64(i), TriggerMin: d.TriggerMin.at(pt[0]),
			BatchSec: d.BatchSec.at(pt[1]), PlanJitterSec: d.PlanJitterSec.at(pt[2])}
	}
	return out
}

// Apply sets a night's trigger on a copy of the scenario, with a horizon
// just long enough to see whether the endpoint empties.
func (nt Night) Apply(sc *scenario.Scenario) *scenario.Scenario {
	c := sc.Clone()
	c.DNS.Trigger.EndMin = c.DNS.Trigger.StartMin + nt.TriggerMin
	c.DNS.Trigger.BatchSec = nt.BatchSec
	c.DNS.PlanJitterSec = nt.PlanJitterSec
	// The race can happen only while the Enactor is slow or just after:
	// half an hour past the trigger settles it.
	c.HorizonMin = c.DNS.Trigger.EndMin + 30
	return c
}

// Empties reports whether the regional endpoint lost its addresses on
// that night with those safeguards.
func (nt Night) Empties(sc *scenario.Scenario, set safeguard.Set) bool {
	r := sim.RunWith(nt.Apply(sc), set, nt.Seed, sim.Options{})
	_, ok := r.First("dns.record_empty")
	return ok
}

// Risk is a share of nights with a 95% Wilson interval.
type Risk struct {
	Nights  int     `json:"nights"`
	Emptied int     `json:"emptied"`
	Share   float64 `json:"share"`
	Low     float64 `json:"low"`
	High    float64 `json:"high"`
}

// Comparison is the risk without and with the safeguards, and their ratio.
type Comparison struct {
	Safeguards   []safeguard.ID `json:"safeguards"`
	Distribution Distribution   `json:"distribution"`
	Without      Risk           `json:"without"`
	With         Risk           `json:"with"`
	// RiskRatio is With.Share / Without.Share, with a 95% interval
	// (Katz's log method; a count of zero gets half a night added to
	// every cell, so the interval is finite and says how rare the data
	// allow it to be).
	RiskRatio float64 `json:"risk_ratio"`
	Low       float64 `json:"risk_ratio_low"`
	High      float64 `json:"risk_ratio_high"`
	// Defined is false when the endpoint emptied on no night either way.
	Defined bool `json:"risk_ratio_defined"`
}

// Compare replays n nights without and with the set.
func Compare(sc *scenario.Scenario, set safeguard.Set, d Distribution, n int) Comparison {
	var a, b int
	for _, nt := range d.Nights(n) {
		if nt.Empties(sc, 0) {
			a++
		}
		if nt.Empties(sc, set) {
			b++
		}
	}
	c := Comparison{Safeguards: set.IDs(), Distribution: d, Without: risk(a, n), With: risk(b, n)}
	if c.Safeguards == nil {
		c.Safeguards = []safeguard.ID{}
	}
	c.RiskRatio, c.Low, c.High, c.Defined = ratio(a, b, n)
	return c
}

func risk(k, n int) Risk {
	lo, hi := wilson(k, n)
	return Risk{Nights: n, Emptied: k, Share: float64(k) / float64(n), Low: lo, High: hi}
}

// wilson is the 95% Wilson score interval of k successes in n.
func wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	nn := float64(n)
	den := 1 + z*z/nn
	mid := (p + z*z/(2*nn)) / den
	half := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / den
	return max(0, mid-half), min(1, mid+half)
}

// ratio is the risk ratio b/a over n nights each, with Katz's 95%
// interval; ok is false when neither ever happened (no ratio exists).
func ratio(a, b, n int) (rr, lo, hi float64, ok bool) {
	if a == 0 && b == 0 {
		return 0, 0, 0, false
	}
	fa, fb, nn := float64(a), float64(b), float64(n)
	if a == 0 || b == 0 {
		fa, fb, nn = fa+0.5, fb+0.5, nn+0.5
	}
	rr = (fb / nn) / (fa / nn)
	se := math.Sqrt(1/fb - 1/nn + 1/fa - 1/nn)
	const z = 1.959963984540054
	if b == 0 {
		// The point estimate with no events is 0; the interval still has
		// an upper bound.
		return 0, 0, rr * math.Exp(z*se), true
	}
	return rr, rr * math.Exp(-z*se), rr * math.Exp(z*se), true
}

// OneIn words a share as "1 night in N", rounded to a readable N.
func OneIn(share float64) int {
	if share <= 0 {
		return 0
	}
	n := 1 / share
	switch {
	case n < 10:
		return int(math.Round(n))
	case n < 100:
		return int(math.Round(n/5) * 5)
	}
	return int(math.Round(n/10) * 10)
}

// Entry is one safeguard's row of the table.
type Entry struct {
	Safeguard safeguard.ID `json:"safeguard"`
	With      Risk         `json:"with"`
	RiskRatio float64      `json:"risk_ratio"`
	Low       float64      `json:"risk_ratio_low"`
	High      float64      `json:"risk_ratio_high"`
	Defined   bool         `json:"risk_ratio_defined"`
}

// Table is the race risk without safeguards and with each of a list, over
// the same nights: what the app shows beside a verdict.
type Table struct {
	Distribution Distribution `json:"distribution"`
	Without      Risk         `json:"without"`
	Entries      []Entry      `json:"entries"`
}

// TableNights is how many nights the app's table replays.
const TableNights = 3000

// DNSLayer lists the safeguards that act on the race itself.
func DNSLayer() []safeguard.ID {
	var out []safeguard.ID
	for _, in := range safeguard.Catalogue {
		if in.Layer == safeguard.LayerDNS {
			out = append(out, in.ID)
		}
	}
	return out
}

// MakeTable replays n nights without safeguards and with each of ids.
func MakeTable(sc *scenario.Scenario, ids []safeguard.ID, d Distribution, n int) Table {
	nights := d.Nights(n)
	base := 0
	emptied := make([]bool, n)
	for i, nt := range nights {
		emptied[i] = nt.Empties(sc, 0)
		if emptied[i] {
			base++
		}
	}
	t := Table{Distribution: d, Without: risk(base, n)}
	for _, id := range ids {
		k := 0
		for _, nt := range nights {
			if nt.Empties(sc, safeguard.Set(0).With(id)) {
				k++
			}
		}
		e := Entry{Safeguard: id, With: risk(k, n)}
		e.RiskRatio, e.Low, e.High, e.Defined = ratio(base, k, n)
		t.Entries = append(t.Entries, e)
	}
	return t
}

// Lookup returns the row of a safeguard.
func (t Table) Lookup(id safeguard.ID) (Entry, bool) {
	for _, e := range t.Entries {
		if e.Safeguard == id {
			return e, true
		}
	}
	return Entry{}, false
}

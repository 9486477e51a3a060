package racerisk

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

func TestNightsAreReproducibleStratifiedAndInRange(t *testing.T) {
	const n = 50
	a, b := Default.Nights(n), Default.Nights(n)
	require.Equal(t, a, b)
	// One night in every n-th of each range (Latin hypercube).
	for _, rg := range []struct {
		r   Range
		get func(Night) float64
	}{
		{Default.TriggerMin, func(x Night) float64 { return x.TriggerMin }},
		{Default.BatchSec, func(x Night) float64 { return x.BatchSec }},
		{Default.PlanJitterSec, func(x Night) float64 { return x.PlanJitterSec }},
	} {
		seen := make([]int, n)
		for _, x := range a {
			v := rg.get(x)
			require.GreaterOrEqual(t, v, rg.r.Lo)
			require.LessOrEqual(t, v, rg.r.Hi)
			u := (v - rg.r.Lo) / (rg.r.Hi - rg.r.Lo)
			if rg.r.Log {
				u = math.Log(v/rg.r.Lo) / math.Log(rg.r.Hi/rg.r.Lo)
			}
			seen[min(n-1, int(u*n))]++
		}
		for i, c := range seen {
			assert.Equal(t, 1, c, "stratum %d", i)
		}
	}
	seeds := map[uint64]bool{}
	for _, x := range a {
		seeds[x.Seed] = true
	}
	assert.Len(t, seeds, n)
}

func TestApplySetsTheTriggerOnACopy(t *testing.T) {
	sc := scenario.Default()
	nt := Night{Seed: 9, TriggerMin: 30, BatchSec: 200, PlanJitterSec: 5}
	c := nt.Apply(sc)
	assert.Equal(t, sc.DNS.Trigger.StartMin+30, c.DNS.Trigger.EndMin)
	assert.Equal(t, 200.0, c.DNS.Trigger.BatchSec)
	assert.Equal(t, 5.0, c.DNS.PlanJitterSec)
	assert.Equal(t, c.DNS.Trigger.EndMin+30, c.HorizonMin)
	assert.Equal(t, scenario.Default().DNS.Trigger, sc.DNS.Trigger, "the scenario itself is untouched")
}

func TestWilson(t *testing.T) {
	for _, tc := range []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 100, 0, 0.037},      // the "rule of three" region
		{50, 100, 0.404, 0.596}, // symmetric around a half
		{100, 100, 0.963, 1},
	} {
		lo, hi := wilson(tc.k, tc.n)
		assert.InDelta(t, tc.lo, lo, 0.001, "%d/%d", tc.k, tc.n)
		assert.InDelta(t, tc.hi, hi, 0.001, "%d/%d", tc.k, tc.n)
	}
}

func TestRatio(t *testing.T) {
	rr, lo, hi, ok := ratio(40, 10, 100)
	assert.True(t, ok)
	assert.InDelta(t, 0.25, rr, 1e-12)
	assert.Less(t, lo, rr)
	assert.Greater(t, hi, rr)
	assert.Less(t, hi, 1.0, "a quarter of the risk, clearly below one")

	rr, lo, hi, ok = ratio(40, 0, 100)
	assert.True(t, ok)
	assert.Zero(t, rr, "no event with the safeguard")
	assert.Zero(t, lo)
	assert.Greater(t, hi, 0.0)
	assert.Less(t, hi, 0.2, "yet the data bound how rare it is")

	_, _, _, ok = ratio(0, 0, 100)
	assert.False(t, ok, "no events either way: no ratio")
}

// TestCompare replays the same nights with and without: a safeguard that
// changes nothing in the DNS layer has a ratio of exactly one; one that
// removes the flaw empties the endpoint on no night at all.
func TestCompare(t *testing.T) {
	sc := scenario.Default()
	const n = 60
	base := Compare(sc, safeguard.Set(0).With(safeguard.ServeStale), Default, n)
	require.Greater(t, base.Without.Emptied, 0, "the distribution does empty the endpoint on some nights")
	assert.Equal(t, base.Without, base.With)
	assert.InDelta(t, 1, base.RiskRatio, 1e-12)

	fix := Compare(sc, safeguard.Set(0).With(safeguard.ApplyTimeCheck), Default, n)
	assert.Equal(t, base.Without, fix.Without, "paired: the same nights")
	assert.Zero(t, fix.With.Emptied)
	assert.Zero(t, fix.RiskRatio)
	assert.Equal(t, []safeguard.ID{safeguard.ApplyTimeCheck}, fix.Safeguards)
}

func TestOneIn(t *testing.T) {
	for _, tc := range []struct {
		share float64
		want  int
	}{{0, 0}, {0.5, 2}, {0.3, 3}, {1.0 / 33, 35}, {0.004, 250}} {
		assert.Equal(t, tc.want, OneIn(tc.share), "%v", tc.share)
	}
}

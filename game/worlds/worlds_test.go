package worlds

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sample"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
)

func storedFile(t *testing.T) *File {
	t.Helper()
	f, err := Load(assets.Worlds)
	require.NoError(t, err, "run make assets")
	return f
}

// TestAssetIsCurrent: the stored ensemble was made against today's ranges
// and model, and every world in it is still plausible, to the bit.
func TestAssetIsCurrent(t *testing.T) {
	f := storedFile(t)
	require.Equal(t, strconv.FormatUint(RangesHash(), 16), f.RangesHash, "the ranges changed: run make assets")
	require.Equal(t, strconv.FormatUint(ModelHash(), 16), f.ModelHash, "the model changed: run make assets")
	require.GreaterOrEqual(t, len(f.Worlds), 101, "at least 100 plausible worlds besides the central one")
	assert.Equal(t, Central().Values, f.Worlds[0].Values, "the central world comes first")
	n := len(f.Worlds)
	if runtime.GOOS == "js" {
		n = 8 // the rest natively
	}
	fitted := Fitted()
	for i, w := range f.Worlds[:n] {
		r := w.Night()
		assert.Equal(t, w.Hash, r.Hash(), "world %d: the same night on every platform", i)
		assert.LessOrEqual(t, Implausibility(r, fitted), 1.0, "world %d is plausible", i)
	}
	if runtime.GOOS == "js" {
		return
	}
	// The stored verdicts over the worlds are today's: every single, and
	// a few pairs (all 105 are made by make assets).
	e := NewEnsemble(f.Worlds)
	got := Singles(e)
	require.Len(t, f.Singles, len(got))
	for i := range got {
		assert.Equal(t, got[i], f.Singles[i], "stale verdicts for %v: run make assets", got[i].Safeguards)
	}
	n = len(safeguard.IDs())
	require.Len(t, f.Pairs, n*(n-1)/2)
	for _, i := range []int{0, 40, 104} {
		set := safeguard.Set(0).With(f.Pairs[i].Safeguards...)
		assert.Equal(t, e.Summarise(set), f.Pairs[i], "stale verdicts for %v: run make assets", f.Pairs[i].Safeguards)
	}
}

func TestHeldOutIsNotFitted(t *testing.T) {
	fit := map[string]bool{}
	for _, c := range Fitted() {
		fit[c.ID] = true
	}
	require.Len(t, HeldOut(), 5)
	for _, c := range HeldOut() {
		assert.False(t, fit[c.ID], c.ID)
	}
	assert.Len(t, Fitted(), len(scenario.Timeline)-3-len(injectedIDs))
	// An event the scenario sets as it happened is no evidence: it is
	// not matched.
	assert.False(t, fit["redshift.errors_start"])
}

// TestCalibrateSmall: a small calibration is reproducible, starts from
// the central world and keeps only plausible worlds.
func TestCalibrateSmall(t *testing.T) {
	if testing.Short() || runtime.GOOS == "js" {
		t.Skip("a few hundred nights: natively")
	}
	o := Options{Seed: 7, Screen: 40, Chains: 2, Steps: 80, Want: 12}
	a, b := Calibrate(o), Calibrate(o)
	require.Equal(t, a.Worlds, b.Worlds, "reproducible")
	require.NotEmpty(t, a.Worlds)
	assert.Nil(t, a.Worlds[0].Q, "the central world first")
	assert.Equal(t, 40+2*80, a.Tried)
	fitted := Fitted()
	for i, w := range a.Worlds {
		assert.LessOrEqual(t, Implausibility(w.Night(), fitted), 1.0, "world %d", i)
	}
	assert.Len(t, a.Spans, len(scenario.Params()))
	assert.Len(t, a.HeldOut, len(HeldOut()))
	// The file round-trips.
	bs, err := NewFile(a).JSON()
	require.NoError(t, err)
	f, err := Load(bs)
	require.NoError(t, err)
	require.Len(t, f.Worlds, len(a.Worlds))
	for i := range a.Worlds {
		assert.Equal(t, a.Worlds[i].Values, f.Worlds[i].Values)
		assert.Equal(t, a.Worlds[i].Seed, f.Worlds[i].Seed)
	}
}

// TestAnyWorldRuns: the model runs to the end in any corner of the
// ranges, with any safeguards (the ranges are wider than any world the
// PES allows, which is what they are for).
func TestAnyWorldRuns(t *testing.T) {
	ps := scenario.Params()
	r := sample.New(11)
	n := 60
	if runtime.GOOS == "js" {
		n = 10
	}
	ids := safeguard.IDs()
	for i, pt := range sample.LatinHypercube(&r, n, len(ps)) {
		w := fromPositions(r.Next()%1000+1, pt)
		set := safeguard.Set(r.Next() & (1<<len(ids) - 1))
		res := sim.RunWith(w.Scenario(), set, w.Seed, sim.Options{Detail: i%2 == 0})
		require.NotNil(t, res)
		assert.Equal(t, int64(res.Horizon), w.Scenario().Horizon(), "world %d ran to the end", i)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	for _, b := range []string{``, `{}`, `{"params":["x"],"worlds":[{"seed":1,"hash":"1"}]}`, `nonsense`} {
		_, err := Load([]byte(b))
		assert.Error(t, err, b)
	}
}

func outcomes(kinds ...verdict.Kind) []Outcome {
	out := make([]Outcome, len(kinds))
	for i, k := range kinds {
		out[i] = Outcome{Kind: k, SavedHours: float64(i)}
	}
	return out
}

// TestSummarise: robust when nine worlds in ten agree; otherwise the
// estimate that separates the kinds is named with its threshold, and only
// when it explains the split much better than chance.
func TestSummarise(t *testing.T) {
	const n = 40
	ws := make([]World, n)
	r := sample.New(3)
	for i := range ws {
		ws[i] = fromPositions(uint64(i), sample.LatinHypercube(&r, 1, len(scenario.Params()))[0])
	}
	k := scenario.Params()
	timeout := -1
	for i, p := range k {
		if p.Name == "DWFM.TimeoutMin" {
			timeout = i
		}
	}
	require.GreaterOrEqual(t, timeout, 0)
	kinds := func(f func(i int) verdict.Kind) []Outcome {
		ks := make([]verdict.Kind, n)
		for i := range ks {
			ks[i] = f(i)
		}
		return outcomes(ks...)
	}

	all := Summarise(ws, 0, kinds(func(int) verdict.Kind { return verdict.Prevented }))
	assert.True(t, all.Robust)
	assert.Equal(t, verdict.Prevented, all.Majority)
	assert.Nil(t, all.DependsOn)
	assert.Equal(t, 1.0, all.Kinds[verdict.Prevented])
	assert.Contains(t, all.Words(), "robust: prevented in 100% of 40")

	mostly := Summarise(ws, 0, kinds(func(i int) verdict.Kind {
		if i < 2 {
			return verdict.Shortened
		}
		return verdict.Contained
	}))
	assert.True(t, mostly.Robust, "95% agree")

	// Contained exactly when the timeout is long.
	byTimeout := Summarise(ws, 0, kinds(func(i int) verdict.Kind {
		if ws[i].Values[timeout] > 5 {
			return verdict.Contained
		}
		return verdict.Shortened
	}))
	require.False(t, byTimeout.Robust)
	require.NotNil(t, byTimeout.DependsOn)
	d := byTimeout.DependsOn
	assert.Equal(t, "DWFM.TimeoutMin", d.Parameter)
	assert.Equal(t, verdict.Contained, d.Above)
	assert.Equal(t, verdict.Shortened, d.Below)
	assert.InDelta(t, 5, d.Threshold, 1.5)
	assert.Equal(t, 1.0, d.Accuracy)
	assert.Contains(t, byTimeout.Words(), "contained when DWFM's lease-work timeout exceeds")

	// Kinds that no estimate explains: no name is given.
	noise := Summarise(ws, 0, kinds(func(i int) verdict.Kind {
		if (uint64(i)*0x9E3779B97F4A7C15)>>63 == 1 {
			return verdict.Contained
		}
		return verdict.Shortened
	}))
	require.False(t, noise.Robust, "the labels split about evenly")
	assert.Nil(t, noise.DependsOn, "%+v", noise.DependsOn)
	assert.True(t, noise.NoSingleEstimate)
	assert.Contains(t, noise.Words(), "no single estimate decides it")
	assert.Equal(t, Band{P10: 3.9, P50: 19.5, P90: 35.1}, noise.SavedServiceHours)
}

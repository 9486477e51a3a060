package viewmodel

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
)

func TestEnsembleSinglesAtOnce(t *testing.T) {
	a := &App{Lang: "en", eng: Engine{Worlds: StoredWorlds}}
	assert.Equal(t, 0, a.Ensemble().Total, "the real night has no what-if to judge")
	assert.Empty(t, a.EnsembleText())

	a.Set = safeguard.Set(0).With(safeguard.ApplyTimeCheck)
	v := a.Ensemble()
	require.NotNil(t, v.Summary, "a single safeguard's verdict is stored")
	assert.Greater(t, v.Total, 100)
	assert.False(t, a.StepEnsemble(time.Millisecond), "nothing left to judge")
	assert.Contains(t, a.EnsembleText(), "the verdict holds: prevented in 100%")

	a.Set = safeguard.Set(0).With(safeguard.CellEndpoints)
	text := a.EnsembleText()
	assert.Contains(t, text, "when the share of DWFM's fleets in the failing cell exceeds")
	assert.Contains(t, text, "The animation plays the central world")
	a.Lang = "id"
	id := a.EnsembleText()
	assert.Contains(t, id, "bagian armada DWFM di sel yang gagal")
	assert.NotContains(t, id, "{")
}

// TestEnsembleOfSeveralIsProgressive: a set of three safeguards is
// judged a few worlds at a time, and its summary appears when all are.
func TestEnsembleOfSeveralIsProgressive(t *testing.T) {
	a := &App{Lang: "en", eng: Engine{Worlds: StoredWorlds}, Set: safeguard.Set(0).With(safeguard.KeepLastGood, safeguard.NLBReadinessGate, safeguard.ShortNegativeTTL)}
	v := a.Ensemble()
	require.Nil(t, v.Summary)
	assert.Zero(t, v.Done)
	assert.True(t, strings.HasPrefix(a.EnsembleText(), "Checking the plausible worlds: 0 of"))
	steps := 0
	var early EnsembleView
	for a.StepEnsemble(0) { // one world a step
		steps++
		if steps == 3 {
			assert.Equal(t, 3, a.Ensemble().Done)
		}
		if steps == 24 {
			early = a.Ensemble()
			assert.Contains(t, a.EnsembleText(), "of them…", "the verdict so far, said as such")
		}
	}
	v = a.Ensemble()
	require.NotNil(t, v.Summary)
	assert.Equal(t, v.Total, steps)
	assert.Equal(t, v.Total, v.Summary.Worlds)
	// The first tenth of the worlds judged already gives the commonest
	// verdict, within a few points of its share over all of them.
	assert.Equal(t, v.Summary.Majority, early.SoFar)
	assert.InDelta(t, v.Summary.Kinds[v.Summary.Majority], early.SoFarShare, 0.15)
	// Switching away and back keeps the judged summary.
	a.Set = safeguard.Set(0).With(safeguard.ServeStale)
	a.Set = safeguard.Set(0).With(safeguard.KeepLastGood, safeguard.NLBReadinessGate, safeguard.ShortNegativeTTL)
	assert.NotNil(t, a.Ensemble().Summary)
	// A pair is stored: at once.
	a.Set = safeguard.Set(0).With(safeguard.KeepLastGood, safeguard.NLBReadinessGate)
	assert.NotNil(t, a.Ensemble().Summary)
	assert.False(t, a.StepEnsemble(time.Millisecond))
	assert.NotContains(t, a.EnsembleText(), "Checking")
}

// The order the worlds are judged in visits each once.
func TestEnsembleOrderIsAPermutation(t *testing.T) {
	for _, n := range []int{1, 2, 97, 194, 241, 500} {
		seen := make([]bool, n)
		for i := range n {
			k := ensembleOrder(i, n)
			require.False(t, seen[k], "n=%d: %d twice", n, k)
			seen[k] = true
		}
	}
}

// TestBoardEntryRanksOverWorlds: with the plausible worlds known, a
// single safeguard ranks by its median service-hours over them and
// prevents the outage only if it does so in nine worlds in ten.
func TestBoardEntryRanksOverWorlds(t *testing.T) {
	f := StoredWorlds()
	require.NotNil(t, f)
	for _, tc := range []struct {
		id       safeguard.ID
		prevents bool
	}{
		{safeguard.ApplyTimeCheck, true},
		{safeguard.SpareActivePlan, true},
		{safeguard.FewerPlans, false}, // avoided, not prevented
		{safeguard.CellEndpoints, false},
	} {
		w, ok := f.Single(tc.id)
		require.True(t, ok, tc.id)
		e := BoardEntry{Saved: -1, Worlds: &w}
		assert.Equal(t, tc.prevents, e.Prevents(), tc.id)
		assert.Equal(t, w.SavedServiceHours.P50, e.RankHours(), tc.id)
	}
	central := BoardEntry{Saved: 3, Verdict: Verdict{Kind: "prevented"}}
	assert.True(t, central.Prevents(), "without worlds, the central world decides")
	assert.Equal(t, 3.0, central.RankHours())
}

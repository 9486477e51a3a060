package check

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
)

// TestCounterexamplesReplay runs random small models with random
// safeguards and checks that every counterexample replays, step by step, to
// a state that violates the invariant it is reported for, and survives the
// script format.
func TestCounterexamplesReplay(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 1019))
	pool := []safeguard.ID{
		safeguard.ApplyTimeCheck, safeguard.SpareActivePlan, safeguard.SelfHealingRollback,
		safeguard.FewerPlans, safeguard.ServeStale,
	}
	runs, checked := 150, 0
	if testing.Short() {
		runs = 40
	}
	for range runs {
		c := Config{Enactors: 1 + rng.IntN(3)}
		c.Plans = 2 + rng.IntN(5) // 2..6
		if c.Enactors == 3 {
			c.Plans = min(c.Plans, 5)
		}
		c.Threshold = 1 + rng.IntN(c.Plans)
		var sg safeguard.Set
		for _, id := range pool {
			if rng.IntN(3) == 0 {
				sg = sg.With(id)
			}
		}
		r := mustRun(t, c, sg)
		for _, ir := range r.Invariants {
			if !ir.Violated {
				assert.Empty(t, ir.Counterexample)
				assert.Zero(t, ir.ViolatingStates)
				continue
			}
			checked++
			require.NoError(t, Confirm(c, sg, ir.Name, ir.Counterexample), "%+v %v %s", c, sg, ir.Name)

			switch ir.Name {
			case EndpointHasAddresses:
				// Every state before the last one has addresses.
				snaps, err := Replay(c, sg, ir.Counterexample)
				require.NoError(t, err)
				for _, s := range snaps[:len(snaps)-1] {
					require.True(t, s.Addresses)
				}
			case Progress:
				// Search every continuation: no batch ever commits.
				m, states, err := replay(c, sg, ir.Counterexample)
				require.NoError(t, err)
				g, err := explore(m, states[len(states)-1], DefaultMaxStates)
				require.NoError(t, err)
				require.NotContains(t, g.hasApply, true, "%+v %v", c, sg)
			}

			sc, err := NewScript(c, sg, ir.Name, ir.Counterexample)
			require.NoError(t, err)
			back, err := Decode(encode(t, sc))
			require.NoError(t, err)
			require.Equal(t, sc, back)
		}
		// The safety invariants fail together in this model (a batch
		// never points the alias at a missing plan), and only apply-time-
		// check, spare-active-plan or bounds too small prevent them;
		// fewer-plans changes nothing.
		a := verdict(t, r, EndpointHasAddresses)
		d := verdict(t, r, NeverDeleteActive)
		assert.Equal(t, a.Violated, d.Violated)
		if sg.Has(safeguard.ApplyTimeCheck) || sg.Has(safeguard.SpareActivePlan) {
			assert.False(t, a.Violated, "%+v %v", c, sg)
		}
		if sg.Has(safeguard.SelfHealingRollback) {
			assert.False(t, verdict(t, r, Progress).Violated, "%+v %v", c, sg)
		}
		if sg.Has(safeguard.FewerPlans) {
			other := mustRun(t, c, sg.Without(safeguard.FewerPlans))
			assert.Equal(t, other.Invariants, r.Invariants, "%+v %v", c, sg)
		}
	}
	t.Logf("%d counterexamples confirmed", checked)
	assert.Positive(t, checked)
}

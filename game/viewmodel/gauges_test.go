package viewmodel

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// TestGaugesAtFollowTheMechanisms: what the diagram shows at a moment is
// what is in force then: no DynamoDB errors a second before the record
// empties, the endpoint's alias on the deleted plan after it, the lease
// queue stuck past capacity × timeout during the collapse, and NLB's
// errors equal to the capacity taken out of DNS.
func TestGaugesAtFollowTheMechanisms(t *testing.T) {
	sc := scenario.Default()
	r := &Run{Result: sim.Run(sc, 0, sc.Seed)}
	empty, ok := r.Result.First("dns.record_empty")
	require.True(t, ok)

	g := r.GaugesAt(empty.At - sim.Second)
	assert.Zero(t, g.DynamoDBErrorRate)
	assert.True(t, g.Zone.HasAddresses)
	assert.Equal(t, 1.0, g.DropletsLeased)

	g = r.GaugesAt(empty.At + 2*sim.Minute)
	assert.False(t, g.Zone.HasAddresses)
	assert.Equal(t, empty.Gen, g.Zone.Alias, "the alias still names the deleted plan")
	assert.Greater(t, g.DynamoDBErrorRate, 0.9)

	g = r.GaugesAt(sim.At(1, 3, 30))
	assert.Greater(t, g.LeaseWorkInFlight, g.CollapseLine)
	assert.Zero(t, g.LeaseGoodput)
	assert.InDelta(t, sc.DWFM.CollapseLine(), g.CollapseLine, 1e-12)

	g = r.GaugesAt(sim.At(1, 8, 0))
	assert.Greater(t, g.NLBConnErrors, 0.01)
	assert.InDelta(t, 1-g.NLBCapacityInService, g.NLBConnErrors, 1e-6)
	assert.Greater(t, g.NLBAZOut[0]+g.NLBAZOut[1]+g.NLBAZOut[2], 0.0)
	assert.Greater(t, g.NetMgrDelayMin, sc.NetMgr.HighLatencyMin)

	// With the self-healing rollback the endpoint empties, then the
	// automation installs a plan: it answers again, though no engineer
	// repaired it, and the words say so too.
	h := &Run{Result: sim.Run(sc, safeguard.Set(0).With(safeguard.SelfHealingRollback), sc.Seed)}
	he, ok := h.Result.First("dns.record_empty")
	require.True(t, ok)
	assert.False(t, h.GaugesAt(he.At).Zone.HasAddresses)
	later := sim.At(1, 3, 0)
	assert.True(t, h.GaugesAt(later).Zone.HasAddresses)
	assert.Zero(t, h.GaugesAt(later).DynamoDBErrorRate)
	assert.NotContains(t, DescribeZone("en", NewZoneFolder(h.Result).At(later)), "no addresses")
}

func TestRaceRiskFor(t *testing.T) {
	assert.Nil(t, RaceRiskFor(0, "en"))
	assert.Nil(t, RaceRiskFor(safeguard.Set(0).With(safeguard.ServeStale), "en"), "acts after the race: no race risk to show")
	for _, tc := range []struct {
		id   safeguard.ID
		text string
	}{
		{safeguard.ApplyTimeCheck, "never emptied"},
		{safeguard.FewerPlans, "rarer, not impossible"},
		{safeguard.SelfHealingRollback, "as often as without"},
	} {
		r := RaceRiskFor(safeguard.Set(0).With(tc.id), "en")
		require.NotNil(t, r, tc.id)
		assert.Contains(t, r.Text, tc.text, tc.id)
		assert.Greater(t, r.Without, 0)
		id := RaceRiskFor(safeguard.Set(0).With(tc.id), "id")
		assert.False(t, strings.Contains(id.Text, "{"), id.Text)
		assert.NotEqual(t, r.Text, id.Text)
	}
	// With a fix and a slower Planner, the rarer of the two is shown.
	r := RaceRiskFor(safeguard.Set(0).With(safeguard.FewerPlans, safeguard.ApplyTimeCheck), "en")
	assert.Equal(t, string(safeguard.ApplyTimeCheck), r.Safeguard)
}

// Every gauge a host can read is documented in the README's table.
func TestGaugesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	ty := reflect.TypeOf(Gauges{})
	for i := range ty.NumField() {
		tag, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		assert.Contains(t, string(readme), "`"+tag, "gauge %s in the README", tag)
	}
}

// The night starts normally: before the Planner's first new plan, the
// plan live at the epoch is on every endpoint, and the endpoint answers.
func TestZoneStartsWithALivePlan(t *testing.T) {
	sc := scenario.Default()
	r := &Run{Result: sim.Run(sc, 0, sc.Seed)}
	z := NewZoneFolder(r.Result).At(0)
	require.NotEmpty(t, z.Alias)
	for _, a := range z.Alias {
		assert.Equal(t, sc.DNS.FirstGen, a)
	}
	assert.Contains(t, z.Trees, sc.DNS.FirstGen)
	assert.False(t, z.Empty)
	g := r.GaugesAt(0)
	assert.Equal(t, sc.DNS.FirstGen, g.Zone.Alias)
	assert.True(t, g.Zone.HasAddresses)
}

// The live region's words for NLB say where its safeguards act, from the
// same gauges the picture draws.
func TestNLBWordsSayWhereSafeguardsAct(t *testing.T) {
	sc := scenario.Default()
	at := sim.At(1, 9, 10) // 09:10 PDT, the NLB errors near their peak
	for _, tc := range []struct {
		sg   safeguard.ID
		want string
	}{{safeguard.NLBVelocityControl, "velocity limit refused"}, {safeguard.NLBReadinessGate, "readiness gate holds"}} {
		r := &Run{Result: sim.Run(sc, safeguard.Set(0).With(tc.sg), sc.Seed)}
		assert.Contains(t, NLBAt(r.GaugesAt(at)).Describe("en"), tc.want, tc.sg)
		base := &Run{Result: sim.Run(sc, 0, sc.Seed)}
		assert.NotContains(t, NLBAt(base.GaugesAt(at)).Describe("en"), tc.want)
	}
}

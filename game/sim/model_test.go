package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// TestCollapseOnlyWhenTheQueueCollapses: dwfm.collapse comes from the
// collapse condition (work in flight, next to nothing completing, for
// longer than a lease-work timeout), never from re-leasing as such.
func TestCollapseOnlyWhenTheQueueCollapses(t *testing.T) {
	sc := scenario.Default()
	stalled := scenario.Default()
	// Admission control with a limit above capacity × timeout admits more
	// than can ever finish: the mechanism really stalls.
	stalled.DWFM.AdmitShare = 2
	for _, tc := range []struct {
		name     string
		sc       *scenario.Scenario
		sg       safeguard.Set
		collapse bool
	}{
		{"the night: the whole fleet re-leased at once", sc, 0, true},
		{"admission control: re-leasing, no collapse", sc, with(safeguard.DWFMAdmissionControl), false},
		{"admission control above the line: it stalls", stalled, with(safeguard.DWFMAdmissionControl), true},
		{"leases kept: nothing to re-lease", sc, with(safeguard.LeaseStaticStability), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := RunWith(tc.sc, tc.sg, sc.Seed, Options{})
			_, restored := r.First("dns.restored")
			require.True(t, restored, "DNS is repaired by hand in every case")
			c, ok := r.First("dwfm.collapse")
			require.Equal(t, tc.collapse, ok)
			if !ok {
				_, ended := r.First("dwfm.collapse_ended")
				assert.False(t, ended)
				return
			}
			// Dated from the start of the stall: re-leasing starts when
			// DynamoDB is back (02:25), the stall at once.
			assert.GreaterOrEqual(t, c.At, At(1, 2, 25))
			assert.Less(t, c.At, At(1, 2, 30))
			i := r.Series.Index(c.At + mins(tc.sc.DWFM.TimeoutMin+1))
			assert.Greater(t, float64(r.Series.Metrics[DWFMInFlight][i]), tc.sc.DWFM.CollapseLine(), "more in flight than can finish")
			assert.Less(t, float64(r.Series.Metrics[DWFMGoodput][i]), 1e-6, "and nothing finishing")
			end, ok := r.First("dwfm.collapse_ended")
			require.True(t, ok, "the operators' throttle ends it")
			fix, ok := r.First("ops.dwfm_throttle_restart")
			require.True(t, ok)
			assert.GreaterOrEqual(t, end.At, fix.At)
			assert.InDelta(t, (end.At - c.At).Minutes(), end.Value, 1, "the event says how long it lasted")
		})
	}
}

// TestDNSAutomationRunsUntilDisabled: the manual repair at 02:25 leaves
// an automation that works again; engineers disable it later (DAT453:
// about 05:38), and no plan is issued after that.
func TestDNSAutomationRunsUntilDisabled(t *testing.T) {
	sc := scenario.Default()
	r := Run(sc, 0, sc.Seed)
	restored, ok := r.First("dns.restored")
	require.True(t, ok)
	off, ok := r.First("ops.dns_automation_disabled")
	require.True(t, ok)
	rc, _ := r.First("ops.root_cause_identified")
	assert.Equal(t, rc.At+mins(sc.DNS.FreezeMin), off.At)
	assert.InDelta(t, At(1, 5, 38).Minutes(), off.At.Minutes(), 1)
	plans, applied := 0, 0
	for _, e := range r.Events {
		if e.At > restored.At && e.At < off.At {
			switch e.Kind {
			case "planner.plan":
				plans++
			case "enactor.apply":
				if e.At < mins(sc.DNS.DetailUntilMin) {
					applied++
				}
			}
		}
		if e.At > off.At {
			assert.NotEqual(t, "planner.plan", e.Kind, "no plan after the automation is disabled")
		}
	}
	assert.Greater(t, plans, 100, "the Planner kept issuing plans after the repair")
	assert.Greater(t, applied, 10, "and the Enactors kept applying them")
	_, emptied := r.First("zone.endpoint_empty")
	require.True(t, emptied)
	for _, e := range r.Events {
		if e.Kind == "zone.endpoint_empty" {
			assert.Less(t, e.At, restored.At, "the repaired automation never empties it again")
		}
	}
}

// TestRedshiftIAMDefectIsIndependent: Redshift's IAM-user query defect
// (PES: all Regions, 23:47–01:20) has a cause of its own: a fix to the
// race leaves it, and it is counted apart from what the race caused.
func TestRedshiftIAMDefectIsIndependent(t *testing.T) {
	sc := scenario.Default()
	for _, sg := range []safeguard.Set{0, with(safeguard.ApplyTimeCheck)} {
		r := RunWith(sc, sg, sc.Seed, Options{})
		i := r.Service("redshift-iam")
		require.GreaterOrEqual(t, i, 0)
		so := r.Services[i]
		assert.True(t, so.Independent)
		require.Len(t, so.Outages, 1)
		assert.Equal(t, At(0, 23, 47), so.Outages[0].Start)
		assert.Equal(t, At(1, 1, 20), so.Outages[0].End)
		assert.Equal(t, Degraded, so.Outages[0].Severity, "queries by other users worked")
		assert.InDelta(t, so.Minutes/60, r.Impact.IndependentHours, 1e-9)
		e, ok := r.First("redshift.errors_start")
		require.True(t, ok)
		assert.Equal(t, At(0, 23, 47), e.At, "Redshift's errors began with its own defect")
	}
	r := RunWith(sc, with(safeguard.ApplyTimeCheck), sc.Seed, Options{})
	assert.Zero(t, r.Impact.ChainHours())
	assert.Zero(t, r.Impact.End, "nothing the race causes")
}

// TestUncertainStartsAreMarked: the PES gives no firm start for ECS/EKS/
// Fargate or Amazon Connect.
func TestUncertainStartsAreMarked(t *testing.T) {
	sc := scenario.Default()
	r := RunWith(sc, 0, sc.Seed, Options{})
	for _, so := range r.Services {
		want := so.ID == "ecs" || so.ID == "connect"
		assert.Equal(t, want, so.StartUncertain, so.ID)
	}
}

// TestHeldSamples: a value drawn at t is the one in force at t, never a
// blend with the next minute's: nothing shows before its cause.
func TestHeldSamples(t *testing.T) {
	sc := scenario.Default()
	r := RunWith(sc, 0, sc.Seed, Options{})
	e, ok := r.First("dns.record_empty")
	require.True(t, ok)
	before := e.At - Second
	assert.Zero(t, r.Series.At(DynamoDBErrorRate, before), "no DynamoDB errors before the record empties")
	m := r.Series.Metrics[DynamoDBErrorRate]
	i := r.Series.Index(At(1, 1, 0))
	assert.Equal(t, float64(m[i]), r.Series.At(DynamoDBErrorRate, At(1, 1, 0)+59*Second))
}

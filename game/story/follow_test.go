package story

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// collapseText is every caption of the collapse chapter in a run.
func collapseText(t *testing.T, set safeguard.Set) (string, *sim.Result) {
	t.Helper()
	sc := scenario.Default()
	r := sim.Run(sc, set, sc.Seed)
	chs := Chapters(r, set)
	i := Index("collapse")
	require.GreaterOrEqual(t, i, 0)
	var b strings.Builder
	for _, bt := range chs[i].Beats {
		b.WriteString(bt.Text("en"))
		b.WriteString(" ")
	}
	return b.String(), r
}

// TestCaptionsFollowTheRunsState: a caption says the collapse happened
// only in a run where the collapse condition fired, and a what-if says
// how long its own collapse lasted.
func TestCaptionsFollowTheRunsState(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  safeguard.Set
	}{
		{"the night", 0},
		{"admission control", safeguard.Set(0).With(safeguard.DWFMAdmissionControl)},
		{"self-healing rollback", safeguard.Set(0).With(safeguard.SelfHealingRollback)},
		{"alarm", safeguard.Set(0).With(safeguard.EmptyEndpointAlarm)},
		{"leases kept", safeguard.Set(0).With(safeguard.LeaseStaticStability)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, r := collapseText(t, tc.set)
			_, collapsed := r.First("dwfm.collapse")
			says := strings.Contains(text, "queued again: congestive collapse") || strings.Contains(text, "kept itself going")
			assert.Equal(t, collapsed, says, text)
			if !collapsed {
				assert.Contains(t, text, "There was no congestive collapse")
				return
			}
			if tc.set != 0 {
				e, ok := r.First("dwfm.collapse_ended")
				require.True(t, ok)
				assert.Contains(t, text, "kept itself going for "+DurationText("en", e.Value), text)
			}
		})
	}
}

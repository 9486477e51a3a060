package racerisk

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/scenario"
)

// TestTableAssetIsCurrent: the table the app embeds is what the model and
// the stated distribution give today (`make assets` rewrites it).
func TestTableAssetIsCurrent(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("5,000 replays: checked natively")
	}
	var got Table
	require.NoError(t, json.Unmarshal(assets.RaceRisk, &got))
	want := MakeTable(scenario.Default(), DNSLayer(), Default, TableNights)
	require.Equal(t, want.Distribution, got.Distribution, "stale: run make assets")
	require.Equal(t, want.Without, got.Without, "stale: run make assets")
	require.Len(t, got.Entries, len(want.Entries), "stale: run make assets")
	for i := range want.Entries {
		assert.Equal(t, want.Entries[i], got.Entries[i], "stale: run make assets")
	}
	// What the table says, checked against the mechanisms: removing the
	// flaw leaves no night; healing after it changes nothing about how
	// often it happens; a slower Planner makes it rarer, not impossible.
	for _, e := range got.Entries {
		switch e.Safeguard {
		case "apply-time-check", "spare-active-plan":
			assert.Zero(t, e.With.Emptied, e.Safeguard)
		case "self-healing-rollback":
			assert.Equal(t, got.Without.Emptied, e.With.Emptied)
		case "fewer-plans":
			assert.Less(t, e.With.Emptied, got.Without.Emptied/10)
		}
	}
}

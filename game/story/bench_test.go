package story

import (
	"testing"

	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// BenchmarkChapters measures resolving the story against a full run, which
// the app does after every safeguard toggle.
func BenchmarkChapters(b *testing.B) {
	r := sim.Run(scenario.Default(), 0, 1)
	b.ReportAllocs()
	for b.Loop() {
		Chapters(r, 0)
	}
}

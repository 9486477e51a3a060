package verdict

import (
	"testing"

	"github.com/outagelab/outage/game/scenario"
)

// BenchmarkScoreboard runs every single safeguard and every pair (121
// runs; budget 1 s native, DESIGN §8).
func BenchmarkScoreboard(b *testing.B) {
	sc := scenario.Default()
	for b.Loop() {
		Scoreboard(sc, sc.Seed)
	}
}

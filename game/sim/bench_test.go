package sim

import (
	"testing"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// BenchmarkRun is a full replay of the incident with everything the app
// records (budget: 5 ms native, DESIGN §8).
func BenchmarkRun(b *testing.B) {
	sc := scenario.Default()
	for b.Loop() {
		Run(sc, 0, sc.Seed)
	}
}

// BenchmarkRunNoRace is a full run in which the DNS automation keeps
// working all night (the costliest case for the event queue).
func BenchmarkRunNoRace(b *testing.B) {
	sc := scenario.Default()
	sg := safeguard.Set(0).With(safeguard.ApplyTimeCheck)
	for b.Loop() {
		Run(sc, sg, sc.Seed)
	}
}

// BenchmarkRunLean is the run the scoreboard makes: no spans, no detail.
func BenchmarkRunLean(b *testing.B) {
	sc := scenario.Default()
	for b.Loop() {
		RunWith(sc, 0, sc.Seed, Options{})
	}
}

// BenchmarkRunNoRaceLean is the scoreboard's costliest run.
func BenchmarkRunNoRaceLean(b *testing.B) {
	sc := scenario.Default()
	sg := safeguard.Set(0).With(safeguard.ApplyTimeCheck)
	for b.Loop() {
		RunWith(sc, sg, sc.Seed, Options{})
	}
}

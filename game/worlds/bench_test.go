package worlds

import (
	"testing"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/safeguard"
)

// BenchmarkEnsembleSet judges one set over every stored world, the real
// nights already made: what a toggle of several safeguards costs the app
// (natively; make bench reports the browser's figure).
func BenchmarkEnsembleSet(b *testing.B) {
	f, err := Load(assets.Worlds)
	if err != nil {
		b.Fatal(err)
	}
	e := NewEnsemble(f.Worlds)
	set := safeguard.Set(0).With(safeguard.KeepLastGood, safeguard.NLBReadinessGate)
	e.Summarise(set) // the real nights
	b.ResetTimer()
	for range b.N {
		for i := range e.Worlds {
			e.Judge(i, set)
		}
	}
	b.ReportMetric(float64(len(e.Worlds)), "worlds")
}

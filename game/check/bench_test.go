package check

import (
	"testing"
)

func benchmarkRun(b *testing.B, c Config) {
	var r Result
	for b.Loop() {
		var err error
		if r, err = Run(c, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(r.States), "states/op")
	b.ReportMetric(float64(r.Transitions), "transitions/op")
	b.ReportMetric(float64(r.States)*float64(b.N)/b.Elapsed().Seconds(), "states/s")
}

func BenchmarkReference2Enactors(b *testing.B) { benchmarkRun(b, DefaultConfig()) }

func BenchmarkReference3Enactors(b *testing.B) { benchmarkRun(b, cfg(3, 5, 2)) }

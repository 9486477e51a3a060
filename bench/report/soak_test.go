package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/outagelab/outage/e2e"
)

func TestSlope(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"rising", []float64{0, 1, 2, 3}, []float64{1, 3, 5, 7}, 2},
		{"flat", []float64{0, 1, 2}, []float64{4, 4, 4}, 0},
		{"falling", []float64{1, 2}, []float64{3, 1}, -2},
		{"one point", []float64{1}, []float64{1}, 0},
		{"no spread in x", []float64{2, 2}, []float64{1, 3}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.InDelta(t, tt.want, slope(tt.x, tt.y), 1e-9) })
	}
}

// soakOf makes a soak of d with a sample every 5 s whose live heap and
// frame time follow the given functions of the time in minutes.
func soakOf(d time.Duration, heap, frame func(float64) float64) soakResult {
	r := soakResult{Duration: d, Actions: int(d / (3 * time.Second)), LoadStart: "1.0", LoadEnd: "1.0"}
	for at := time.Duration(0); at < d; at += 5 * time.Second {
		m := at.Minutes()
		r.Samples = append(r.Samples, soakSample{At: at, Stats: e2e.Stats{
			HeapLive: heap(m), HeapBytes: heap(m) * 1.5, UpdateMS: 0.5, DrawMS: frame(m) - 0.5, FPS: 60}})
	}
	return r
}

func TestSoakReport(t *testing.T) {
	steady := func(float64) float64 { return 10e6 }
	tests := []struct {
		name        string
		r           soakResult
		want, wantN []string
	}{
		{"steady", soakOf(10*time.Minute, steady, func(float64) float64 { return 3 }),
			[]string{"| Go heap live after GC | 10.00 MB | 10.00 MB | +0.0% (within budget) |", "+0.00 ms (within budget)", "Console errors: **0**"}, []string{"over budget"}},
		{"leaking", soakOf(10*time.Minute, func(m float64) float64 { return 10e6 * (1 + 0.05*m) }, func(float64) float64 { return 3 }),
			[]string{"(**over budget**) |", "live heap +0.500 MB per minute"}, nil},
		{"slowing", soakOf(10*time.Minute, steady, func(m float64) float64 { return 3 + 0.3*m }),
			[]string{"Update+Draw +0.300 ms per minute", "(**over budget**) |"}, nil},
		{"short, by hand", soakOf(90*time.Second, steady, func(float64) float64 { return 3 }),
			[]string{"after minute 1 (30s–1m0s)"}, []string{"over budget"}},
		{"console errors", func() soakResult {
			r := soakOf(10*time.Minute, steady, func(float64) float64 { return 3 })
			r.Console = []string{"boom (x.js:1)"}
			return r
		}(), []string{"Console errors: **1** (**over budget**)", "- boom (x.js:1)"}, nil},
		{"failed", soakResult{Duration: time.Minute, Err: "no browser"}, []string{"Not measured: no browser"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			tt.r.write(func(f string, a ...any) { fmt.Fprintf(&b, f, a...) })
			for _, w := range tt.want {
				assert.Contains(t, b.String(), w)
			}
			for _, w := range tt.wantN {
				assert.NotContains(t, b.String(), w)
			}
		})
	}
}

func TestColdReport(t *testing.T) {
	var b strings.Builder
	writeCold(func(f string, a ...any) { fmt.Fprintf(&b, f, a...) }, []coldResult{
		{Delay: 0, Ms: []float64{9, 12, 30}, Load: "2.0"},
		{Delay: time.Second, Ms: []float64{4, 5, 6}, Load: "1.5"},
		{Delay: 2 * time.Second, Err: "timeout"},
	})
	s := b.String()
	assert.Contains(t, s, "| 0s | 9.0, 12.0, 30.0 | 12.0 | **30.0** | **over budget** | 2.0 |")
	assert.Contains(t, s, "| 1s | 4.0, 5.0, 6.0 | 5.0 | **6.0** | within budget | 1.5 |")
	assert.Contains(t, s, "not measured: timeout")
}

package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseBench(t *testing.T) {
	in := `goos: linux
pkg: github.com/outagelab/outage/game/sim
BenchmarkRun-2   	     562	   2113456 ns/op	  812345 B/op	    1234 allocs/op
BenchmarkMatrix-2	       3	 412345678 ns/op
PASS
pkg: github.com/outagelab/outage/game/check
BenchmarkCheck/default-2  10  98765432.5 ns/op
not a benchmark line
`
	got, err := parseBenchFrom(strings.NewReader(in))
	require.NoError(t, err)
	want := []benchLine{
		{"game/sim BenchmarkRun-2", 562, 2113456, "812345 B/op 1234 allocs/op"},
		{"game/sim BenchmarkMatrix-2", 3, 412345678, ""},
		{"game/check BenchmarkCheck/default-2", 10, 98765432.5, ""},
	}
	assert.Equal(t, want, got)
}

func TestDurAndMedian(t *testing.T) {
	for _, tt := range []struct {
		ns   float64
		want string
	}{{12, "12 ns"}, {4500, "4.5 µs"}, {2113456, "2.11 ms"}, {1.5e9, "1.50 s"}} {
		assert.Equal(t, tt.want, dur(tt.ns))
	}
	for _, tt := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		assert.Equal(t, tt.want, median(tt.in))
	}
}

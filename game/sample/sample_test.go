package sample

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// SplitMix64's published first outputs for state 0.
func TestRandKnownValues(t *testing.T) {
	var r Rand
	for _, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		assert.Equal(t, want, r.Next())
	}
}

func TestLatinHypercubeOnePointPerStratum(t *testing.T) {
	r := New(42)
	const n, d = 37, 5
	pts := LatinHypercube(&r, n, d)
	assert.Len(t, pts, n)
	for k := range d {
		seen := make([]bool, n)
		for _, p := range pts {
			assert.GreaterOrEqual(t, p[k], 0.0)
			assert.Less(t, p[k], 1.0)
			s := int(p[k] * n)
			assert.False(t, seen[s], "dimension %d stratum %d twice", k, s)
			seen[s] = true
		}
	}
}

func TestNormal(t *testing.T) {
	r := New(7)
	sum, sq := 0.0, 0.0
	const n = 20000
	for range n {
		x := r.Normal()
		sum += x
		sq += x * x
	}
	assert.InDelta(t, 0, sum/n, 0.03)
	assert.InDelta(t, 1, math.Sqrt(sq/n), 0.03)
}

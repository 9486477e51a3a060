// Package sample holds the reproducible draws the simulation and the
// studies over it share: a SplitMix64 generator and a Latin-hypercube
// design. Pure Go, the same on every platform.
package sample

import "math"

// Rand is a SplitMix64 generator; its zero value is usable.
type Rand struct{ s uint64 }

// New returns a generator whose state is s.
func New(s uint64) Rand { return Rand{s} }

// Next returns the next 64 random bits.
func (r *Rand) Next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Float returns a uniform number in [0, 1).
func (r *Rand) Float() float64 { return float64(r.Next()>>11) / (1 << 53) }

// Uniform returns a uniform number in [lo, hi).
func (r *Rand) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float() }

// Normal returns a standard normal draw (Box–Muller).
func (r *Rand) Normal() float64 {
	u := max(r.Float(), 1e-300)
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.Float())
}

// Intn returns a uniform whole number in [0, n).
func (r *Rand) Intn(n int) int { return int(r.Next() % uint64(n)) }

// LatinHypercube draws n points in the unit cube of d dimensions: each
// dimension cut into n strata with one point in each, the strata shuffled
// independently per dimension, so that few points still cover every
// range evenly.
func LatinHypercube(r *Rand, n, d int) [][]float64 {
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, d)
	}
	perm := make([]int, n)
	for k := range d {
		for i := range perm {
			perm[i] = i
		}
		for i := n - 1; i > 0; i-- {
			j := r.Intn(i + 1)
			perm[i], perm[j] = perm[j], perm[i]
		}
		for i := range n {
			pts[i][k] = (float64(perm[i]) + r.Float()) / float64(n)
		}
	}
	return pts
}

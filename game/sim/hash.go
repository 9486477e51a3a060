package sim

import (
	"encoding/binary"
	"hash/fnv"
	"math"
)

// Hash is a fingerprint of everything a run produced: two runs with the
// same hash produced the same trace. Determinism tests compare it across
// runs and platforms.
func (r *Result) Hash() uint64 {
	h := fnv.New64a()
	var b [8]byte
	put := func(v uint64) {
		binary.LittleEndian.PutUint64(b[:], v)
		h.Write(b[:])
	}
	str := func(s string) { put(uint64(len(s))); h.Write([]byte(s)) }
	f := func(x float64) { put(math.Float64bits(x)) }
	for _, e := range r.Events {
		put(uint64(e.At))
		str(e.Kind)
		str(e.Subject)
		put(uint64(e.Gen))
		put(uint64(e.Endpoint))
		f(e.Value)
	}
	for _, s := range r.Spans {
		put(uint64(s.Start))
		put(uint64(s.End))
		str(s.Lane)
		str(s.Kind)
		put(uint64(s.Gen))
		put(uint64(s.Endpoint))
	}
	for m := range r.Series.Metrics {
		for _, v := range r.Series.Metrics[m] {
			put(uint64(math.Float32bits(v)))
		}
	}
	for _, svc := range r.Services {
		str(svc.ID)
		for _, o := range svc.Outages {
			put(uint64(o.Start))
			put(uint64(o.End))
			put(uint64(o.Severity))
		}
	}
	return h.Sum64()
}

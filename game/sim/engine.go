package sim

import "github.com/outagelab/outage/game/sample"

// The event queue: a binary min-heap ordered by time, then by insertion
// order, so runs are deterministic. Events are small values (no closures,
// no interfaces) to keep a full run within its few-millisecond budget.

type evKind uint8

const (
	evTick         evKind = iota // the minute tick: fluid models, sampling
	evPlan                       // the Planner issues a plan
	evPickup                     // an Enactor picks up the newest plan
	evAttempt                    // an Enactor tries an endpoint's lock
	evCommit                     // an Enactor's change batch completes
	evCleanup                    // an Enactor finishes a clean-up pass
	evOps                        // an operator action is due
	evTriggerStart               // the injected slowness begins
	evTriggerEnd                 // and ends
)

type event struct {
	at   Time
	seq  uint64
	kind evKind
	a    int32 // actor (enactor index, ops action)
	b    int32 // endpoint, attempt token
}

type queue struct {
	h   []event
	seq uint64
}

func (q *queue) less(i, j int) bool {
	if q.h[i].at != q.h[j].at {
		return q.h[i].at < q.h[j].at
	}
	return q.h[i].seq < q.h[j].seq
}

func (q *queue) push(e event) {
	q.seq++
	e.seq = q.seq
	q.h = append(q.h, e)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(i, p) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

func (q *queue) pop() event {
	top := q.h[0]
	n := len(q.h) - 1
	q.h[0] = q.h[n]
	q.h = q.h[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && q.less(r, l) {
			m = r
		}
		if !q.less(m, i) {
			break
		}
		q.h[i], q.h[m] = q.h[m], q.h[i]
		i = m
	}
	return top
}

func (q *queue) len() int { return len(q.h) }

// rng is a component's own stream of draws (SplitMix64), so a safeguard
// that changes one component's draws does not perturb another's timing.
type rng struct{ sample.Rand }

func newRNG(seed uint64, stream uint64) rng {
	r := rng{sample.New(seed*0x9E3779B97F4A7C15 + stream*0xD1B54A32D192ED03 + 1)}
	r.Next()
	return r
}

func (r *rng) next() uint64                   { return r.Next() }
func (r *rng) float() float64                 { return r.Float() }
func (r *rng) uniform(lo, hi float64) float64 { return r.Uniform(lo, hi) }

func secs(s float64) Time { return Time(s * float64(Second)) }
func mins(m float64) Time { return Time(m * float64(Minute)) }

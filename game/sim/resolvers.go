package sim

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// Resolvers cache the regional endpoint's answer. An answer with addresses
// is kept for the positive TTL; a NOERROR answer with no addresses is
// cached for the negative TTL (RFC 2308); a failed lookup (SERVFAIL or a
// timeout) is not cached, and with serve-stale (RFC 8767) the resolver
// answers from its expired cache instead.
//
// They are evaluated lazily at each minute tick against the zone's history
// of answers, jumping over stretches where nothing changed, so a resolver
// costs a few steps per change rather than one per TTL.

type resolver struct {
	next   Time // when its cached answer expires and it asks again
	ok     bool // it holds an answer with addresses
	negTTL Time
	posTTL Time
}

type resolvers struct {
	p   *scenario.Resolvers
	sg  safeguard.Set
	set []resolver
	// The share last computed, valid while the zone history has not grown
	// and every resolver has refreshed since its last change.
	serveStale bool
	// keepLastGood: keep-last-good, the client SDK keeps using its
	// last-known-good addresses when an answer comes back empty.
	keepLastGood bool
	share        float64
	seenLen      int
	settledAt    Time
}

// answerKind is what the authoritative servers return.
type answerKind int

const (
	answerAddresses answerKind = iota // NOERROR with addresses
	answerEmpty                       // NOERROR with zero answers
	answerFailure                     // SERVFAIL or no answer
)

func newResolvers(p *scenario.Resolvers, sg safeguard.Set, seed uint64) *resolvers {
	r := newRNG(seed, 2)
	rs := &resolvers{p: p, sg: sg, set: make([]resolver, p.Count), serveStale: sg.Has(safeguard.ServeStale),
		keepLastGood: sg.Has(safeguard.KeepLastGood)}
	for i := range rs.set {
		neg := r.uniform(p.NegativeTTLMinSec, p.NegativeTTLMaxSec)
		if sg.Has(safeguard.ShortNegativeTTL) {
			neg = p.ShortNegativeTTLSec
		}
		pos := secs(p.PositiveTTLSec)
		rs.set[i] = resolver{next: Time(r.uniform(0, float64(pos))), ok: true, negTTL: secs(neg), posTTL: pos}
	}
	return rs
}

// kindAt returns the authoritative answer at t from the zone history, and
// when it next changes. Route 53 answered throughout (DAT453), so the
// scenario never produces a failure; resolvers still handle one, so that
// serve-stale is modelled, not assumed.
func kindAt(h []answer, t Time) (answerKind, Time) {
	// The history is short (a handful of changes); scan from the end.
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].at <= t {
			next := Time(math.MaxInt64)
			if i+1 < len(h) {
				next = h[i+1].at
			}
			return h[i].kind, next
		}
	}
	return answerAddresses, h[0].at
}

// advance brings every resolver up to t and returns the share holding a
// "no addresses" answer.
func (rs *resolvers) advance(h []answer, t Time) float64 {
	if len(h) == rs.seenLen && t >= rs.settledAt {
		return rs.share
	}
	rs.seenLen = len(h)
	rs.settledAt = h[len(h)-1].at + secs(max(rs.p.NegativeTTLMaxSec, rs.p.PositiveTTLSec, rs.p.ShortNegativeTTLSec)) + Minute
	empty := 0
	for i := range rs.set {
		r := &rs.set[i]
		for r.next <= t {
			kind, change := kindAt(h, r.next)
			switch kind {
			case answerAddresses:
				r.ok = true
			case answerEmpty:
				r.ok = false
			case answerFailure:
				// RFC 8767: answer from the expired cache rather than fail.
				// Without it, the failure is not cached (RFC 2308 §7) and
				// the resolver asks again soon.
				if !rs.serveStale {
					r.ok = false
				}
			}
			ttl := r.posTTL
			if kind == answerEmpty {
				ttl = r.negTTL
			}
			// Jump over refreshes that would see the same answer.
			stop := min(change, t)
			if stop > r.next {
				k := (stop - r.next) / ttl
				r.next += k * ttl
			}
			r.next += ttl
		}
		if !r.ok {
			empty++
		}
	}
	rs.share = float64(empty) / float64(len(rs.set))
	return rs.share
}

// failing is the share of DynamoDB requests that fail for clients whose
// resolvers hold an empty answer in the share empty, the endpoint having
// been empty for age. With keep-last-good, a client given an empty answer
// keeps its last-known-good addresses, which go stale as load balancers
// are replaced.
func (rs *resolvers) failing(empty float64, age Time, emptied bool) float64 {
	if !rs.keepLastGood || !emptied {
		return empty
	}
	good := rs.p.LastGoodShare * math.Exp2(-age.Minutes()/rs.p.LastGoodHalfLifeMin)
	return empty * (1 - good)
}

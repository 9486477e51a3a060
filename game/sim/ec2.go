package sim

import (
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// DWFM, EC2's DropletWorkflow Manager, holds a lease on every droplet. The
// fleet is simulated as shares, not individual droplets: one bucket per
// minute of the lease period, since leases were granted at different times
// and so end at different times.
//
// At the end of its lease a droplet's lease is renewed by a state check
// through DynamoDB; if the check fails, the lease lapses and the droplet
// needs a new one. Establishing a lease is real work: DWFM shares its
// capacity among all lease work in flight (processor sharing), and work not
// finished within its timeout is abandoned and queued again. With little in
// flight, each item finishes quickly; with more in flight than capacity ×
// timeout, no item can finish before it times out, nothing completes, and
// the queue never shrinks: congestive collapse, which nothing here scripts.

type cohort struct {
	size     float64 // share of the fleet
	start    Time
	progress float64 // share of one item's work done (1 = finished)
}

type dwfm struct {
	p  *scenario.DWFM
	sg safeguard.Set
	// share is this fleet's part of all droplets (1 with one Region-wide
	// fleet; 1/k with k zonal fleets in their own cells), and capacity its
	// part of DWFM's capacity, in proportion.
	share, capacity float64
	// avail is DynamoDB's availability to this fleet this minute.
	avail   float64
	buckets []float64 // leased share per bucket
	total   float64   // their sum
	static  bool      // lease-static-stability
	waiting float64   // lapsed, not yet in flight
	flight  []cohort
	admit   float64 // the most that may be in flight (0 = no limit)
	// goodput is leases established over the last tick, as a share.
	goodput float64
	// timedOut is work abandoned over the last tick, as a share.
	timedOut float64
	// netWork is network state to propagate for re-leased droplets, as a
	// share of the fleet, handed to Network Manager each tick.
	netWork float64
	// stalledSince is when the fleet last started making no forward
	// progress with work in flight (-1: it is progressing);
	// reachableSince since when it reaches DynamoDB again (-1: it does
	// not); collapsed while the stall has outlasted a lease-work timeout
	// after that.
	stalledSince, reachableSince Time
	collapsed                    bool
}

// newDWFM is one DWFM fleet holding share of the droplets.
func newDWFM(p *scenario.DWFM, sg safeguard.Set, share float64) *dwfm {
	n := int(p.LeaseMin)
	w := &dwfm{p: p, sg: sg, share: share, capacity: p.Capacity * share, avail: 1,
		buckets: make([]float64, n), stalledSince: -1, reachableSince: -1}
	for i := range w.buckets {
		w.buckets[i] = share / float64(n)
	}
	w.total = share
	w.static = sg.Has(safeguard.LeaseStaticStability)
	if sg.Has(safeguard.DWFMAdmissionControl) {
		w.admit = p.AdmitShare * p.CollapseLine() * share
	}
	return w
}

func (w *dwfm) leased() float64 { return min(w.share, max(0, w.total)) }

func (w *dwfm) inFlight() float64 {
	s := 0.0
	for _, c := range w.flight {
		s += c.size
	}
	return s
}

// backlog is the lease work not yet done, as a share of the fleet.
func (w *dwfm) backlog() float64 { return w.waiting + w.inFlight() }

// renew runs the state checks of the bucket whose lease ends this minute.
// avail is the share of DynamoDB requests that succeed for DWFM.
func (w *dwfm) renew(minute int, avail float64) {
	i := minute % len(w.buckets)
	if w.static {
		// A lease whose renewal could not reach the state store is kept.
		return
	}
	lapsed := w.buckets[i] * (1 - avail)
	w.buckets[i] -= lapsed
	w.total -= lapsed
	w.waiting += lapsed
}

// step advances lease work by dt. Re-leased droplets return to the bucket
// whose lease period starts now.
func (w *dwfm) step(now Time, dt Time, minute int, avail float64) {
	// Admit waiting work; without a limit, DWFM starts on everything.
	if w.waiting > 0 && avail > 0 {
		room := w.waiting
		if w.admit > 0 {
			room = min(room, max(0, w.admit-w.inFlight()))
		}
		if room > 1e-9 {
			w.flight = append(w.flight, cohort{size: room, start: now})
			w.waiting -= room
		}
	}
	total := w.inFlight()
	if total <= 0 {
		return
	}
	// Processor sharing: each item progresses at capacity / work in flight,
	// slowed when DynamoDB calls fail.
	rate := w.capacity * avail / total * dt.Minutes()
	timeout := mins(w.p.TimeoutMin)
	bucket := minute % len(w.buckets)
	kept := w.flight[:0]
	for _, c := range w.flight {
		c.progress += rate
		switch {
		case c.progress >= 1:
			w.buckets[bucket] += c.size
			w.total += c.size
			w.goodput += c.size
			w.netWork += c.size
		case now+dt-c.start >= timeout:
			// Timed out before finishing: the work is lost and queued again.
			w.timedOut += c.size
			kept = append(kept, cohort{size: c.size, start: now + dt})
		default:
			kept = append(kept, c)
		}
	}
	w.flight = kept
	w.merge()
}

// merge folds cohorts that started together, keeping the list short.
func (w *dwfm) merge() {
	if len(w.flight) < 2 {
		return
	}
	out := w.flight[:1]
	for _, c := range w.flight[1:] {
		last := &out[len(out)-1]
		if last.start == c.start && last.progress == c.progress {
			last.size += c.size
			continue
		}
		out = append(out, c)
	}
	w.flight = out
}

// restart is the operators' fix: restart DWFM hosts (work in flight is
// dropped back to waiting) and throttle how much may be in flight.
func (w *dwfm) restart(limit float64) {
	w.waiting += w.inFlight()
	w.flight = w.flight[:0]
	limit *= w.share
	if w.admit == 0 || limit < w.admit {
		w.admit = limit
	}
}

// fleets is DWFM as a whole: one Region-wide fleet, or with cell-endpoints
// one zonal fleet per cell it uses, each reaching DynamoDB through its own
// cell. The sums are over the fleets.
type fleets []*dwfm

func newFleets(p *scenario.DWFM, sg safeguard.Set, k int) fleets {
	fs := make(fleets, max(1, k))
	for i := range fs {
		fs[i] = newDWFM(p, sg, 1/float64(len(fs)))
	}
	return fs
}

func (fs fleets) sum(f func(w *dwfm) float64) float64 {
	s := 0.0
	for _, w := range fs {
		s += f(w)
	}
	return s
}

func (fs fleets) leased() float64   { return fs.sum((*dwfm).leased) }
func (fs fleets) inFlight() float64 { return fs.sum((*dwfm).inFlight) }
func (fs fleets) backlog() float64  { return fs.sum((*dwfm).backlog) }
func (fs fleets) goodput() float64  { return fs.sum(func(w *dwfm) float64 { return w.goodput }) }
func (fs fleets) timedOut() float64 { return fs.sum(func(w *dwfm) float64 { return w.timedOut }) }

// takeNetWork hands the re-leased droplets' network work to Network Manager.
func (fs fleets) takeNetWork() float64 {
	s := 0.0
	for _, w := range fs {
		s += w.netWork
		w.netWork = 0
	}
	return s
}

// placeable is the share of launches that can be placed this minute: on a
// leased droplet of a fleet that reaches DynamoDB and is not holding new
// placements back behind its own lease recovery.
func (fs fleets) placeable() float64 {
	s := 0.0
	for _, w := range fs {
		if w.backlog() > 0.005*w.share {
			continue
		}
		s += w.avail * w.leased()
	}
	return s
}

func (fs fleets) restart(limit float64) {
	for _, w := range fs {
		w.restart(limit)
	}
}

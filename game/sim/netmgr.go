package sim

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// Network Manager propagates network state to new instances (PES §EC2). It
// works through a queue at a fixed capacity; an instance launched while the
// queue is long runs without connectivity until its turn comes.

type netmgr struct {
	p *scenario.NetMgr
	// throttle: netmgr-queue-throttle, Network Manager takes new work only
	// while its queue is short (PES: throttling by the size of the waiting
	// queue in EC2's data-propagation systems).
	throttle bool
	queue    float64 // in minutes of normal launch demand
	latency  float64 // minutes
	high     bool
}

func newNetMgr(p *scenario.NetMgr, sg safeguard.Set) netmgr {
	return netmgr{p: p, throttle: sg.Has(safeguard.NetMgrQueueThrottle)}
}

// room is how many launches Network Manager will take this minute: without
// the throttle, all of them.
func (nm *netmgr) room() float64 {
	if !nm.throttle {
		return math.Inf(1)
	}
	c := nm.p.Capacity
	return max(0, nm.p.ThrottleQueueMin*c-nm.queue+c)
}

// step takes this minute's work and propagates what it can.
func (nm *netmgr) step(work float64) {
	nm.queue += work
	nm.queue = max(0, nm.queue-nm.p.Capacity)
	nm.latency = nm.queue / nm.p.Capacity
}

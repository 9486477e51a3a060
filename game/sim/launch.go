package sim

import "github.com/outagelab/outage/game/scenario"

// launches is EC2 instance launches: demand of one unit per minute (a
// normal minute's launches); requests that fail stay pending, as customers
// and auto-scaling retry.
type launches struct {
	p        *scenario.Launch
	pending  float64 // launches wanted but not yet placed
	limit    float64 // current admission limit per minute
	throttle bool    // engineers' throttles are in place
	rampFrom Time    // throttles being relaxed since (0 = not relaxing)
	success  float64 // share of admitted launches placed this minute
	placed   float64 // launches placed this minute
}

// step admits and places this minute's launches. room is what Network
// Manager takes; placeable is the share of launches that find a droplet
// with a lease, in a fleet that reaches DynamoDB and is not holding new
// placements back behind its lease recovery.
func (ln *launches) step(now Time, room, placeable float64) {
	p := ln.p
	limit := p.APILimit
	if ln.throttle {
		limit = p.ThrottleRate
		if ln.rampFrom > 0 {
			f := (now - ln.rampFrom).Minutes() / p.RelaxRampMin
			if f >= 1 {
				ln.throttle, ln.rampFrom = false, 0
				limit = p.APILimit
			} else {
				limit = p.ThrottleRate + f*(p.APILimit-p.ThrottleRate)
			}
		}
	}
	limit = min(limit, room)
	ln.limit = limit
	// A launch needs a droplet with a lease ("insufficient capacity"
	// without one) and the control plane's own state in DynamoDB: keeping
	// leases through an outage (lease-static-stability) does not remove
	// the second need.
	ln.success = placeable
	ln.pending++
	admitted := min(ln.pending, limit)
	ln.placed = admitted * ln.success
	ln.pending -= ln.placed
}

package sim

import (
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// Network Load Balancer, per Availability Zone (PES §NLB). New instances
// enter health checks before Network Manager has given them their network
// state; their checks fail though the nodes are healthy, results flap, and
// failing nodes are pulled from DNS and returned. The extra checks degrade
// the health checker, which trips automatic AZ DNS failover: an NLB takes a
// whole AZ out of DNS. Connection errors are the capacity so taken out —
// not a severity threshold — so a limit on how much one NLB may remove
// bounds them.
//
// The fleet of NLBs is simulated as shares: per AZ, the share of NLBs
// that have failed that AZ over, taken independently, and the share of
// that AZ's nodes pulled while they flap.

type nlb struct {
	p *scenario.NLB
	// gate: nlb-readiness-gate, a target is not health-checked into service
	// before its network state has arrived.
	gate bool
	// maxAZ: nlb-velocity-control, how many AZs one NLB may fail over
	// (-1: no limit).
	maxAZ int
	r     rng

	flapping  float64   // share of targets flapping, over all AZs
	gated     float64   // with the gate: share of targets held out until their network state arrives
	weight    []float64 // per AZ: its share of new targets, relative (mean 1)
	flap      []float64 // per AZ
	out       []float64 // per AZ: share of NLBs with the AZ failed over
	outEff    []float64 // the same after the velocity limit
	inService float64   // share of healthy capacity in DNS
	err       float64   // share of connections that fail
	peak      float64   // the highest err so far
	refused   bool      // the velocity limit refused a failover this minute
	disabled  bool      // engineers turned automatic failover off
}

func newNLB(p *scenario.NLB, sg safeguard.Set, seed uint64) nlb {
	n := max(1, p.AZs)
	lb := nlb{p: p, r: newRNG(seed, 40), maxAZ: -1, inService: 1, weight: make([]float64, n),
		flap: make([]float64, n), out: make([]float64, n), outEff: make([]float64, n)}
	// New instances land unevenly over the AZs: a factor per AZ around 1,
	// drawn once a night and normalised so the AZs average to the fleet.
	sum := 0.0
	for a := range n {
		lb.weight[a] = 1 + p.FlapNoise*lb.r.uniform(-1, 1)
		sum += lb.weight[a]
	}
	for a := range n {
		lb.weight[a] *= float64(n) / sum
	}
	lb.gate = sg.Has(safeguard.NLBReadinessGate)
	if sg.Has(safeguard.NLBVelocityControl) {
		// One AZ is 1/n of an NLB's capacity: the limit allows this many.
		lb.maxAZ = int(p.VelocityLimit*float64(n) + 1e-9)
	}
	return lb
}

// step advances one minute. placed is the launches placed this minute and
// latency Network Manager's propagation delay, in minutes.
func (lb *nlb) step(placed, latency float64) {
	p := lb.p
	n := len(lb.out)
	lb.flapping, lb.gated = 0, 0
	// Targets waiting longer than the grace for their network state fail
	// checks though healthy, and flap (Little's law: rate × wait); the
	// readiness gate keeps them out of service instead, unchecked.
	waiting := min(1, placed*max(0, latency-p.GraceMin)/p.TargetsMin)
	if lb.gate {
		lb.gated = waiting
	} else {
		lb.flapping = waiting
	}
	for a := range n {
		lb.flap[a] = min(1, lb.flapping*lb.weight[a])
	}
	if lb.disabled {
		// Failover off: every healthy node and AZ goes back into DNS and
		// failing checks no longer pull nodes (PES 09:36).
		for a := range n {
			lb.out[a], lb.outEff[a] = 0, 0
		}
		lb.inService, lb.err, lb.refused = 1, 0, false
		return
	}
	for a := range n {
		if lb.flap[a] > 0 {
			lb.out[a] += p.FailoverRate * lb.flap[a] * (1 - lb.out[a])
		}
		if lb.flapping < 1e-4 {
			lb.out[a] -= p.RecoverRate * lb.out[a]
		}
	}
	lb.limit()
	in := 0.0
	for a := range n {
		in += (1 - lb.outEff[a]) * (1 - lb.flap[a])
	}
	lb.inService = in / float64(n)
	lb.err = 1 - lb.inService
	lb.peak = max(lb.peak, lb.err)
}

// limit applies the velocity control: an NLB may not fail over more than
// maxAZ of its AZs; failovers past that are refused. The checker asks for
// failovers AZ by AZ independently, so the share of NLBs asking for k AZs
// follows from the per-AZ shares; what is refused is taken off each AZ in
// proportion.
func (lb *nlb) limit() {
	copy(lb.outEff, lb.out)
	lb.refused = false
	n := len(lb.out)
	if lb.maxAZ < 0 || lb.maxAZ >= n {
		return
	}
	want, got := 0.0, 0.0
	for mask := range 1 << n {
		pr, k := 1.0, 0
		for a := range n {
			if mask&(1<<a) != 0 {
				pr *= lb.out[a]
				k++
			} else {
				pr *= 1 - lb.out[a]
			}
		}
		want += pr * float64(k)
		got += pr * float64(min(k, lb.maxAZ))
	}
	if want <= 0 {
		return
	}
	// out is what the degraded checker asks for; the control refuses the
	// failovers past the limit, so only outEff leaves DNS.
	f := got / want
	for a := range n {
		lb.outEff[a] = lb.out[a] * f
	}
	lb.refused = f < 1
}

// azHeld is the share of NLBs whose failover of AZ a the velocity limit
// refused: the AZ stays in DNS (0 past the AZs, or without the limit).
func (lb *nlb) azHeld(a int) float64 {
	if a < len(lb.out) {
		return max(0, lb.out[a]-lb.outEff[a])
	}
	return 0
}

// azOut is the share of NLBs with AZ a out of DNS (0 past the AZs).
func (lb *nlb) azOut(a int) float64 {
	if a < len(lb.outEff) {
		return lb.outEff[a]
	}
	return 0
}

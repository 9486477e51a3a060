package viewmodel

import (
	"github.com/outagelab/outage/game/i18n"
)

// NLBGauges is Network Load Balancer at a moment: targets flapping
// between healthy and failing, and the healthy capacity AZ failover has
// taken out of DNS.
type NLBGauges struct {
	// Capacity is the share of healthy capacity in service; Flapping the
	// share of targets flapping; ConnErrors the share of connections that
	// fail.
	Capacity, Flapping, ConnErrors float64
	// AZOut is, per Availability Zone (a, b, c), the share of NLBs that
	// have that AZ failed over, i.e. out of DNS; PerAZ is set when the
	// run records it.
	AZOut [3]float64
	PerAZ bool
	// Gated is the share of targets the readiness gate holds out of
	// service until their network arrives; AZHeld, per AZ, the share of
	// NLBs whose failover of it the velocity limit refused.
	Gated  float64
	AZHeld [3]float64
}

// NLBAt reads NLB's gauges from the run's gauges g.
func NLBAt(g Gauges) NLBGauges {
	return NLBGauges{Capacity: g.NLBCapacityInService, Flapping: g.NLBFlapping, ConnErrors: g.NLBConnErrors,
		PerAZ: true, AZOut: g.NLBAZOut, Gated: g.NLBGated, AZHeld: g.NLBAZHeld}
}

// Out is the share of capacity out of service: in one AZ when PerAZ,
// else spread over the three.
func (n NLBGauges) Out(az int) float64 {
	if n.PerAZ && az >= 0 && az < 3 {
		return n.AZOut[az]
	}
	return Clamp(1-n.Capacity, 0, 1)
}

// Describe says in words what the NLB picture shows.
func (n NLBGauges) Describe(lang string) string {
	args := []any{"cap", pct(n.Capacity), "flap", pct(n.Flapping), "err", pct(n.ConnErrors)}
	s := i18n.T(lang, "ui.describe.nlb", args...)
	if n.Flapping > 0.005 || n.Capacity < 0.995 {
		s = i18n.T(lang, "ui.describe.nlb_flap", args...)
	}
	// Where a safeguard acts, the words say so, as the picture does.
	if held := max(n.AZHeld[0], n.AZHeld[1], n.AZHeld[2]); held >= 0.005 {
		s += " " + i18n.T(lang, "ui.describe.nlb_held", "held", pct(held))
	}
	if n.Gated >= 0.005 {
		s += " " + i18n.T(lang, "ui.describe.nlb_gated", "pct", pct(n.Gated))
	}
	return s
}

package viewmodel

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
)

// NetMgrGauges is Network Manager at a moment: instances launched but
// waiting for their network state, and how long propagation takes.
type NetMgrGauges struct {
	// Backlog is in units of a normal minute's launches; Peak the night's
	// largest backlog, so the picture keeps one scale through the chapter.
	Backlog, Peak float64
	// DelayMin is the propagation delay in minutes; PeakDelay the night's
	// longest.
	DelayMin, PeakDelay float64
}

// NetMgrHighDelayMin is the delay above which new instances are drawn as
// launched without connectivity (PES: "high" from 06:21).
const NetMgrHighDelayMin = 10

// NetMgrAt reads Network Manager's gauges from the run's gauges g, with
// the night's peaks for the picture's scale.
func NetMgrAt(res *sim.Result, g Gauges) NetMgrGauges {
	peak, peakD := 0.0, 0.0
	for _, v := range res.Series.Metrics[sim.NetMgrBacklog] {
		peak = math.Max(peak, float64(v))
	}
	for _, v := range res.Series.Metrics[sim.NetMgrLatency] {
		peakD = math.Max(peakD, float64(v))
	}
	return NetMgrGauges{Backlog: g.NetMgrBacklog, Peak: peak, DelayMin: g.NetMgrDelayMin, PeakDelay: peakD}
}

// Disconnected reports that new instances launch before their network
// is there.
func (n NetMgrGauges) Disconnected() bool { return n.DelayMin > NetMgrHighDelayMin }

// Fill is the backlog as a share of the night's peak, on a log scale so
// that both a few hundred and hundreds of thousands of instances show.
func (n NetMgrGauges) Fill() float64 {
	if n.Peak <= 0 || n.Backlog <= 0 {
		return 0
	}
	return Clamp(math.Log1p(n.Backlog)/math.Log1p(n.Peak), 0, 1)
}

// Describe says in words what the Network Manager picture shows.
func (n NetMgrGauges) Describe(lang string) string {
	args := []any{"n", CompactCount(n.Backlog), "min", int(math.Round(n.DelayMin))}
	if n.Disconnected() {
		return i18n.T(lang, "ui.describe.netmgr_late", args...)
	}
	return i18n.T(lang, "ui.describe.netmgr", args...)
}

// CompactCount writes a count as "1.2k", "340k", "1.1M".
func CompactCount(v float64) string {
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 1, 64) + "M"
	case v >= 1e4:
		return strconv.Itoa(int(math.Round(v/1e3))) + "k"
	case v >= 1e3:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	}
	return strconv.Itoa(int(math.Round(v)))
}

package viewmodel

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
)

// DWFMGauges is EC2's lease manager at a moment: the droplet fleet's
// leases and the lease work queue, as shares of the fleet.
type DWFMGauges struct {
	// Leased is the share of droplets with a live lease; Launch the share
	// of launches that succeed.
	Leased, Launch float64
	// InFlight is lease work in the system; Goodput leases established
	// per minute.
	InFlight, Goodput float64
	// Line is capacity × timeout: with more work in flight than this,
	// each item's share of DWFM's capacity is too small to finish before
	// it times out, and nothing finishes (0 when unknown).
	Line float64
}

// DWFMAt reads DWFM's gauges at t; line is capacity × timeout.
func DWFMAt(res *sim.Result, t sim.Time, line float64) DWFMGauges {
	return DWFMGauges{
		Leased: held(res, sim.DropletsLeased, t), Launch: held(res, sim.LaunchSuccess, t),
		InFlight: held(res, sim.DWFMQueue, t), Goodput: held(res, sim.DWFMGoodput, t), Line: line,
	}
}

// Collapsed reports congestive collapse: more work in flight than the
// line, and almost nothing finishing.
func (d DWFMGauges) Collapsed() bool {
	if d.Line > 0 {
		return d.InFlight > d.Line && d.Goodput < d.Line*0.1
	}
	return d.InFlight > 0.3 && d.Goodput < d.InFlight*0.1
}

// Working reports that lease work is under way (a queue worth drawing).
func (d DWFMGauges) Working() bool { return d.InFlight > 0.002 }

// QueueScale is the share of the fleet the queue picture's full width
// stands for: the whole fleet when it is all in flight, else enough to
// show the line with room on both sides.
func (d DWFMGauges) QueueScale() float64 {
	return Clamp(math.Max(d.InFlight*1.15, d.Line*3), 0.05, 1)
}

// Describe says in words what the DWFM picture shows.
func (d DWFMGauges) Describe(lang string) string {
	args := []any{"leased", pct(d.Leased), "flight", pct(d.InFlight), "line", pct1(d.Line), "good", pct1(d.Goodput)}
	switch {
	case d.Collapsed():
		return i18n.T(lang, "ui.describe.dwfm_collapse", args...)
	case d.Working():
		return i18n.T(lang, "ui.describe.dwfm_work", args...)
	}
	return i18n.T(lang, "ui.describe.dwfm", args...)
}

// pct is a share as a whole percentage.
func pct(v float64) int { return int(math.Round(100 * v)) }

// pct1 is a share as a percentage, with one decimal below 10%.
func pct1(v float64) string {
	p := 100 * v
	if p > 0 && p < 9.95 {
		return strconv.FormatFloat(p, 'f', 1, 64)
	}
	return strconv.Itoa(int(math.Round(p)))
}

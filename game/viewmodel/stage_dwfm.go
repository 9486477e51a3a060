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
	// Queued is lease work in the system (waiting or in flight);
	// InFlight the most DWFM worked on at once over the last
	// InFlightWindow minutes; Goodput leases established and TimedOut
	// work abandoned over the last minute.
	Queued, InFlight, Goodput, TimedOut float64
	// Line is capacity × timeout: with more work in flight than this,
	// each item's share of DWFM's capacity is too small to finish before
	// it times out, and nothing finishes (0 when unknown).
	Line float64
	// TimeoutMin is how long an item may run before it is abandoned (0
	// when unknown).
	TimeoutMin float64
	// GoodputAvg and TimedOutAvg are leases established and work
	// abandoned per minute over the last GoodputWindow minutes: work
	// finishes and times out in batches, so one minute's figure flickers.
	GoodputAvg, TimedOutAvg float64
}

// GoodputWindow is how many per-minute samples the DWFM rates average.
const GoodputWindow = 10

// InFlightWindow is how many samples the work in flight looks back over.
const InFlightWindow = 4

// TrailingMax is the largest of v over the n samples ending at index i.
func TrailingMax(v []float32, i, n int) float64 {
	if len(v) == 0 || n <= 0 {
		return 0
	}
	i = max(0, min(i, len(v)-1))
	m := 0.0
	for j := max(0, i-n+1); j <= i; j++ {
		m = math.Max(m, float64(v[j]))
	}
	return m
}

// TrailingMean is the mean of v over the n samples ending at index i.
func TrailingMean(v []float32, i, n int) float64 {
	if len(v) == 0 || n <= 0 {
		return 0
	}
	i = max(0, min(i, len(v)-1))
	sum, k := 0.0, 0
	for j := max(0, i-n+1); j <= i; j++ {
		sum += float64(v[j])
		k++
	}
	return sum / float64(k)
}

// DWFMAt reads DWFM's gauges at t from the run's gauges g (what
// state().gauges reports); line is capacity × timeout when the run does
// not carry it. Work in flight and the rates are read over a few minutes,
// and the picture says so: work is admitted, finishes and times out in
// batches, so one minute's sample may fall between two.
func DWFMAt(res *sim.Result, t sim.Time, g Gauges, line float64) DWFMGauges {
	if g.CollapseLine > 0 {
		line = g.CollapseLine
	}
	i := res.Series.Index(t)
	return DWFMGauges{
		Leased: g.DropletsLeased, Launch: g.LaunchSuccess,
		Queued: g.LeaseWorkQueued, Goodput: g.LeaseGoodput, TimedOut: g.LeaseTimedOut, Line: line,
		InFlight:    math.Max(g.LeaseWorkInFlight, TrailingMax(res.Series.Metrics[sim.DWFMInFlight], i, InFlightWindow)),
		GoodputAvg:  TrailingMean(res.Series.Metrics[sim.DWFMGoodput], i, GoodputWindow),
		TimedOutAvg: TrailingMean(res.Series.Metrics[sim.DWFMTimedOut], i, GoodputWindow),
	}
}

// Collapsed reports congestive collapse: more work in flight than the
// line, and almost nothing finishing.
func (d DWFMGauges) Collapsed() bool {
	if d.Line > 0 {
		return d.InFlight > d.Line && d.GoodputAvg < d.Line*0.01
	}
	return d.InFlight > 0.3 && d.GoodputAvg < d.InFlight*0.01
}

// Working reports that lease work is under way (a queue worth drawing).
func (d DWFMGauges) Working() bool { return d.Queued > 0.002 }

// QueueScale is the share of the fleet the queue picture's full width
// stands for: the whole fleet when it is all in flight, else enough to
// show the line with room on both sides.
func (d DWFMGauges) QueueScale() float64 {
	return Clamp(math.Max(d.Queued*1.15, d.Line*3), 0.05, 1)
}

// NeedMin is how long one item of lease work takes at the current load:
// DWFM shares its capacity among all work in flight, so each item needs
// InFlight / Capacity minutes, which is TimeoutMin × InFlight / Line.
// It is 0 when unknown.
func (d DWFMGauges) NeedMin() float64 {
	if d.Line <= 0 || d.TimeoutMin <= 0 || d.InFlight <= 0 {
		return 0
	}
	return d.TimeoutMin * d.InFlight / d.Line
}

// DWFMRects is where the DWFM picture's parts go in its stage's body.
type DWFMRects struct {
	// Grid is the droplet grid and GridLabel its caption.
	Grid, GridLabel Rect
	// Queue is the lease work queue and Plot goodput against work in
	// flight; both are drawn only when there is room (Full).
	Queue, Plot Rect
	// Meters holds the gauges of the small picture.
	Meters Rect
	Full   bool
}

// LayDWFM lays out the DWFM picture in body; lh is a line of its text.
// A spotlighted stage has room for the queue and the plot beside the
// droplets; a small one shows the droplets and two meters.
func LayDWFM(body Rect, u, lh float64) DWFMRects {
	var d DWFMRects
	gap := 12 * u
	if body.W >= 560*u && body.H >= 6*lh {
		d.Full = true
		grid, rest := body.CutLeft(math.Min(body.W*0.26, body.H*1.6))
		d.GridLabel, d.Grid = grid.CutBottom(2 * lh)
		d.GridLabel = R(d.GridLabel.X, d.GridLabel.Y+u, d.GridLabel.W, d.GridLabel.H)
		rest.X += gap
		rest.W -= gap
		d.Queue, d.Plot = rest.CutLeft(rest.W * 0.56)
		d.Plot.X += gap
		d.Plot.W -= gap
		return d
	}
	if body.W >= 300*u && body.H >= 13*lh {
		// Tall and narrow (a phone): droplets and their labels on top, the
		// queue, then the plot.
		d.Full = true
		top, rest := body.CutTop(math.Round(body.H * 0.28))
		grid, labels := top.CutLeft(math.Min(top.W*0.45, top.H*1.6))
		d.Grid = grid
		d.GridLabel = R(labels.X+gap, labels.Y, labels.W-gap, labels.H)
		rest.Y += gap / 2
		rest.H -= gap / 2
		d.Queue, d.Plot = rest.CutTop(math.Round(rest.H * 0.55))
		d.Plot.Y += gap / 2
		d.Plot.H -= gap / 2
		return d
	}
	grid, side := body.CutLeft(body.W * 0.55)
	d.GridLabel, d.Grid = grid.CutBottom(lh)
	d.Meters = side.InsetXY(6*u, 0)
	return d
}

// PlotX places an amount of work in flight (a share of the fleet) on the
// plot's x axis, 0..1, on a log scale from 0.5% to the whole fleet, so
// that the line at a few percent and the whole fleet both have room.
func PlotX(inFlight float64) float64 {
	const lo = 0.005
	return Clamp(math.Log(math.Max(inFlight, lo)/lo)/math.Log(1/lo), 0, 1)
}

// Describe says in words what the DWFM picture shows.
func (d DWFMGauges) Describe(lang string) string {
	args := []any{"leased", pct(d.Leased), "flight", pct(d.InFlight), "line", PctText(d.Line), "good", PctText(d.GoodputAvg)}
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

// PctText is a share as a percentage, with one decimal below 10% (the
// words and the picture write shares alike).
func PctText(v float64) string {
	p := 100 * v
	if p > 0 && p < 9.95 {
		return strconv.FormatFloat(p, 'f', 1, 64)
	}
	return strconv.Itoa(int(math.Round(p)))
}

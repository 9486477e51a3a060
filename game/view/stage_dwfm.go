package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// dwfmStage is EC2's DropletWorkflow Manager: the droplets' leases and
// the lease work queue.
type dwfmStage struct{}

func (dwfmStage) severity(g *Game, f *frameState) sim.Severity {
	d := vm.DWFMAt(f.res, f.t, f.g, g.App.CollapseLine())
	return vm.HealthSeverity(math.Min(d.Leased, d.Launch) * 1.02)
}

func (dwfmStage) draw(g *Game, r vm.Rect, f *frameState) {
	g.drawDWFM(r, g.App.DWFMWith(f.res, f.t, f.g), f.res, f.t)
}

// drawDWFM: the droplets losing and regaining leases; with room, the
// lease work queue (items progressing, timing out, queued again) with the
// capacity × timeout line, and goodput against work in flight over the
// night so far.
func (g *Game) drawDWFM(r vm.Rect, d vm.DWFMGauges, res *sim.Result, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	lay := vm.LayDWFM(r, u, lh)
	g.drawDroplets(lay.Grid, d.Leased)
	lp := strconv.Itoa(int(math.Round(d.Leased * 100)))
	if lay.Full {
		p.fitAny(regular, fs, vm.R(lay.GridLabel.X, lay.GridLabel.Y, lay.GridLabel.W, lh), left, pal.TextDim,
			g.tr("ui.dwfm.leased", "pct", lp), g.tr("ui.dwfm.leased_short", "pct", lp))
		ls := strconv.Itoa(int(math.Round(d.Launch * 100)))
		p.fitAny(regular, fs, vm.R(lay.GridLabel.X, lay.GridLabel.Y+lh, lay.GridLabel.W, lh), left, sevColor(pal, d.Launch),
			g.tr("ui.dwfm.launch_pct", "pct", ls), g.tr("ui.dwfm.launch_pct_short", "pct", ls))
		g.drawLeaseQueue(lay.Queue, d, t)
		g.drawLeasePlot(lay.Plot, d, res, t)
		return
	}
	p.fitAny(regular, fs, lay.GridLabel, left, pal.TextDim,
		g.tr("ui.dwfm.leased", "pct", lp), g.tr("ui.dwfm.leased_short", "pct", lp), g.tr("ui.pct", "pct", lp))
	// Queue and launches: a label at the left, the figure at the right,
	// a bar under both.
	side := lay.Meters
	y := side.Y
	meter := func(long, short, pct string, v float64, c vm.RGBA) {
		if y+lh+4*u > side.Bottom() {
			return
		}
		pw := g.fonts.width(bold, fs, pct)
		p.fitText(pct, bold, fs, vm.R(side.Right()-pw, y, pw, lh), right, c)
		p.fitAny(regular, fs, vm.R(side.X, y, side.W-pw-4*u, lh), left, pal.TextDim, long, short)
		bar := vm.R(side.X, y+lh, side.W, math.Max(3, 5*u))
		p.rect(bar, pal.Grid)
		p.rect(vm.R(bar.X, bar.Y, bar.W*vm.Clamp(v, 0, 1), bar.H), c)
		y += lh + 6*u + 3*u
	}
	collapse := d.Collapsed()
	qc := pal.Info
	if collapse {
		qc = pal.Bad
	}
	meter(g.tr("ui.dwfm.queue"), g.tr("ui.dwfm.queue_short"), g.tr("ui.pct", "pct", strconv.Itoa(int(math.Round(d.InFlight*100)))), d.InFlight, qc)
	meter(g.tr("ui.dwfm.launch"), g.tr("ui.dwfm.launch_short"), g.tr("ui.pct", "pct", strconv.Itoa(int(math.Round(d.Launch*100)))), d.Launch, sevColor(pal, d.Launch))
	if collapse && y+lh <= side.Bottom() {
		p.fitAny(bold, fs, vm.R(side.X, y, side.W, lh), left, pal.Bad, g.tr("ui.dwfm.collapse"), g.tr("ui.dwfm.collapse_short"))
	}
}

// drawDroplets draws a sample of the fleet: filled droplets hold a lease,
// hollow ones have lost it.
func (g *Game) drawDroplets(r vm.Rect, leased float64) {
	p, pal, u := &g.p, g.pal, g.lay.U
	cols, rows := 16, 8
	if r.W < r.H*1.4 {
		cols, rows = 10, 10
	}
	cell := math.Min(r.W/float64(cols), r.H/float64(rows))
	if cell < 4*u {
		cols, rows = 8, 4
		cell = math.Min(r.W/float64(cols), r.H/float64(rows))
	}
	n := cols * rows
	have := int(math.Round(leased * float64(n)))
	for i := range n {
		x := r.X + float64(i%cols)*cell
		y := r.Y + float64(i/cols)*cell
		c := vm.R(x+cell*0.12, y+cell*0.12, cell*0.76, cell*0.76)
		if scatter(i, n) < have {
			p.rect(c, pal.OK)
		} else {
			p.strokeRect(c, math.Max(1, cell*0.1), pal.Bad.WithAlpha(0xB0))
		}
	}
}

// queueLanes is how many items of lease work the queue picture follows.
const queueLanes = 6

// drawLeaseQueue draws the lease work in flight against the capacity ×
// timeout line, and a few items of work: each advances at its share of
// DWFM's capacity; when the timeout comes first it is abandoned where it
// got to (the red wall) and queued again, else it finishes (a lease).
func (g *Game) drawLeaseQueue(r vm.Rect, d vm.DWFMGauges, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	collapse := d.Collapsed()
	// In flight against the line.
	fc := pal.Info
	if collapse {
		fc = pal.Bad
	}
	fp := vm.PctText(d.InFlight)
	p.fitAny(bold, fs, vm.R(r.X, r.Y, r.W, lh), left, fc, g.tr("ui.dwfm.inflight", "pct", fp), g.tr("ui.dwfm.inflight_short", "pct", fp), g.tr("ui.dwfm.inflight_tiny", "pct", fp))
	y := r.Y + lh
	scale := d.QueueScale()
	bar := vm.R(r.X, y+2*u, r.W, math.Max(6, 10*u))
	p.rect(bar, pal.Grid)
	// Work waiting to start hatched, work in flight solid.
	if wq := vm.Clamp(d.Queued/scale, 0, 1); wq > 0 {
		wr := vm.R(bar.X, bar.Y, bar.W*wq, bar.H)
		p.rect(wr, pal.TextFaint.WithAlpha(0x50))
		for x := wr.X + 3*u; x < wr.Right(); x += 6 * u {
			p.line(x, wr.Bottom(), math.Min(x+bar.H, wr.Right()), wr.Y, math.Max(1, u), pal.TextFaint)
		}
	}
	p.rect(vm.R(bar.X, bar.Y, bar.W*vm.Clamp(d.InFlight/scale, 0, 1), bar.H), fc)
	labY := bar.Bottom() + 3*u
	lineLabW := 0.0
	if d.Line > 0 {
		lx := bar.X + bar.W*vm.Clamp(d.Line/scale, 0, 1)
		p.line(lx, bar.Y-3*u, lx, bar.Bottom()+3*u, math.Max(2, 2.5*u), pal.Text)
		lab := g.tr("ui.dwfm.line", "pct", vm.PctText(d.Line))
		if !p.fits(regular, fs, lab, r.W*0.55) {
			lab = g.tr("ui.dwfm.line_short", "pct", vm.PctText(d.Line))
		}
		lineLabW = math.Min(g.fonts.width(regular, fs, lab), r.W*0.55)
		lx0 := vm.Clamp(lx-lineLabW/2, r.X, r.Right()-lineLabW)
		p.fitText(lab, regular, fs, vm.R(lx0, labY, lineLabW, lh), left, pal.Text)
		lineLabW += lx0 - r.X
	}
	// What waits, and the safeguard holding it back.
	if waiting := d.Queued - d.InFlight; waiting > 0.005 {
		wp := vm.PctText(waiting)
		long, short := g.tr("ui.dwfm.waiting", "pct", wp), g.tr("ui.pct", "pct", wp)
		c := pal.TextDim
		if g.App.Set.Has(safeguard.DWFMAdmissionControl) {
			long, short = g.tr("ui.dwfm.held_back", "pct", wp), g.tr("ui.dwfm.waiting", "pct", wp)
			c = pal.OK
		}
		p.fitAny(regular, fs, vm.R(r.X+lineLabW+8*u, labY, r.W-lineLabW-8*u, lh), right, c, long, short)
	}
	y = bar.Bottom() + 3*u + lh + 4*u
	// Items of work.
	need, timeout := d.NeedMin(), d.TimeoutMin
	lanesR := vm.R(r.X, y+lh, r.W, r.Bottom()-y-2*lh)
	nl := min(queueLanes, int(lanesR.H/(8*u)))
	if !d.Working() || need <= 0 || nl < 2 {
		msg := g.tr("ui.dwfm.no_work")
		if d.Working() {
			msg = g.tr("ui.dwfm.none_in_flight")
		}
		p.fitText(msg, regular, fs, vm.R(r.X, y, r.W, lh), left, pal.TextFaint)
		return
	}
	// Along a lane is the item's work, from started to leased. It runs
	// out of time at timeout/need of the way.
	wall := timeout / need
	lanes := lanesR.Grid(1, nl, math.Max(2, 3*u))
	lw := lanesR.W - lh
	// Each item's life: until it finishes or times out.
	life := math.Min(need, timeout) * float64(sim.Minute)
	for i, ln := range lanes {
		track := vm.R(ln.X, ln.Y, lw, ln.H)
		p.round(track, 3*u, pal.Lane)
		ph := math.Mod(float64(t)/life+float64(i)/float64(nl), 1)
		if g.App.ReduceMotion {
			ph = (float64(i) + 0.5) / float64(nl)
		}
		done := ph * math.Min(1, wall)
		c := pal.Info
		if wall < 1 {
			c = pal.Warn
		}
		p.round(vm.R(track.X, track.Y, math.Max(4*u, track.W*done), track.H), 2*u, c)
		if wall < 1 && ph > 0.85 {
			// Timed out: abandoned here, queued again at the start.
			p.shape(vm.ShapeCross, track.X+track.W*done, track.CY(), track.H*0.45, pal.Bad)
		}
		if wall >= 1 && ph > 0.85 {
			p.shape(vm.ShapeCircle, track.Right()+lh/2, track.CY(), track.H*0.4, pal.OK)
		}
	}
	top, bottom := lanes[0].Y, lanes[len(lanes)-1].Bottom()
	// The finish: a lease.
	p.line(lanesR.X+lw, top, lanesR.X+lw, bottom, math.Max(1, 1.5*u), pal.OK)
	head := vm.R(r.X, y, r.W, lh)
	fin := g.tr("ui.dwfm.leased_mark")
	fw := g.fonts.width(regular, fs, fin)
	p.fitText(fin, regular, fs, vm.R(head.Right()-fw, head.Y, fw, lh), right, pal.OK)
	foot := vm.R(r.X, bottom+2*u, r.W, lh)
	if wall < 1 {
		wx := lanesR.X + lw*wall
		p.line(wx, top-2*u, wx, bottom+2*u, math.Max(2, 3*u), pal.Bad)
		p.fitAny(regular, fs, vm.R(wx+4*u, head.Y, head.Right()-fw-wx-10*u, lh), left, pal.Bad,
			g.tr("ui.dwfm.wall"), g.tr("ui.dwfm.wall_short"))
		p.fitAny(regular, fs, foot, left, pal.Bad,
			g.tr("ui.dwfm.timing_out", "need", minText(need), "timeout", minText(timeout)),
			g.tr("ui.dwfm.timing_out_short", "need", minText(need), "timeout", minText(timeout)))
		return
	}
	p.fitAny(regular, fs, foot, left, pal.OK,
		g.tr("ui.dwfm.finishing", "need", minText(need), "timeout", minText(timeout)),
		g.tr("ui.dwfm.finishing_short", "need", minText(need), "timeout", minText(timeout)))
}

// drawLeasePlot draws goodput against work in flight, from the start of
// the night to the playhead, with the capacity × timeout line: right of
// it nothing finishes.
func (g *Game) drawLeasePlot(r vm.Rect, d vm.DWFMGauges, res *sim.Result, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	p.fitAny(bold, fs, vm.R(r.X, r.Y, r.W, lh), left, pal.TextDim, g.tr("ui.dwfm.plot"), g.tr("ui.dwfm.plot_short"))
	box := vm.R(r.X+2*u, r.Y+lh+2*u, r.W-4*u, r.H-2*lh-4*u)
	if box.H < 20*u {
		return
	}
	p.strokeRect(box, math.Max(1, u), pal.Border)
	q, gp := res.Series.Metrics[sim.DWFMInFlight], res.Series.Metrics[sim.DWFMGoodput]
	// Full capacity: every minute, capacity = line / timeout leases.
	maxG := d.Line / math.Max(d.TimeoutMin, 1)
	maxG = math.Max(maxG*1.6, 1e-6)
	px := func(v float64) float64 { return box.X + box.W*vm.PlotX(v) }
	py := func(v float64) float64 { return box.Bottom() - box.H*vm.Clamp(v/maxG, 0, 1) }
	if d.Line > 0 {
		lx := px(d.Line)
		p.rect(vm.R(lx, box.Y, box.Right()-lx, box.H), pal.Bad.WithAlpha(0x18))
		p.line(lx, box.Y, lx, box.Bottom(), math.Max(2, 2.5*u), pal.Text)
		p.fitAny(regular, fs, vm.R(lx+4*u, box.Y+2*u, box.Right()-lx-6*u, lh), right, pal.Bad,
			g.tr("ui.dwfm.nothing_finishes"), g.tr("ui.dwfm.nothing_finishes_short"))
	}
	// The trail: the night so far, a point every few minutes.
	last := min(res.Series.Index(t), len(q)-1, len(gp)-1)
	rad := math.Max(1.5, 2*u)
	for i := 0; i <= last; i += 3 {
		g10 := vm.TrailingMean(gp, i, vm.GoodputWindow)
		if vm.TrailingMax(q, i, vm.InFlightWindow) <= 0.001 && g10 <= 0 {
			continue
		}
		p.circle(px(vm.TrailingMax(q, i, vm.InFlightWindow)), py(g10), rad, pal.TextFaint)
	}
	// The throttle's effect shows as the point moving back left of the line.
	if last >= 0 && d.Working() {
		c := pal.OK
		if d.Collapsed() {
			c = pal.Bad
		}
		p.circle(px(d.InFlight), py(d.GoodputAvg), math.Max(4, 6*u), c)
	}
	p.fitAny(regular, fs, vm.R(box.X, box.Bottom()+2*u, box.W, lh), left, pal.TextFaint, g.tr("ui.dwfm.plot_axis"), g.tr("ui.dwfm.plot_axis_short"))
}

// minText is a duration in minutes, one decimal below 10 unless whole.
func minText(m float64) string {
	if m < 9.95 && m != math.Trunc(m) {
		return strconv.FormatFloat(m, 'f', 1, 64)
	}
	return strconv.Itoa(int(math.Round(m)))
}

func sevColor(pal vm.Palette, health float64) vm.RGBA {
	return pal.SeverityMark(vm.HealthSeverity(health)).Color
}

package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// netmgrStage is Network Manager's propagation backlog.
type netmgrStage struct{}

func (netmgrStage) severity(_ *Game, f *frameState) sim.Severity {
	n := vm.NetMgrAt(f.res, f.g)
	switch {
	case n.DelayMin > vm.NetMgrHighDelayMin:
		return sim.Down
	case n.DelayMin > 2:
		return sim.Degraded
	}
	return sim.Healthy
}

func (netmgrStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawNetMgr(r, vm.NetMgrAt(f.res, f.g)) }

// drawNetMgr: Network Manager's propagation backlog and delay. With room,
// the backlog is drawn as instances launched and waiting for their
// network (cut off while the delay is high), and the delay as a bar with
// the point past which new instances start without connectivity.
func (g *Game) drawNetMgr(r vm.Rect, n vm.NetMgrGauges) {
	l := g.lay
	lh := lineBox(l.FontStage) + 2*l.U
	if r.W >= 300*l.U && r.H >= 6*lh {
		g.drawNetMgrFull(r, n)
		return
	}
	g.drawNetMgrSmall(r, n)
}

func (g *Game) drawNetMgrFull(r vm.Rect, n vm.NetMgrGauges) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	c := pal.Info
	if n.Disconnected() {
		c = pal.Bad
	} else if n.DelayMin > 2 {
		c = pal.Warn
	}
	count := vm.CompactCount(n.Backlog)
	p.fitAny(bold, fs, vm.R(r.X, r.Y, r.W, lh), left, pal.Text,
		g.tr("ui.netmgr.waiting", "n", count), g.tr("ui.netmgr.waiting_short", "n", count))
	// One icon per unit of backlog (a normal minute's launches), or more
	// units per icon when the night's peak needs it; the scale is stated.
	unit := math.Max(1, math.Ceil(n.Peak/120))
	icons := int(math.Round(n.Backlog / unit))
	grid := vm.R(r.X, r.Y+lh+2*u, r.W, r.H-5*lh-6*u)
	// The largest cell that fits the night's peak.
	peakIcons := max(1, int(math.Ceil(n.Peak/unit)))
	cell := math.Min(28*u, math.Sqrt(grid.W*grid.H/float64(peakIcons)))
	cols, rows := max(1, int(grid.W/cell)), max(1, int(grid.H/cell))
	for cols*rows < peakIcons && cell > 6*u {
		cell *= 0.92
		cols, rows = max(1, int(grid.W/cell)), max(1, int(grid.H/cell))
	}
	icons = min(icons, cols*rows)
	for i := range icons {
		x := grid.X + float64(i%cols)*cell
		y := grid.Y + float64(i/cols)*cell
		b := vm.R(x+cell*0.15, y+cell*0.15, cell*0.7, cell*0.7)
		p.strokeRect(b, math.Max(1, cell*0.08), c)
		if n.Disconnected() {
			// Running, but without connectivity.
			p.shape(vm.ShapeCross, b.CX(), b.CY(), cell*0.25, c)
		}
	}
	y := grid.Bottom() + 2*u
	p.fitAny(regular, fs, vm.R(r.X, y, r.W, lh), left, pal.TextFaint,
		g.tr("ui.netmgr.scale", "n", strconv.Itoa(int(unit))), g.tr("ui.netmgr.scale_short", "n", strconv.Itoa(int(unit))))
	y += lh + 2*u
	// The delay against the "no connectivity" point.
	mins := strconv.Itoa(int(math.Round(n.DelayMin)))
	p.fitAny(regular, fs, vm.R(r.X, y, r.W, lh), left, c, g.tr("ui.netmgr.delay_long", "n", mins), g.tr("ui.netmgr.delay_mid", "n", mins))
	y += lh
	maxD := math.Max(n.PeakDelay, 4*vm.NetMgrHighDelayMin)
	bar := vm.R(r.X, y+2*u, r.W, math.Max(6, 8*u))
	p.rect(bar, pal.Grid)
	p.rect(vm.R(bar.X, bar.Y, bar.W*vm.Clamp(n.DelayMin/maxD, 0, 1), bar.H), c)
	tx := bar.X + bar.W*vm.NetMgrHighDelayMin/maxD
	p.line(tx, bar.Y-3*u, tx, bar.Bottom()+3*u, math.Max(2, 2*u), pal.Text)
	y = bar.Bottom() + 3*u
	p.fitAny(regular, fs, vm.R(tx-2*u, y, r.Right()-tx+2*u, lh), left, pal.TextDim, g.tr("ui.netmgr.threshold"), g.tr("ui.netmgr.threshold_short"))
}

func (g *Game) drawNetMgrSmall(r vm.Rect, n vm.NetMgrGauges) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	backlog, lat, f := n.Backlog, n.DelayMin, n.Fill()
	box, info := r.CutLeft(math.Min(r.W*0.35, 50*u))
	box = box.InsetXY(2*u, 0)
	p.roundStroke(box, 3*u, math.Max(1, u), pal.Border)
	c := pal.Info
	if lat > 10 {
		c = pal.Bad
	} else if lat > 2 {
		c = pal.Warn
	}
	fill := box.Inset(2 * u)
	h := fill.H * f
	p.rect(vm.R(fill.X, fill.Bottom()-h, fill.W, h), c)
	info = info.InsetXY(6*u, 0)
	y := info.Y
	vb := lineBox(l.FontBody)
	mins := g.tr("ui.netmgr.minutes", "n", strconv.Itoa(int(math.Round(lat))))
	if info.H >= 2*(lh+vb)+2*u {
		// Label over value, twice.
		p.fitAny(regular, fs, vm.R(info.X, y, info.W, lh), left, pal.TextDim, g.tr("ui.netmgr.backlog"), g.tr("ui.netmgr.backlog_short"))
		y += lh
		p.fitText(vm.CompactCount(backlog), bold, l.FontBody, vm.R(info.X, y, info.W, vb), left, pal.Text)
		y += vb + 2*u
		p.fitAny(regular, fs, vm.R(info.X, y, info.W, lh), left, pal.TextDim, g.tr("ui.netmgr.delay"), g.tr("ui.netmgr.delay_short"))
		y += lh
		p.fitText(mins, bold, l.FontBody, vm.R(info.X, y, info.W, vb), left, c)
		return
	}
	// Label and value on one line, twice.
	row := func(long, short, val string, vc vm.RGBA) {
		if y+lh > info.Bottom()+u {
			return
		}
		vw := g.fonts.width(bold, fs, val)
		p.fitText(val, bold, fs, vm.R(info.Right()-vw, y, vw, lh), right, vc)
		p.fitAny(regular, fs, vm.R(info.X, y, info.W-vw-4*u, lh), left, pal.TextDim, long, short)
		y += lh
	}
	row(g.tr("ui.netmgr.backlog"), g.tr("ui.netmgr.backlog_short"), vm.CompactCount(backlog), pal.Text)
	row(g.tr("ui.netmgr.delay"), g.tr("ui.netmgr.delay_short"), mins, c)
}

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
	n := vm.NetMgrAt(f.res, f.t)
	switch {
	case n.DelayMin > vm.NetMgrHighDelayMin:
		return sim.Down
	case n.DelayMin > 2:
		return sim.Degraded
	}
	return sim.Healthy
}

func (netmgrStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawNetMgr(r, vm.NetMgrAt(f.res, f.t)) }

// drawNetMgr: Network Manager's propagation backlog and delay.
func (g *Game) drawNetMgr(r vm.Rect, n vm.NetMgrGauges) {
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

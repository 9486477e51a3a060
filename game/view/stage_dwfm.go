package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// dwfmStage is EC2's DropletWorkflow Manager: the droplets' leases and
// the lease work queue.
type dwfmStage struct{}

func (dwfmStage) severity(g *Game, f *frameState) sim.Severity {
	d := vm.DWFMAt(f.res, f.t, g.App.CollapseLine())
	return vm.HealthSeverity(math.Min(d.Leased, d.Launch) * 1.02)
}

func (dwfmStage) draw(g *Game, r vm.Rect, f *frameState) {
	g.drawDWFM(r, vm.DWFMAt(f.res, f.t, g.App.CollapseLine()))
}

// drawDWFM: the droplet grid losing and regaining leases, and the lease
// work queue with its goodput.
func (g *Game) drawDWFM(r vm.Rect, d vm.DWFMGauges) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	leased, queue, launch := d.Leased, d.InFlight, d.Launch
	grid, side := r.CutLeft(r.W * 0.55)
	// Droplets.
	cols, rows := 16, 8
	cell := math.Min(grid.W/float64(cols), (grid.H-lh)/float64(rows))
	if cell < 4*u {
		cols, rows = 8, 4
		cell = math.Min(grid.W/float64(cols), (grid.H-lh)/float64(rows))
	}
	n := cols * rows
	have := int(math.Round(leased * float64(n)))
	for i := range n {
		x := grid.X + float64(i%cols)*cell
		y := grid.Y + float64(i/cols)*cell
		c := vm.R(x+cell*0.12, y+cell*0.12, cell*0.76, cell*0.76)
		if scatter(i, n) < have {
			p.rect(c, pal.OK)
		} else {
			p.strokeRect(c, math.Max(1, cell*0.1), pal.Bad.WithAlpha(0xB0))
		}
	}
	lp := strconv.Itoa(int(math.Round(leased * 100)))
	p.fitAny(regular, fs, vm.R(grid.X, grid.Y+cell*float64(rows)+u, grid.W, lh), left, pal.TextDim,
		g.tr("ui.dwfm.leased", "pct", lp), g.tr("ui.dwfm.leased_short", "pct", lp), g.tr("ui.pct", "pct", lp))
	// Queue and goodput: a label at the left, the figure at the right,
	// a bar under both.
	side = side.InsetXY(6*u, 0)
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
	meter(g.tr("ui.dwfm.queue"), g.tr("ui.dwfm.queue_short"), g.tr("ui.pct", "pct", strconv.Itoa(int(math.Round(queue*100)))), queue, qc)
	meter(g.tr("ui.dwfm.launch"), g.tr("ui.dwfm.launch_short"), g.tr("ui.pct", "pct", strconv.Itoa(int(math.Round(launch*100)))), launch, sevColor(pal, launch))
	if collapse && y+lh <= side.Bottom() {
		p.fitAny(bold, fs, vm.R(side.X, y, side.W, lh), left, pal.Bad, g.tr("ui.dwfm.collapse"), g.tr("ui.dwfm.collapse_short"))
	}
}

func sevColor(pal vm.Palette, health float64) vm.RGBA {
	return pal.SeverityMark(vm.HealthSeverity(health)).Color
}

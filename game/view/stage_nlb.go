package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// nlbStage is Network Load Balancer's targets per Availability Zone.
type nlbStage struct{}

func (nlbStage) severity(_ *Game, f *frameState) sim.Severity {
	n := vm.NLBAt(f.res, f.t)
	return vm.HealthSeverity(math.Min(n.Capacity, 1-n.Flapping) * 1.02)
}

func (nlbStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawNLB(r, vm.NLBAt(f.res, f.t), f.t) }

// drawNLB: three Availability Zones of targets; flapping targets blink
// between healthy and failing, and capacity removed by AZ failover is
// drawn hollow.
func (g *Game) drawNLB(r vm.Rect, n vm.NLBGauges, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	flap, capy := n.Flapping, n.Capacity
	grid, foot := r.CutTop(r.H - lh)
	azs := grid.Grid(3, 1, 6*u)
	per := 12
	inService := int(math.Round(capy * float64(3*per)))
	flapN := int(math.Round(flap * float64(3*per)))
	// Flapping alternates every 20 simulated seconds.
	phase := (t / (20 * sim.Second)) % 2
	for a, az := range azs {
		p.fitAny(regular, fs, vm.R(az.X, az.Y, az.W, lh), center, pal.TextFaint, g.tr(azKeys[a][0]), g.tr(azKeys[a][1]))
		cells := vm.R(az.X, az.Y+lh, az.W, az.H-lh)
		cols := 3
		rows := per / cols
		cell := math.Min(cells.W/float64(cols), cells.H/float64(rows))
		ox := cells.X + (cells.W-cell*float64(cols))/2
		for i := range per {
			k := a*per + i
			cx := ox + (float64(i%cols)+0.5)*cell
			cy := cells.Y + (float64(i/cols)+0.5)*cell
			rad := cell * 0.3
			rank := scatter(k, 3*per)
			switch {
			case rank < flapN:
				if (int(phase)+k)%2 == 0 {
					p.shape(vm.ShapeTriangle, cx, cy, rad, pal.Warn)
				} else {
					p.circle(cx, cy, rad, pal.OK)
				}
			case 3*per-rank <= 3*per-inService:
				p.ring(cx, cy, rad, math.Max(1, rad*0.3), pal.TextFaint)
			default:
				p.circle(cx, cy, rad, pal.OK)
			}
		}
	}
	cp := strconv.Itoa(int(math.Round(capy * 100)))
	c := sevColor(pal, math.Min(capy, 1-flap))
	if flapN > 0 {
		fp := strconv.Itoa(int(math.Round(flap * 100)))
		p.fitAny(regular, fs, foot, left, c,
			g.tr("ui.nlb.capacity", "pct", cp)+" · "+g.tr("ui.nlb.flapping", "pct", fp),
			g.tr("ui.nlb.capacity_short", "pct", cp)+" · "+g.tr("ui.nlb.flapping_short", "pct", fp),
			g.tr("ui.nlb.both_tiny", "cap", cp, "flap", fp))
		return
	}
	p.fitAny(regular, fs, foot, left, c, g.tr("ui.nlb.capacity", "pct", cp), g.tr("ui.nlb.capacity_short", "pct", cp), g.tr("ui.pct", "pct", cp))
}

var azKeys = [3][2]string{{"ui.nlb.az_a", "ui.nlb.az_a.short"}, {"ui.nlb.az_b", "ui.nlb.az_b.short"}, {"ui.nlb.az_c", "ui.nlb.az_c.short"}}

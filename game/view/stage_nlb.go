package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// nlbStage is Network Load Balancer's targets per Availability Zone.
type nlbStage struct{}

func (nlbStage) severity(_ *Game, f *frameState) sim.Severity {
	n := vm.NLBAt(f.g)
	return vm.HealthSeverity(math.Min(n.Capacity, 1-n.Flapping) * 1.02)
}

func (nlbStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawNLB(r, vm.NLBAt(f.g), f.t) }

// drawNLB: three Availability Zones of targets; flapping targets blink
// between healthy and failing, and capacity removed by AZ failover is
// drawn hollow.
func (g *Game) drawNLB(r vm.Rect, n vm.NLBGauges, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	if n.PerAZ && r.W >= 300*u && r.H >= 8*lh {
		g.drawNLBFull(r, n, t)
		return
	}
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
	cp := wholePct(capy)
	c := sevColor(pal, math.Min(capy, 1-flap))
	if flapN > 0 {
		fp := wholePct(flap)
		p.fitAny(regular, fs, foot, left, c,
			g.tr("ui.nlb.capacity", "pct", cp)+" · "+g.tr("ui.nlb.flapping", "pct", fp),
			g.tr("ui.nlb.capacity_short", "pct", cp)+" · "+g.tr("ui.nlb.flapping_short", "pct", fp),
			g.tr("ui.nlb.both_tiny", "cap", cp, "flap", fp))
		return
	}
	p.fitAny(regular, fs, foot, left, c, g.tr("ui.nlb.capacity", "pct", cp), g.tr("ui.nlb.capacity_short", "pct", cp), g.tr("ui.pct", "pct", cp))
}

// wholePct is a share as a whole percentage.
func wholePct(x float64) string { return strconv.Itoa(int(math.Round(x * 100))) }

var azKeys = [3][2]string{{"ui.nlb.az_a", "ui.nlb.az_a.short"}, {"ui.nlb.az_b", "ui.nlb.az_b.short"}, {"ui.nlb.az_c", "ui.nlb.az_c.short"}}

// drawNLBFull draws each Availability Zone's targets: those of NLBs that
// have failed the AZ over are out of DNS (hollow, under a band saying
// how much), flapping ones blink between healthy and failing; the foot
// gives the capacity in service and the connection errors, the same
// figures the services stage follows.
func (g *Game) drawNLBFull(r vm.Rect, n vm.NLBGauges, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	foot := vm.R(r.X, r.Bottom()-2*lh, r.W, 2*lh)
	grid := vm.R(r.X, r.Y, r.W, foot.Y-r.Y-4*u)
	azs := grid.Grid(3, 1, 10*u)
	const cols, rows = 4, 4
	per := cols * rows
	phase := (t / (20 * sim.Second)) % 2
	for a, az := range azs {
		out := vm.Clamp(n.Out(a), 0, 1)
		head := vm.R(az.X, az.Y, az.W, lh)
		p.fitAny(bold, fs, head, left, pal.TextDim, g.tr(azKeys[a][0]), g.tr(azKeys[a][1]))
		held := vm.Clamp(n.AZHeld[a], 0, 1-out)
		st := g.tr("ui.nlb.in_dns")
		sc := pal.OK
		switch {
		case held >= 0.005:
			// The velocity limit acts here: failovers refused, the AZ kept.
			st, sc = g.tr("ui.nlb.az_held", "out", wholePct(out), "held", wholePct(held)), pal.Warn
		case out >= 0.005:
			st, sc = g.tr("ui.nlb.az_out", "pct", wholePct(out)), pal.Bad
		}
		aw := g.fonts.width(bold, fs, g.tr(azKeys[a][0])) + 8*u
		short := g.tr("ui.pct", "pct", wholePct(out))
		if held >= 0.005 {
			short = g.tr("ui.nlb.az_held_short", "held", wholePct(held))
		}
		p.fitAny(regular, fs, vm.R(az.X+aw, az.Y, az.W-aw, lh), right, sc, st, short)
		cells := vm.R(az.X, az.Y+lh+2*u, az.W, az.H-lh-2*u)
		cell := math.Min(cells.W/cols, cells.H/rows)
		ox := cells.X + (cells.W-cell*cols)/2
		nOut := int(math.Round(out * float64(per)))
		nHeld := int(math.Round(held * float64(per)))
		if held >= 0.005 && nHeld == 0 {
			// Where the limit acts, at least one target shows it; the
			// header gives the share.
			nHeld = 1
		}
		nFlap := int(math.Round(n.Flapping * float64(per)))
		nGated := int(math.Round(n.Gated * float64(per)))
		for i := range per {
			cx := ox + (float64(i%cols)+0.5)*cell
			cy := cells.Y + (float64(i/cols)+0.5)*cell
			rad := cell * 0.3
			rank := scatter(i+a*7, per)
			switch {
			case rank >= per-nOut:
				// Out of DNS with its AZ: healthy, but no traffic reaches it.
				p.ring(cx, cy, rad, math.Max(1, rad*0.25), pal.TextFaint)
			case rank >= per-nOut-nHeld:
				// Its failover refused by the velocity limit: still in DNS,
				// serving, ringed where the safeguard acted.
				p.circle(cx, cy, rad, pal.OK)
				p.ring(cx, cy, rad*1.45, math.Max(1.5, rad*0.22), pal.Warn)
			case rank < nGated:
				// Held out by the readiness gate until its network state
				// arrives: not checked, so it cannot flap.
				side := rad * 1.5
				p.strokeRect(vm.R(cx-side/2, cy-side/2, side, side), math.Max(1, rad*0.22), pal.Info)
			case rank < nFlap:
				if (int(phase)+i)%2 == 0 {
					p.shape(vm.ShapeTriangle, cx, cy, rad, pal.Warn)
				} else {
					p.circle(cx, cy, rad, pal.OK)
				}
			default:
				p.circle(cx, cy, rad, pal.OK)
			}
		}
	}
	// The foot: capacity and connection errors, then what a safeguard does.
	cp := wholePct(n.Capacity)
	ep := wholePct(n.ConnErrors)
	fp := wholePct(n.Flapping)
	c := sevColor(pal, 1-n.ConnErrors)
	p.fitAny(regular, fs, vm.R(foot.X, foot.Y, foot.W, lh), left, c,
		g.tr("ui.nlb.foot", "cap", cp, "err", ep, "flap", fp), g.tr("ui.nlb.foot_short", "cap", cp, "err", ep))
	note, nc := g.tr("ui.nlb.legend"), pal.TextFaint
	if !p.fits(regular, fs, note, foot.W) {
		note = g.tr("ui.nlb.legend_short")
	}
	anyHeld := max(n.AZHeld[0], n.AZHeld[1], n.AZHeld[2]) >= 0.005
	switch {
	case anyHeld:
		note, nc = g.tr("ui.nlb.velocity_acts"), pal.Warn
	case n.Gated >= 0.005:
		note, nc = g.tr("ui.nlb.gate_acts", "pct", wholePct(n.Gated)), pal.Info
	case g.App.Set.Has(safeguard.NLBVelocityControl) && (n.Flapping > 0.005 || n.ConnErrors > 0.005):
		note, nc = g.tr("ui.nlb.velocity"), pal.OK
	case g.App.Set.Has(safeguard.NLBReadinessGate):
		note, nc = g.tr("ui.nlb.gate"), pal.OK
	}
	if !p.fits(regular, fs, note, foot.W) {
		switch {
		case anyHeld:
			note = g.tr("ui.nlb.velocity_acts_short")
		case n.Gated >= 0.005:
			note = g.tr("ui.nlb.gate_acts_short", "pct", wholePct(n.Gated))
		}
	}
	p.fitText(note, regular, fs, vm.R(foot.X, foot.Y+lh, foot.W, lh), left, nc)
}

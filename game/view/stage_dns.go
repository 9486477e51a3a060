package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// dnsStage is the DNS Planner issuing plans and the three Enactors each
// checking and applying one.
type dnsStage struct{}

func (dnsStage) severity(_ *Game, f *frameState) sim.Severity {
	if f.z.Failures > 0 {
		return sim.Down
	}
	for _, e := range f.z.Enactors {
		if e.Stale || e.LockLost > 0 {
			return sim.Degraded
		}
	}
	return sim.Healthy
}

func (dnsStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawAutomation(r, f.z) }

// drawAutomation: the Planner issuing plans, and the three Enactors with
// the plan each holds and what each is doing.
func (g *Game) drawAutomation(r vm.Rect, z *vm.ZoneState) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	pw := math.Min(r.W*0.3, 110*u)
	planner := vm.R(r.X, r.Y, pw, r.H)
	ens := vm.R(r.X+pw+math.Min(24*u, r.W*0.08), r.Y, r.W-pw-math.Min(24*u, r.W*0.08), r.H)
	// Planner box.
	pb := vm.R(planner.X, planner.CY()-math.Min(planner.H, 70*u)/2, planner.W, math.Min(planner.H, 70*u))
	p.round(pb, 5*u, pal.PanelHi)
	p.fitText(g.tr("ui.actor.planner"), bold, fs, vm.R(pb.X+4*u, pb.Y+2*u, pb.W-8*u, lineBox(fs)), center, pal.Text)
	ch := math.Min(lineBox(fs)+2*u, pb.H*0.4)
	cardW := math.Min(pb.W-8*u, g.fonts.width(bold, fs, "0000")+8*u)
	if z.Newest > 0 && pb.H > ch+lineBox(fs)+4*u {
		cr := vm.R(pb.CX()-cardW/2, pb.Bottom()-ch-4*u, cardW, ch)
		fresh := g.now()-z.NewestAt < 2*sim.Second
		c := pal.Plan
		if fresh {
			c = pal.Accent
		}
		g.card(cr, z.Newest, c, pal.Text)
	}
	// Enactors.
	rows := ens.Grid(1, 3, math.Min(4*u, ens.H*0.03))
	for i, rr := range rows {
		e := z.Enactors[i]
		p.round(rr, 5*u, pal.Lane)
		// Long names only when all three fit: "Enactor A", "B" and "C"
		// side by side would read as different things.
		name := g.tr(enactorKeys[i][0])
		if longest := math.Max(g.fonts.width(bold, fs, g.tr(enactorKeys[0][0])), math.Max(g.fonts.width(bold, fs, g.tr(enactorKeys[1][0])), g.fonts.width(bold, fs, g.tr(enactorKeys[2][0])))); longest+8*u > rr.W*0.45 {
			name = g.tr(enactorKeys[i][1])
		}
		nw := g.fonts.width(bold, fs, name) + 8*u
		lh := math.Min(rr.H, lineBox(fs)+2*u)
		p.fitText(name, bold, fs, vm.R(rr.X+4*u, rr.Y, nw-4*u, rr.H), left, pal.TextDim)
		rest := vm.R(rr.X+nw+2*u, rr.Y, rr.W-nw-4*u, rr.H)
		// The plan in hand; old plans are drawn in the "old" colour.
		cw := math.Min(cardW, rest.W*0.35)
		cr := vm.R(rest.X, rr.CY()-lh/2+1, cw, lh-2)
		if e.Gen > 0 {
			c := pal.Plan
			if z.Newest-e.Gen > 5 {
				c = pal.PlanOld
			}
			// Travel from the Planner when just received (a cut, with
			// reduced motion).
			if e.Received >= 0 && !g.App.ReduceMotion {
				if f := float64(g.now()-e.Received) / float64(g.travel()); f >= 0 && f < 1 {
					f = easeOut(f)
					sx, sy := pb.CX()-cw/2, pb.Bottom()-ch-4*u
					cr.X = vm.Lerp(sx, cr.X, f)
					cr.Y = vm.Lerp(sy, cr.Y, f)
				}
			}
			g.card(cr, e.Gen, c, pal.Text)
		}
		// Activity and progress.
		ax := rest.X + cw + 6*u
		aw := rest.Right() - ax
		if aw > 10*u && e.Kind != "" {
			c := pal.TextDim
			if !e.OK {
				c = pal.Warn
			}
			long, short := g.activity(e)
			if e.Kind == "backoff" && z.Failures > 0 {
				// Once the zone is broken, a batch fails for want of the
				// deleted tree, not for a lost lock.
				long, short = g.tr("ui.activity.refused_retry"), g.tr("ui.activity.refused_retry_short")
				c = pal.Bad
			}
			if rr.H > 2*lineBox(fs) {
				p.fitAny(regular, fs, vm.R(ax, rr.CY()-lineBox(fs), aw, lineBox(fs)), left, c, long, short)
				bar := vm.R(ax, rr.CY()+2*u, aw, math.Max(2, 3*u))
				p.rect(bar, pal.Grid)
				p.rect(vm.R(bar.X, bar.Y, bar.W*e.Progress, bar.H), c)
				// The check this work rests on, and how old it is.
				if e.Stale && e.CheckedStep > 0 && rr.H > 3*lineBox(fs) {
					// In the checker's replay: the step the check was made at.
					p.fitAny(regular, fs, vm.R(ax, bar.Bottom()+3*u, aw, lineBox(fs)), left, pal.PlanOld,
						g.tr("ui.replay.checked", "n", e.CheckedStep, "gen", e.Gen), g.tr("ui.replay.checked_short", "n", e.CheckedStep))
				} else if e.Stale && e.Received >= 0 && rr.H > 3*lineBox(fs) {
					mins := strconv.Itoa(int(math.Floor((g.now() - e.Received).Minutes())))
					p.fitAny(regular, fs, vm.R(ax, bar.Bottom()+3*u, aw, lineBox(fs)), left, pal.PlanOld,
						g.tr("ui.dns.checked", "min", mins), g.tr("ui.dns.checked_short", "min", mins))
				}
			} else {
				p.fitAny(regular, fs, vm.R(ax, rr.Y, aw, rr.H), left, c, long, short)
				p.rect(vm.R(ax, rr.Bottom()-math.Max(1.5, 2*u), aw*e.Progress, math.Max(1.5, 2*u)), c)
			}
		}
		// Lock losses: a warning triangle with a count.
		if e.LockLost > 0 {
			p.shape(vm.ShapeTriangle, rr.Right()-8*u, rr.Y+7*u, 5*u, pal.Warn)
		}
		if e.Stale {
			p.roundStroke(rr, 5*u, 2*u, pal.PlanOld)
		}
	}
	// Arrows Planner → Enactors.
	for _, rr := range rows {
		p.arrow(pb.Right()+2*u, pb.CY(), rr.X-3*u, rr.CY(), math.Max(1, u), pal.Border)
	}
}

var enactorKeys = [3][2]string{
	{"ui.actor.enactor-a", "ui.actor.enactor-a.short"},
	{"ui.actor.enactor-b", "ui.actor.enactor-b.short"},
	{"ui.actor.enactor-c", "ui.actor.enactor-c.short"},
}

// activity is an Enactor's activity in a long and a short wording.
func (g *Game) activity(e vm.EnactorState) (string, string) {
	switch e.Kind {
	case "apply":
		if e.Endpoint >= 0 {
			return g.tr("ui.activity.apply_endpoint", "n", e.Endpoint+1), g.tr("ui.activity.apply_short", "n", e.Endpoint+1)
		}
		return g.tr("ui.activity.apply"), g.tr("ui.activity.apply")
	case "backoff":
		return g.tr("ui.activity.backoff"), g.tr("ui.activity.backoff_short")
	case "check":
		return g.tr("ui.activity.check"), g.tr("ui.activity.check_short")
	case "cleanup":
		return g.tr("ui.activity.cleanup"), g.tr("ui.activity.cleanup_short")
	case "plan":
		return g.tr("ui.activity.plan"), g.tr("ui.activity.plan")
	}
	return "", ""
}

// travel is how long, in simulated time, a plan card takes to fly from
// the Planner to an Enactor: about half a second of real time at the
// current speed.
func (g *Game) travel() sim.Time {
	return sim.Time(math.Max(200, g.App.Speed()*500))
}

func easeOut(f float64) float64 { return 1 - (1-f)*(1-f) }

package view

import (
	"math"

	vm "github.com/outagelab/outage/game/viewmodel"
)

// drawReplayLanes draws the checker's counterexample as a swimlane in the
// timeline's race inset while it is replayed: a column per step, in the
// lane of the actor that took it, up to the step in view (later columns
// stay empty, so the replay does not give its end away); each Enactor's
// check and its use of the same plan joined by a bracket, marked when a
// newer plan was live by then; the alias lane turning to "nothing" at the
// clean-up that deletes the live plan.
func (g *Game) drawReplayLanes(r *vm.Replay) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	z := l.Zoom
	p.round(z, 4*u, pal.Lane)
	fs := math.Min(l.FontSmall, z.H/7)
	if l.Spotlit {
		fs = math.Min(math.Round(14*u), z.H/7.2)
	}
	head := vm.R(z.X+4*u, z.Y, z.W-8*u, lineBox(fs)+2*u)
	title := g.tr("ui.replay.lanes", "n", r.Step, "of", len(r.Steps))
	if !p.fits(regular, fs, title, head.W*0.6) {
		title = g.tr("ui.replay.title_short", "n", r.Step, "total", len(r.Steps))
	}
	p.fitText(title, regular, fs, head, left, pal.TextFaint)
	g.drawLaneKey(head, fs, g.fonts.width(regular, fs, title), [...]laneKey{
		{"ui.race.key.cleanup", pal.PlanOld}, {"ui.race.key.refused", pal.OK}, {"ui.race.key.apply", pal.Plan}, {"ui.race.key.check", pal.Info}})
	lanes := vm.R(z.X, head.Bottom(), z.W, z.Bottom()-head.Bottom()-2*u)
	lh := lanes.H / vm.ReplayLanes
	names := [vm.ReplayLanes]string{g.tr("ui.actor.planner"), g.tr("ui.actor." + vm.Enactors[0]), g.tr("ui.actor." + vm.Enactors[1]),
		g.tr("ui.actor." + vm.Enactors[2]), g.tr("ui.zone.alias_short")}
	if l.Labels.W > 0 {
		for i, n := range names {
			p.fitText(n, regular, fs, vm.R(l.Labels.X, lanes.Y+float64(i)*lh, l.Labels.W-6*u, lh), right, pal.TextDim)
		}
	}
	sw := r.Swimlane()
	cells, pairs, alias, empty := sw.Cells, sw.Pairs, sw.Alias, sw.Empty
	n := len(cells)
	if n == 0 {
		return
	}
	cw := lanes.W / float64(n)
	colX := func(k int) float64 { return lanes.X + float64(k)*cw }
	// The step in view, as a column.
	cur := r.Step - 1
	p.rect(vm.R(colX(cur), lanes.Y, cw, lanes.H), pal.Selected.WithAlpha(0x28))
	for _, c := range cells {
		y := lanes.Y + float64(c.Lane)*lh
		box := vm.R(colX(c.Col)+1.5*u, y+lh*0.12, cw-3*u, lh*0.76)
		if c.Col > cur {
			// Not yet: an empty slot.
			p.roundStroke(box, 2*u, math.Max(1, 0.8*u), pal.Border)
			continue
		}
		col, lab := pal.Plan, gen(c.Plan)
		switch c.Kind {
		case "issue":
			col = pal.PanelHi
		case "receive":
			col = pal.PanelHi
		case "check":
			col = pal.Info
		case "refused":
			col, lab = pal.OK, g.tr("ui.race.key.refused")+" "+gen(c.Plan)
		case "failed":
			col, lab = pal.Bad, g.tr("ui.replay.failed")
		case "cleanup":
			col, lab = pal.PlanOld, g.tr("ui.replay.deleted", "list", vm.GenList(g.App.Lang, c.Deleted))
			if len(c.Deleted) == 0 {
				lab = "—"
			}
		}
		if c.Fatal {
			col = pal.Bad
		}
		p.round(box, 2*u, col)
		tc := pal.Text
		if c.Kind == "check" || c.Fatal {
			tc = pal.Bg
		}
		p.fitText(lab, bold, fs, box, center, tc)
	}
	// The alias after each step shown: the plan it names, or nothing.
	ya := lanes.Y + float64(vm.ReplayLaneAlias)*lh
	for k := 0; k <= cur && k < n; k++ {
		box := vm.R(colX(k), ya+lh*0.12, cw, lh*0.76)
		c, s := pal.Plan.WithAlpha(0xA0), gen(alias[k])
		if empty[k] {
			c, s = pal.Bad, g.tr("ui.zone.nothing")
		}
		p.rect(box, c)
		if k == 0 || alias[k] != alias[k-1] || empty[k] != empty[k-1] {
			p.fitText(s, bold, fs, box, center, pal.Text)
		}
	}
	// Check and use of the same plan, once both are in view.
	w := math.Max(1.5, 2*u)
	for _, pr := range pairs {
		if pr.To > cur {
			continue
		}
		// Between the two boxes of the Enactor's own lane, which the slow
		// Enactor leaves empty while it works.
		y := lanes.Y + (float64(pr.Lane)+0.5)*lh
		x0, x1 := colX(pr.From+1)-1.5*u, colX(pr.To)+1.5*u
		if x1 <= x0 {
			continue
		}
		c := pal.TextDim
		if pr.Stale {
			c = pal.Selected
		}
		p.line(x0, y, x1, y, w, c)
		p.line(x1, y-lh*0.25, x1, y+lh*0.25, w, c)
		if pr.Stale {
			lab := g.tr("ui.replay.pair", "from", pr.From+1, "to", pr.To+1)
			for _, sz := range []float64{fs, fs * 0.85} {
				lw := g.fonts.width(bold, sz, lab) + 8*u
				if x1-x0 > lw+4*u {
					b := vm.R((x0+x1)/2-lw/2, y-lh*0.42, lw, lh*0.84)
					p.round(b, 3*u, pal.Panel)
					p.fitText(lab, bold, sz, b, center, pal.Selected)
					break
				}
			}
		}
	}
}

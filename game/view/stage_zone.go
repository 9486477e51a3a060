package view

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// zoneStage is the Route 53 zone: the regional endpoint's root alias, the
// rollback record and the plan trees.
type zoneStage struct{}

func (zoneStage) severity(_ *Game, f *frameState) sim.Severity {
	if f.z.Empty {
		return sim.Down
	}
	return sim.Healthy
}

func (zoneStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawZone(r, f.z, f.res) }

// drawZone: the plan trees in the zone as a row of cards, the regional
// endpoint's alias and rollback records below with arrows up to the cards
// they point at; a deleted tree struck through and labelled, and the
// alias left dangling when it points at one. A conditional write refusing
// a stale plan, and a self-heal installing one, are marked on the record.
func (g *Game) drawZone(r vm.Rect, z *vm.ZoneState, res *sim.Result) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	cw := math.Max(g.fonts.width(bold, fs, "0000")+8*u, 28*u)
	recent := z.Deleted > 0 && g.now()-z.DeletedAt < 8*g.travel()
	zl := vm.LayZone(r, z, cw, lh, u, recent)
	if !zl.Head.Empty() {
		p.fitAny(regular, fs, zl.Head, left, pal.TextFaint, g.tr("ui.zone.trees"), g.tr("ui.zone.trees_short"))
	}
	lw := math.Max(1, 1.2*u)
	for _, c := range zl.Cards {
		cr := c.Rect
		switch {
		case c.Deleted:
			// Clean-up deleting old plans is routine; the deleted plan the
			// alias still points at is the outage.
			col := pal.TextFaint
			if c.Alias {
				col = pal.Bad
			}
			p.roundStroke(cr, 3*u, lw, col)
			p.fitText(gen(c.Gen), bold, math.Min(fs, cr.H*0.8), cr, center, col)
			p.line(cr.X+2*u, cr.CY(), cr.Right()-2*u, cr.CY(), math.Max(1.5, 2*u), col)
			if !zl.Labels.Empty() {
				lab := g.tr("ui.zone.deleted")
				w := g.fonts.width(regular, fs, lab)
				x := vm.Clamp(cr.CX()-w/2, r.X, r.Right()-w)
				p.fitText(lab, regular, fs, vm.R(x, zl.Labels.Y, w, zl.Labels.H), left, col)
			}
		case c.Alias:
			g.card(cr, c.Gen, pal.Plan, pal.Text)
		default:
			g.card(cr, c.Gen, pal.Lane, pal.TextDim)
		}
		if c.Rollback && !c.Alias {
			p.roundStroke(cr, 3*u, lw, pal.PlanOld)
		}
	}
	for _, x := range zl.Gaps {
		p.fitText("…", regular, fs, vm.R(x-lh/2, zl.Cards[0].Rect.Y, lh, zl.Cards[0].Rect.H), center, pal.TextFaint)
	}
	// The records.
	p.round(zl.Alias, 4*u, pal.PanelHi)
	p.round(zl.Rollback, 4*u, pal.PanelHi)
	p.fitAny(bold, fs, zl.Alias.InsetXY(5*u, 0), left, pal.Text, g.tr("ui.zone.alias"), g.tr("ui.zone.alias_short"))
	p.fitAny(regular, fs, zl.Rollback.InsetXY(5*u, 0), left, pal.TextDim, g.tr("ui.zone.rollback"), g.tr("ui.zone.rollback_short"))
	aw := math.Max(1.5, 2*u)
	a0 := -1
	if len(z.Alias) > 0 {
		a0 = z.Alias[0]
	}
	if c, ok := zl.CardAt(z.Rollback); ok && z.Rollback > 0 {
		p.arrow(zl.Rollback.CX(), zl.Rollback.Y, c.Rect.CX()+cw*0.2, c.Rect.Bottom()+u, math.Max(1, 1.2*u), pal.PlanOld)
	}
	if c, ok := zl.CardAt(a0); ok && a0 > 0 {
		col := pal.Accent
		if c.Deleted {
			col = pal.Bad
		}
		p.arrow(zl.Alias.CX(), zl.Alias.Y, c.Rect.CX()-cw*0.2, c.Rect.Bottom()+u, aw, col)
	}
	// What the endpoint answers, and what the safeguards did.
	note := zl.Note
	switch {
	case note.Empty():
	case z.Empty || a0 == 0:
		p.fitAny(bold, fs, note, left, pal.Bad, g.tr("ui.zone.dangling"), g.tr("ui.zone.nothing_long"))
		note.Y += lh
		if g.App.Set.Has(safeguard.EmptyEndpointAlarm) && note.Y+lh <= r.Bottom()+1 {
			// The safeguard acts here: the alarm on an empty endpoint.
			p.shape(vm.ShapeTriangle, note.X+lh*0.35, note.Y+lh/2, lh*0.3, pal.Warn)
			p.fitAny(bold, fs, vm.R(note.X+lh*0.8, note.Y, note.W-lh*0.8, lh), left, pal.Warn,
				g.tr("ui.zone.alarm"), g.tr("ui.zone.alarm_short"))
			note.Y += lh
		}
	case z.Refused > 0 && g.now()-z.RefusedAt < 12*g.travel():
		p.shape(vm.ShapeCircle, note.X+lh*0.35, note.CY(), lh*0.3, pal.OK)
		p.fitAny(bold, fs, vm.R(note.X+lh*0.8, note.Y, note.W-lh*0.8, lh), left, pal.OK,
			g.tr("ui.zone.refused", "name", g.tr("ui.actor."+z.RefusedBy), "gen", z.Refused, "over", z.RefusedOver),
			g.tr("ui.zone.refused_short", "gen", z.Refused))
		note.Y += lh
	case g.App.Set.Has(safeguard.SpareActivePlan) && z.CleanupAt > 0 && g.now()-z.CleanupAt < 12*g.travel() && a0 > 0 && a0 < z.Newest-5:
		// The safeguard acts here: clean-up leaves the live plan alone.
		p.shape(vm.ShapeCircle, note.X+lh*0.35, note.CY(), lh*0.3, pal.OK)
		p.fitAny(bold, fs, vm.R(note.X+lh*0.8, note.Y, note.W-lh*0.8, lh), left, pal.OK,
			g.tr("ui.zone.spared", "gen", a0), g.tr("ui.zone.spared_short", "gen", a0))
		note.Y += lh
	case z.Healed > 0 && g.now()-z.HealedAt < 12*g.travel():
		p.shape(vm.ShapeCircle, note.X+lh*0.35, note.CY(), lh*0.3, pal.OK)
		p.fitAny(bold, fs, vm.R(note.X+lh*0.8, note.Y, note.W-lh*0.8, lh), left, pal.OK,
			g.tr("ui.zone.healed", "gen", z.Healed), g.tr("ui.zone.healed_short", "gen", z.Healed))
		note.Y += lh
	}
	y := note.Y
	if zl.Others.Empty() {
		y = r.Bottom() + 1
	}
	if z.Failures > 0 && y+lh <= r.Bottom()+1 {
		p.fitAny(bold, fs, vm.R(r.X, y, r.W, lh), left, pal.Bad, g.tr("ui.zone.failures", "n", z.Failures), g.tr("ui.zone.failures_short", "n", z.Failures))
		y += lh
	}
	// Other endpoints, one line each.
	for i := 1; i < len(z.Alias) && y+lh <= r.Bottom()+1; i++ {
		name := ""
		if i < len(res.Endpoints) {
			name = res.Endpoints[i]
		}
		s := g.tr("ui.zone.endpoint_alias", "name", name, "gen", aliasText(g, z.Alias[i]))
		p.fitText(s, regular, fs, vm.R(r.X, y, r.W, lh), left, pal.TextFaint)
		y += lh
	}
}

func aliasText(g *Game, n int) string {
	switch {
	case n == 0:
		return g.tr("ui.zone.nothing")
	case n < 0:
		return "–"
	}
	return gen(n)
}

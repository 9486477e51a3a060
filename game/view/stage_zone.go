package view

import (
	"math"

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

// drawZone: the regional endpoint's root alias pointing at a plan tree,
// the rollback record, the trees that exist and the moment the alias
// points at nothing.
func (g *Game) drawZone(r vm.Rect, z *vm.ZoneState, res *sim.Result) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	// Root alias and rollback records on the left.
	col := math.Min(r.W*0.42, 150*u)
	alias := vm.R(r.X, r.Y, col, math.Min(lh*1.5, r.H*0.4))
	roll := vm.R(r.X, alias.Bottom()+math.Min(6*u, r.H*0.05), col, alias.H)
	p.round(alias, 4*u, pal.PanelHi)
	p.round(roll, 4*u, pal.PanelHi)
	p.fitAny(bold, fs, alias.InsetXY(4*u, 0), left, pal.Text, g.tr("ui.zone.alias"), g.tr("ui.zone.alias_short"))
	p.fitAny(regular, fs, roll.InsetXY(4*u, 0), left, pal.TextDim, g.tr("ui.zone.rollback"), g.tr("ui.zone.rollback_short"))
	// Trees on the right: newest ones, with the active one highlighted.
	tr := vm.R(r.X+col+16*u, r.Y, r.W-col-16*u, r.H)
	trees := z.Trees
	cw := math.Max(g.fonts.width(bold, fs, "0000")+6*u, 24*u)
	gap := 4 * u
	fitN := max(1, int((tr.W+gap)/(cw+gap)))
	rowsN := max(1, min(2, int(tr.H*0.62/(lh+gap))))
	maxN := max(1, fitN*rowsN)
	if len(trees) > maxN {
		trees = trees[len(trees)-maxN:]
	}
	a0 := -1
	if len(z.Alias) > 0 {
		a0 = z.Alias[0]
	}
	var aliasX, aliasY, rollX, rollY float64
	haveAlias, haveRoll := false, false
	for i, gnum := range trees {
		cx := tr.X + float64(i%fitN)*(cw+gap)
		cy := tr.Y + float64(i/fitN)*(lh+gap)
		cr := vm.R(cx, cy, cw, lh)
		c := pal.Lane
		tc := pal.TextDim
		if gnum == a0 {
			c, tc = pal.Plan, pal.Text
			aliasX, aliasY, haveAlias = cr.CX(), cr.Bottom(), true
		}
		if gnum == z.Rollback {
			rollX, rollY, haveRoll = cr.CX(), cr.Bottom(), true
			p.roundStroke(cr, 3*u, 1.5*u, pal.PlanOld)
		}
		g.card(cr, gnum, c, tc)
	}
	// A tree deleted moments ago: a crossed-out card fading out.
	if z.Deleted > 0 && g.now()-z.DeletedAt < 8*g.travel() {
		cr := vm.R(tr.Right()-cw, tr.Y+float64(rowsN)*(lh+gap), cw, lh)
		if cr.Bottom() <= r.Bottom() {
			g.card(cr, z.Deleted, pal.Bad.WithAlpha(0x90), pal.Text)
			p.shape(vm.ShapeCross, cr.CX(), cr.CY(), lh*0.45, pal.Text)
		}
	}
	// The alias arrow: to its tree, or, under the records, to nothing.
	ax, ay := alias.Right(), alias.CY()
	y := roll.Bottom() + 6*u
	switch {
	case z.Empty || a0 == 0:
		ny := y + lh/2
		x0 := alias.X + 3*u
		p.line(x0, alias.Bottom(), x0, ny, math.Max(1.5, 2*u), pal.Bad)
		p.shape(vm.ShapeCross, x0+lh*0.5, ny, lh*0.4, pal.Bad)
		p.fitAny(bold, fs, vm.R(x0+lh, ny-lh/2, col-lh, lh), left, pal.Bad, g.tr("ui.zone.nothing_long"), g.tr("ui.zone.nothing"))
		y += lh
	case haveAlias:
		p.arrow(ax, ay, aliasX, aliasY-lh, math.Max(1.5, 2*u), pal.Accent)
	}
	if haveRoll {
		p.arrow(roll.Right(), roll.CY(), rollX, rollY, math.Max(1, 1.2*u), pal.PlanOld)
	}
	// Other endpoints, one line each, and failed batches.
	for i := 1; i < len(z.Alias) && y+lh <= r.Bottom(); i++ {
		name := ""
		if i < len(res.Endpoints) {
			name = res.Endpoints[i]
		}
		s := g.tr("ui.zone.endpoint_alias", "name", name, "gen", aliasText(g, z.Alias[i]))
		p.fitText(s, regular, fs, vm.R(r.X, y, col, lh), left, pal.TextFaint)
		y += lh
	}
	if z.Failures > 0 && y+lh <= r.Bottom() {
		p.fitAny(bold, fs, vm.R(r.X, y, col, lh), left, pal.Bad, g.tr("ui.zone.failures", "n", z.Failures), g.tr("ui.zone.failures_short", "n", z.Failures))
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

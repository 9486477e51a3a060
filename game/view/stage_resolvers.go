package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// resolversStage is the resolvers' caches and the DynamoDB endpoint.
type resolversStage struct{}

func (resolversStage) severity(_ *Game, f *frameState) sim.Severity {
	return vm.HealthSeverity(1 - vm.ResolversAt(f.g, f.z).Errors)
}

func (resolversStage) draw(g *Game, r vm.Rect, f *frameState) {
	g.drawResolvers(r, vm.ResolversAt(f.g, f.z))
}

// drawResolvers: resolvers holding good or empty answers, and DynamoDB's
// error rate.
func (g *Game) drawResolvers(r vm.Rect, rg vm.ResolverGauges) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	lh := lineBox(fs) + 2*u
	empty, errRate := rg.Empty, rg.Errors
	// Endpoint gauge at the bottom.
	roomy := r.H >= 9*lh
	gh := math.Min(lh*2, r.H*0.45)
	if roomy {
		gh = lh * 3.3
	}
	gauge, top := r.CutBottom(gh)
	if roomy {
		// The key to the grid.
		var key vm.Rect
		key, top = top.CutBottom(lh * 1.2)
		ep := strconv.Itoa(int(math.Round(empty * 100)))
		p.fitAny(regular, fs, key, left, pal.TextDim, g.tr("ui.resolvers.key", "pct", ep), g.tr("ui.resolvers.key_short", "pct", ep))
	}
	// Resolver grid.
	n := 24
	cols := 8
	if top.W < top.H*1.6 {
		cols = 6
	}
	rows := (n + cols - 1) / cols
	cell := math.Min(top.W/float64(cols), top.H/float64(rows))
	ox := top.X + (top.W-cell*float64(cols))/2
	bad := int(math.Round(empty * float64(n)))
	for i := range n {
		cx := ox + (float64(i%cols)+0.5)*cell
		cy := top.Y + (float64(i/cols)+0.5)*cell
		rad := cell * 0.32
		if scatter(i, n) < bad {
			p.ring(cx, cy, rad, math.Max(1, rad*0.3), pal.Bad)
			p.shape(vm.ShapeCross, cx, cy, rad*0.6, pal.Bad)
		} else {
			p.circle(cx, cy, rad, pal.OK)
		}
	}
	// DynamoDB endpoint: error rate.
	pcts := strconv.Itoa(int(math.Round(errRate * 100)))
	pct := g.tr("ui.ddb.errors", "pct", pcts)
	if !p.fits(bold, fs, pct, gauge.W*0.45) {
		pct = g.tr("ui.pct", "pct", pcts)
	}
	pw := g.fonts.width(bold, fs, pct)
	c := pal.OK
	if errRate > 0.5 {
		c = pal.Bad
	} else if errRate > 0.05 {
		c = pal.Warn
	}
	p.fitAny(bold, fs, vm.R(gauge.X, gauge.Y, gauge.W-pw-6*u, lh), left, pal.Text, g.tr("ui.ddb.endpoint"), g.tr("ui.ddb.endpoint_short"))
	p.fitText(pct, bold, fs, vm.R(gauge.Right()-pw, gauge.Y, pw, lh), right, c)
	bar := vm.R(gauge.X, gauge.Y+lh, gauge.W, math.Max(3, math.Min(gauge.H-lh-2*u, 6*u)))
	p.rect(bar, pal.Grid)
	p.rect(vm.R(bar.X, bar.Y, bar.W*errRate, bar.H), c)
	if rg.NoAddresses && gauge.H > lh*2.2 {
		p.fitAny(regular, fs, vm.R(gauge.X, bar.Bottom()+u, gauge.W, lh), left, pal.Bad, g.tr("ui.ddb.noerror_empty"), g.tr("ui.ddb.noerror_empty_short"), g.tr("ui.ddb.noerror_empty_tiny"))
	}
}

package view

import (
	"math"
	"slices"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// servicesStage is the AWS services, or the apps (their dependencies
// illustrative), each with its health.
type servicesStage struct{ kind sim.Kind }

func (s servicesStage) severity(_ *Game, f *frameState) sim.Severity {
	worst := sim.Healthy
	for i, svc := range f.res.Services {
		if svc.Kind == s.kind {
			worst = max(worst, vm.HealthSeverity(f.res.Series.HealthAt(i, f.t)))
		}
	}
	return worst
}

func (s servicesStage) draw(g *Game, r vm.Rect, f *frameState) { g.drawServices(r, f.res, f.t, s.kind) }

// drawServices: AWS services or apps as chips with a health mark. Apps'
// dependencies are illustrative, and the title says so.
func (g *Game) drawServices(r vm.Rect, res *sim.Result, t sim.Time, kind sim.Kind) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontStage
	n := 0
	for _, s := range res.Services {
		if s.Kind == kind {
			n++
		}
	}
	if n == 0 {
		return
	}
	ch := lineBox(fs) + 4*u
	// The widest short name decides the columns: as many as fit it, then
	// fewer rows if the box is short.
	// The typical short name decides the columns (a long one falls back
	// to its short form or is ellipsized): as many as fit it, then fewer
	// rows if the box is short.
	var ws [64]float64
	widths := ws[:0]
	for _, s := range res.Services {
		if s.Kind == kind && len(widths) < len(ws) {
			widths = append(widths, g.fonts.width(regular, fs, g.serviceShort(s)))
		}
	}
	slices.Sort(widths)
	pad := fs*0.8 + 14*u
	need := widths[len(widths)*3/4] + pad
	cols := max(1, min(n, int(r.W/need)))
	// With height to spare, fewer and wider columns, so that whole names
	// fit.
	if fit := int(r.H / (ch + 2*u)); fit > 0 {
		few := max(1, (n+fit-1)/fit)
		whole := widths[len(widths)-1] + pad // every short name whole
		for ; few < cols; few++ {
			if r.W/float64(few) >= whole {
				cols = few
				break
			}
		}
	}
	rows := (n + cols - 1) / cols
	if float64(rows)*ch > r.H {
		// Not enough height: smaller text rather than cut names.
		ch = r.H / float64(rows)
		fs = math.Max(7*u, math.Min(fs, ch*0.78))
	}
	cw := r.W / float64(cols)
	i := 0
	for si, s := range res.Services {
		if s.Kind != kind {
			continue
		}
		x := r.X + float64(i%cols)*cw
		y := r.Y + float64(i/cols)*ch
		i++
		cr := vm.R(x, y, cw-3*u, ch-2*u)
		h := res.Series.HealthAt(si, t)
		m := pal.SeverityMark(vm.HealthSeverity(h))
		bg := pal.Lane
		if m.Shape != vm.ShapeCircle {
			bg = m.Color.WithAlpha(0x40)
		}
		p.round(cr, 3*u, bg)
		mr := math.Min(cr.H*0.28, fs*0.38)
		p.shape(m.Shape, cr.X+mr+3*u, cr.CY(), mr, m.Color)
		p.fitAny(regular, math.Min(fs, cr.H*0.85), vm.R(cr.X+2*mr+6*u, cr.Y, cr.W-2*mr-8*u, cr.H), left, pal.Text, g.serviceName(s), g.serviceShort(s))
	}
}

// serviceShort is a service's short name ("DynamoDB", "EC2", "IAM").
func (g *Game) serviceShort(s sim.ServiceOutages) string {
	if v, ok := i18n.Lookup(g.App.Lang, "ui.service_short."+s.ID); ok {
		return v
	}
	return g.serviceName(s)
}

// serviceName is a service's display name: from the locale when it has
// one, else the name the simulation gives.
func (g *Game) serviceName(s sim.ServiceOutages) string {
	if v, ok := i18n.Lookup(g.App.Lang, "ui.service."+s.ID); ok {
		return v
	}
	return s.Name
}

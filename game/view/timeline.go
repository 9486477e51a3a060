package view

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// timelineCache holds the service bands drawn once per run and size.
type timelineCache struct {
	img   *ebiten.Image
	valid bool
	ticks []sim.Time
}

func (c *timelineCache) invalidate() { c.valid = false }

// rowsOf orders services for the bands: AWS services, then apps.
func rowsOf(res *sim.Result, dst []int) []int {
	dst = dst[:0]
	for _, k := range []sim.Kind{sim.AWSService, sim.App} {
		for i, s := range res.Services {
			if s.Kind == k {
				dst = append(dst, i)
			}
		}
	}
	return dst
}

func (g *Game) drawTimeline() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	if l.Timeline.Empty() {
		return
	}
	ts := l.TimeScale()
	if !g.tl.valid {
		g.renderBands()
	}
	if g.tl.img != nil {
		var op ebiten.DrawImageOptions
		op.GeoM.Translate(math.Floor(l.Timeline.X), math.Floor(l.Timeline.Y))
		g.p.dst.DrawImage(g.tl.img, &op)
	}
	// Event markers.
	res := g.run.Result
	my := l.Markers.CY()
	for _, e := range res.Events {
		if !e.Canonical {
			continue
		}
		x := ts.X(e.At)
		c := pal.TextFaint
		if e.At <= g.now() {
			c = pal.TextDim
		}
		p.shape(vm.ShapeDiamond, x, my, math.Max(2.5, 3.5*u), c)
	}
	// The race window, bracketed, and the zoom inset.
	t0, t1 := vm.RaceWindow(res)
	if !l.Zoom.Empty() {
		x0, x1 := ts.X(t0), ts.X(t1)
		p.rect(vm.R(x0, l.Bands.Y, math.Max(1, x1-x0), l.Bands.H), pal.Accent.WithAlpha(0x30))
		p.line(x0, l.Bands.Y, l.Zoom.X, l.Zoom.Bottom(), math.Max(1, u*0.8), pal.Accent.WithAlpha(0x80))
		p.line(x1, l.Bands.Y, l.Zoom.Right(), l.Zoom.Bottom(), math.Max(1, u*0.8), pal.Accent.WithAlpha(0x80))
		g.drawZoom(t0, t1)
	}
	// Playhead.
	x := ts.X(g.now())
	p.line(x, l.Markers.Y, x, l.Axis.Y, math.Max(1.5, 2*u), pal.Selected)
	p.circle(x, l.Markers.Y+2*u, math.Max(4, 5*u), pal.Selected)
	// Hover: the time under the pointer in PDT and UTC.
	hx, hy := g.in.hoverX, g.in.hoverY
	if g.in.hovered && l.Plot.Contains(hx, hy) && !g.App.Help && !g.App.Scoreboard && !g.in.isTouch {
		ht := ts.T(hx)
		s := g.tr("ui.hover.time", "pdt", ht.Clock(), "utc", ht.Wall().UTC().Format("15:04"))
		fs := l.FontSmall
		w := g.fonts.width(regular, fs, s) + 10*u
		bx := vm.Clamp(hx-w/2, l.Plot.X, l.Plot.Right()-w)
		by := l.Markers.Y - lineBox(fs) - 6*u
		if by < l.Timeline.Y {
			by = l.Axis.Y
		}
		box := vm.R(bx, by, w, lineBox(fs)+4*u)
		p.round(box, 4*u, pal.PanelHi)
		p.fitText(s, regular, fs, box, center, pal.Text)
		p.line(hx, l.Markers.Y, hx, l.Axis.Y, math.Max(1, u*0.8), pal.TextFaint)
	}
}

// renderBands draws the static part of the timeline into an image:
// service bands (the real night as a ghost behind a what-if), labels,
// axis and chapter ticks.
func (g *Game) renderBands() {
	l, pal, u := g.lay, g.pal, g.lay.U
	g.tl.valid = true
	w, h := int(math.Ceil(l.Timeline.W))+1, int(math.Ceil(l.Timeline.H))+1
	if g.tl.img != nil {
		b := g.tl.img.Bounds()
		if b.Dx() != w || b.Dy() != h {
			g.tl.img.Deallocate()
			g.tl.img = nil
		}
	}
	if g.tl.img == nil {
		g.tl.img = ebiten.NewImage(w, h)
	}
	img := g.tl.img
	img.Clear()
	old := g.p.dst
	g.p.dst = img
	defer func() { g.p.dst = old }()
	p := &g.p
	off := func(r vm.Rect) vm.Rect { return vm.R(r.X-l.Timeline.X, r.Y-l.Timeline.Y, r.W, r.H) }
	ts := l.TimeScale()
	ts.X0 -= l.Timeline.X
	ts.X1 -= l.Timeline.X
	bands := off(l.Bands)
	labels := off(l.Labels)
	axis := off(l.Axis)
	p.rect(bands, pal.Lane)
	res := g.run.Result
	base := g.App.Baseline().Result
	ghost := g.App.Set != 0
	var rows [64]int
	order := rowsOf(res, rows[:0])
	n := len(order)
	if n == 0 {
		return
	}
	gapAfter := 0 // rows before the apps
	for _, i := range order {
		if res.Services[i].Kind == sim.AWSService {
			gapAfter++
		}
	}
	sep := 0.0
	if gapAfter > 0 && gapAfter < n {
		sep = math.Max(2, 4*u)
	}
	rh := (bands.H - sep) / float64(n)
	fs := math.Min(l.FontSmall, rh*0.95)
	showNames := rh >= 9*u && !labels.Empty()
	for k, i := range order {
		y := bands.Y + float64(k)*rh
		if k >= gapAfter {
			y += sep
		}
		row := vm.R(bands.X, y, bands.W, rh)
		if k%2 == 1 {
			p.rect(row, pal.Bg.WithAlpha(0x50))
		}
		svc := res.Services[i]
		inner := row.InsetXY(0, math.Max(0.5, rh*0.12))
		if ghost {
			if bi := base.Service(svc.ID); bi >= 0 {
				for _, o := range base.Services[bi].Outages {
					x0, x1 := ts.X(o.Start), ts.X(o.End)
					p.rect(vm.R(x0, inner.Y, math.Max(1, x1-x0), inner.H), pal.Ghost)
				}
			}
		}
		for _, o := range svc.Outages {
			x0, x1 := ts.X(o.Start), ts.X(o.End)
			r := vm.R(x0, inner.Y, math.Max(1, x1-x0), inner.H)
			m := pal.SeverityMark(o.Severity)
			if o.Severity == sim.Degraded {
				// Degraded is a half-height bar, down a full one: never
				// colour alone.
				p.rect(vm.R(r.X, r.Y+r.H*0.5, r.W, r.H*0.5), m.Color)
			} else {
				p.rect(r, m.Color)
			}
		}
		if showNames {
			p.fitText(g.serviceName(svc), regular, fs, vm.R(labels.X, y, labels.W-6*u, rh), right, pal.TextDim)
		}
	}
	if !showNames && !labels.Empty() {
		ah := float64(gapAfter) * rh
		p.fitText(g.tr("ui.timeline.services"), regular, l.FontSmall, vm.R(labels.X, bands.Y, labels.W-6*u, ah), right, pal.TextDim)
		p.fitText(g.tr("ui.timeline.apps"), regular, l.FontSmall, vm.R(labels.X, bands.Y+ah+sep, labels.W-6*u, bands.H-ah-sep), right, pal.TextDim)
	}
	if !labels.Empty() {
		p.fitText(g.tr("ui.timeline.events"), regular, l.FontSmall, vm.R(labels.X, off(l.Markers).Y, labels.W-6*u, l.Markers.H), right, pal.TextFaint)
	}
	// Axis: hour ticks, labelled where they fit.
	step := ts.TickStep(g.fonts.width(regular, l.FontSmall, "00:00") * 1.8)
	step = max(step, sim.Hour)
	g.tl.ticks = ts.AppendTicks(g.tl.ticks[:0], step)
	for _, t := range g.tl.ticks {
		x := ts.X(t)
		p.line(x, bands.Y, x, bands.Bottom(), math.Max(1, 0.6*u), pal.Grid)
		p.text(t.Clock(), regular, l.FontSmall, x, axis.Y+1*u, center, pal.TextFaint)
	}
	// Chapter starts, as small ticks under the bands.
	for _, c := range g.App.Chapters() {
		x := ts.X(c.Start)
		p.line(x, bands.Bottom(), x, bands.Bottom()+3*u, math.Max(1, u), pal.TextFaint)
	}
}

// drawZoom draws the race minutes enlarged: each Enactor's activity, the
// alias flips of the regional endpoint and plan deletions.
func (g *Game) drawZoom(t0, t1 sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	z := l.Zoom
	p.round(z, 4*u, pal.Lane)
	zs := l.ZoomScale(t0, t1)
	res := g.run.Result
	fs := math.Min(l.FontSmall, z.H/5.5)
	head := vm.R(z.X+4*u, z.Y, z.W-8*u, lineBox(fs)+2*u)
	p.fitText(g.tr("ui.timeline.zoom", "from", t0.Clock(), "to", t1.Clock()), regular, fs, head, left, pal.TextFaint)
	lanes := vm.R(z.X, head.Bottom(), z.W, z.Bottom()-head.Bottom()-2*u)
	lh := lanes.H / 4
	// Enactor lanes.
	for i, lane := range vm.Enactors {
		y := lanes.Y + float64(i)*lh
		if l.Labels.W > 0 {
			p.fitText(g.tr("ui.actor."+lane), regular, fs, vm.R(l.Labels.X, y, l.Labels.W-6*u, lh), right, pal.TextDim)
		}
		for _, sp := range res.Spans {
			if sp.Lane != lane || sp.End < t0 || sp.Start > t1 {
				continue
			}
			x0 := math.Max(zs.X(sp.Start), z.X)
			x1 := math.Min(zs.X(sp.End), z.Right())
			c := pal.Plan
			switch sp.Kind {
			case "backoff":
				c = pal.Warn.WithAlpha(0x90)
			case "cleanup":
				c = pal.PlanOld
			case "check":
				c = pal.Info
			}
			if !sp.OK {
				c = c.Mix(pal.Bad, 0.5)
			}
			r := vm.R(x0, y+lh*0.15, math.Max(1, x1-x0), lh*0.7)
			p.rect(r, c)
			if sp.Gen > 0 && r.W > g.fonts.width(bold, fs, gen(sp.Gen))+4*u {
				p.fitText(gen(sp.Gen), bold, fs, r, center, pal.Text)
			}
		}
	}
	// Alias lane: where the regional alias points, segment by segment.
	y := lanes.Y + 3*lh
	if l.Labels.W > 0 {
		p.fitText(g.tr("ui.zone.alias_short"), regular, fs, vm.R(l.Labels.X, y, l.Labels.W-6*u, lh), right, pal.TextDim)
	}
	cur, from := -1, t0
	flush := func(to sim.Time) {
		if cur < 0 || to <= from {
			return
		}
		x0, x1 := math.Max(zs.X(from), z.X), math.Min(zs.X(to), z.Right())
		r := vm.R(x0, y+lh*0.15, math.Max(1, x1-x0), lh*0.7)
		c := pal.Plan.WithAlpha(0xA0)
		if cur == 0 {
			c = pal.Bad
		}
		p.rect(r, c)
		s := gen(cur)
		if cur == 0 {
			s = g.tr("ui.zone.nothing")
		}
		if r.W > g.fonts.width(bold, fs, s)+4*u {
			p.fitText(s, bold, fs, r, center, pal.Text)
		}
	}
	for _, e := range res.Events {
		if e.At > t1 {
			break
		}
		if e.Kind == "zone.alias" && e.Endpoint == 0 {
			if e.At >= t0 {
				flush(e.At)
				from = e.At
			}
			cur = e.Gen
		}
		if e.Kind == "zone.plan_deleted" && e.At >= t0 {
			p.shape(vm.ShapeCross, zs.X(e.At), lanes.Y+2.5*lh, math.Max(3, 4*u), pal.Bad)
		}
	}
	flush(t1)
	if t := g.now(); t >= t0 && t <= t1 {
		x := zs.X(t)
		p.line(x, z.Y, x, z.Bottom(), math.Max(1.5, 2*u), pal.Selected)
	}
}

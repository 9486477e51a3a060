package view

import (
	"image"
	"math"
	"slices"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// timelineCache holds the service bands drawn once per run and size.
type timelineCache struct {
	// buf is the image drawn into, img its part the timeline uses.
	buf   *ebiten.Image
	img   *ebiten.Image
	valid bool
	ticks []sim.Time
	// bands is the band geometry on screen; order the service index of
	// each row.
	bands vm.Bands
	order []int
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
		// Drawn again next frame if it had to leave out text.
		was := g.p.deferred
		g.p.deferred = false
		g.renderBands()
		g.tl.valid = !g.p.deferred && !g.p.noText
		g.p.deferred = g.p.deferred || was
	}
	if g.tl.img != nil {
		var op ebiten.DrawImageOptions
		op.GeoM.Translate(math.Floor(l.Timeline.X), math.Floor(l.Timeline.Y))
		g.p.flush()
		g.p.dst.DrawImage(g.tl.img, &op)
	}
	// Story mode tells the night as it comes: bands and events past the
	// playhead stay hidden.
	story := g.App.Mode == vm.ModeStory
	if story {
		x := math.Max(ts.X(g.now()), l.Bands.X)
		if x < l.Bands.Right()+2 {
			p.rect(vm.R(x, l.Bands.Y, l.Bands.Right()+2-x, l.Bands.H), pal.Lane)
		}
	}
	if story {
		g.drawKeyRows()
	}
	// Event markers.
	res := g.run.Result
	my := l.Markers.CY()
	for _, e := range res.Events {
		if !e.Canonical || story && e.At > g.now() {
			continue
		}
		x := ts.X(e.At)
		c := pal.TextFaint
		if e.At <= g.now() {
			c = pal.TextDim
		}
		p.shape(vm.ShapeDiamond, x, my, math.Max(2.5, 3.5*u), c)
	}
	g.drawTimelineKey()
	// The race window, bracketed, and the zoom inset.
	t0, t1 := vm.RaceWindow(res)
	if r := g.App.Replaying(); r != nil && !l.Zoom.Empty() {
		// The counterexample is a run of its own, not a time of the night.
		g.drawReplayLanes(r)
	} else if !l.Zoom.Empty() {
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
	// Hover (or a finger on the bands): the row's name and state, and the
	// time under the pointer in PDT and UTC.
	g.drawBandTip()
}

// drawKeyRows names the rows the chapter talks about, at the leading edge
// of their bands, just past the playhead (story mode hides what lies
// beyond, so the labels cover nothing yet to come).
func (g *Game) drawKeyRows() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	ids := vm.KeyRows(g.App.CurrentChapter().ID)
	if len(ids) == 0 || len(g.tl.order) == 0 {
		return
	}
	res := g.run.Result
	fs := l.FontSmall
	lh := lineBox(fs) + 2*u
	x := math.Max(l.TimeScale().X(g.now()), l.Bands.X) + 6*u
	last := l.Bands.Y - lh
	for k, si := range g.tl.order {
		svc := res.Services[si]
		if !slices.Contains(ids, svc.ID) {
			continue
		}
		row := g.tl.bands.Row(k)
		y := math.Max(row.CY()-lh/2, last+lh)
		if y+lh > l.Bands.Bottom()+u {
			break
		}
		name := g.serviceName(svc)
		if g.fonts.width(regular, fs, name)+fs+8*u > l.Bands.Right()-x {
			name = g.serviceShort(svc)
		}
		w := g.fonts.width(regular, fs, name) + fs + 8*u
		bx, px := x, x-6*u
		if w > l.Bands.Right()-x {
			// Near the end of the night: the label goes before the playhead.
			bx, px = x-12*u-w, x-6*u
		}
		m := pal.SeverityMark(vm.HealthSeverity(res.Series.HealthAt(si, g.now())))
		p.line(px, row.CY(), math.Max(bx, math.Min(bx+w, px)), y+lh/2, math.Max(1, u), pal.TextDim)
		box := vm.R(bx, y, w, lh)
		p.round(box, 3*u, pal.PanelHi)
		p.shape(m.Shape, box.X+fs*0.45, box.CY(), fs*0.3, m.Color)
		p.fitText(name, regular, fs, vm.R(box.X+fs, box.Y, box.W-fs-2*u, box.H), left, pal.Text)
		last = y
	}
}

// drawTimelineKey draws the key to the bands' marks at the right of the
// key line and, for a what-if (in explore mode and in the story's last
// chapter), the real night's and the what-if's durations as labelled
// bars side by side at its left.
func (g *Game) drawTimelineKey() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	row := l.Key
	if row.Empty() {
		return
	}
	fs := math.Min(l.FontSmall, row.H*0.85)
	x := row.Right()
	mr := fs * 0.38
	item := func(mark vm.Mark, label string) {
		w := g.fonts.width(regular, fs, label)
		x -= w
		p.fitText(label, regular, fs, vm.R(x, row.Y, w, row.H), left, pal.TextDim)
		x -= 2*mr + 3*u
		p.shape(mark.Shape, x+mr, row.CY(), mr, mark.Color)
		x -= 10 * u
	}
	a := g.App
	if a.Set != 0 {
		label := g.tr("ui.timeline.ghost")
		w := g.fonts.width(regular, fs, label)
		x -= w
		p.fitText(label, regular, fs, vm.R(x, row.Y, w, row.H), left, pal.TextDim)
		x -= 14 * u
		p.rect(vm.R(x, row.CY()-3*u, 11*u, 6*u), pal.Ghost)
		x -= 10 * u
	}
	for _, svc := range g.run.Result.Services {
		if svc.StartUncertain {
			// The key to the hatching of an uncertain start.
			label := g.tr("ui.timeline.start_uncertain")
			w := g.fonts.width(regular, fs, label)
			x -= w
			p.fitText(label, regular, fs, vm.R(x, row.Y, w, row.H), left, pal.TextDim)
			x -= 14 * u
			sw := vm.R(x, row.CY()-3*u, 11*u, 6*u)
			p.rect(sw, pal.Bad)
			for hx := sw.X + 2*u; hx < sw.Right(); hx += 4 * u {
				p.line(hx, sw.Bottom(), math.Min(hx+sw.H, sw.Right()), sw.Y, math.Max(1, 0.8*u), pal.Lane)
			}
			x -= 10 * u
			break
		}
	}
	item(pal.SeverityMark(sim.Degraded), g.tr("ui.severity.degraded"))
	item(pal.SeverityMark(sim.Down), g.tr("ui.severity.down"))
	item(vm.Mark{Color: pal.TextDim, Shape: vm.ShapeDiamond}, g.tr("ui.timeline.key_event"))
	if a.Set == 0 || a.Mode != vm.ModeExplore && a.Chapter != len(a.Chapters())-1 {
		return
	}
	// Real night against the what-if, like with like.
	bs, be, bok := vm.EventSpan(a.Baseline().Result)
	if !bok {
		return
	}
	ws, we, wok := vm.EventSpan(g.run.Result)
	full := float64(be - bs)
	room := x - row.X
	bw := math.Min(120*u, room*0.2)
	bx := row.X
	bar := func(label string, d sim.Time, c vm.RGBA) {
		txt := g.tr(label, "dur", durText(g, d))
		w := g.fonts.width(regular, fs, txt)
		if bx+w+4*u+bw > x {
			return
		}
		p.fitText(txt, regular, fs, vm.R(bx, row.Y, w, row.H), left, pal.TextDim)
		bx += w + 4*u
		p.rect(vm.R(bx, row.CY()-3*u, bw, 6*u), pal.Grid)
		p.rect(vm.R(bx, row.CY()-3*u, bw*vm.Clamp(float64(d)/full, 0, 1), 6*u), c)
		bx += bw + 12*u
	}
	wd := sim.Time(0)
	if wok {
		wd = we - ws
	}
	bar("ui.timeline.real_dur", be-bs, pal.Bad)
	bar("ui.timeline.whatif_dur", wd, pal.VerdictMark(a.Current().Verdict.Kind).Color)
}

// durText is a duration as "14 h 33 min".
func durText(g *Game, d sim.Time) string {
	m := int(math.Round(d.Minutes()))
	if m <= 0 {
		return g.tr("ui.timeline.no_disruption")
	}
	return g.tr("ui.timeline.hm", "h", m/60, "m", m%60)
}

// drawBandTip shows, for the band under the pointer (or under a finger
// dragging the playhead), the service's name and state at that moment,
// with the real night's beside a what-if, and the time in PDT and UTC.
func (g *Game) drawBandTip() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	hx, hy := g.in.hoverX, g.in.hoverY
	touching := g.in.isTouch && g.in.down && g.in.dragging
	if g.App.OverlayOpen() || !l.Plot.Contains(hx, hy) || !(g.in.hovered && !g.in.isTouch || touching) {
		return
	}
	ts := l.TimeScale()
	ht := ts.T(hx)
	fs := l.FontSmall
	lines := [2]string{g.tr("ui.hover.time", "pdt", ht.Clock(), "utc", ht.Wall().UTC().Format("15:04")), ""}
	k := g.tl.bands.At(hy)
	var mark vm.Mark
	if k >= 0 && k < len(g.tl.order) {
		res := g.run.Result
		si := g.tl.order[k]
		svc := res.Services[si]
		sev := vm.HealthSeverity(res.Series.HealthAt(si, ht))
		mark = g.pal.SeverityMark(sev)
		st := g.tr(sevKeys[sev])
		if g.App.Set != 0 {
			base := g.App.Baseline().Result
			if bi := base.Service(svc.ID); bi >= 0 {
				real := g.tr(sevKeys[vm.HealthSeverity(base.Series.HealthAt(bi, ht))])
				lines[1] = g.tr("ui.hover.band_whatif", "name", g.serviceName(svc), "state", st, "real", real)
			}
		}
		if lines[1] == "" {
			lines[1] = g.tr("ui.hover.band", "name", g.serviceName(svc), "state", st)
		}
		// Highlight the row.
		row := g.tl.bands.Row(k)
		p.strokeRect(vm.R(row.X, row.Y, row.W, row.H), math.Max(1, u), pal.Selected)
	}
	w := g.fonts.width(regular, fs, lines[0])
	if lines[1] != "" {
		w = math.Max(w, g.fonts.width(bold, fs, lines[1])+fs)
	}
	w = math.Min(w+12*u, l.Plot.W)
	n := 1.0
	if lines[1] != "" {
		n = 2
	}
	h := n*lineBox(fs) + 6*u
	bx := vm.Clamp(hx-w/2, l.Plot.X, l.Plot.Right()-w)
	by := hy - h - 14*u
	if touching {
		by = hy - h - 40*u // above the finger
	}
	if by < l.Timeline.Y {
		by = math.Min(hy+18*u, l.Timeline.Bottom()-h)
	}
	box := vm.R(bx, by, w, h)
	p.round(box, 4*u, pal.PanelHi)
	p.roundStroke(box, 4*u, math.Max(1, u), pal.Border)
	y := box.Y + 3*u
	if lines[1] != "" {
		p.shape(mark.Shape, box.X+6*u+fs*0.35, y+lineBox(fs)/2, fs*0.35, mark.Color)
		p.fitText(lines[1], bold, fs, vm.R(box.X+6*u+fs, y, box.W-12*u-fs, lineBox(fs)), left, pal.Text)
		y += lineBox(fs)
	}
	p.fitText(lines[0], regular, fs, vm.R(box.X+6*u, y, box.W-12*u, lineBox(fs)), left, pal.TextDim)
	p.line(hx, l.Markers.Y, hx, l.Axis.Y, math.Max(1, u*0.8), pal.TextFaint)
}

var sevKeys = [...]string{sim.Healthy: "ui.severity.healthy", sim.Degraded: "ui.severity.degraded", sim.Down: "ui.severity.down"}

// renderBands draws the static part of the timeline into an image:
// service bands (the real night as a ghost behind a what-if), labels,
// axis and chapter ticks.
func (g *Game) renderBands() {
	l, pal, u := g.lay, g.pal, g.lay.U
	g.tl.valid = true
	w, h := int(math.Ceil(l.Timeline.W))+1, int(math.Ceil(l.Timeline.H))+1
	// The image is reused while it is big enough, and only its top-left
	// w×h drawn. Deallocating it and allocating one of another size went
	// wrong in Chromium (WebGL): the new image showed the old bands, so
	// they sat where the timeline had been (the browser test of the
	// chapters catches it).
	if g.tl.buf != nil {
		if b := g.tl.buf.Bounds(); b.Dx() < w || b.Dy() < h {
			g.tl.buf = nil
		}
	}
	if g.tl.buf == nil {
		g.tl.buf = ebiten.NewImage(w, h)
	}
	g.tl.buf.Clear()
	g.tl.img = g.tl.buf.SubImage(image.Rect(0, 0, w, h)).(*ebiten.Image)
	img := g.tl.img
	g.p.flush()
	old := g.p.dst
	g.p.dst = img
	defer func() { g.p.flush(); g.p.dst = old }()
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
	split := 0 // rows before the apps
	for _, i := range order {
		if res.Services[i].Kind == sim.AWSService {
			split++
		}
	}
	bl := l.BandRows(n, split)
	bl.Area = bands
	rh := bl.RowH
	fs := math.Min(l.FontSmall, math.Floor(rh*0.9))
	showNames := bl.Labelled(l, 8*u) && fs >= 7
	for k, i := range order {
		row := bl.Row(k)
		y := row.Y
		if k%2 == 1 {
			p.rect(row, pal.Bg.WithAlpha(0x50))
		}
		svc := res.Services[i]
		// The what-if's bars are thinner than the row, so the real night's
		// ghost (the whole row's height) shows around them.
		inner := row.InsetXY(0, math.Max(0.5, rh*0.12))
		if ghost {
			inner = row.InsetXY(0, math.Max(1, rh*0.28))
			if bi := base.Service(svc.ID); bi >= 0 {
				for _, o := range base.Services[bi].Outages {
					x0, x1 := ts.X(o.Start), ts.X(o.End)
					p.rect(vm.R(x0, row.Y, math.Max(1, x1-x0), row.H), pal.Ghost)
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
		if svc.StartUncertain && len(svc.Outages) > 0 {
			// The PES gives no firm start: the bar's first minutes hatched.
			o := svc.Outages[0]
			x0, x1 := ts.X(o.Start), ts.X(min(o.End, o.Start+24*sim.Minute))
			for x := x0; x < x1; x += math.Max(3, 4*u) {
				p.line(x, inner.Bottom(), math.Min(x+inner.H, x1), inner.Y, math.Max(1, 0.8*u), pal.Lane)
			}
		}
		if showNames {
			p.fitAny(regular, fs, vm.R(labels.X, y, labels.W-8*u, rh), right, pal.TextDim, g.serviceName(svc), g.serviceShort(svc))
		}
	}
	// The two groups: a rule between them, and a bracket with the group's
	// name in the gutter when rows are too thin to name one by one.
	if split > 0 && split < n {
		yy := bl.Row(split).Y - bl.Sep/2
		p.line(bands.X, yy, bands.Right(), yy, math.Max(1, u), pal.Border)
	}
	if !labels.Empty() {
		for gi, key := range [2]string{"ui.timeline.services", "ui.timeline.apps"} {
			gr := bl.Group(gi)
			if gr.H <= 0 {
				continue
			}
			bx := labels.Right() - 3*u
			p.line(bx, gr.Y+u, bx, gr.Bottom()-u, math.Max(1, u), pal.Border)
			if !showNames {
				short := "ui.timeline.services_short"
				if gi == 1 {
					short = "ui.timeline.apps_short"
				}
				lr := vm.R(labels.X, gr.Y, labels.W-8*u, gr.H)
				if gr.H >= 2*lineBox(l.FontSmall) {
					p.fitAny(regular, l.FontSmall, vm.R(lr.X, lr.CY()-lineBox(l.FontSmall), lr.W, lineBox(l.FontSmall)), right, pal.TextDim, g.tr(key), g.tr(short))
					p.fitText(g.tr("ui.timeline.count", "n", map[bool]int{true: split, false: n - split}[gi == 0]), regular, l.FontSmall*0.9,
						vm.R(lr.X, lr.CY(), lr.W, lineBox(l.FontSmall)), right, pal.TextFaint)
				} else {
					p.fitAny(regular, math.Min(l.FontSmall, gr.H*0.9), lr, right, pal.TextDim, g.tr(key), g.tr(short))
				}
			}
		}
	}
	if !labels.Empty() {
		p.fitText(g.tr("ui.timeline.events"), regular, l.FontSmall, vm.R(labels.X, off(l.Markers).Y, labels.W-8*u, l.Markers.H), right, pal.TextFaint)
	}
	g.tl.bands = bl
	g.tl.bands.Area = l.Bands
	g.tl.order = append(g.tl.order[:0], order...)
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
	if l.Spotlit {
		// Story mode: the swimlane is the chapter's picture.
		fs = math.Min(math.Round(14*u), z.H/6.2)
	}
	head := vm.R(z.X+4*u, z.Y, z.W-8*u, lineBox(fs)+2*u)
	title := g.tr("ui.timeline.zoom", "from", t0.Clock(), "to", t1.Clock())
	p.fitText(title, regular, fs, head, left, pal.TextFaint)
	// The key to the lanes' colours, at the right of the header.
	g.drawLaneKey(head, fs, g.fonts.width(regular, fs, title), [...]laneKey{
		{"ui.race.key.cleanup", pal.PlanOld}, {"ui.race.key.backoff", pal.Warn.WithAlpha(0x90)}, {"ui.race.key.apply", pal.Plan}, {"ui.race.key.check", pal.Info}})
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
	// Story mode tells the race as it comes: nothing past the playhead.
	if g.App.Mode == vm.ModeStory {
		x := vm.Clamp(zs.X(g.now()), z.X, z.Right())
		if x < z.Right() {
			p.rect(vm.R(x, lanes.Y, z.Right()-x, lanes.H+2*u), pal.Lane)
		}
	}
	g.drawStalePair(zs, lanes, lh, fs, t0, t1)
	if t := g.now(); t >= t0 && t <= t1 {
		x := zs.X(t)
		p.line(x, z.Y, x, z.Bottom(), math.Max(1.5, 2*u), pal.Selected)
	}
}

// laneKey is a colour of a swimlane and the locale key of its name.
type laneKey struct {
	key string
	c   vm.RGBA
}

// drawLaneKey writes the key to a swimlane's colours right-aligned in its
// header, after a title titleW wide, leaving out what does not fit.
func (g *Game) drawLaneKey(head vm.Rect, fs, titleW float64, items [4]laneKey) {
	p, u := &g.p, g.lay.U
	kx := head.Right()
	for _, it := range items {
		lab := g.tr(it.key)
		w := g.fonts.width(regular, fs, lab)
		if kx-w-fs-8*u < head.X+titleW+12*u {
			break
		}
		kx -= w
		p.fitText(lab, regular, fs, vm.R(kx, head.Y, w, head.H), left, g.pal.TextDim)
		kx -= fs*0.9 + 3*u
		p.rect(vm.R(kx, head.CY()-fs*0.35, fs*0.9, fs*0.7), it.c)
		kx -= 8 * u
	}
}

// stalePair returns the current run's check/use pair, cached per run.
func (g *Game) stalePair() (vm.StalePair, bool) {
	if g.stale.res != g.run.Result {
		g.stale.res = g.run.Result
		g.stale.sp, g.stale.ok = vm.FindStalePair(g.run.Result)
	}
	return g.stale.sp, g.stale.ok
}

// drawStalePair marks, once the playhead has passed them, the time the
// slow Enactor checked its plan and the time it used that check: a
// bracket over its lane, the gap between the two being the flaw.
func (g *Game) drawStalePair(zs vm.TimeScale, lanes vm.Rect, lh, fs float64, t0, t1 sim.Time) {
	sp, ok := g.stalePair()
	if !ok || g.now() < sp.Check || sp.Use < t0 || sp.Check > t1 {
		return
	}
	p, pal, u := &g.p, g.pal, g.lay.U
	y := lanes.Y + float64(sp.Lane)*lh + lh*0.1
	x0 := math.Max(zs.X(sp.Check), lanes.X)
	w := math.Max(1.5, 2*u)
	p.line(x0, y, x0, y+lh*0.8, w, pal.Selected)
	if g.now() < sp.Use {
		return
	}
	x1 := math.Min(zs.X(sp.Use), lanes.Right())
	p.line(x1, y, x1, y+lh*0.8, w, pal.Selected)
	p.line(x0, y, x1, y, w, pal.Selected)
	mins := strconv.Itoa(int(math.Floor((sp.Use - sp.Check).Minutes())))
	lab := g.tr("ui.race.pair", "min", mins)
	lw := g.fonts.width(bold, fs, lab) + 6*u
	if x1-x0 > lw+8*u {
		r := vm.R((x0+x1)/2-lw/2, y-lh*0.1, lw, lh*0.9)
		p.round(r, 3*u, pal.Panel)
		p.fitText(lab, bold, fs, r, center, pal.Selected)
	}
}

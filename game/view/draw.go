package view

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
	vm "github.com/outagelab/outage/game/viewmodel"
)

func (g *Game) drawAll() {
	l := g.lay
	if l.Sheet {
		g.drawPanel()
		g.drawFocus()
		return
	}
	g.drawTopBar()
	g.drawBanner()
	g.drawCaption()
	g.drawDiagram()
	g.drawTimeline()
	g.drawControls()
	if l.PanelShown() {
		g.drawPanel()
	}
	g.in.board = g.in.board[:0]
	switch g.App.Overlay() {
	case vm.OverHelp:
		g.drawHelp()
	case vm.OverScoreboard:
		g.drawScoreboard()
	case vm.OverShare:
		g.drawShare()
	case vm.OverRace:
		g.drawRace()
	case vm.OverReports:
		g.drawReports()
	}
	g.drawFocus()
}

// panelBox draws a rounded panel background.
func (g *Game) panelBox(r vm.Rect) {
	g.p.round(r, 8*g.lay.U, g.pal.Panel)
}

func (g *Game) drawTopBar() {
	l, p, pal := g.lay, &g.p, g.pal
	if !l.Title.Empty() {
		p.fitAny(bold, l.FontTitle, l.Title, left, pal.Text, g.tr("app.title"), g.tr("ui.app.title_short"))
	}
	g.drawProgress(l.Progress)
}

// drawProgress draws the story's chapters as segments, filled up to the
// playhead, with the current chapter's number.
func (g *Game) drawProgress(r vm.Rect) {
	if r.Empty() {
		return
	}
	p, pal, a, u := &g.p, g.pal, g.App, g.lay.U
	bar := vm.R(r.X, r.CY()-3*u, r.W, 6*u)
	if g.lay.Tiny && !g.lay.In.Embed {
		bar = r
	} else if !g.lay.Narrow || g.lay.In.Embed {
		// A label above the bar: "Chapter 3 of 10 · Stuck".
		lbl := vm.R(r.X, r.Y, r.W, r.H/2)
		bar = vm.R(r.X, r.Y+r.H*0.62, r.W, 6*u)
		ch := a.CurrentChapter()
		s := g.tr("ui.progress.chapter", "n", a.Chapter+1, "total", len(a.Chapters()), "title", g.tr(ch.Title))
		if a.Mode == vm.ModeExplore {
			s = g.tr("ui.progress.explore", "title", g.tr(ch.Title))
		}
		p.fitText(s, regular, g.lay.FontSmall, lbl, left, pal.TextDim)
	} else {
		bar = vm.R(r.X, r.Y+r.H/2-2*u, r.W, 4*u)
	}
	var shares [32]float64
	sh := a.ChapterShares(shares[:0])
	gap := math.Max(1, 2*u)
	x := bar.X
	w := bar.W - gap*float64(len(sh)-1)
	prog := a.Progress() * w
	done := 0.0
	for i, s := range sh {
		sw := s * w
		seg := vm.R(x, bar.Y, sw, bar.H)
		p.rect(seg, pal.Grid)
		fill := math.Min(sw, math.Max(0, prog-done))
		c := pal.TextFaint
		if i == a.Chapter {
			c = pal.Accent
		}
		p.rect(vm.R(x, bar.Y, fill, bar.H), c)
		done += sw
		x += sw + gap
	}
}

func (g *Game) drawCaption() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	r := l.Caption
	if r.Empty() {
		return
	}
	if rp := a.Replaying(); rp != nil {
		// The checker's counterexample, a step at a time.
		y := r.Y + 2*u
		p.fitAny(bold, l.FontTitle, vm.R(r.X, y, r.W, lineBox(l.FontTitle)), left, pal.Text,
			g.tr("ui.replay.title", "n", rp.Step, "total", len(rp.Steps)), g.tr("ui.replay.title_short", "n", rp.Step, "total", len(rp.Steps)))
		y += lineBox(l.FontTitle) + 4*u
		c := pal.Text
		if vm.Fatal(rp.Current()) {
			c = pal.Bad
		}
		hintH := lineBox(l.FontSmall) + 2*u
		p.para(rp.Text(a.Lang), bold, l.FontCaption, vm.R(r.X, y, r.W, r.Bottom()-hintH-y), c, 0)
		p.fitText(g.tr("ui.replay.hint"), regular, l.FontSmall, vm.R(r.X, r.Bottom()-hintH, r.W, lineBox(l.FontSmall)), left, pal.TextFaint)
		return
	}
	if a.Mode == vm.ModeStory {
		ch := a.CurrentChapter()
		text, source := g.caption()
		y := r.Y + 2*u
		if a.Set != 0 && !l.PanelShown() {
			// No panel to say it: the what-if's verdict heads the caption.
			v := a.Current().Verdict
			summary, _ := v.In(a.Lang)
			m := pal.VerdictMark(v.Kind)
			fs := l.FontCaption
			if !l.Tiny {
				fs = l.FontTitle
			}
			p.shape(m.Shape, r.X+fs*0.4, y+lineBox(fs)/2, fs*0.35, m.Color)
			p.fitText(summary, bold, fs, vm.R(r.X+fs, y, r.W-fs, lineBox(fs)), left, pal.Text)
			y += lineBox(fs) + 4*u
		} else if !l.Tiny {
			title := g.tr("ui.caption.chapter_title", "n", a.Chapter+1, "title", g.tr(ch.Title))
			// A long title (Indonesian on a phone) steps down to fit whole.
			tf := l.FontTitle
			for tf > l.FontSmall && !p.fits(bold, tf, title, r.W) {
				tf = math.Max(l.FontSmall, tf-math.Max(1, l.U))
			}
			p.fitText(title, bold, tf, vm.R(r.X, y+(lineBox(l.FontTitle)-lineBox(tf))/2, r.W, lineBox(tf)), left, pal.Text)
			y += lineBox(l.FontTitle) + 4*u
		}
		src := source
		srcH := 0.0
		if !l.Tiny {
			srcH = lineBox(l.FontSmall) + 2*u
			p.fitText(src, regular, l.FontSmall, vm.R(r.X, r.Bottom()-srcH, r.W, lineBox(l.FontSmall)), left, pal.TextFaint)
		}
		// A caption that does not fit at its size (a long language on a
		// phone) steps down rather than being cut.
		cr := vm.R(r.X, y, r.W, r.Bottom()-srcH-y)
		fs := l.FontCaption
		for fs > l.FontSmall && float64(len(g.fonts.wrap(regular, fs, text, cr.W, 12)))*math.Round(fs*1.32) > cr.H {
			fs = math.Max(l.FontSmall, fs-math.Max(1, l.U))
		}
		p.para(text, regular, fs, cr, pal.TextDim, 0)
		return
	}
	// Explore: what the selected safeguards did, then the latest events.
	y := r.Y + 2*u
	v := a.Current().Verdict
	head := g.tr("ui.caption.explore_real")
	if a.Set != 0 {
		head = g.tr(plural("ui.caption.explore_whatif", a.Set.Len()), "n", a.Set.Len())
	}
	if !l.Tiny {
		p.fitText(head, bold, l.FontTitle, vm.R(r.X, y, r.W, lineBox(l.FontTitle)), left, pal.Text)
		y += lineBox(l.FontTitle) + 4*u
	}
	lh := math.Round(l.FontCaption * 1.32)
	n := int((r.Bottom() - y) / lh)
	summary, _ := v.In(a.Lang)
	if a.Set != 0 && n > 0 && summary != "" {
		m := pal.VerdictMark(v.Kind)
		p.shape(m.Shape, r.X+l.FontCaption*0.45, y+lh/2, l.FontCaption*0.38, m.Color)
		p.fitText(summary, regular, l.FontCaption,
			vm.R(r.X+l.FontCaption, y, r.W-l.FontCaption, lh), left, pal.Text)
		y += lh
		n--
	}
	g.drawFeed(vm.R(r.X, y, r.W, float64(n)*lh), n, lh)
}

// drawFeed lists the last n key events at or before the playhead, newest
// last.
func (g *Game) drawFeed(r vm.Rect, n int, lh float64) {
	if n <= 0 {
		return
	}
	l, p, pal := g.lay, &g.p, g.pal
	ev := g.App.Current().Result.Events
	var pick [8]int
	k := 0
	for i := len(ev) - 1; i >= 0 && k < min(n, len(pick)); i-- {
		if ev[i].At <= g.now() && vm.IsKeyEvent(ev[i]) {
			pick[k] = i
			k++
		}
	}
	y := r.Y
	cw := g.fonts.width(mono, l.FontCaption, "00:00:00 ")
	for j := k - 1; j >= 0; j-- {
		e := ev[pick[j]]
		c := pal.TextDim
		if j == 0 {
			c = pal.Text
		}
		p.text(clockSec(e.At), mono, l.FontCaption*0.92, r.X, y+1, left, pal.TextFaint)
		p.fitText(g.eventText(pick[j], e), regular, l.FontCaption, vm.R(r.X+cw, y, r.W-cw, lh), left, c)
		y += lh
	}
}

// eventText is the feed line of an event, cached per run.
func (g *Game) eventText(i int, e sim.Event) string {
	if s, ok := g.feed[i]; ok {
		return s
	}
	s := story.EventText(g.App.Lang, g.run.Result, e)
	g.feed[i] = s
	return s
}

type captionKey struct {
	run        *vm.Run
	chap, beat int
	lang       string
}

// caption is the story's caption and source line at the playhead, cached
// per beat.
func (g *Game) caption() (string, string) {
	c, b := g.App.Beat()
	k := captionKey{g.run, c, b, g.App.Lang}
	if k != g.capKey {
		g.capKey = k
		g.capText, g.capSource = story.Caption(g.App.Lang, g.App.Chapters(), g.now())
	}
	return g.capText, g.capSource
}

func trimNum(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

var clockCache = map[sim.Time]string{}

// clockSec is "HH:MM:SS" PDT, cached.
func clockSec(t sim.Time) string {
	t -= t % sim.Second
	if s, ok := clockCache[t]; ok {
		return s
	}
	if len(clockCache) > 4096 {
		clear(clockCache)
	}
	s := t.Wall().Format("15:04:05")
	clockCache[t] = s
	return s
}

func (g *Game) drawControls() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	hx, hy := g.in.hoverX, g.in.hoverY
	for _, b := range l.Buttons {
		r := b.Rect
		if b.ID == vm.BtnCloseSheet {
			continue
		}
		hover := r.Contains(hx, hy) && !g.App.OverlayOpen() && g.in.hovered
		bg := pal.PanelHi
		if hover {
			bg = pal.Border
		}
		active := (b.ID == vm.BtnHelp && a.Help) || (b.ID == vm.BtnScoreboard && a.Scoreboard) ||
			(b.ID == vm.BtnSafeguards && a.SheetOpen) || (b.ID == vm.BtnShare && a.Share) || (b.ID == vm.BtnRace && a.Race)
		switch b.ID {
		case vm.BtnSpeed:
			g.drawSpeed(r)
			continue
		case vm.BtnMode:
			g.drawModeSwitch(r, hover)
			continue
		case vm.BtnDismiss:
			continue // drawn with the banner
		case vm.BtnNext:
			g.drawNext(r, hover)
			continue
		}
		p.round(r.Inset(1), 6*u, bg)
		if active {
			p.roundStroke(r.Inset(1), 6*u, 2*u, pal.Accent)
		}
		g.drawIcon(b.ID, r, pal.Text)
	}
	if !l.Clock.Empty() {
		g.drawClock(l.Clock)
	}
}

// drawNext draws the "Next" prompt that waits at a chapter's end.
func (g *Game) drawNext(r vm.Rect, hover bool) {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	bg := pal.Accent
	if hover {
		bg = bg.Mix(pal.Text, 0.2)
	}
	p.round(r.Inset(1), 6*u, bg)
	title := ""
	if n := a.Chapter + 1; n < len(a.Chapters()) {
		title = g.tr("ui.caption.chapter_title", "n", n+1, "title", g.tr(a.Chapters()[n].Title))
	}
	p.fitAny(bold, l.FontBody, r.InsetXY(8*u, 0), center, pal.Bg, g.tr("ui.next", "title", title), g.tr("ui.next_short"))
}

// drawSpeed shows the playback speed.
func (g *Game) drawSpeed(r vm.Rect) {
	l, a := g.lay, g.App
	var s string
	if a.Mode == vm.ModeStory {
		s = g.tr("ui.speed.factor", "x", trimFactor(a.SpeedFactor()))
	} else {
		s = speedText(g, a.Speed())
	}
	g.p.fitText(s, bold, l.FontSmall, r, center, g.pal.TextDim)
}

func trimFactor(f float64) string {
	switch f {
	case 0.25:
		return "¼"
	case 0.5:
		return "½"
	}
	return trimNum(f)
}

// speedText is "15 min/s"-style: simulated time per real second.
func speedText(g *Game, sp float64) string {
	switch {
	case sp >= 3600:
		return g.tr("ui.speed.hours", "n", trimNum(sp/3600))
	case sp >= 60:
		return g.tr("ui.speed.minutes", "n", trimNum(sp/60))
	}
	return g.tr("ui.speed.seconds", "n", trimNum(sp))
}

// clockText is the clock's wording for one second of the playhead, with
// the widths of its lines measured on all-zero digits: Go's digits share
// one width, so the widths hold for every second and the strings, new
// each second, are not shaped again to lay them out.
type clockText struct {
	sec                    sim.Time
	lang                   string
	size                   float64
	pdt, both, date, short string
	pdtW, bothW            float64
}

func (g *Game) clockText(t sim.Time, size float64) *clockText {
	c := &g.clock
	sec := t - t%sim.Second
	if c.lang == g.App.Lang && c.sec == sec && c.size == size && c.pdt != "" {
		return c
	}
	*c = clockText{sec: sec, lang: g.App.Lang, size: size}
	c.pdt = g.tr("ui.clock.pdt", "time", clockSec(t))
	c.both = c.pdt + "  " + g.tr("ui.clock.utc", "time", t.Wall().UTC().Format("15:04"))
	c.date = g.tr("ui.clock.date." + t.Wall().Format("02"))
	c.short = t.Clock()
	c.pdtW = g.fonts.width(bold, size, zeroDigits(c.pdt))
	c.bothW = g.fonts.width(bold, size, zeroDigits(c.both))
	return c
}

// zeroDigits replaces every ASCII digit of s with 0.
func zeroDigits(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if ch >= '0' && ch <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// drawClock shows the playhead in PDT and UTC.
func (g *Game) drawClock(r vm.Rect) {
	l, p, pal := g.lay, &g.p, g.pal
	fs := l.FontBody
	c := g.clockText(g.now(), fs)
	if r.W < c.pdtW+4 {
		p.fitText(c.short, bold, fs, r, center, pal.Text)
		return
	}
	if c.bothW <= r.W {
		top := vm.R(r.X, r.Y+r.H*0.1, r.W, r.H*0.5)
		p.text(c.both, bold, fs, top.CX(), top.CY()-lineBox(fs)/2, center, pal.Text)
		p.fitText(c.date, regular, l.FontSmall, vm.R(r.X, r.Y+r.H*0.55, r.W, r.H*0.4), center, pal.TextFaint)
		return
	}
	p.text(c.pdt, bold, fs, r.CX(), r.CY()-lineBox(fs)/2, center, pal.Text)
}

// drawIcon draws a control's icon or label in r.
func (g *Game) drawIcon(id vm.WidgetID, r vm.Rect, c vm.RGBA) {
	switch id {
	case vm.BtnReplayPrev:
		id = vm.BtnPrevEvent
	case vm.BtnReplayNext:
		id = vm.BtnNextEvent
	case vm.BtnReplayExit:
		id = vm.BtnCloseSheet
	}
	p, u, l := &g.p, g.lay.U, g.lay
	cx, cy := r.CX(), r.CY()
	s := math.Min(r.W, r.H) * 0.22
	tri := func(x, dir float64) {
		p.poly(c, x-dir*s*0.6, cy-s*0.8, x+dir*s*0.7, cy, x-dir*s*0.6, cy+s*0.8)
	}
	bar := func(x float64) { p.rect(vm.R(x-s*0.13, cy-s*0.8, s*0.26, s*1.6), c) }
	switch id {
	case vm.BtnPlay:
		if g.App.Playing {
			p.rect(vm.R(cx-s*0.6, cy-s*0.85, s*0.42, s*1.7), c)
			p.rect(vm.R(cx+s*0.18, cy-s*0.85, s*0.42, s*1.7), c)
		} else {
			tri(cx+s*0.1, 1)
		}
	case vm.BtnNextEvent:
		tri(cx-s*0.2, 1)
		bar(cx + s*0.75)
	case vm.BtnPrevEvent:
		tri(cx+s*0.2, -1)
		bar(cx - s*0.75)
	case vm.BtnNextChapter:
		tri(cx-s*0.55, 1)
		tri(cx+s*0.55, 1)
	case vm.BtnPrevChapter:
		tri(cx+s*0.55, -1)
		tri(cx-s*0.55, -1)
	case vm.BtnSlower:
		p.rect(vm.R(cx-s*0.8, cy-s*0.12, s*1.6, s*0.24), c)
	case vm.BtnFaster:
		p.rect(vm.R(cx-s*0.8, cy-s*0.12, s*1.6, s*0.24), c)
		p.rect(vm.R(cx-s*0.12, cy-s*0.8, s*0.24, s*1.6), c)
	case vm.BtnHelp:
		p.fitText("?", bold, l.FontTitle, r, center, c)
	case vm.BtnFullscreen:
		k := s * 0.9
		w := math.Max(1.5, 2*u)
		for _, d := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
			x, y := cx+d[0]*k, cy+d[1]*k
			p.line(x, y, x-d[0]*k*0.7, y, w, c)
			p.line(x, y, x, y-d[1]*k*0.7, w, c)
		}
	case vm.BtnScoreboard:
		p.fitAny(bold, l.FontSmall, r.InsetXY(6*u, 0), center, c, g.tr("ui.button.scoreboard"), g.tr("ui.button.scoreboard_short"))
	case vm.BtnShare:
		if r.W > l.Touch*1.2 {
			p.fitText(g.tr("ui.button.share"), bold, l.FontSmall, r.InsetXY(6*u, 0), center, c)
		} else {
			// Three linked dots.
			d := s * 0.8
			p.line(cx-d, cy, cx+d, cy-d, math.Max(1.5, 1.5*u), c)
			p.line(cx-d, cy, cx+d, cy+d, math.Max(1.5, 1.5*u), c)
			for _, pt := range [3][2]float64{{cx - d, cy}, {cx + d, cy - d}, {cx + d, cy + d}} {
				p.circle(pt[0], pt[1], s*0.32, c)
			}
		}
	case vm.BtnLang:
		p.fitText(g.tr("ui.lang.code"), bold, l.FontSmall, r, center, c)
	case vm.BtnRace:
		p.fitAny(bold, l.FontSmall, r.InsetXY(6*u, 0), center, c, g.tr("ui.button.race"), g.tr("ui.button.race_short"))
	case vm.BtnSafeguards:
		if r.W > l.Touch*1.2 {
			p.fitText(g.tr("ui.button.safeguards"), bold, l.FontSmall, r.InsetXY(6*u, 0), center, c)
		} else {
			// A shield.
			p.poly(c, cx, cy-s, cx+s*0.85, cy-s*0.6, cx+s*0.7, cy+s*0.4, cx, cy+s, cx-s*0.7, cy+s*0.4, cx-s*0.85, cy-s*0.6)
			if g.App.Set != 0 {
				p.circle(r.Right()-s*0.6, r.Y+s*0.6, s*0.35, g.pal.Selected)
			}
		}
	case vm.BtnCloseSheet:
		p.shape(vm.ShapeCross, cx, cy, s, c)
	}
}

func (g *Game) drawPanel() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	if l.Sheet {
		p.rect(vm.R(0, 0, l.In.W, l.In.H), pal.Bg)
	}
	g.panelBox(l.Panel)
	p.fitText(g.tr("ui.panel.title"), bold, l.FontTitle, l.PanelHead, left, pal.Text)
	if l.Sheet {
		if r, ok := l.ButtonRect(vm.BtnCloseSheet); ok {
			p.round(r.Inset(4*u), 6*u, pal.PanelHi)
			g.drawIcon(vm.BtnCloseSheet, r, pal.Text)
		}
	}
	// The verdict for the selected set.
	vr := l.Verdict
	p.round(vr, 6*u, pal.PanelHi)
	in := vr.Inset(8 * u)
	run := a.Current()
	v := run.Verdict
	var head string
	var m vm.Mark
	if a.Set == 0 {
		head = g.tr("ui.verdict.none")
		m = vm.Mark{Color: pal.TextFaint, Shape: vm.ShapeRing}
	} else {
		head = g.tr("ui.verdict." + kindKey(v.Kind))
		m = pal.VerdictMark(v.Kind)
	}
	hh := lineBox(l.FontBody) + 2*u
	p.shape(m.Shape, in.X+l.FontBody*0.5, in.Y+hh/2, l.FontBody*0.42, m.Color)
	p.fitText(head, bold, l.FontBody, vm.R(in.X+l.FontBody*1.3, in.Y, in.W-l.FontBody*1.3, hh), left, pal.Text)
	p.para(g.verdictBody(), regular, l.FontSmall, vm.R(in.X, in.Y+hh, in.W, in.H-hh+2*u), pal.TextDim, 0)
	// The list: rows wholly inside it (drawing into a sub-image to clip
	// is costly with vector paths).
	list := l.List
	rows, _ := l.PanelRows()
	for _, row := range rows {
		r := vm.R(list.X+row.Rect.X, list.Y+row.Rect.Y-a.PanelScroll, row.Rect.W, row.Rect.H)
		if !r.Within(list) {
			continue
		}
		if row.Heading {
			p.fitText(g.tr("ui.layer."+string(row.Layer)), bold, l.FontSmall, vm.R(r.X+2*u, r.Y+r.H*0.25, r.W, r.H*0.75), left, pal.TextFaint)
			continue
		}
		g.drawToggle(row.ID, r)
	}
	// A scroll hint when the list overflows.
	if max := l.MaxScroll(); max > 0 {
		track := vm.R(list.Right()-3*u, list.Y, 3*u, list.H)
		p.rect(track, pal.Grid)
		th := list.H * list.H / (list.H + max)
		p.rect(vm.R(track.X, list.Y+(list.H-th)*a.PanelScroll/max, track.W, th), pal.TextFaint)
	}
	g.drawMechanismTip()
}

// drawMechanismTip shows the one-line mechanism of the safeguard under
// the pointer or the focus ring, beside its toggle: where the reader
// decides whether to try it.
func (g *Game) drawMechanismTip() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	if a.OverlayOpen() {
		return
	}
	var id safeguard.ID
	var row vm.Rect
	for _, b := range l.ToggleRects(a.PanelScroll) {
		sid, _ := vm.SafeguardOf(b.ID)
		if b.ID == a.Focus || (g.in.hovered && !g.in.isTouch && b.Rect.Contains(g.in.hoverX, g.in.hoverY)) {
			id, row = sid, b.Rect
			if b.ID == a.Focus {
				break
			}
		}
	}
	if id == "" {
		return
	}
	text := g.tr("safeguard." + string(id) + ".mechanism")
	if note, ok := i18n.Lookup(a.Lang, "ui.board.note."+string(id)); ok {
		r, n := utf8.DecodeRuneInString(note)
		text += " " + sentence(string(unicode.ToUpper(r))+note[n:])
	}
	fs := l.FontSmall
	lh := math.Round(fs * 1.32)
	w := math.Min(360*u, l.In.W-16*u)
	pad := 8 * u
	lines := g.fonts.wrap(regular, fs, text, w-2*pad, 6)
	h := float64(len(lines))*lh + 2*pad
	var r vm.Rect
	if l.Panel.X >= w+16*u {
		// Wide: to the left of the panel, level with the toggle.
		r = vm.R(l.Panel.X-w-6*u, vm.Clamp(row.Y, 0, l.In.H-h), w, h)
	} else {
		// Narrow: just above the toggle, or below it at the top.
		y := row.Y - h - 4*u
		if y < l.Panel.Y {
			y = row.Bottom() + 4*u
		}
		r = vm.R(vm.Clamp(row.X, 0, l.In.W-w), y, w, h)
	}
	p.round(r, 6*u, pal.PanelHi)
	p.roundStroke(r, 6*u, math.Max(1, u), pal.Border)
	p.para(text, regular, fs, r.Inset(pad), pal.Text, 6)
}

// verdictBody is the verdict card's words: the hint, or the verdict's
// summary and why, and for a single safeguard how it works.
func (g *Game) verdictBody() string {
	a := g.App
	if a.Set == 0 {
		return g.tr("ui.verdict.hint")
	}
	summary, why := a.Current().Verdict.In(a.Lang)
	body := sentence(summary)
	if why != "" {
		body += " " + sentence(why)
	}
	if w := a.EnsembleText(); w != "" {
		body += " " + sentence(w)
	}
	if ids := a.Set.IDs(); len(ids) == 1 {
		body += " " + g.tr("ui.verdict.how", "how", g.tr("safeguard."+string(ids[0])+".mechanism"))
	}
	return body
}

// plural picks a count's wording: key + "_one" for one, key + "_many"
// otherwise.
func plural(key string, n int) string {
	if n == 1 {
		return key + "_one"
	}
	return key + "_many"
}

// sentence ends s with a full stop unless it already ends a sentence, so
// that joined sentences read as sentences.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":") {
		return s
	}
	return s + "."
}

// verdictLines is how many lines the verdict card's words take at the
// card's width, cached per wording and width.
func (g *Game) verdictLines() int {
	l := g.lay
	if l == nil || !l.PanelShown() {
		return 0
	}
	w := l.Verdict.W - 16*l.U
	c := &g.verdict
	body := g.verdictBody() // grows as the plausible worlds are judged
	if c.body == body && c.width == w && c.lines > 0 {
		return c.lines
	}
	c.body, c.width = body, w
	c.lines = len(g.fonts.wrap(regular, l.FontSmall, body, w, 64))
	return c.lines
}

// drawToggle draws one safeguard's row: a switch, its title and, once
// scored, its verdict on its own.
func (g *Game) drawToggle(id safeguard.ID, r vm.Rect) {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	on := a.Set.Has(id)
	hover := r.Contains(g.in.hoverX, g.in.hoverY) && !a.Help && !a.Scoreboard
	bg := pal.PanelHi
	if hover {
		bg = pal.Border
	}
	p.round(r.InsetXY(0, 1), 6*u, bg)
	// Switch.
	sw := vm.R(r.X+8*u, r.CY()-9*u, 34*u, 18*u)
	if on {
		p.round(sw, 9*u, pal.Accent)
		p.circle(sw.Right()-9*u, sw.CY(), 7*u, pal.Bg)
		p.shape(vm.ShapeCircle, sw.Right()-9*u, sw.CY(), 3*u, pal.Accent)
	} else {
		p.roundStroke(sw, 9*u, 1.5*u, pal.TextFaint)
		p.ring(sw.X+9*u, sw.CY(), 6*u, 1.5*u, pal.TextFaint)
	}
	tx := sw.Right() + 8*u
	badgeW := 0.0
	// Story mode keeps a safeguard's verdict for after it has been tried.
	if e, ok := a.SingleVerdict(id); ok && (a.Mode == vm.ModeExplore || a.Tried.Has(id)) {
		m := pal.VerdictMark(e.Verdict.Kind)
		badgeW = 14 * u
		p.shape(m.Shape, r.Right()-10*u, r.CY(), 5*u, m.Color)
	}
	c := pal.TextDim
	if on {
		c = pal.Text
	}
	p.fitText(g.tr("ui.safeguard."+string(id)+".title"), regular, l.FontBody, vm.R(tx, r.Y, r.Right()-tx-badgeW-4*u, r.H), left, c)
}

// kindKey is a verdict kind's locale suffix ("unknown" before judging).
func kindKey(k string) string {
	if k == "" {
		return "unknown"
	}
	return k
}

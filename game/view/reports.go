package view

import (
	"math"

	vm "github.com/outagelab/outage/game/viewmodel"
)

// reportsText caches the claims' wording and line counts per language and
// width.
type reportsText struct {
	lang  string
	width float64
	head  []string // verdict and claim, bold
	facts []string // what the sources say
	lines []int
	hl    []int // lines of head
}

func (g *Game) reportLines(w float64) *reportsText {
	c := &g.reports
	if c.lang == g.App.Lang && c.width == w && len(c.lines) == len(vm.Claims) {
		return c
	}
	c.lang, c.width = g.App.Lang, w
	c.head, c.facts, c.lines, c.hl = c.head[:0], c.facts[:0], c.lines[:0], c.hl[:0]
	fs := g.lay.FontSmall
	for _, cl := range vm.Claims {
		h := g.tr("ui.report.verdict."+cl.Verdict) + " · " + g.tr("report."+cl.ID+".claim")
		f := g.tr("report." + cl.ID + ".facts")
		hn := len(g.fonts.wrap(bold, fs, h, w, 8))
		fn := len(g.fonts.wrap(regular, fs, f, w, 12))
		c.head, c.facts = append(c.head, h), append(c.facts, f)
		c.hl, c.lines = append(c.hl, hn), append(c.lines, hn+fn)
	}
	return c
}

// drawReports draws "What you may have read": claims made in coverage of
// the outage, each with what the sources say and a button that runs the
// experiment testing it.
func (g *Game) drawReports() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	g.in.claims = g.in.claims[:0]
	g.dialog(vm.OverReports, g.tr("ui.reports.title"))
	rt := g.reportLines(l.ReportsTextWidth())
	rl := l.Reports(rt.lines, a.ReportsScroll)
	a.ReportsScroll = rl.First
	fs := l.FontSmall
	lh := math.Round(fs * 1.32)
	p.para(g.tr("ui.reports.intro"), regular, fs, rl.Intro, pal.TextDim, 0)
	if !rl.Above.Empty() {
		p.fitText(g.tr("ui.reports.more_above", "n", rl.First), regular, fs, rl.Above, center, pal.TextDim)
	}
	if !rl.Below.Empty() {
		p.fitText(g.tr("ui.reports.more_below", "n", len(vm.Claims)-rl.First-len(rl.Rows)), regular, fs, rl.Below, center, pal.TextDim)
	}
	for k, row := range rl.Rows {
		i := rl.First + k
		cl := vm.Claims[i]
		p.round(row, 6*u, pal.PanelHi)
		tr := rl.Text[k]
		c := pal.Bad
		switch cl.Verdict {
		case "true":
			c = pal.OK
		case "partly", "misleading":
			c = pal.Warn
		}
		p.para(rt.head[i], bold, fs, vm.R(tr.X, tr.Y, tr.W, float64(rt.hl[i])*lh), c, 0)
		p.para(rt.facts[i], regular, fs, vm.R(tr.X, tr.Y+float64(rt.hl[i])*lh, tr.W, tr.H-float64(rt.hl[i])*lh+2*u), pal.Text, 0)
		if cl.Run == nil {
			continue
		}
		b := rl.Buttons[k]
		g.button(b.Rect, b.ID)
		p.fitText(g.tr("report."+cl.ID+".run"), bold, fs, b.Rect.InsetXY(6*u, 0), center, pal.Text)
		g.in.claims = append(g.in.claims, b)
	}
}

// scrollReports moves the claims by d rows.
func (g *Game) scrollReports(d int) {
	a := g.App
	a.ReportsScroll = max(0, min(a.ReportsScroll+d, len(vm.Claims)-1))
}

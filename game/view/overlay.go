package view

import (
	"fmt"
	"math"
	"os"
	"strconv"

	"github.com/outagelab/outage/game/safeguard"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// copyState is how copying one of the share dialog's texts went.
type copyState int

const (
	copyNone copyState = iota
	copyPending
	copyOK
	copyFailed
	copyPrinted
)

// copy puts the share link (i = 0) or the iframe snippet (i = 1) on the
// clipboard through the host; without one (the desktop app) it prints the
// text on standard output.
func (g *Game) copy(i int) {
	a := g.App
	text := a.ShareLink()
	if i == 1 {
		text = a.ShareIframe()
	}
	ol := g.lay.OverlayLayout(vm.OverShare)
	box := ol.Link
	if i == 1 {
		box = ol.Iframe
	}
	if g.Copy == nil {
		fmt.Fprintln(os.Stdout, text)
		g.copied[i] = copyPrinted
		return
	}
	g.copied[i] = copyPending
	g.Copy(text, box, func(ok bool) {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		if g.copied[i] == copyPending {
			g.copied[i] = copyFailed
			if ok {
				g.copied[i] = copyOK
			}
		}
	})
}

// drawModeSwitch draws the Story | Explore segmented control: the mode
// in use is filled.
func (g *Game) drawModeSwitch(r vm.Rect, hover bool) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	in := r.Inset(1)
	p.round(in, 6*u, pal.PanelHi)
	halves := in.Grid(2, 1, 0)
	for i, h := range halves {
		on := (i == 0) == (g.App.Mode == vm.ModeStory)
		c := pal.TextDim
		if on {
			p.round(h.Inset(3*u), 5*u, pal.Accent)
			c = pal.Bg
		} else if hover && h.Contains(g.in.hoverX, g.in.hoverY) {
			p.round(h.Inset(3*u), 5*u, pal.Border)
		}
		key := "ui.button.story"
		if i == 1 {
			key = "ui.button.explore"
		}
		p.fitText(g.tr(key), bold, l.FontSmall, h.InsetXY(4*u, 0), center, c)
	}
}

// drawBanner shows the notices about the link, with a button to dismiss
// them.
func (g *Game) drawBanner() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	r := l.Banner
	if r.Empty() {
		return
	}
	p.round(r, 6*u, pal.Warn.WithAlpha(0x38))
	p.roundStroke(r, 6*u, math.Max(1, 1.5*u), pal.Warn)
	fs := l.FontSmall
	mr := fs * 0.45
	p.shape(vm.ShapeTriangle, r.X+8*u+mr, r.CY(), mr, pal.Warn)
	tx := r.X + 14*u + 2*mr
	text := vm.R(tx, r.Y+3*u, r.W-(tx-r.X)-l.Touch-4*u, r.H-6*u)
	lines := max(1, int(text.H/math.Round(fs*1.32)))
	h := float64(min(lines, len(g.fonts.wrap(regular, fs, g.App.NoticeText(), text.W, lines)))) * math.Round(fs*1.32)
	text.Y += (text.H - h) / 2
	p.para(g.App.NoticeText(), regular, fs, text, pal.Text, lines)
	if b, ok := l.ButtonRect(vm.BtnDismiss); ok {
		g.drawIcon(vm.BtnCloseSheet, b, pal.Text)
	}
}

// dialog draws a dialog's dimmed backdrop, panel, title and close
// button, and returns its layout.
func (g *Game) dialog(o vm.Overlay, title string) vm.OverlayLayout {
	l, p, pal := g.lay, &g.p, g.pal
	p.rect(vm.R(0, 0, l.In.W, l.In.H), pal.Bg.WithAlpha(0xD8))
	ol := l.OverlayLayout(o)
	g.panelBox(ol.Panel)
	p.roundStroke(ol.Panel, 8*l.U, math.Max(1, l.U), pal.Border)
	p.fitText(title, bold, l.FontTitle, ol.Head, left, pal.Text)
	x := ol.Buttons[0].Rect
	g.button(x, vm.BtnOverlayX)
	g.drawIcon(vm.BtnCloseSheet, x, pal.Text)
	return ol
}

// button draws a button's background, lit when hovered.
func (g *Game) button(r vm.Rect, id vm.WidgetID) {
	bg := g.pal.PanelHi
	if g.in.hovered && r.Contains(g.in.hoverX, g.in.hoverY) {
		bg = g.pal.Border
	}
	g.p.round(r.Inset(1), 6*g.lay.U, bg)
}

var themeKeys = [...]string{"ui.theme.dark", "ui.theme.light", "ui.theme.high-contrast"}

// actionLabel is the label of a help overlay action.
func (g *Game) actionLabel(id vm.WidgetID) string {
	a := g.App
	switch id {
	case vm.BtnHelpMode:
		if a.Mode == vm.ModeStory {
			return g.tr("ui.action.to_explore")
		}
		return g.tr("ui.action.to_story")
	case vm.BtnHelpSafe:
		return g.tr("ui.button.safeguards")
	case vm.BtnHelpBoard:
		return g.tr("ui.button.scoreboard")
	case vm.BtnHelpRace:
		return g.tr("ui.button.race")
	case vm.BtnHelpReports:
		return g.tr("ui.reports.button")
	case vm.BtnHelpShare:
		return g.tr("ui.action.share")
	case vm.BtnHelpLang:
		return g.tr("ui.action.lang", "name", g.trIn(a.NextLang(), "ui.lang.name"))
	case vm.BtnHelpMotion:
		if a.ReduceMotion {
			return g.tr("ui.action.motion_reduced")
		}
		return g.tr("ui.action.motion_full")
	case vm.BtnHelpTheme:
		return g.tr("ui.action.theme", "theme", g.tr(themeKeys[a.Theme]))
	}
	return ""
}

// drawHelp lists every action as a button and every key.
func (g *Game) drawHelp() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	ol := g.dialog(vm.OverHelp, g.tr("ui.help.title"))
	for _, b := range ol.Buttons[1:] {
		g.button(b.Rect, b.ID)
		// A label that does not fit whole falls back to its short form
		// ("Bahasa Indonesia" rather than "Language: Bahasa Ind…").
		label := g.actionLabel(b.ID)
		if b.ID == vm.BtnHelpLang {
			p.fitAny(bold, l.FontSmall, b.Rect.InsetXY(6*u, 0), center, pal.Text, label, g.trIn(g.App.NextLang(), "ui.lang.name"))
			continue
		}
		p.fitText(label, bold, l.FontSmall, b.Rect.InsetXY(6*u, 0), center, pal.Text)
	}
	in := ol.Body
	lh := math.Round(l.FontBody * 1.4)
	foot := lineBox(l.FontSmall) + 4*u
	cols := 1
	if in.W > 700*u {
		cols = 2
	}
	colW := in.W / float64(cols)
	kw := math.Min(colW*0.34, 120*u)
	rowsPerCol := (len(vm.Bindings) + cols - 1) / cols
	fs := l.FontBody
	if float64(rowsPerCol)*lh > in.H-foot-lh {
		lh = math.Max(lineBox(l.FontSmall), (in.H-foot-lh)/float64(rowsPerCol))
		fs = math.Min(l.FontBody, lh/1.25)
	}
	for i, b := range vm.Bindings {
		c, row := i/rowsPerCol, i%rowsPerCol
		y := in.Y + float64(row)*lh
		if y+lh > in.Bottom()-foot {
			continue
		}
		x := in.X + float64(c)*colW
		p.fitText(g.tr("ui."+b.Label), bold, fs, vm.R(x, y, kw, lh), left, pal.Accent)
		p.fitText(g.tr("ui."+b.Help), regular, fs, vm.R(x+kw, y, colW-kw-8*u, lh), left, pal.TextDim)
	}
	y := in.Y + float64(rowsPerCol)*lh + 4*u
	if y+lh < in.Bottom()-foot {
		p.para(g.tr("ui.help.pointer"), regular, l.FontSmall, vm.R(in.X, y, in.W, in.Bottom()-foot-y), pal.TextDim, 0)
	}
	p.fitText(g.tr("ui.help.close"), regular, l.FontSmall, vm.R(in.X, in.Bottom()-foot, in.W, foot), left, pal.TextFaint)
}

// drawShare shows the link to this moment and an iframe snippet, each
// with a copy button.
func (g *Game) drawShare() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	ol := g.dialog(vm.OverShare, g.tr("ui.share.title"))
	fs := l.FontSmall
	texts := [2]string{a.ShareLink(), a.ShareIframe()}
	labels := [2]string{g.tr(plural("ui.share.link_label", a.Set.Len()), "time", clockSec(a.T), "n", a.Set.Len()), g.tr("ui.share.iframe_label")}
	boxes := [2]vm.Rect{ol.Link, ol.Iframe}
	heads := [2]vm.Rect{ol.LinkLabel, ol.IframeLabel}
	for i := range 2 {
		p.fitText(labels[i], bold, fs, heads[i], left, pal.TextDim)
		box := boxes[i]
		bg := pal.Lane
		if g.copied[i] == copyFailed {
			bg = pal.Selected.WithAlpha(0x50) // shown selected: press Ctrl+C
		}
		p.round(box, 4*u, bg)
		p.roundStroke(box, 4*u, math.Max(1, u), pal.Border)
		p.para(texts[i], mono, fs*0.95, box.Inset(5*u), pal.Text, 0)
		b := ol.Buttons[1+i]
		g.button(b.Rect, b.ID)
		label := g.tr("ui.share.copy")
		if g.copied[i] == copyOK {
			label = g.tr("ui.share.copied")
		}
		p.fitText(label, bold, fs, b.Rect.InsetXY(4*u, 0), center, pal.Text)
	}
	status := ""
	c := pal.TextDim
	for i := range 2 {
		switch g.copied[i] {
		case copyPending:
			status = g.tr("ui.share.copying")
		case copyOK:
			status, c = g.tr("ui.share.copied_long"), pal.OK
		case copyFailed:
			status, c = g.tr("ui.share.blocked"), pal.Warn
		case copyPrinted:
			status = g.tr("ui.share.printed")
		}
	}
	if status != "" {
		p.para(status, bold, fs, ol.Status, c, 2)
	}
	p.para(g.tr("ui.share.note"), regular, fs, ol.Body, pal.TextFaint, 0)
}

// raceText is the race checker's panel in words, cached per set and
// language.
type raceText struct {
	set     safeguard.Set
	lang    string
	head    string
	summary string
	steps   []string
	fatal   []bool
	note    string
}

func (g *Game) raceTexts() *raceText {
	a := g.App
	rt := &g.race
	if rt.steps != nil && rt.set == a.Set && rt.lang == a.Lang {
		return rt
	}
	rc := a.RaceCheck()
	rt.set, rt.lang = a.Set, a.Lang
	on := g.dnsSafeguards(a.Set)
	rt.head = g.tr("ui.race.none_on")
	if on != "" {
		rt.head = g.tr("ui.race.on", "list", on)
	}
	rt.summary = rc.Summary(a.Lang)
	rt.steps, rt.fatal = rt.steps[:0], rt.fatal[:0]
	for _, st := range rc.Steps {
		rt.steps = append(rt.steps, strconv.Itoa(st.N)+". "+vm.StepText(a.Lang, st))
		rt.fatal = append(rt.fatal, vm.Fatal(st))
	}
	if rt.steps == nil {
		rt.steps = []string{}
	}
	cfg := rc.Result.Config
	rt.note = g.tr("ui.race.note", "enactors", cfg.Enactors, "plans", cfg.Plans, "threshold", cfg.Threshold,
		"ms", strconv.FormatFloat(rc.Result.ElapsedMS, 'f', 1, 64))
	return rt
}

// dnsSafeguards names the selected safeguards the checker models.
func (g *Game) dnsSafeguards(s safeguard.Set) string {
	out := ""
	for _, id := range []safeguard.ID{safeguard.ApplyTimeCheck, safeguard.SpareActivePlan, safeguard.SelfHealingRollback, safeguard.FewerPlans} {
		if s.Has(id) {
			if out != "" {
				out += ", "
			}
			out += g.tr("ui.safeguard." + string(id) + ".title")
		}
	}
	return out
}

// drawRace shows the race checker's verdict: every interleaving of a
// model of the DNS automation explored, and the shortest run that empties
// the endpoint, step by step.
func (g *Game) drawRace() {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	ol := g.dialog(vm.OverRace, g.tr("ui.race.title"))
	rt := g.raceTexts()
	in := ol.Body
	fs := l.FontSmall
	lh := math.Round(fs * 1.32)
	y := in.Y
	p.fitText(rt.head, bold, fs, vm.R(in.X, y, in.W, lh), left, pal.TextDim)
	y += lh + 2*u
	y += p.para(rt.summary, regular, l.FontBody, vm.R(in.X, y, in.W, math.Min(4*math.Round(l.FontBody*1.32), in.Bottom()-y)), pal.Text, 4)
	y += 6 * u
	noteH := 2 * lh
	for i, s := range rt.steps {
		if y+lh > in.Bottom()-noteH {
			p.fitText(g.tr("ui.race.more", "n", len(rt.steps)-i), regular, fs, vm.R(in.X, y, in.W, lh), left, pal.TextFaint)
			y += lh
			break
		}
		c := pal.TextDim
		x := in.X + fs
		if rt.fatal[i] {
			c = pal.Bad
			p.shape(vm.ShapeCross, in.X+fs*0.4, y+lh/2, fs*0.35, pal.Bad)
		}
		lines := 1
		if y+2*lh <= in.Bottom()-noteH && !p.fits(regular, fs, s, in.Right()-x) {
			lines = 2
		}
		y += p.para(s, regular, fs, vm.R(x, y, in.Right()-x, float64(lines)*lh), c, lines)
	}
	p.para(rt.note, regular, fs, vm.R(in.X, math.Max(y+2*u, in.Bottom()-noteH), in.W, noteH), pal.TextFaint, 2)
	// Replay the counterexample in the diagram.
	if len(rt.steps) > 0 {
		b := ol.Buttons[len(ol.Buttons)-1]
		g.button(b.Rect, b.ID)
		p.fitAny(bold, fs, b.Rect.InsetXY(6*u, 0), center, pal.Text, g.tr("ui.replay.button"), g.tr("ui.replay.button_short"))
	}
}

// focusRect is where the focus ring goes.
func (g *Game) focusRect(w vm.WidgetID) (vm.Rect, bool) {
	l, a := g.lay, g.App
	if o := a.Overlay(); o != vm.NoOverlay {
		for _, b := range l.OverlayLayout(o).Buttons {
			if b.ID == w {
				return b.Rect, true
			}
		}
		if o == vm.OverScoreboard || o == vm.OverReports {
			for _, b := range append(g.in.board, g.in.claims...) {
				if b.ID == w {
					return b.Rect, true
				}
			}
		}
		return vm.Rect{}, false
	}
	if r, ok := l.ButtonRect(w); ok {
		return r, true
	}
	if r, ok := l.ToggleRect(w, a.PanelScroll); ok && r.Within(l.List) {
		return r, true
	}
	if s, ok := vm.ChipOf(w); ok && l.Compact {
		return l.Chips[s], true
	}
	return vm.Rect{}, false
}

// drawFocus draws the keyboard focus ring.
func (g *Game) drawFocus() {
	if g.App.Focus == vm.WNone {
		return
	}
	r, ok := g.focusRect(g.App.Focus)
	if !ok {
		return
	}
	u := g.lay.U
	g.p.roundStroke(vm.R(r.X-2*u, r.Y-2*u, r.W+4*u, r.H+4*u), 7*u, math.Max(2, 2.5*u), g.pal.Selected)
}

package viewmodel

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// WidgetID names a region of the screen. The names are stable: the
// JavaScript bridge's layout() reports them and browser tests click them.
// Dotted names are children of the part before the last dot.
type WidgetID string

// The widgets.
const (
	WNone       WidgetID = ""
	WTopBar     WidgetID = "topbar"
	WTitle      WidgetID = "topbar.title"
	WProgress   WidgetID = "topbar.progress"
	WCaption    WidgetID = "caption"
	WDiagram    WidgetID = "diagram"
	WTimeline   WidgetID = "timeline"
	WPlot       WidgetID = "timeline.plot"
	WZoom       WidgetID = "timeline.zoom"
	WControls   WidgetID = "controls"
	WClock      WidgetID = "controls.clock"
	WPanel      WidgetID = "panel"
	WVerdict    WidgetID = "panel.verdict"
	WList       WidgetID = "panel.list"
	WScoreboard WidgetID = "scoreboard"
	WHelp       WidgetID = "help"

	BtnPrevChapter WidgetID = "controls.prev_chapter"
	BtnPrevEvent   WidgetID = "controls.prev_event"
	BtnPlay        WidgetID = "controls.play"
	BtnNextEvent   WidgetID = "controls.next_event"
	BtnNextChapter WidgetID = "controls.next_chapter"
	BtnSlower      WidgetID = "controls.slower"
	BtnSpeed       WidgetID = "controls.speed"
	BtnFaster      WidgetID = "controls.faster"
	BtnMode        WidgetID = "controls.mode"
	BtnSafeguards  WidgetID = "controls.safeguards"
	BtnScoreboard  WidgetID = "controls.scoreboard"
	BtnHelp        WidgetID = "controls.help"
	BtnFullscreen  WidgetID = "controls.fullscreen"
	BtnCloseSheet  WidgetID = "sheet.close"
	BtnClearAll    WidgetID = "panel.clear"

	// SafeguardPrefix prefixes a safeguard toggle's id.
	SafeguardPrefix = "panel.safeguard."
)

// SafeguardWidget is the widget id of a safeguard's toggle.
func SafeguardWidget(id safeguard.ID) WidgetID { return WidgetID(SafeguardPrefix + string(id)) }

// SafeguardOf returns the safeguard a toggle's widget id names.
func SafeguardOf(w WidgetID) (safeguard.ID, bool) {
	s := string(w)
	if len(s) > len(SafeguardPrefix) && s[:len(SafeguardPrefix)] == SafeguardPrefix {
		return safeguard.ID(s[len(SafeguardPrefix):]), true
	}
	return "", false
}

// Stage is one box of the diagram, from cause to effect.
type Stage int

// The diagram's stages.
const (
	StageAutomation Stage = iota // DNS Planner and the three Enactors
	StageZone                    // Route 53: alias, rollback record, plan trees
	StageResolvers               // resolvers and the DynamoDB endpoint
	StageDWFM                    // DWFM, droplet leases, lease queue
	StageNetMgr                  // Network Manager's propagation backlog
	StageNLB                     // NLB targets, health checks, AZ failover
	StageServices                // AWS services
	StageApps                    // apps on the Internet (illustrative)
	NumStages
)

// Input is what a layout depends on.
type Input struct {
	// W, H are the screen size in device pixels; DPR is device pixels per
	// CSS pixel.
	W, H, DPR float64
	// SheetOpen shows the safeguard panel as a sheet when the layout has no
	// room for it beside or below the rest.
	SheetOpen bool
}

// Button is a clickable widget.
type Button struct {
	ID   WidgetID
	Rect Rect
}

// Layout is where everything goes at one screen size.
type Layout struct {
	In Input
	// U is device pixels per design unit; Touch is the minimum size of a
	// touch target (44 CSS pixels or more).
	U, Touch float64
	// Narrow stacks the panel below; Tiny is a very small screen.
	Narrow, Tiny bool
	// Font sizes in device pixels.
	FontTitle, FontCaption, FontBody, FontSmall float64

	TopBar, Title, Progress, Caption, Diagram          Rect
	Timeline, Labels, Plot, Markers, Bands, Axis, Zoom Rect
	Controls, Clock                                    Rect
	Panel, PanelHead, Verdict, List                    Rect
	// Sheet is true when the panel is drawn over the diagram.
	Sheet bool
	// Stages are the diagram's boxes.
	Stages [NumStages]Rect
	// Buttons, in drawing order.
	Buttons []Button
	// Overlay is the rectangle of the help and scoreboard overlays.
	Overlay Rect
}

// Compute lays out the screen.
func Compute(in Input) *Layout {
	if in.DPR <= 0 {
		in.DPR = 1
	}
	in.W, in.H = math.Max(in.W, 1), math.Max(in.H, 1)
	cw, ch := in.W/in.DPR, in.H/in.DPR
	l := &Layout{In: in}
	l.Narrow = cw < 760 || cw < ch*1.1
	l.Tiny = ch < 420 || cw < 340
	var k float64
	switch {
	case l.Tiny:
		k = Clamp(math.Min(cw/420, ch/320), 0.72, 1)
	case l.Narrow:
		k = Clamp(math.Min(cw/420, ch/720), 0.8, 1.6)
	default:
		k = Clamp(math.Min(cw/1280, ch/720), 0.85, 2.6)
	}
	l.U = in.DPR * k
	l.Touch = math.Max(44*in.DPR, 40*l.U)
	l.FontTitle = math.Round(17 * l.U)
	l.FontCaption = math.Round(15 * l.U)
	l.FontBody = math.Round(13.5 * l.U)
	l.FontSmall = math.Round(11.5 * l.U)
	if l.Tiny {
		l.FontCaption = l.FontBody
	}
	switch {
	case l.Tiny:
		l.layTiny()
	case l.Narrow:
		l.layNarrow()
	default:
		l.layWide()
	}
	if l.Sheet {
		l.Panel = l.Overlay
		l.layPanel()
		l.Buttons = append(l.Buttons, Button{BtnCloseSheet, R(l.Panel.Right()-l.Touch, l.Panel.Y, l.Touch, l.Touch)})
	}
	return l
}

func (l *Layout) screen() Rect { return R(0, 0, l.In.W, l.In.H) }

// controlOrder is the controls' priority: the first ones are kept when the
// bar is short of room.
var controlOrder = []WidgetID{
	BtnPlay, BtnPrevEvent, BtnNextEvent, BtnPrevChapter, BtnNextChapter,
	BtnSafeguards, BtnHelp, BtnSlower, BtnFaster, BtnMode, BtnScoreboard, BtnFullscreen,
}

// controlPos is the left-to-right order of the controls that are kept.
var controlPos = map[WidgetID]int{
	BtnPrevChapter: 0, BtnPrevEvent: 1, BtnPlay: 2, BtnNextEvent: 3, BtnNextChapter: 4,
	BtnSlower: 5, BtnSpeed: 6, BtnFaster: 7, BtnMode: 8, BtnSafeguards: 9, BtnScoreboard: 10,
	BtnHelp: 11, BtnFullscreen: 12,
}

// wideButton reports whether a control carries a text label.
func (l *Layout) buttonWidth(id WidgetID) float64 {
	switch id {
	case BtnMode, BtnScoreboard, BtnSafeguards:
		if !l.Tiny {
			return math.Max(l.Touch, 96*l.U)
		}
	case BtnSpeed:
		return math.Max(l.Touch, 48*l.U)
	}
	return l.Touch
}

// layControls places the controls in bar r that fit, in priority order,
// leaving the clock at least minClock pixels when there is room. The
// panel's own buttons are skipped when the panel is always shown.
func (l *Layout) layControls(r Rect, minClock float64, skip ...WidgetID) {
	l.Controls = r
	gap := 4 * l.U
	avail := r.W - minClock
	var keep []WidgetID
	used := 0.0
	skipped := func(id WidgetID) bool {
		for _, s := range skip {
			if s == id {
				return true
			}
		}
		return false
	}
	for _, id := range controlOrder {
		if skipped(id) {
			continue
		}
		w := l.buttonWidth(id) + gap
		if id == BtnFaster {
			w += l.buttonWidth(BtnSpeed) + gap
		}
		if used+w > avail {
			continue
		}
		used += w
		keep = append(keep, id)
		if id == BtnFaster {
			keep = append(keep, BtnSpeed)
		}
	}
	// A speed pair is only useful whole.
	hasSlow, hasFast := false, false
	for _, id := range keep {
		hasSlow = hasSlow || id == BtnSlower
		hasFast = hasFast || id == BtnFaster
	}
	if hasSlow != hasFast {
		var k2 []WidgetID
		for _, id := range keep {
			if id != BtnSlower && id != BtnFaster && id != BtnSpeed {
				k2 = append(k2, id)
			}
		}
		keep = k2
	}
	// Left to right.
	for i := 1; i < len(keep); i++ {
		for j := i; j > 0 && controlPos[keep[j]] < controlPos[keep[j-1]]; j-- {
			keep[j], keep[j-1] = keep[j-1], keep[j]
		}
	}
	x := r.X
	y := r.Y + (r.H-l.Touch)/2
	clockAfter := 5 // the clock goes after the transport buttons
	for i, id := range keep {
		if i > 0 && controlPos[id] >= clockAfter && controlPos[keep[i-1]] < clockAfter {
			x = l.placeClock(x, y, r, keep[i:], gap)
		}
		w := l.buttonWidth(id)
		l.Buttons = append(l.Buttons, Button{id, R(x, y, w, l.Touch)})
		x += w + gap
	}
	if len(keep) == 0 || controlPos[keep[len(keep)-1]] < clockAfter {
		l.placeClock(x, y, r, nil, gap)
	}
}

// placeClock puts the clock at x, leaving room for the buttons in rest at
// the right end of the bar, and returns where those buttons start.
func (l *Layout) placeClock(x, y float64, r Rect, rest []WidgetID, gap float64) float64 {
	restW := 0.0
	for _, id := range rest {
		restW += l.buttonWidth(id) + gap
	}
	start := r.Right() - restW + gap
	l.Clock = R(x+gap, y, start-x-2*gap, l.Touch)
	return math.Max(x, start)
}

func (l *Layout) layWide() {
	u := l.U
	pad := 8 * u
	s := l.screen()
	top, rest := s.CutTop(l.Touch + 2*pad)
	l.TopBar = top
	ctl, rest := rest.CutBottom(l.Touch + 2*pad)
	pw := Clamp(s.W*0.27, 300*u, 420*u)
	pw = math.Min(pw, s.W*0.36)
	panel, main := rest.CutRight(pw)
	l.Panel = panel.Inset(pad)
	l.layPanel()
	// Top bar: title, chapter progress, then buttons at the right.
	tb := top.InsetXY(pad, pad)
	btns := []WidgetID{BtnMode, BtnScoreboard, BtnHelp, BtnFullscreen}
	bw := 0.0
	for _, id := range btns {
		bw += l.buttonWidth(id) + 4*u
	}
	bx := tb.Right() - bw + 4*u
	for _, id := range btns {
		w := l.buttonWidth(id)
		l.Buttons = append(l.Buttons, Button{id, R(bx, tb.Y, w, l.Touch)})
		bx += w + 4*u
	}
	tb.W -= bw
	l.Title, tb = tb.CutLeft(math.Min(340*u, tb.W*0.42))
	l.Progress = tb.InsetXY(12*u, 0)
	// Caption, diagram, timeline down the main column.
	main = main.InsetXY(pad, 0)
	capH := math.Round(l.FontTitle*1.4 + 3*l.FontCaption*1.35 + l.FontSmall*1.4 + 10*u)
	l.Caption, main = main.CutTop(capH)
	main.Y += pad / 2
	main.H -= pad / 2
	tlH := Clamp(main.H*0.42, 150*u, 300*u)
	l.Timeline, l.Diagram = main.CutBottom(tlH)
	l.Diagram.H -= pad
	l.layTimeline(true)
	l.layStages(3)
	l.layControls(ctl.InsetXY(pad, pad), 220*u, BtnMode, BtnScoreboard, BtnHelp, BtnFullscreen, BtnSafeguards)
	l.Overlay = R(main.X, l.Caption.Y, l.Panel.Right()-main.X, ctl.Y-l.Caption.Y).Inset(pad)
}

func (l *Layout) layNarrow() {
	u := l.U
	pad := 6 * u
	s := l.screen()
	top, rest := s.CutTop(math.Round(l.FontTitle*1.5 + 4*u))
	l.TopBar = top
	l.Title, l.Progress = top.InsetXY(pad, 2*u).CutTop(l.FontTitle * 1.3)
	l.Progress = l.Progress.InsetXY(0, 0)
	capH := math.Round(l.FontTitle*1.3 + 4*l.FontCaption*1.35 + l.FontSmall*1.4 + 8*u)
	l.Caption, rest = rest.InsetXY(pad, 0).CutTop(capH)
	// The panel gets what remains below the controls if that is enough;
	// otherwise it is a sheet.
	diagH := Clamp(rest.H*0.36, 170*u, 330*u)
	tlH := Clamp(rest.H*0.2, 96*u, 190*u)
	ctlH := l.Touch + 2*pad
	panelH := rest.H - diagH - tlH - ctlH
	minPanel := 190 * u
	if panelH < minPanel {
		// Give the diagram and timeline all the room; the panel becomes a sheet.
		diagH = rest.H - tlH - ctlH
		panelH = 0
	}
	l.Diagram, rest = rest.CutTop(diagH)
	l.Diagram = l.Diagram.Inset(pad / 2)
	l.Timeline, rest = rest.CutTop(tlH)
	l.Timeline = l.Timeline.InsetXY(pad, 0)
	var ctl Rect
	ctl, rest = rest.CutTop(ctlH)
	l.layTimeline(tlH >= 150*u)
	l.layStages(4)
	if panelH > 0 {
		l.Panel = rest.Inset(pad)
		l.layPanel()
		l.layControls(ctl.InsetXY(pad, pad), 0, BtnSafeguards, BtnFullscreen)
	} else {
		l.layControls(ctl.InsetXY(pad, pad), 0, BtnFullscreen)
		l.Sheet = l.In.SheetOpen
	}
	l.Overlay = l.screen().Inset(pad)
}

func (l *Layout) layTiny() {
	u := l.U
	pad := 4 * u
	s := l.screen()
	ctl, rest := s.CutBottom(l.Touch + 2*pad)
	l.Progress, rest = rest.CutTop(5 * u)
	capH := math.Round(2*l.FontCaption*1.3 + 6*u)
	l.Caption, rest = rest.InsetXY(pad, 0).CutTop(capH)
	tlH := Clamp(rest.H*0.38, 40*u, 120*u)
	l.Timeline, l.Diagram = rest.CutBottom(tlH)
	l.Timeline = l.Timeline.InsetXY(pad, 0)
	l.Diagram = l.Diagram.Inset(pad / 2)
	l.layTimeline(false)
	l.layStages(4)
	l.layControls(ctl.InsetXY(pad, pad), 0, BtnFullscreen)
	l.Sheet = l.In.SheetOpen
	l.Overlay = s
}

// layTimeline splits the timeline into the zoom inset, event markers,
// service bands and axis; labels get a gutter when there is room.
func (l *Layout) layTimeline(zoom bool) {
	u := l.U
	r := l.Timeline
	if zoom {
		z, rest := r.CutTop(math.Max(60*u, r.H*0.3))
		l.Zoom = z
		l.Zoom.H -= 6 * u
		r = rest
	} else {
		l.Zoom = Rect{}
	}
	axis, rest := r.CutBottom(math.Round(l.FontSmall * 1.5))
	markers, bands := rest.CutTop(math.Round(12 * u))
	gutter := 0.0
	if !l.Tiny && r.W > 420*u {
		gutter = Clamp(r.W*0.14, 90*u, 150*u)
	}
	l.Labels, _ = bands.CutLeft(gutter)
	cut := func(x Rect) Rect { _, x = x.CutLeft(gutter); return x }
	l.Bands, l.Markers, l.Axis = cut(bands), cut(markers), cut(axis)
	l.Plot = R(l.Bands.X, markers.Y, l.Bands.W, axis.Bottom()-markers.Y)
	if zoom {
		l.Zoom = cut(l.Zoom)
	}
}

// TimeScale is the main timeline's scale.
func (l *Layout) TimeScale() TimeScale {
	return TimeScale{TimelineStart, TimelineEnd, l.Plot.X, l.Plot.Right()}
}

// ZoomScale maps the race window onto the zoom inset.
func (l *Layout) ZoomScale(t0, t1 sim.Time) TimeScale {
	return TimeScale{t0, t1, l.Zoom.X, l.Zoom.Right()}
}

// layStages places the diagram's boxes in rows: cols is 3 for the wide
// layout (three rows of cause to effect), 4 for two rows of four, 8 for a
// single row.
func (l *Layout) layStages(cols int) {
	d := l.Diagram
	gap := math.Round(10 * l.U)
	if l.Tiny {
		gap = math.Round(4 * l.U)
	}
	switch cols {
	case 3:
		rows := []struct {
			stages []Stage
			widths []float64
			h      float64
		}{
			{[]Stage{StageAutomation, StageZone, StageResolvers}, []float64{0.36, 0.34, 0.30}, 0.38},
			{[]Stage{StageDWFM, StageNetMgr, StageNLB}, []float64{0.40, 0.26, 0.34}, 0.34},
			{[]Stage{StageServices, StageApps}, []float64{0.44, 0.56}, 0.28},
		}
		y := d.Y
		for _, row := range rows {
			h := (d.H - 2*gap) * row.h
			x := d.X
			for i, s := range row.stages {
				w := (d.W - gap*float64(len(row.stages)-1)) * row.widths[i]
				l.Stages[s] = R(x, y, w, h)
				x += w + gap
			}
			y += h + gap
		}
	default:
		rows := NumStages / Stage(cols)
		cells := d.Grid(cols, int(rows), gap)
		for i := range NumStages {
			l.Stages[i] = cells[i]
		}
	}
}

// PanelRow is one row of the safeguard list: a layer heading or a toggle.
type PanelRow struct {
	Layer   safeguard.Layer
	ID      safeguard.ID // empty for a heading
	Rect    Rect         // in list coordinates, before scrolling
	Heading bool
}

func (l *Layout) layPanel() {
	u := l.U
	p := l.Panel.Inset(8 * u)
	l.PanelHead, p = p.CutTop(math.Round(l.FontTitle * 1.5))
	lines := 3.0
	if p.H < 300*u {
		lines = 1 // short panels keep room for the toggles
	}
	vh := math.Round(l.FontBody*1.6 + lines*l.FontSmall*1.35 + 14*u)
	l.Verdict, p = p.CutTop(vh)
	p.Y += 6 * u
	p.H -= 6 * u
	l.List = p
}

// PanelRows lays out the safeguard list in list coordinates, grouped by
// layer, and returns the rows and the content height.
func (l *Layout) PanelRows() ([]PanelRow, float64) {
	var rows []PanelRow
	y := 0.0
	hh := math.Round(l.FontSmall * 1.8)
	for _, layer := range safeguard.Layers {
		rows = append(rows, PanelRow{Layer: layer, Heading: true, Rect: R(0, y, l.List.W, hh)})
		y += hh
		for _, in := range safeguard.Catalogue {
			if in.Layer != layer {
				continue
			}
			rows = append(rows, PanelRow{Layer: layer, ID: in.ID, Rect: R(0, y, l.List.W, l.Touch)})
			y += l.Touch + 2*l.U
		}
	}
	return rows, y
}

// MaxScroll is how far the safeguard list can scroll.
func (l *Layout) MaxScroll() float64 {
	_, h := l.PanelRows()
	return math.Max(0, h-l.List.H)
}

// ToggleRects returns each safeguard toggle's screen rectangle at scroll
// offset scroll, clipped to the list; rows scrolled out of view are left
// out.
func (l *Layout) ToggleRects(scroll float64) []Button {
	if !l.PanelShown() {
		return nil
	}
	rows, _ := l.PanelRows()
	out := make([]Button, 0, len(safeguard.Catalogue))
	for _, r := range rows {
		if r.Heading {
			continue
		}
		sr := R(l.List.X+r.Rect.X, l.List.Y+r.Rect.Y-scroll, r.Rect.W, r.Rect.H)
		if sr.Within(l.List) {
			out = append(out, Button{SafeguardWidget(r.ID), sr})
		}
	}
	return out
}

// PanelShown reports whether the safeguard panel is on screen.
func (l *Layout) PanelShown() bool { return !l.Panel.Empty() }

// ButtonRect returns the rectangle of a button, if it is laid out.
func (l *Layout) ButtonRect(id WidgetID) (Rect, bool) {
	for _, b := range l.Buttons {
		if b.ID == id {
			return b.Rect, true
		}
	}
	return Rect{}, false
}

// HitTest returns the widget under the point: buttons, then safeguard
// toggles (at scroll offset scroll), the zoom inset, the timeline plot,
// the panel and the diagram. With an overlay up, only the overlay's own
// close area and the overlay count.
func (l *Layout) HitTest(x, y, scroll float64) WidgetID {
	if l.Sheet {
		if r, ok := l.ButtonRect(BtnCloseSheet); ok && r.Contains(x, y) {
			return BtnCloseSheet
		}
		for _, b := range l.ToggleRects(scroll) {
			if b.Rect.Contains(x, y) {
				return b.ID
			}
		}
		if l.Panel.Contains(x, y) {
			return WPanel
		}
		return BtnCloseSheet
	}
	for i := len(l.Buttons) - 1; i >= 0; i-- {
		if l.Buttons[i].Rect.Contains(x, y) {
			return l.Buttons[i].ID
		}
	}
	for _, b := range l.ToggleRects(scroll) {
		if b.Rect.Contains(x, y) {
			return b.ID
		}
	}
	switch {
	case l.Zoom.Contains(x, y):
		return WZoom
	case l.Plot.Contains(x, y):
		return WPlot
	case l.Panel.Contains(x, y):
		return WPanel
	case l.Diagram.Contains(x, y):
		return WDiagram
	case l.Timeline.Contains(x, y):
		return WTimeline
	}
	return WNone
}

// Named returns every laid-out widget by name, for the bridge's layout()
// and for tests. Safeguard toggles are at scroll offset scroll.
func (l *Layout) Named(scroll float64) map[WidgetID]Rect {
	m := map[WidgetID]Rect{}
	add := func(id WidgetID, r Rect) {
		if !r.Empty() {
			m[id] = r
		}
	}
	if !l.Sheet {
		add(WTopBar, l.TopBar)
		add(WTitle, l.Title)
		add(WProgress, l.Progress)
		add(WCaption, l.Caption)
		add(WDiagram, l.Diagram)
		add(WTimeline, l.Timeline)
		add(WPlot, l.Plot)
		add(WZoom, l.Zoom)
		add(WControls, l.Controls)
		add(WClock, l.Clock)
	}
	if l.PanelShown() {
		add(WPanel, l.Panel)
		add(WVerdict, l.Verdict)
		add(WList, l.List)
		for _, b := range l.ToggleRects(scroll) {
			add(b.ID, b.Rect)
		}
	}
	for _, b := range l.Buttons {
		if l.Sheet && b.ID != BtnCloseSheet {
			continue
		}
		add(b.ID, b.Rect)
	}
	return m
}

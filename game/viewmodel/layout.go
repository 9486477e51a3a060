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
	BtnShare       WidgetID = "controls.share"
	BtnLang        WidgetID = "controls.lang"
	BtnRace        WidgetID = "race.open"
	BtnDismiss     WidgetID = "banner.dismiss"
	// BtnNext is story mode's "Next" prompt at the end of a chapter.
	BtnNext WidgetID = "caption.next"
	// The replay of the checker's counterexample: step back, forward, end.
	BtnReplayPrev WidgetID = "caption.replay_prev"
	BtnReplayNext WidgetID = "caption.replay_next"
	BtnReplayExit WidgetID = "caption.replay_exit"

	// WBanner is the notice banner; WEmbedLink the strip an embedding
	// page covers with its "open the full explainer" link.
	WBanner    WidgetID = "banner"
	WEmbedLink WidgetID = "embed.link"
	// ChipPrefix prefixes a compact diagram's stage chip ("diagram.chip.3").
	ChipPrefix = "diagram.chip."

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

// Chrome is how much of the app's controls an embedding shows.
type Chrome int

// Chrome levels: full (the app), min (caption, diagram, timeline strip and
// play/pause) and none (no controls at all).
const (
	ChromeFull Chrome = iota
	ChromeMin
	ChromeNone
)

// EmbedLinkCSS is the height in CSS pixels of the strip at the top of an
// embedded app that the page covers with its link to the full explainer.
const EmbedLinkCSS = 28

// Input is what a layout depends on.
type Input struct {
	// W, H are the screen size in device pixels; DPR is device pixels per
	// CSS pixel.
	W, H, DPR float64
	// SheetOpen shows the safeguard panel as a sheet when the layout has no
	// room for it beside or below the rest.
	SheetOpen bool
	// Embed lays out for an iframe in someone else's page; Chrome says how
	// many controls to show (full when not embedded).
	Embed  bool
	Chrome Chrome
	// Banner makes room for the notice banner.
	Banner bool
	// Race shows the caption's button to the race checker.
	Race bool
	// Focus is the stage a compact diagram shows first. Second is the one
	// beside it when SecondSet (NoStage: Focus alone), else Focus's
	// Companion.
	Focus, Second Stage
	SecondSet     bool
	// Spotlight, on a wide screen, gives Focus and Second most of the
	// diagram at a readable size and shrinks the other stages to chips
	// (story mode).
	Spotlight bool
	// NextPrompt shows the "Next" button in the caption: story mode is
	// waiting at a chapter's end. Replay shows the buttons that step the
	// checker's counterexample.
	NextPrompt, Replay bool
	// VerdictLines is how many lines of small text the verdict card's
	// words need at its width (0: the default room); the card grows to
	// hold them, so its "why" is never cut.
	VerdictLines int
	// NoRaceStrip leaves the timeline's zoom inset on the race minutes
	// out (story mode, once the story has moved past the race).
	NoRaceStrip bool
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
	// Compact diagrams show a row of stage chips and one or two stages in
	// full, instead of all eight boxes.
	Compact bool
	// Font sizes in device pixels. FontStage is the text inside the
	// diagram's stages: FontSmall, or at least 14 CSS pixels (scaled up
	// with the screen) for spotlighted stages.
	FontTitle, FontCaption, FontBody, FontSmall, FontStage float64
	// Spotlit is set when Focus (and Second) are spotlighted.
	Spotlit bool

	TopBar, Title, Progress, Caption, Diagram          Rect
	Timeline, Labels, Plot, Markers, Bands, Axis, Zoom Rect
	// Key is the timeline's line for the key to its marks and the
	// what-if's durations (empty on short timelines).
	Key                             Rect
	Controls, Clock                 Rect
	Panel, PanelHead, Verdict, List Rect
	// Banner is the notice banner (with BtnDismiss at its right);
	// EmbedLink the strip reserved for the embedding page's link.
	Banner, EmbedLink Rect
	// Sheet is true when the panel is drawn over the diagram.
	Sheet bool
	// Stages are the diagram's boxes (in a compact diagram, only the
	// stages shown have one).
	Stages [NumStages]Rect
	// Chips are a compact diagram's stage chips, one per stage.
	Chips [NumStages]Rect
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
	if !in.Embed {
		in.Chrome = ChromeFull
	}
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
	case in.Embed:
		k = Clamp(math.Min(cw/1100, ch/640), 0.8, 2.6)
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
	l.FontStage = l.FontSmall
	switch {
	case in.Embed:
		l.layEmbed()
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
	BtnPlay, BtnPrevEvent, BtnNextEvent, BtnSafeguards, BtnHelp, BtnPrevChapter, BtnNextChapter,
	BtnSlower, BtnFaster, BtnMode, BtnScoreboard, BtnShare, BtnLang, BtnFullscreen,
}

// controlPos is the left-to-right order of the controls that are kept.
var controlPos = map[WidgetID]int{
	BtnPrevChapter: 0, BtnPrevEvent: 1, BtnPlay: 2, BtnNextEvent: 3, BtnNextChapter: 4,
	BtnSlower: 5, BtnSpeed: 6, BtnFaster: 7, BtnMode: 8, BtnSafeguards: 9, BtnScoreboard: 10,
	BtnShare: 11, BtnLang: 12, BtnHelp: 13, BtnFullscreen: 14,
}

// buttonWidth is a control's width: icons are square touch targets,
// labelled buttons wider.
func (l *Layout) buttonWidth(id WidgetID) float64 {
	switch id {
	case BtnMode:
		// A two-state segmented control: "Story | Explore".
		return math.Max(l.Touch*2, 176*l.U)
	case BtnScoreboard, BtnSafeguards:
		if !l.Narrow {
			return math.Max(l.Touch, 96*l.U)
		}
	case BtnShare:
		if !l.Tiny {
			return math.Max(l.Touch, 72*l.U)
		}
	case BtnSpeed:
		return math.Max(l.Touch, 72*l.U)
	}
	return l.Touch
}

// layControls places the controls in bar r that fit, in priority order,
// leaving the clock at least minClock pixels when there is room. The
// buttons in skip are left out (shown elsewhere).
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
	// The speed and chapter pairs are only useful whole.
	has := func(id WidgetID) bool {
		for _, k := range keep {
			if k == id {
				return true
			}
		}
		return false
	}
	drop := func(ids ...WidgetID) {
		var k2 []WidgetID
		for _, id := range keep {
			dropped := false
			for _, d := range ids {
				dropped = dropped || d == id
			}
			if !dropped {
				k2 = append(k2, id)
			}
		}
		keep = k2
	}
	if has(BtnSlower) != has(BtnFaster) {
		drop(BtnSlower, BtnFaster, BtnSpeed)
	}
	if has(BtnPrevChapter) != has(BtnNextChapter) {
		drop(BtnPrevChapter, BtnNextChapter)
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

// banner cuts the notice banner off the top of r when one is asked for.
func (l *Layout) banner(r Rect, pad float64) Rect {
	if !l.In.Banner {
		return r
	}
	h := math.Max(l.Touch, math.Round(2*l.FontSmall*1.3+8*l.U))
	var b Rect
	b, r = r.CutTop(h + pad)
	l.Banner = R(b.X+pad, b.Y+pad/2, b.W-2*pad, h)
	l.Buttons = append(l.Buttons, Button{BtnDismiss, R(l.Banner.Right()-l.Touch, l.Banner.Y, l.Touch, l.Touch)})
	return r
}

// nextButton takes story mode's "Next" prompt off the right of the
// caption (or, on a tiny screen, the bottom right of the diagram) while
// the story waits at a chapter's end.
func (l *Layout) nextButton() {
	if l.In.Replay {
		l.replayButtons()
		return
	}
	if !l.In.NextPrompt {
		return
	}
	u := l.U
	w := math.Max(l.Touch*2, math.Min(260*u, l.Caption.W*0.4))
	if l.Tiny {
		d := l.Diagram
		l.Buttons = append(l.Buttons, Button{BtnNext, R(d.Right()-w-4*u, d.Bottom()-l.Touch-4*u, w, l.Touch)})
		return
	}
	var b Rect
	b, l.Caption = l.Caption.CutRight(w)
	l.Caption.W -= 8 * u
	l.Buttons = append(l.Buttons, Button{BtnNext, R(b.X, b.Bottom()-l.Touch-2*u, b.W, l.Touch)})
}

// replayButtons put the replay's back, forward and end buttons at the
// right of the caption (on a tiny screen, over the diagram's foot).
func (l *Layout) replayButtons() {
	u := l.U
	gap := 4 * u
	w := 3*l.Touch + 2*gap
	var y, x float64
	if l.Tiny {
		x, y = l.Diagram.Right()-w-4*u, l.Diagram.Bottom()-l.Touch-4*u
	} else {
		var b Rect
		b, l.Caption = l.Caption.CutRight(w)
		l.Caption.W -= 8 * u
		x, y = b.X, b.Bottom()-l.Touch-2*u
	}
	for _, id := range []WidgetID{BtnReplayPrev, BtnReplayNext, BtnReplayExit} {
		l.Buttons = append(l.Buttons, Button{id, R(x, y, l.Touch, l.Touch)})
		x += l.Touch + gap
	}
}

// raceButton takes a button to the race checker off the right of the
// caption, when asked for and when the caption is wide enough.
func (l *Layout) raceButton() {
	if !l.In.Race || l.Caption.W < 420*l.U {
		return
	}
	w := math.Max(l.Touch, math.Min(170*l.U, l.Caption.W*0.3))
	var b Rect
	b, l.Caption = l.Caption.CutRight(w)
	l.Caption.W -= 8 * l.U
	l.Buttons = append(l.Buttons, Button{BtnRace, R(b.X, b.Y+2*l.U, b.W, l.Touch)})
}

func (l *Layout) layWide() {
	u := l.U
	pad := 8 * u
	s := l.screen()
	top, rest := s.CutTop(l.Touch + 2*pad)
	l.TopBar = top
	rest = l.banner(rest, pad)
	ctl, rest := rest.CutBottom(l.Touch + 2*pad)
	pw := Clamp(s.W*0.27, 300*u, 420*u)
	pw = math.Min(pw, s.W*0.36)
	panel, main := rest.CutRight(pw)
	l.Panel = panel.Inset(pad)
	l.layPanel()
	// Top bar: title, chapter progress, then buttons at the right.
	tb := top.InsetXY(pad, pad)
	btns := []WidgetID{BtnMode, BtnScoreboard, BtnShare, BtnLang, BtnHelp, BtnFullscreen}
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
	l.Title, tb = tb.CutLeft(math.Min(300*u, tb.W*0.4))
	l.Progress = tb.InsetXY(12*u, 0)
	// Caption, diagram, timeline down the main column.
	main = main.InsetXY(pad, 0)
	capH := math.Round(l.FontTitle*1.4 + 3*l.FontCaption*1.35 + l.FontSmall*1.4 + 10*u)
	l.Caption, main = main.CutTop(capH)
	l.nextButton()
	l.raceButton()
	main.Y += pad / 2
	main.H -= pad / 2
	tlH := Clamp(main.H*0.44, 150*u, 330*u)
	if l.In.Spotlight {
		// The spotlighted stages take most of the column; the race strip,
		// while it is shown, keeps its room.
		tlH = Clamp(main.H*0.3, 120*u, 260*u)
		if !l.In.NoRaceStrip {
			tlH = Clamp(main.H*0.44, 200*u, 330*u)
		}
	}
	l.Timeline, l.Diagram = main.CutBottom(tlH)
	l.Diagram.H -= pad
	l.layTimeline(!l.In.NoRaceStrip)
	if l.In.Spotlight {
		l.Spotlit = true
		l.FontStage = math.Round(math.Max(l.FontSmall, 14*u))
		l.layCompact()
	} else {
		l.layStages(3)
	}
	l.layControls(ctl.InsetXY(pad, pad), 220*u, append(btns, BtnSafeguards)...)
	l.Overlay = R(main.X, l.Caption.Y, l.Panel.Right()-main.X, ctl.Y-l.Caption.Y).Inset(pad)
	if l.Banner.H > 0 {
		l.Overlay = R(main.X, l.Banner.Y, l.Panel.Right()-main.X, ctl.Y-l.Banner.Y).Inset(pad)
	}
}

func (l *Layout) layNarrow() {
	u := l.U
	pad := 6 * u
	s := l.screen()
	top, rest := s.CutTop(math.Round(l.FontTitle*1.5 + 4*u))
	l.TopBar = top
	l.Title, l.Progress = top.InsetXY(pad, 2*u).CutTop(l.FontTitle * 1.3)
	rest = l.banner(rest, pad)
	capH := math.Round(l.FontTitle*1.3 + 4*l.FontCaption*1.35 + l.FontSmall*1.4 + 8*u)
	l.Caption, rest = rest.InsetXY(pad, 0).CutTop(capH)
	l.nextButton()
	// The panel gets what remains below the controls if that is enough;
	// otherwise it is a sheet.
	diagH := Clamp(rest.H*0.38, 170*u, 360*u)
	tlH := Clamp(rest.H*0.2, 96*u, 190*u)
	race := l.In.Spotlight && !l.In.NoRaceStrip
	if race {
		// The story's race chapters: the swimlane is their picture, on a
		// phone too.
		tlH = Clamp(rest.H*0.34, 160*u, 240*u)
	}
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
	l.layTimeline(race || tlH >= 150*u && !l.In.NoRaceStrip)
	l.layDiagram()
	if panelH > 0 {
		l.Panel = rest.Inset(pad)
		l.layPanel()
		l.layControls(ctl.InsetXY(pad, pad), 60*u, BtnSafeguards, BtnFullscreen)
	} else {
		l.layControls(ctl.InsetXY(pad, pad), 60*u, BtnFullscreen)
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
	rest = l.banner(rest, pad)
	capH := math.Round(2*l.FontCaption*1.3 + 6*u)
	l.Caption, rest = rest.InsetXY(pad, 0).CutTop(capH)
	tlH := Clamp(rest.H*0.34, 40*u, 120*u)
	l.Timeline, l.Diagram = rest.CutBottom(tlH)
	l.Timeline = l.Timeline.InsetXY(pad, 0)
	l.Diagram = l.Diagram.Inset(pad / 2)
	l.layTimeline(false)
	l.layDiagram()
	l.nextButton()
	l.layControls(ctl.InsetXY(pad, pad), 40*u, BtnFullscreen)
	l.Sheet = l.In.SheetOpen
	l.Overlay = s
}

// layEmbed lays out an embedded app: a strip at the top for the page's
// link and the chapter progress, the caption, the diagram, a timeline
// strip and (unless Chrome is none) the play button and clock.
func (l *Layout) layEmbed() {
	u := l.U
	pad := math.Round(math.Max(3, 6*u))
	s := l.screen()
	strip, rest := s.CutTop(EmbedLinkCSS * l.In.DPR)
	lw := math.Min(230*l.In.DPR, strip.W*0.62)
	l.EmbedLink, l.Progress = strip.CutRight(lw)
	l.Progress = l.Progress.InsetXY(pad, math.Round(strip.H*0.2))
	l.TopBar = Rect{}
	rest = l.banner(rest, pad)
	if l.In.Chrome != ChromeNone {
		var ctl Rect
		ctl, rest = rest.CutBottom(l.Touch + 2*pad)
		l.layControls(ctl.InsetXY(pad, pad), 0, controlOrder[1:]...)
	}
	lines := 3.0
	if l.Tiny {
		lines = 2
	}
	capH := math.Round(lines*l.FontCaption*1.32 + l.FontSmall*1.4 + 6*u)
	if !l.Tiny {
		// The chapter's title line, drawn above the words.
		capH += math.Round(l.FontTitle*1.2 + 4*u)
	}
	l.Caption, rest = rest.InsetXY(pad, 0).CutTop(capH)
	tlH := Clamp(rest.H*0.28, 36*u, 150*u)
	l.Timeline, l.Diagram = rest.CutBottom(tlH)
	l.Timeline = l.Timeline.InsetXY(pad, 0)
	l.Diagram = l.Diagram.Inset(pad / 2)
	l.layTimeline(false)
	l.layDiagram()
	l.Overlay = s.Inset(pad)
}

// layDiagram lays the diagram out whole when every box gets room enough
// to read, and compact (chips and one or two stages) otherwise.
func (l *Layout) layDiagram() {
	d := l.Diagram
	if d.W >= 560*l.U && d.H >= 300*l.U {
		l.layStages(3)
		return
	}
	l.layCompact()
}

// Companion is the stage a compact diagram shows beside s, when it has
// room for two: its cause or its effect, whichever tells more.
func Companion(s Stage) Stage {
	switch s {
	case StageAutomation:
		return StageZone
	case StageZone:
		return StageAutomation
	case StageResolvers:
		return StageServices
	case StageDWFM:
		return StageNetMgr
	case StageNetMgr:
		return StageNLB
	case StageNLB:
		return StageServices
	case StageServices:
		return StageApps
	}
	return StageServices
}

// layCompact puts a row of stage chips at the top of the diagram, and the
// focused stage (and its companion when there is room) below.
func (l *Layout) layCompact() {
	u := l.U
	l.Compact = true
	d := l.Diagram
	gap := math.Round(4 * u)
	chipH := Clamp(d.H*0.2, 22*u, math.Min(l.Touch, 36*u))
	row, body := d.CutTop(chipH)
	body.Y += gap
	body.H -= gap
	cells := row.Grid(int(NumStages), 1, math.Max(1, 2*u))
	copy(l.Chips[:], cells)
	f := l.In.Focus
	if f < 0 || f >= NumStages {
		f = 0
	}
	c := Companion(f)
	if l.In.SecondSet {
		c = l.In.Second
	}
	if c == f || c < 0 || c >= NumStages {
		c = NoStage
	}
	first, second := min(f, c), max(f, c)
	if c == NoStage {
		first, second = f, NoStage
	}
	switch {
	case second == NoStage:
		l.Stages[f] = body
	case body.W >= 2*240*u && body.W >= body.H*1.3:
		parts := body.Grid(2, 1, gap)
		l.Stages[first], l.Stages[second] = parts[0], parts[1]
	case body.H >= 2*120*u:
		parts := body.Grid(1, 2, gap)
		l.Stages[first], l.Stages[second] = parts[0], parts[1]
	default:
		l.Stages[f] = body
	}
}

var chipIDs = func() (ids [NumStages]WidgetID) {
	for i := range NumStages {
		ids[i] = WidgetID(ChipPrefix + string(rune('1'+i)))
	}
	return
}()

// ChipWidget is the widget id of a stage's chip.
func ChipWidget(s Stage) WidgetID {
	if s < 0 || s >= NumStages {
		return WNone
	}
	return chipIDs[s]
}

// ChipOf returns the stage a chip's widget id names.
func ChipOf(w WidgetID) (Stage, bool) {
	for i, id := range chipIDs {
		if id == w {
			return Stage(i), true
		}
	}
	return 0, false
}

// ChipAt returns the stage whose chip is under the point.
func (l *Layout) ChipAt(x, y float64) (Stage, bool) {
	if !l.Compact {
		return 0, false
	}
	for s, r := range l.Chips {
		if r.Contains(x, y) {
			return Stage(s), true
		}
	}
	return 0, false
}

// layTimeline splits the timeline into the zoom inset, event markers,
// service bands and axis; labels get a gutter when there is room.
func (l *Layout) layTimeline(zoom bool) {
	u := l.U
	r := l.Timeline
	if zoom {
		share := 0.3
		if l.In.Spotlight && !l.Tiny {
			// The race is the story's picture: its swimlane gets room for
			// lanes whose words are read at the caption's size.
			share = 0.56
		}
		z, rest := r.CutTop(math.Max(60*u, r.H*share))
		l.Zoom = z
		l.Zoom.H -= 6 * u
		r = rest
	} else {
		l.Zoom = Rect{}
	}
	axis, rest := r.CutBottom(math.Round(l.FontSmall * 1.5))
	var key Rect
	if rest.H >= 110*u {
		key, rest = rest.CutTop(math.Round(l.FontSmall * 1.4))
	}
	markers, bands := rest.CutTop(math.Round(12 * u))
	gutter := 0.0
	switch {
	case !l.Tiny && r.W > 420*u:
		gutter = Clamp(r.W*0.14, 90*u, 150*u)
	case !l.Tiny && zoom:
		// A narrow gutter, so that the race's lanes keep their names.
		gutter = 64 * u
	}
	l.Labels, _ = bands.CutLeft(gutter)
	cut := func(x Rect) Rect { _, x = x.CutLeft(gutter); return x }
	l.Bands, l.Markers, l.Axis = cut(bands), cut(markers), cut(axis)
	l.Key = Rect{}
	if !key.Empty() {
		l.Key = cut(key)
	}
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
	if n := float64(l.In.VerdictLines); n > lines {
		// As many as the words need, leaving two toggles in view.
		room := math.Floor((p.H - 2*l.Touch - l.FontBody*1.6 - 20*u) / (l.FontSmall * 1.35))
		lines = math.Max(lines, math.Min(n, room))
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
	if s, ok := l.ChipAt(x, y); ok {
		return ChipWidget(s)
	}
	switch {
	case l.Banner.Contains(x, y):
		return WBanner
	case l.EmbedLink.Contains(x, y):
		return WEmbedLink
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
		add(WBanner, l.Banner)
		add(WEmbedLink, l.EmbedLink)
		for s, r := range l.Stages {
			add(stageWidgets[s], r)
		}
		if l.Compact {
			for i, r := range l.Chips {
				add(chipIDs[i], r)
			}
		}
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

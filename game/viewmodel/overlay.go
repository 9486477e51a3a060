package viewmodel

import "math"

// Overlay names a dialog drawn over the app.
type Overlay int

// Overlays.
const (
	NoOverlay Overlay = iota
	OverHelp
	OverScoreboard
	OverShare
	OverRace
	OverReports
)

// Overlay returns the dialog that is open, if any.
func (a *App) Overlay() Overlay {
	switch {
	case a.Help:
		return OverHelp
	case a.Scoreboard:
		return OverScoreboard
	case a.Share:
		return OverShare
	case a.Race:
		return OverRace
	case a.Reports:
		return OverReports
	}
	return NoOverlay
}

// Overlay widgets.
const (
	WOverlay       WidgetID = "overlay"
	BtnOverlayX    WidgetID = "overlay.close"
	BtnHelpMode    WidgetID = "overlay.mode"
	BtnHelpBoard   WidgetID = "overlay.scoreboard"
	BtnHelpShare   WidgetID = "overlay.share"
	BtnHelpRace    WidgetID = "overlay.race"
	BtnHelpSafe    WidgetID = "overlay.safeguards"
	BtnHelpLang    WidgetID = "overlay.lang"
	BtnHelpMotion  WidgetID = "overlay.motion"
	BtnHelpTheme   WidgetID = "overlay.theme"
	BtnHelpReports WidgetID = "overlay.reports"
	// BtnReplay, in the race checker's dialog, replays its counterexample
	// in the diagram.
	BtnReplay      WidgetID = "overlay.replay"
	BtnCopyLink    WidgetID = "overlay.copy_link"
	BtnCopyIframe  WidgetID = "overlay.copy_iframe"
	WShareLink     WidgetID = "overlay.link"
	WShareIframe   WidgetID = "overlay.iframe"
	overlayMaxRows          = 4
)

// helpActions are the help overlay's buttons: every action of the app,
// so that small screens, whose control bars hold only the essentials,
// reach them all.
var helpActions = []WidgetID{BtnHelpMode, BtnHelpSafe, BtnHelpBoard, BtnHelpRace, BtnHelpReports, BtnHelpShare,
	BtnHelpLang, BtnHelpMotion, BtnHelpTheme}

// OverlayLayout is where a dialog's parts go.
type OverlayLayout struct {
	Panel Rect
	// Head is the title line (left of the close button).
	Head Rect
	// Buttons are the dialog's buttons, the close button first.
	Buttons []Button
	// Body is the rest of the panel, for text.
	Body Rect
	// Link and Iframe are the share dialog's text boxes.
	Link, Iframe Rect
	// LinkLabel and IframeLabel are the share dialog's labels.
	LinkLabel, IframeLabel Rect
	// Status is the share dialog's status line.
	Status Rect
}

// OverlayLayout lays out dialog o.
func (l *Layout) OverlayLayout(o Overlay) OverlayLayout {
	var ol OverlayLayout
	if o == NoOverlay {
		return ol
	}
	u := l.U
	maxW := map[Overlay]float64{OverHelp: 640, OverScoreboard: 760, OverShare: 660, OverRace: 680, OverReports: 820}[o] * u
	box := l.Overlay
	w := math.Min(box.W, maxW)
	ol.Panel = R(box.CX()-w/2, box.Y, w, box.H)
	in := ol.Panel.Inset(math.Min(12*u, ol.Panel.W*0.03))
	head, rest := in.CutTop(l.Touch)
	x, head := head.CutRight(l.Touch)
	ol.Head = head
	ol.Buttons = append(ol.Buttons, Button{BtnOverlayX, x})
	rest.Y += 4 * u
	rest.H -= 4 * u
	switch o {
	case OverHelp:
		cols := max(2, min(4, int(rest.W/(140*u))))
		n := len(helpActions)
		rows := (n + cols - 1) / cols
		gap := 4 * u
		if float64(rows)*(l.Touch+gap) > rest.H*0.7 {
			cols = 4 // short screens: fewer, wider rows of buttons
			rows = (n + cols - 1) / cols
		}
		grid, body := rest.CutTop(float64(rows)*(l.Touch+gap) + gap)
		cells := grid.InsetXY(0, gap/2).Grid(cols, rows, gap)
		for i, id := range helpActions {
			ol.Buttons = append(ol.Buttons, Button{id, cells[i]})
		}
		ol.Body = body
	case OverShare:
		lh := math.Round(l.FontSmall * 1.35)
		bw := math.Max(l.Touch, math.Min(120*u, rest.W*0.3))
		lay := func(r Rect, lines float64) (label, box Rect, btn Rect, rest Rect) {
			label, r = r.CutTop(lh + 4*u)
			h := math.Max(l.Touch, lines*lh+10*u)
			row, r := r.CutTop(h)
			btn, box = row.CutRight(bw)
			box.W -= 6 * u
			btn = R(btn.X, btn.Y, btn.W, l.Touch)
			r.Y += 8 * u
			r.H -= 8 * u
			return label, box, btn, r
		}
		lines := 2.0
		if rest.H > 300*u {
			lines = 3
		}
		var b1, b2 Rect
		ol.LinkLabel, ol.Link, b1, rest = lay(rest, lines-1)
		ol.IframeLabel, ol.Iframe, b2, rest = lay(rest, lines+1)
		ol.Buttons = append(ol.Buttons, Button{BtnCopyLink, b1}, Button{BtnCopyIframe, b2})
		ol.Status, ol.Body = rest.CutTop(math.Max(lh*2, l.Touch))
	case OverRace:
		bw := math.Max(l.Touch*2, math.Min(300*u, rest.W*0.5))
		var row Rect
		row, ol.Body = rest.CutBottom(l.Touch + 6*u)
		ol.Buttons = append(ol.Buttons, Button{BtnReplay, R(row.Right()-bw, row.Bottom()-l.Touch, bw, l.Touch)})
	default:
		ol.Body = rest
	}
	return ol
}

// CommandForOverlayButton returns what an overlay button does.
func CommandForOverlayButton(w WidgetID) Command {
	switch w {
	case BtnOverlayX:
		return CmdClose
	case BtnHelpMode:
		return CmdMode
	case BtnHelpBoard:
		return CmdScoreboard
	case BtnHelpShare:
		return CmdShare
	case BtnHelpRace:
		return CmdRace
	case BtnHelpReports:
		return CmdReports
	case BtnReplay:
		return CmdReplay
	case BtnHelpSafe:
		return CmdSafeguards
	case BtnHelpLang:
		return CmdLang
	case BtnHelpMotion:
		return CmdMotion
	case BtnHelpTheme:
		return CmdTheme
	}
	return CmdNone
}

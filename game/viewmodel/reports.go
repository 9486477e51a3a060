package viewmodel

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
)

// Claim is one claim made in press coverage of the outage, checked
// against the sources and the model (FACTS §8), with the experiment that
// tests it, if one does.
type Claim struct {
	// ID names the claim's locale keys: report.<id>.claim, .verdict,
	// .facts (what the sources say, citing them) and .run (the button).
	ID string
	// Verdict is "false", "misleading", "partly" or "true".
	Verdict string
	// Run is the experiment, nil when the claim has none.
	Run func(a *App)
}

// explore shows safeguards set at time t in explore mode, dialogs closed.
func explore(set safeguard.Set, t sim.Time) func(a *App) {
	return func(a *App) {
		a.closeOverlays()
		a.SetMode(ModeExplore)
		a.SetSafeguards(set)
		a.Seek(t)
		a.Playing = false
	}
}

// chapterOf goes to a story chapter, playing.
func chapterOf(id string) func(a *App) {
	return func(a *App) {
		a.closeOverlays()
		a.SetMode(ModeStory)
		if n := story.Index(id); n >= 0 {
			a.goChapter(n)
		}
		a.Playing = true
	}
}

// Claims are the claims the "What you may have read" dialog checks.
var Claims = []Claim{
	{ID: "firmware", Verdict: "false", Run: chapterOf("race")},
	{ID: "load-balancer", Verdict: "false", Run: explore(safeguard.Set(0).With(safeguard.NLBReadinessGate, safeguard.NLBVelocityControl), sim.At(1, 0, 20))},
	{ID: "dns-error", Verdict: "misleading", Run: explore(0, sim.At(1, 6, 40))},
	{ID: "attack", Verdict: "false", Run: func(a *App) { a.closeOverlays(); a.Race = true }},
	{ID: "two-programs", Verdict: "true", Run: chapterOf("race")},
	{ID: "multi-region", Verdict: "partly", Run: explore(safeguard.Set(0).With(safeguard.MultiRegionApps), sim.At(1, 1, 0))},
	{ID: "disabled", Verdict: "true", Run: explore(safeguard.Set(0).With(safeguard.ApplyTimeCheck), sim.At(1, 1, 0))},
}

// RunClaim runs claim i's experiment; false when there is none.
func (a *App) RunClaim(i int) bool {
	if i < 0 || i >= len(Claims) || Claims[i].Run == nil {
		return false
	}
	Claims[i].Run(a)
	return true
}

// ClaimPrefix prefixes a claim's experiment button ("overlay.claim.2").
const ClaimPrefix = "overlay.claim."

var claimWidgets = func() []WidgetID {
	out := make([]WidgetID, len(Claims))
	for i := range Claims {
		out[i] = WidgetID(ClaimPrefix + string(rune('0'+i)))
	}
	return out
}()

// ClaimOf returns the claim an experiment button names.
func ClaimOf(w WidgetID) (int, bool) {
	for i, id := range claimWidgets {
		if id == w {
			return i, true
		}
	}
	return 0, false
}

// ReportsLayout is the "What you may have read" dialog: one row per claim,
// its words at the left (or above on a narrow screen) and the button that
// runs its experiment; rows scroll when they do not all fit.
type ReportsLayout struct {
	Panel, Head, Intro Rect
	Close              Rect
	// Rows, Text and Buttons are for claims First to First+len(Rows)-1.
	Rows, Text []Rect
	Buttons    []Button
	First      int
	// Above and Below say that claims are scrolled out of view.
	Above, Below Rect
	textW        float64
}

// ReportsTextWidth is the width of a claim's words, so the view can
// measure how many lines each takes.
func (l *Layout) ReportsTextWidth() float64 {
	rl := l.Reports(nil, 0)
	return rl.textW
}

// Reports lays out the dialog for claims whose words take lines[i]
// lines of small text, scrolled to first (clamped).
func (l *Layout) Reports(lines []int, first int) ReportsLayout {
	var rl ReportsLayout
	ol := l.OverlayLayout(OverReports)
	rl.Panel, rl.Head, rl.Close = ol.Panel, ol.Head, ol.Buttons[0].Rect
	u := l.U
	lh := math.Round(l.FontSmall * 1.32)
	body := ol.Body
	narrow := body.W < 520*u
	intro := 2.0
	if narrow {
		intro = 4
	}
	rl.Intro, body = body.CutTop(intro*lh + 6*u)
	bw := math.Max(l.Touch*2, math.Min(210*u, body.W*0.3))
	textW := body.W - bw - 24*u
	if narrow {
		bw = math.Min(body.W-12*u, 280*u)
		textW = body.W - 12*u
	}
	rl.textW = textW
	n := len(lines)
	if n == 0 {
		return rl
	}
	height := func(i int) float64 {
		h := float64(lines[i])*lh + 10*u
		if narrow {
			h += l.Touch + 4*u
		} else {
			h = math.Max(h, l.Touch+8*u)
		}
		return h
	}
	// How many rows fit from first, leaving room for the "more" lines.
	first = max(0, min(first, n-1))
	rows := func(from float64, start int) int {
		k, y := 0, from
		for i := start; i < n; i++ {
			if y+height(i) > body.Bottom()-lh {
				break
			}
			y += height(i)
			k++
		}
		return k
	}
	y := body.Y
	if first > 0 {
		rl.Above = R(body.X, y, body.W, lh)
		y += lh
	}
	k := max(1, rows(y, first))
	// Scrolled past the end: show the last page whole.
	for first > 0 && first+k >= n && rows(body.Y+lh, first-1) > k {
		first--
		k = rows(body.Y+lh, first)
	}
	rl.First = first
	for i := first; i < n && i < first+k; i++ {
		h := height(i)
		row := R(body.X, y, body.W, h-4*u)
		rl.Rows = append(rl.Rows, row)
		if narrow {
			rl.Text = append(rl.Text, R(row.X+6*u, row.Y+5*u, textW, float64(lines[i])*lh))
			rl.Buttons = append(rl.Buttons, Button{claimWidgets[i], R(row.X+6*u, row.Bottom()-l.Touch-4*u, bw, l.Touch)})
		} else {
			rl.Text = append(rl.Text, R(row.X+6*u, row.Y+5*u, textW, float64(lines[i])*lh))
			rl.Buttons = append(rl.Buttons, Button{claimWidgets[i], R(row.Right()-bw-6*u, row.CY()-l.Touch/2, bw, l.Touch)})
		}
		y += h
	}
	if first+len(rl.Rows) < n {
		rl.Below = R(body.X, y, body.W, lh)
	}
	return rl
}

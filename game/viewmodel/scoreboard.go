package viewmodel

import "math"

// BoardLayout is the scoreboard dialog at one screen size: its rows scroll
// so that every safeguard can be reached at every size.
type BoardLayout struct {
	Panel, Head, Subtitle Rect
	// Close is the close button.
	Close Rect
	// Rows are the visible rows, for entries First to First+len(Rows)-1.
	Rows  []Rect
	First int
	// Above and Below are the "more rows" lines, set when rows are
	// scrolled out of view on that side.
	Above, Below Rect
	// Detail is the line under the rows for the hovered or focused row's
	// mechanism; Sets the box of the smallest preventing sets; Foot the
	// hint line.
	Detail, Sets, Foot Rect
}

// BoardRowsPerPage is how many rows the scoreboard shows at once.
func (l *Layout) BoardRowsPerPage(n int) int {
	bl := l.Board(n, 0, 3)
	return max(1, len(bl.Rows))
}

// Board lays out the scoreboard for n rows scrolled to first (clamped),
// with sets lines of preventing sets below.
func (l *Layout) Board(n, first, sets int) BoardLayout {
	var bl BoardLayout
	ol := l.OverlayLayout(OverScoreboard)
	bl.Panel, bl.Close = ol.Panel, ol.Buttons[0].Rect
	u := l.U
	bl.Head = ol.Head
	rest := ol.Body
	lh := math.Round(textLine(l.FontSmall) + 2*u)
	// The subtitle may wrap to two lines on a narrow screen.
	subLines := 1.0
	if rest.W < 560*u {
		subLines = 2
	}
	bl.Subtitle, rest = rest.CutTop(subLines*lh + 4*u)
	bl.Foot, rest = rest.CutBottom(lh)
	setsH := lh * float64(1+min(3, max(1, sets)))
	bl.Sets, rest = rest.CutBottom(setsH + 6*u)
	bl.Detail, rest = rest.CutBottom(2*lh + 4*u)
	rh := math.Max(l.Touch*0.8, math.Round(textLine(l.FontBody)+6*u))
	per := max(1, int(rest.H/rh))
	if n > per {
		// Room for the "more rows" lines.
		per = max(1, int((rest.H-2*lh)/rh))
	}
	first = max(0, min(first, n-per))
	bl.First = first
	y := rest.Y
	if n > per {
		bl.Above = R(rest.X, y, rest.W, lh)
		y += lh
	}
	for i := first; i < n && i < first+per; i++ {
		bl.Rows = append(bl.Rows, R(rest.X, y, rest.W, rh-2*u))
		y += rh
	}
	if n > per {
		bl.Below = R(rest.X, y, rest.W, lh)
		if first == 0 {
			bl.Above = Rect{}
		}
		if first+per >= n {
			bl.Below = Rect{}
		}
	}
	return bl
}

// textLine is the height of a line of text at size fs (as the view draws it).
func textLine(fs float64) float64 { return math.Round(fs * 1.2) }

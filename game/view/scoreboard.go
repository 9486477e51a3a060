package view

import (
	"math"
	"strconv"
	"strings"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	vm "github.com/outagelab/outage/game/viewmodel"
)

const boardPrefix = "scoreboard.row."

// boardEntry returns the scoreboard entry a row widget names.
func (g *Game) boardEntry(w vm.WidgetID) (vm.BoardEntry, bool) {
	b := g.App.Board()
	if b == nil {
		return vm.BoardEntry{}, false
	}
	s := strings.TrimPrefix(string(w), boardPrefix)
	if rest, ok := strings.CutPrefix(s, "set."); ok {
		i, err := strconv.Atoi(rest)
		if err == nil && i >= 0 && i < len(b.Preventing) {
			return b.Preventing[i], true
		}
		return vm.BoardEntry{}, false
	}
	for _, e := range b.Singles {
		if ids := e.Set.IDs(); len(ids) == 1 && string(ids[0]) == s {
			return e, true
		}
	}
	return vm.BoardEntry{}, false
}

// rowWidget is a scoreboard row's widget id: "scoreboard.row.<safeguard-id>"
// for a single safeguard, "scoreboard.row.set.<i>" for the i-th smallest
// preventing set.
func rowWidget(e vm.BoardEntry) vm.WidgetID {
	ids := e.Set.IDs()
	if len(ids) != 1 {
		return vm.WNone
	}
	if w, ok := singleRowIDs[ids[0]]; ok {
		return w
	}
	return vm.WidgetID(boardPrefix + string(ids[0]))
}

var singleRowIDs = func() map[safeguard.ID]vm.WidgetID {
	m := map[safeguard.ID]vm.WidgetID{}
	for _, in := range safeguard.Catalogue {
		m[in.ID] = vm.WidgetID(boardPrefix + string(in.ID))
	}
	return m
}()

var setRowIDs = func() (ids [8]vm.WidgetID) {
	for i := range ids {
		ids[i] = vm.WidgetID(boardPrefix + "set." + strconv.Itoa(i))
	}
	return
}()

// setTitle names a set of safeguards: "A + B".
func (g *Game) setTitle(s safeguard.Set) string {
	var b strings.Builder
	for i, id := range s.IDs() {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(g.tr("ui.safeguard." + string(id) + ".title"))
	}
	return b.String()
}

// drawScoreboard ranks every single safeguard by impact saved and lists
// the smallest sets that prevent the outage. Rows are buttons that select
// their set; they scroll (wheel, drag, arrow keys, Tab) and say when more
// follow. The hovered or focused row's mechanism is spelled out below.
func (g *Game) drawScoreboard() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	g.in.board = g.in.board[:0]
	g.dialog(vm.OverScoreboard, g.tr("ui.scoreboard.title"))
	b := a.Board()
	n, sets := 0, 1
	if b != nil {
		n = len(b.Singles)
		sets = len(b.Preventing)
	}
	bl := l.Board(n, a.BoardScroll, sets)
	a.BoardScroll = bl.First
	lh := lineBox(l.FontSmall) + 2*u
	if b == nil || len(b.Singles) < len(safeguard.Catalogue) {
		p.fitText(g.tr("ui.scoreboard.scoring", "n", n, "total", len(safeguard.Catalogue)), regular, l.FontSmall, bl.Subtitle, left, pal.TextFaint)
	} else {
		p.para(g.tr("ui.scoreboard.subtitle"), regular, l.FontSmall, bl.Subtitle, pal.TextFaint, 2)
	}
	base := a.Baseline().Result.Impact.ChainHours()
	p.fitText(g.tr("ui.scoreboard.close"), regular, l.FontSmall, bl.Foot, left, pal.TextFaint)
	if b == nil {
		return
	}
	if !bl.Above.Empty() {
		p.fitText(g.tr("ui.scoreboard.more_above", "n", bl.First), regular, l.FontSmall, bl.Above, center, pal.TextDim)
	}
	if !bl.Below.Empty() {
		p.fitText(g.tr("ui.scoreboard.more_below", "n", n-bl.First-len(bl.Rows)), regular, l.FontSmall, bl.Below, center, pal.TextDim)
	}
	detail, small := -1, -1
	for k, row := range bl.Rows {
		i := bl.First + k
		e := b.Singles[i]
		id := rowWidget(e)
		hover := g.in.hovered && row.Contains(g.in.hoverX, g.in.hoverY)
		if hover || a.Focus == id {
			detail = i
		}
		bg := pal.PanelHi
		if hover {
			bg = pal.Border
		}
		p.round(row, 5*u, bg)
		nameW := row.W * 0.5
		m := pal.VerdictMark(e.Verdict.Kind)
		p.shape(m.Shape, row.X+10*u, row.CY(), 5*u, m.Color)
		name := strconv.Itoa(i+1) + ". " + g.setTitle(e.Set)
		nr := vm.R(row.X+20*u, row.Y, nameW-20*u, row.H)
		if small < 0 {
			// One size for every row: the body size if every name fits.
			small = 0
			for j, e2 := range b.Singles {
				if !p.fits(regular, l.FontBody, strconv.Itoa(j+1)+". "+g.setTitle(e2.Set), nr.W) {
					small = 1
					break
				}
			}
		}
		if small == 0 {
			p.fitText(name, regular, l.FontBody, nr, left, pal.Text)
		} else {
			// A long name on a narrow screen: two lines of smaller text.
			lh2 := math.Round(l.FontSmall * 1.32)
			p.para(name, regular, l.FontSmall, vm.R(nr.X, nr.CY()-lh2, nr.W, 2*lh2), pal.Text, 2)
		}
		// Bar of impact saved, as a share of the real night's; a
		// safeguard that cannot help says so.
		bx := row.X + nameW + 6*u
		bw := row.W - nameW - 12*u
		lab := g.tr("ui.verdict."+kindKey(e.Verdict.Kind)) + " · " + g.tr("ui.scoreboard.saved", "pct", strconv.Itoa(int(math.Round(100*math.Max(0, e.Saved)/math.Max(base, 1e-9)))))
		if note, ok := g.boardNote(e); ok {
			lab = g.tr("ui.verdict."+kindKey(e.Verdict.Kind)) + " · " + note
		}
		bar := vm.R(bx, row.Y+row.H*0.62, bw, math.Max(2, row.H*0.18))
		p.rect(bar, pal.Grid)
		if base > 0 {
			p.rect(vm.R(bar.X, bar.Y, bar.W*vm.Clamp(e.Saved/base, 0, 1), bar.H), m.Color)
		}
		p.fitText(lab, regular, l.FontSmall, vm.R(bx, row.Y, bw, row.H*0.6), left, pal.TextDim)
		g.in.board = append(g.in.board, vm.Button{ID: id, Rect: row})
	}
	// The mechanism of the row under the pointer or the focus ring.
	if detail >= 0 && !bl.Detail.Empty() {
		e := b.Singles[detail]
		if ids := e.Set.IDs(); len(ids) == 1 {
			s := g.setTitle(e.Set) + ": " + g.tr("safeguard."+string(ids[0])+".mechanism")
			p.para(s, regular, l.FontSmall, bl.Detail.InsetXY(0, 2*u), pal.Text, 2)
		}
	} else if !bl.Detail.Empty() {
		p.para(g.tr("ui.scoreboard.hint_detail"), regular, l.FontSmall, bl.Detail.InsetXY(0, 2*u), pal.TextFaint, 2)
	}
	y := bl.Sets.Y + 6*u
	head := g.tr("ui.scoreboard.smallest")
	if len(b.Preventing) == 0 {
		if b.Done {
			head = g.tr("ui.scoreboard.none_prevent")
		} else {
			head = g.tr("ui.scoreboard.searching", "n", b.PairsTried)
		}
	}
	p.fitText(head, bold, l.FontSmall, vm.R(bl.Sets.X, y, bl.Sets.W, lh), left, pal.Text)
	y += lh
	for i, e := range b.Preventing {
		if i >= 3 {
			break
		}
		row := vm.R(bl.Sets.X, y, bl.Sets.W, lh)
		p.shape(vm.ShapeCircle, row.X+8*u, row.CY(), 4*u, pal.OK)
		p.fitText(g.setTitle(e.Set), regular, l.FontSmall, vm.R(row.X+18*u, row.Y, row.W-18*u, row.H), left, pal.TextDim)
		g.in.board = append(g.in.board, vm.Button{ID: setRowIDs[i], Rect: row})
		y += lh
	}
}

// boardNote is a row's note in place of "0% saved" when a safeguard saves
// nothing and the reason is known ("cannot help: …").
func (g *Game) boardNote(e vm.BoardEntry) (string, bool) {
	ids := e.Set.IDs()
	if len(ids) != 1 || e.Saved > 0 {
		return "", false
	}
	return i18n.Lookup(g.App.Lang, "ui.board.note."+string(ids[0]))
}

// scrollBoard moves the scoreboard by d rows.
func (g *Game) scrollBoard(d int) {
	a := g.App
	if b := a.Board(); b != nil {
		a.BoardScroll = max(0, min(a.BoardScroll+d, len(b.Singles)-1))
	}
}

// showBoardRow scrolls the scoreboard so that row widget w is in view.
func (g *Game) showBoardRow(w vm.WidgetID) {
	a := g.App
	b := a.Board()
	if b == nil {
		return
	}
	for i, e := range b.Singles {
		if rowWidget(e) != w {
			continue
		}
		per := g.lay.BoardRowsPerPage(len(b.Singles))
		if i < a.BoardScroll {
			a.BoardScroll = i
		} else if i >= a.BoardScroll+per {
			a.BoardScroll = i - per + 1
		}
		return
	}
}

// boardFocus is the scoreboard's Tab order: every row, then the close
// button.
func (g *Game) boardFocus(dst []vm.WidgetID) []vm.WidgetID {
	dst = dst[:0]
	if b := g.App.Board(); b != nil {
		for _, e := range b.Singles {
			dst = append(dst, rowWidget(e))
		}
	}
	return append(dst, vm.BtnOverlayX)
}

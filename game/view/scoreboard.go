package view

import (
	"math"
	"strconv"
	"strings"

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
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 || i >= len(b.Singles) {
		return vm.BoardEntry{}, false
	}
	return b.Singles[i], true
}

var rowIDs = func() (ids [64]vm.WidgetID) {
	for i := range 32 {
		ids[i] = vm.WidgetID(boardPrefix + strconv.Itoa(i))
		ids[32+i] = vm.WidgetID(boardPrefix + "set." + strconv.Itoa(i))
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
// their set.
func (g *Game) drawScoreboard() {
	l, p, pal, a, u := g.lay, &g.p, g.pal, g.App, g.lay.U
	g.in.board = g.in.board[:0]
	p.rect(vm.R(0, 0, l.In.W, l.In.H), pal.Bg.WithAlpha(0xE0))
	o := l.Overlay
	w := math.Min(o.W, 760*u)
	r := vm.R(o.CX()-w/2, o.Y, w, o.H)
	g.panelBox(r)
	in := r.Inset(12 * u)
	p.fitText(g.tr("ui.scoreboard.title"), bold, l.FontTitle, vm.R(in.X, in.Y, in.W, lineBox(l.FontTitle)), left, pal.Text)
	y := in.Y + lineBox(l.FontTitle) + 4*u
	b := a.Board()
	lh := lineBox(l.FontSmall) + 2*u
	if b == nil || len(b.Singles) < len(safeguard.Catalogue) {
		n := 0
		if b != nil {
			n = len(b.Singles)
		}
		p.fitText(g.tr("ui.scoreboard.scoring", "n", n, "total", len(safeguard.Catalogue)), regular, l.FontSmall, vm.R(in.X, y, in.W, lh), left, pal.TextFaint)
	} else {
		p.fitText(g.tr("ui.scoreboard.subtitle"), regular, l.FontSmall, vm.R(in.X, y, in.W, lh), left, pal.TextFaint)
	}
	y += lh + 4*u
	base := a.Baseline().Result.Impact.ChainHours()
	// Bottom: the smallest preventing sets.
	foot := vm.R(in.X, in.Bottom()-lh, in.W, lh)
	p.fitText(g.tr("ui.scoreboard.close"), regular, l.FontSmall, foot, left, pal.TextFaint)
	setsH := 0.0
	if b != nil {
		setsH = lh * float64(1+min(3, max(1, len(b.Preventing))))
	}
	rowsBottom := foot.Y - setsH - 6*u
	rh := math.Max(l.Touch*0.8, lineBox(l.FontBody)+6*u)
	if b != nil {
		nameW := in.W * 0.5
		for i, e := range b.Singles {
			if y+rh > rowsBottom || i >= 32 {
				break
			}
			row := vm.R(in.X, y, in.W, rh-2*u)
			hover := row.Contains(g.in.hoverX, g.in.hoverY)
			bg := pal.PanelHi
			if hover {
				bg = pal.Border
			}
			p.round(row, 5*u, bg)
			m := pal.VerdictMark(e.Verdict.Kind)
			p.shape(m.Shape, row.X+10*u, row.CY(), 5*u, m.Color)
			name := strconv.Itoa(i+1) + ". " + g.setTitle(e.Set)
			p.fitText(name, regular, l.FontBody, vm.R(row.X+20*u, row.Y, nameW-20*u, row.H), left, pal.Text)
			// Bar of impact saved, as a share of the real night's.
			bx := row.X + nameW + 6*u
			bw := row.W - nameW - 12*u
			lab := g.tr("ui.verdict."+kindKey(e.Verdict.Kind)) + " · " + g.tr("ui.scoreboard.saved", "pct", strconv.Itoa(int(math.Round(100*math.Max(0, e.Saved)/math.Max(base, 1e-9)))))
			bar := vm.R(bx, row.Y+row.H*0.62, bw, math.Max(2, row.H*0.18))
			p.rect(bar, pal.Grid)
			if base > 0 {
				p.rect(vm.R(bar.X, bar.Y, bar.W*vm.Clamp(e.Saved/base, 0, 1), bar.H), m.Color)
			}
			p.fitText(lab, regular, l.FontSmall, vm.R(bx, row.Y, bw, row.H*0.6), left, pal.TextDim)
			g.in.board = append(g.in.board, vm.Button{ID: rowIDs[i], Rect: row})
			y += rh
		}
	}
	if b == nil {
		return
	}
	y = rowsBottom + 6*u
	head := g.tr("ui.scoreboard.smallest")
	if len(b.Preventing) == 0 {
		if b.Done {
			head = g.tr("ui.scoreboard.none_prevent")
		} else {
			head = g.tr("ui.scoreboard.searching", "n", b.PairsTried)
		}
	}
	p.fitText(head, bold, l.FontSmall, vm.R(in.X, y, in.W, lh), left, pal.Text)
	y += lh
	for i, e := range b.Preventing {
		if i >= 3 {
			break
		}
		row := vm.R(in.X, y, in.W, lh)
		p.shape(vm.ShapeCircle, row.X+8*u, row.CY(), 4*u, pal.OK)
		p.fitText(g.setTitle(e.Set), regular, l.FontSmall, vm.R(row.X+18*u, row.Y, row.W-18*u, row.H), left, pal.TextDim)
		g.in.board = append(g.in.board, vm.Button{ID: rowIDs[32+i], Rect: row})
		y += lh
	}
}

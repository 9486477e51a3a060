package viewmodel

import (
	"math"
	"sort"
)

// ZoneCard is one plan tree drawn in the zone picture.
type ZoneCard struct {
	Gen  int
	Rect Rect
	// Deleted trees are drawn struck through and labelled; Alias and
	// Rollback mark the trees the regional endpoint's records point at.
	Deleted, Alias, Rollback bool
}

// ZoneLayout is where the zone picture's parts go in its stage's body.
// Plan cards sit in one row, each in its own slot, so they never overlap;
// the records sit below them, so the arrows from a record up to its card
// cross no other card.
type ZoneLayout struct {
	// Head is the row's title; Labels the line above the cards for
	// "deleted" labels (empty when there is no room for one).
	Head, Labels Rect
	Cards        []ZoneCard
	// Gaps are the centres of "…" marks where generations are left out.
	Gaps []float64
	// Alias and Rollback are the records; Note is the line under them
	// (the empty answer, refused batches); Others the other endpoints.
	Alias, Rollback, Note, Others Rect
}

// CardAt returns the card of generation gen.
func (zl *ZoneLayout) CardAt(gen int) (ZoneCard, bool) {
	for _, c := range zl.Cards {
		if c.Gen == gen {
			return c, true
		}
	}
	return ZoneCard{}, false
}

// LayZone lays out the zone at z in body: cardW is a card's width, lh a
// line of text. recentDeleted says whether z.Deleted is recent enough to
// show. The cards always include the tree the regional endpoint's alias
// points at (deleted or not) and its rollback target; the newest trees
// fill the rest.
func LayZone(body Rect, z *ZoneState, cardW, lh, u float64, recentDeleted bool) ZoneLayout {
	var zl ZoneLayout
	gap := math.Max(2, 4*u)
	ch := math.Round(lh * 1.3)
	roomy := body.H >= ch+4*lh+lh*1.5+2*lh
	y := body.Y
	if roomy {
		zl.Head = R(body.X, y, body.W, lh)
		y += lh
		zl.Labels = R(body.X, y, body.W, lh*0.9)
		y += lh * 0.9
	}
	row := R(body.X, y, body.W, ch)
	y += ch
	// Which generations get a card.
	a0 := -1
	if len(z.Alias) > 0 {
		a0 = z.Alias[0]
	}
	exists := map[int]bool{}
	for _, g := range z.Trees {
		exists[g] = true
	}
	want := map[int]bool{}
	if a0 > 0 {
		want[a0] = true
	}
	if z.Rollback > 0 {
		want[z.Rollback] = true
	}
	if recentDeleted && z.Deleted > 0 {
		want[z.Deleted] = true
	}
	slot := cardW + gap
	n := max(1, int((row.W+gap)/slot))
	// Room for a gap mark costs half a slot; keep one slot spare for it.
	for i := len(z.Trees) - 1; i >= 0 && len(want) < max(1, n-1); i-- {
		want[z.Trees[i]] = true
	}
	gens := make([]int, 0, len(want))
	for g := range want {
		gens = append(gens, g)
	}
	sort.Ints(gens)
	// Drop the oldest of the filler if the gap marks leave no room.
	for len(gens) > 1 && widthOf(gens, slot) > row.W+gap {
		drop := -1
		for i, g := range gens {
			if g != a0 && g != z.Rollback && !(recentDeleted && g == z.Deleted) {
				drop = i
				break
			}
		}
		if drop < 0 {
			drop = 0
		}
		gens = append(gens[:drop], gens[drop+1:]...)
	}
	x := row.X
	for i, g := range gens {
		if i > 0 && g != gens[i-1]+1 {
			zl.Gaps = append(zl.Gaps, x+slot/4-gap/2)
			x += slot / 2
		}
		zl.Cards = append(zl.Cards, ZoneCard{Gen: g, Rect: R(x, row.Y, cardW, ch),
			Deleted: !exists[g], Alias: g == a0, Rollback: g == z.Rollback})
		x += slot
	}
	// Records below, leaving room for the arrows.
	y += math.Max(lh, math.Min(2.5*lh, (body.Bottom()-y)*0.3))
	rh := math.Round(lh * 1.4)
	rw := math.Min(body.W*0.48, 220*u)
	zl.Alias = R(body.X, y, rw, rh)
	zl.Rollback = R(body.X+rw+2*gap, y, rw, rh)
	y += rh + gap
	if y+lh <= body.Bottom()+1 {
		zl.Note = R(body.X, y, body.W, lh)
		y += lh
	}
	if y+lh <= body.Bottom()+1 {
		zl.Others = R(body.X, y, body.W, body.Bottom()-y)
	}
	return zl
}

// widthOf is the width of a row of cards for gens, with a half slot for
// each gap in the generations.
func widthOf(gens []int, slot float64) float64 {
	w := float64(len(gens)) * slot
	for i := 1; i < len(gens); i++ {
		if gens[i] != gens[i-1]+1 {
			w += slot / 2
		}
	}
	return w
}

package viewmodel

import "math"

// Bands is the geometry of the timeline's service bands: AWS services
// first, a gap, then the apps.
type Bands struct {
	// Area is the bands' rectangle; N the number of rows, Split how many of
	// them are AWS services.
	Area     Rect
	N, Split int
	// RowH is each row's height, Sep the gap between the two groups.
	RowH, Sep float64
}

// BandRows lays out n rows, the first split of them AWS services, in the
// layout's band area.
func (l *Layout) BandRows(n, split int) Bands {
	b := Bands{Area: l.Bands, N: n, Split: split}
	if n <= 0 {
		return b
	}
	if split > 0 && split < n {
		b.Sep = math.Max(3, 6*l.U)
	}
	b.RowH = (b.Area.H - b.Sep) / float64(n)
	return b
}

// Row returns row k's rectangle.
func (b Bands) Row(k int) Rect {
	y := b.Area.Y + float64(k)*b.RowH
	if k >= b.Split {
		y += b.Sep
	}
	return R(b.Area.X, y, b.Area.W, b.RowH)
}

// Group returns the rectangle of the AWS services (0) or apps (1) group.
func (b Bands) Group(g int) Rect {
	if g == 0 {
		return R(b.Area.X, b.Area.Y, b.Area.W, float64(b.Split)*b.RowH)
	}
	y := b.Area.Y + float64(b.Split)*b.RowH + b.Sep
	return R(b.Area.X, y, b.Area.W, float64(b.N-b.Split)*b.RowH)
}

// At returns the row under y (-1 in the gap or outside).
func (b Bands) At(y float64) int {
	if b.N <= 0 || b.RowH <= 0 || y < b.Area.Y || y >= b.Area.Bottom() {
		return -1
	}
	off := y - b.Area.Y
	split := float64(b.Split) * b.RowH
	if off < split {
		return min(b.N-1, int(off/b.RowH))
	}
	if off < split+b.Sep {
		return -1
	}
	return min(b.N-1, b.Split+int((off-split-b.Sep)/b.RowH))
}

// Labelled reports whether each row can carry its name in the gutter:
// rows at least minText pixels high and a gutter to write in.
func (b Bands) Labelled(l *Layout, minText float64) bool {
	return !l.Labels.Empty() && b.RowH >= minText
}

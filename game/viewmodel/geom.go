package viewmodel

import "math"

// Rect is an axis-aligned rectangle: X, Y is the top-left corner.
type Rect struct{ X, Y, W, H float64 }

// R builds a Rect.
func R(x, y, w, h float64) Rect { return Rect{x, y, max(0, w), max(0, h)} }

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Right is the x just past the right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the y just past the bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// CX is the horizontal centre.
func (r Rect) CX() float64 { return r.X + r.W/2 }

// CY is the vertical centre.
func (r Rect) CY() float64 { return r.Y + r.H/2 }

// Contains reports whether the point lies inside r (right and bottom
// edges excluded).
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Inset shrinks r by d on every side (never below zero size).
func (r Rect) Inset(d float64) Rect { return R(r.X+d, r.Y+d, r.W-2*d, r.H-2*d) }

// InsetXY shrinks r by dx left and right and dy top and bottom.
func (r Rect) InsetXY(dx, dy float64) Rect { return R(r.X+dx, r.Y+dy, r.W-2*dx, r.H-2*dy) }

// CutTop splits off a strip of height h from the top: the strip, then
// the rest.
func (r Rect) CutTop(h float64) (Rect, Rect) {
	h = math.Min(math.Max(h, 0), r.H)
	return R(r.X, r.Y, r.W, h), R(r.X, r.Y+h, r.W, r.H-h)
}

// CutBottom splits off a strip of height h from the bottom: the strip,
// then the rest.
func (r Rect) CutBottom(h float64) (Rect, Rect) {
	h = math.Min(math.Max(h, 0), r.H)
	return R(r.X, r.Bottom()-h, r.W, h), R(r.X, r.Y, r.W, r.H-h)
}

// CutLeft splits off a strip of width w from the left.
func (r Rect) CutLeft(w float64) (Rect, Rect) {
	w = math.Min(math.Max(w, 0), r.W)
	return R(r.X, r.Y, w, r.H), R(r.X+w, r.Y, r.W-w, r.H)
}

// CutRight splits off a strip of width w from the right.
func (r Rect) CutRight(w float64) (Rect, Rect) {
	w = math.Min(math.Max(w, 0), r.W)
	return R(r.Right()-w, r.Y, w, r.H), R(r.X, r.Y, r.W-w, r.H)
}

// Overlaps reports whether r and o share any area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Within reports whether r lies entirely inside o (with a small tolerance
// for rounding).
func (r Rect) Within(o Rect) bool {
	const eps = 0.01
	return r.X >= o.X-eps && r.Y >= o.Y-eps && r.Right() <= o.Right()+eps && r.Bottom() <= o.Bottom()+eps
}

// Scale multiplies every coordinate by s (device pixels to CSS pixels and
// back).
func (r Rect) Scale(s float64) Rect { return Rect{r.X * s, r.Y * s, r.W * s, r.H * s} }

// Grid splits r into cols×rows cells separated by gap, row-major.
func (r Rect) Grid(cols, rows int, gap float64) []Rect {
	if cols <= 0 || rows <= 0 {
		return nil
	}
	cw := (r.W - gap*float64(cols-1)) / float64(cols)
	ch := (r.H - gap*float64(rows-1)) / float64(rows)
	out := make([]Rect, 0, cols*rows)
	for j := range rows {
		for i := range cols {
			out = append(out, R(r.X+float64(i)*(cw+gap), r.Y+float64(j)*(ch+gap), cw, ch))
		}
	}
	return out
}

// Lerp interpolates linearly between a and b.
func Lerp(a, b, f float64) float64 { return a + (b-a)*f }

// Clamp limits v to [lo, hi].
func Clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

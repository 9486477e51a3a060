package viewmodel

import "github.com/outagelab/outage/game/sim"

// RGBA is a colour with 8-bit channels, not premultiplied.
type RGBA struct{ R, G, B, A uint8 }

// WithAlpha returns c with alpha a.
func (c RGBA) WithAlpha(a uint8) RGBA { c.A = a; return c }

// Mix blends c towards o by f (0 = c, 1 = o).
func (c RGBA) Mix(o RGBA, f float64) RGBA {
	l := func(a, b uint8) uint8 { return uint8(Clamp(Lerp(float64(a), float64(b), f), 0, 255) + 0.5) }
	return RGBA{l(c.R, o.R), l(c.G, o.G), l(c.B, o.B), l(c.A, o.A)}
}

// Shape is the mark drawn with a colour so meaning never rests on colour
// alone.
type Shape int

// Shapes.
const (
	ShapeCircle Shape = iota
	ShapeTriangle
	ShapeSquare
	ShapeDiamond
	ShapeCross
	ShapeRing
	// ShapeTarget is a ring with a dot: "avoided", close to prevented's
	// disc but not the same.
	ShapeTarget
)

// Palette is the set of colours the view draws with. The signal colours
// are the Okabe–Ito set, distinguishable with the common colour-vision
// deficiencies; each is paired with a shape.
type Palette struct {
	Bg, Panel, PanelHi, Border, Grid     RGBA
	Text, TextDim, TextFaint, Accent     RGBA
	OK, Warn, Bad, Info, Ghost, Selected RGBA
	Plan, PlanOld, Lane                  RGBA
}

// Okabe–Ito colours.
var (
	okOrange    = RGBA{0xE6, 0x9F, 0x00, 0xFF}
	okSky       = RGBA{0x56, 0xB4, 0xE9, 0xFF}
	okGreen     = RGBA{0x00, 0x9E, 0x73, 0xFF}
	okYellow    = RGBA{0xF0, 0xE4, 0x42, 0xFF}
	okBlue      = RGBA{0x00, 0x72, 0xB2, 0xFF}
	okVermilion = RGBA{0xD5, 0x5E, 0x00, 0xFF}
	okPurple    = RGBA{0xCC, 0x79, 0xA7, 0xFF}
)

// Dark is the default palette.
var Dark = Palette{
	Bg:        RGBA{0x10, 0x14, 0x1A, 0xFF},
	Panel:     RGBA{0x1A, 0x20, 0x29, 0xFF},
	PanelHi:   RGBA{0x25, 0x2D, 0x3A, 0xFF},
	Border:    RGBA{0x3A, 0x44, 0x55, 0xFF},
	Grid:      RGBA{0x2A, 0x32, 0x3E, 0xFF},
	Text:      RGBA{0xEE, 0xF1, 0xF5, 0xFF},
	TextDim:   RGBA{0xB4, 0xBD, 0xCA, 0xFF},
	TextFaint: RGBA{0x80, 0x8B, 0x9A, 0xFF},
	Accent:    okSky,
	OK:        okGreen,
	Warn:      okOrange,
	Bad:       okVermilion,
	Info:      okSky,
	Ghost:     RGBA{0x9A, 0xA4, 0xB2, 0x60},
	Selected:  okYellow,
	Plan:      okBlue,
	PlanOld:   okPurple,
	Lane:      RGBA{0x22, 0x29, 0x34, 0xFF},
}

// Light is the palette for light mode: the same signal colours, darkened
// where they sit on white.
var Light = Palette{
	Bg:        RGBA{0xF6, 0xF7, 0xF9, 0xFF},
	Panel:     RGBA{0xFF, 0xFF, 0xFF, 0xFF},
	PanelHi:   RGBA{0xE6, 0xEA, 0xF0, 0xFF},
	Border:    RGBA{0xB8, 0xC0, 0xCC, 0xFF},
	Grid:      RGBA{0xD8, 0xDD, 0xE4, 0xFF},
	Text:      RGBA{0x10, 0x16, 0x20, 0xFF},
	TextDim:   RGBA{0x33, 0x3D, 0x4B, 0xFF},
	TextFaint: RGBA{0x5A, 0x65, 0x73, 0xFF},
	Accent:    okBlue,
	OK:        okGreen,
	Warn:      RGBA{0xC0, 0x7A, 0x00, 0xFF},
	Bad:       okVermilion,
	Info:      okBlue,
	Ghost:     RGBA{0x50, 0x5A, 0x68, 0x50},
	Selected:  RGBA{0xB8, 0x8A, 0x00, 0xFF},
	Plan:      RGBA{0x7F, 0xB8, 0xE0, 0xFF},
	PlanOld:   okPurple,
	Lane:      RGBA{0xEE, 0xF1, 0xF5, 0xFF},
}

// HighContrast is a palette for the high-contrast theme.
var HighContrast = Palette{
	Bg:        RGBA{0, 0, 0, 0xFF},
	Panel:     RGBA{0x08, 0x08, 0x08, 0xFF},
	PanelHi:   RGBA{0x20, 0x20, 0x20, 0xFF},
	Border:    RGBA{0xFF, 0xFF, 0xFF, 0xFF},
	Grid:      RGBA{0x60, 0x60, 0x60, 0xFF},
	Text:      RGBA{0xFF, 0xFF, 0xFF, 0xFF},
	TextDim:   RGBA{0xFF, 0xFF, 0xFF, 0xFF},
	TextFaint: RGBA{0xD0, 0xD0, 0xD0, 0xFF},
	Accent:    okSky,
	OK:        okGreen,
	Warn:      okYellow,
	Bad:       okVermilion,
	Info:      okSky,
	Ghost:     RGBA{0xFF, 0xFF, 0xFF, 0x80},
	Selected:  okYellow,
	Plan:      okSky,
	PlanOld:   okPurple,
	Lane:      RGBA{0x18, 0x18, 0x18, 0xFF},
}

// Mark is the colour and shape for one state.
type Mark struct {
	Color RGBA
	Shape Shape
}

// SeverityMark is the colour and shape of a severity: healthy is a green
// circle, degraded an orange triangle, down a vermilion square.
func (p Palette) SeverityMark(s sim.Severity) Mark {
	switch s {
	case sim.Down:
		return Mark{p.Bad, ShapeSquare}
	case sim.Degraded:
		return Mark{p.Warn, ShapeTriangle}
	}
	return Mark{p.OK, ShapeCircle}
}

// HealthSeverity grades a health sample (1 healthy, 0 down).
func HealthSeverity(h float64) sim.Severity {
	switch {
	case h < 0.35:
		return sim.Down
	case h < 0.95:
		return sim.Degraded
	}
	return sim.Healthy
}

// VerdictMark is the colour and shape of a verdict kind: prevented and
// contained are good, avoided good for the night only (a square, not the
// circle of a fix), shortened partly so, unchanged neutral, worse bad.
func (p Palette) VerdictMark(kind string) Mark {
	switch kind {
	case "prevented":
		return Mark{p.OK, ShapeCircle}
	case "avoided":
		// A ring with a dot: close to prevented's disc, and not the
		// square that marks a stage or service down.
		return Mark{p.OK, ShapeTarget}
	case "contained":
		return Mark{p.Info, ShapeDiamond}
	case "shortened":
		return Mark{p.Warn, ShapeTriangle}
	case "worse":
		return Mark{p.Bad, ShapeCross}
	}
	return Mark{p.TextFaint, ShapeRing}
}

package view

import (
	"bytes"
	"image/color"
	"math"
	"time"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/goregular"

	vm "github.com/outagelab/outage/game/viewmodel"
)

// Font styles.
type style int

const (
	regular style = iota
	bold
	mono
	numStyles
)

var sources [numStyles]*text.GoTextFaceSource

func loadFonts() {
	if sources[regular] != nil {
		return
	}
	for i, b := range [][]byte{goregular.TTF} {
		s, err := text.NewGoTextFaceSource(bytes.NewReader(b))
		if err != nil {
			panic(err) // embedded fonts: cannot fail
		}
		sources[i] = s
	}
	// Go Regular's digits share one width, so clocks line up without a
	// third font in the download.
	sources[mono] = sources[regular]
	// Bold is Go Regular drawn twice, emboldenEm apart: a second font
	// would add about 50 KB to the compressed download.
	sources[bold] = sources[regular]
}

type faceKey struct {
	st   style
	size float64
}

// fonts hands out faces by style and size in device pixels, and measures
// text with a cache so layout work is not repeated each frame.
type fonts struct {
	// estimate makes width guess instead of shaping (the first frame,
	// which draws no text, lays out with it).
	estimate bool
	faces    map[faceKey]*text.GoTextFace
	widths   map[widthKey]float64
	fitted   map[fitKey]string
	wrapped  map[fitKey][]string
}

type widthKey struct {
	f faceKey
	s string
}

type fitKey struct {
	f     faceKey
	s     string
	w     float64
	lines int
}

// newFonts makes the faces' table; the font files are parsed when the
// first face is asked for (the first frame draws no text).
func newFonts() *fonts {
	return &fonts{faces: map[faceKey]*text.GoTextFace{}, widths: map[widthKey]float64{},
		fitted: map[fitKey]string{}, wrapped: map[fitKey][]string{}}
}

// reset drops measurements (after a resize or language change the sets
// of strings and widths change; this bounds the caches).
func (f *fonts) reset() {
	clear(f.widths)
	clear(f.fitted)
	clear(f.wrapped)
}

func (f *fonts) face(st style, size float64) *text.GoTextFace {
	size = math.Max(6, math.Round(size))
	k := faceKey{st, size}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	loadFonts()
	fc := &text.GoTextFace{Source: sources[st], Size: size}
	f.faces[k] = fc
	return fc
}

// emboldenEm is how far apart, in ems, bold text's two strokes are drawn.
const emboldenEm = 0.045

// embolden is the extra width of bold text at size, in pixels.
func embolden(st style, size float64) float64 {
	if st != bold {
		return 0
	}
	return math.Max(0.6, math.Round(size*emboldenEm*2)/2)
}

// drawText draws s once, or twice side by side for bold.
func drawText(dst *ebiten.Image, s string, st style, fc *text.GoTextFace, op *text.DrawOptions) {
	text.Draw(dst, s, fc, op)
	if d := embolden(st, fc.Size); d > 0 {
		op.GeoM.Translate(d, 0)
		text.Draw(dst, s, fc, op)
	}
}

func (f *fonts) width(st style, size float64, s string) float64 {
	size = math.Max(6, math.Round(size))
	if f.estimate {
		return float64(utf8.RuneCountInString(s)) * size * 0.55
	}
	k := widthKey{faceKey{st, size}, s}
	if w, ok := f.widths[k]; ok {
		return w
	}
	if len(f.widths) > 20000 {
		clear(f.widths)
	}
	w := text.Advance(s, f.face(st, size)) + embolden(st, size)
	f.widths[k] = w
	return w
}

func (f *fonts) measure(st style, size float64) vm.Measure {
	extra := embolden(st, math.Max(6, math.Round(size)))
	return func(s string) float64 { return text.Advance(s, f.face(st, size)) + extra }
}

// fit returns s ellipsized to width w.
func (f *fonts) fit(st style, size float64, s string, w float64) string {
	size = math.Max(6, math.Round(size))
	k := fitKey{faceKey{st, size}, s, math.Round(w), 1}
	if r, ok := f.fitted[k]; ok {
		return r
	}
	if len(f.fitted) > 4000 {
		clear(f.fitted)
	}
	r := vm.Ellipsize(s, w, f.measure(st, size))
	f.fitted[k] = r
	return r
}

// hasFit reports whether fit has s at width w cached.
func (f *fonts) hasFit(st style, size float64, s string, w float64) bool {
	size = math.Max(6, math.Round(size))
	_, ok := f.fitted[fitKey{faceKey{st, size}, s, math.Round(w), 1}]
	return ok
}

// wrap returns s broken into at most lines lines of width w.
func (f *fonts) wrap(st style, size float64, s string, w float64, lines int) []string {
	size = math.Max(6, math.Round(size))
	k := fitKey{faceKey{st, size}, s, math.Round(w), lines}
	if r, ok := f.wrapped[k]; ok {
		return r
	}
	if len(f.wrapped) > 2000 {
		clear(f.wrapped)
	}
	r := vm.Wrap(s, w, f.measure(st, size), lines)
	f.wrapped[k] = r
	return r
}

func col(c vm.RGBA) color.RGBA {
	// ebiten wants premultiplied colours.
	a := uint16(c.A)
	return color.RGBA{uint8(uint16(c.R) * a / 255), uint8(uint16(c.G) * a / 255), uint8(uint16(c.B) * a / 255), c.A}
}

// painter draws shapes and text on one image, reusing its buffers.
type painter struct {
	dst *ebiten.Image
	f   *fonts
	at  *textAtlas
	dop text.DrawOptions
	top ebiten.DrawTrianglesOptions
	// deadline is when the frame stops drawing strings not drawn before;
	// deferred says it left some for the next frame. noText leaves out
	// all text (the first frame).
	deadline time.Time
	deferred bool
	noText   bool
	vs       []ebiten.Vertex
	is       []uint16
	pts      []float64
}

func (p *painter) rect(r vm.Rect, c vm.RGBA) {
	if r.Empty() || c.A == 0 {
		return
	}
	p.reserve(4)
	b := p.vert(r.X, r.Y, c)
	p.vert(r.Right(), r.Y, c)
	p.vert(r.Right(), r.Bottom(), c)
	p.vert(r.X, r.Bottom(), c)
	p.is = append(p.is, b, b+1, b+2, b, b+2, b+3)
}

func (p *painter) strokeRect(r vm.Rect, w float64, c vm.RGBA) {
	if r.Empty() {
		return
	}
	p.rect(vm.R(r.X, r.Y, r.W, w), c)
	p.rect(vm.R(r.X, r.Bottom()-w, r.W, w), c)
	p.rect(vm.R(r.X, r.Y+w, w, r.H-2*w), c)
	p.rect(vm.R(r.Right()-w, r.Y+w, w, r.H-2*w), c)
}

// Shapes and rectangles are triangles drawn with the white pixel, gathered
// into one vertex buffer and drawn with a single DrawTriangles call when
// text or an image must go on top (flush), so a frame costs few calls.

// reserve makes room for n more vertices in the batch (uint16 indices).
func (p *painter) reserve(n int) {
	if len(p.vs)+n > 65000 {
		p.flush()
	}
}

func (p *painter) vert(x, y float64, c vm.RGBA) uint16 {
	cc := col(c)
	p.vs = append(p.vs, ebiten.Vertex{DstX: float32(x), DstY: float32(y), SrcX: 1.5, SrcY: 1.5,
		ColorR: float32(cc.R) / 255, ColorG: float32(cc.G) / 255, ColorB: float32(cc.B) / 255, ColorA: float32(cc.A) / 255})
	return uint16(len(p.vs) - 1)
}

// flush draws the batched shapes and text.
func (p *painter) flush() {
	if len(p.is) > 0 && p.dst != nil {
		p.top = ebiten.DrawTrianglesOptions{}
		p.dst.DrawTriangles(p.vs, p.is, p.at.image(), &p.top)
	}
	p.vs = p.vs[:0]
	p.is = p.is[:0]
}

// polyPts fills the convex polygon in p.pts.
func (p *painter) fillPts(c vm.RGBA) {
	n := len(p.pts) / 2
	if n < 3 || c.A == 0 {
		return
	}
	p.reserve(n)
	base := p.vert(p.pts[0], p.pts[1], c)
	for i := 1; i < n; i++ {
		p.vert(p.pts[2*i], p.pts[2*i+1], c)
	}
	for i := 1; i+1 < n; i++ {
		p.is = append(p.is, base, base+uint16(i), base+uint16(i+1))
	}
}

// strokePts outlines the closed polygon in p.pts with width w (mitred
// by offsetting along vertex normals, fine for convex shapes).
func (p *painter) strokePts(w float64, c vm.RGBA) {
	n := len(p.pts) / 2
	if n < 2 || c.A == 0 {
		return
	}
	// Centroid, to offset inwards and outwards.
	cx, cy := 0.0, 0.0
	for i := range n {
		cx += p.pts[2*i]
		cy += p.pts[2*i+1]
	}
	cx /= float64(n)
	cy /= float64(n)
	p.reserve(2 * n)
	base := uint16(len(p.vs))
	for i := range n {
		x, y := p.pts[2*i], p.pts[2*i+1]
		dx, dy := x-cx, y-cy
		d := math.Hypot(dx, dy)
		if d == 0 {
			d = 1
		}
		// Offset along the radial direction: exact for circles, close for
		// rounded rectangles.
		ox, oy := dx/d*w/2, dy/d*w/2
		p.vert(x-ox, y-oy, c)
		p.vert(x+ox, y+oy, c)
	}
	for i := range n {
		j := (i + 1) % n
		a, b, cc, d := base+uint16(2*i), base+uint16(2*i+1), base+uint16(2*j), base+uint16(2*j+1)
		p.is = append(p.is, a, b, cc, b, d, cc)
	}
}

func (p *painter) roundPts(r vm.Rect, rad float64) {
	rad = math.Max(0, math.Min(rad, math.Min(r.W, r.H)/2))
	p.pts = p.pts[:0]
	seg := 5
	corners := [4][3]float64{
		{r.Right() - rad, r.Y + rad, -math.Pi / 2},
		{r.Right() - rad, r.Bottom() - rad, 0},
		{r.X + rad, r.Bottom() - rad, math.Pi / 2},
		{r.X + rad, r.Y + rad, math.Pi},
	}
	for _, c := range corners {
		for k := 0; k <= seg; k++ {
			a := c[2] + float64(k)/float64(seg)*math.Pi/2
			p.pts = append(p.pts, c[0]+rad*math.Cos(a), c[1]+rad*math.Sin(a))
		}
	}
}

func (p *painter) circlePts(cx, cy, r float64) {
	n := int(vm.Clamp(r*0.9, 10, 48))
	p.pts = p.pts[:0]
	for k := range n {
		a := float64(k) / float64(n) * 2 * math.Pi
		p.pts = append(p.pts, cx+r*math.Cos(a), cy+r*math.Sin(a))
	}
}

func (p *painter) round(r vm.Rect, rad float64, c vm.RGBA) {
	if r.Empty() || c.A == 0 {
		return
	}
	p.roundPts(r, rad)
	p.fillPts(c)
}

func (p *painter) roundStroke(r vm.Rect, rad, w float64, c vm.RGBA) {
	if r.Empty() {
		return
	}
	p.roundPts(r, rad)
	p.strokePts(w, c)
}

func (p *painter) line(x0, y0, x1, y1, w float64, c vm.RGBA) {
	dx, dy := x1-x0, y1-y0
	d := math.Hypot(dx, dy)
	if d == 0 || c.A == 0 {
		return
	}
	nx, ny := -dy/d*w/2, dx/d*w/2
	p.pts = append(p.pts[:0], x0+nx, y0+ny, x1+nx, y1+ny, x1-nx, y1-ny, x0-nx, y0-ny)
	p.fillPts(c)
}

func (p *painter) circle(cx, cy, r float64, c vm.RGBA) {
	p.circlePts(cx, cy, r)
	p.fillPts(c)
}

func (p *painter) ring(cx, cy, r, w float64, c vm.RGBA) {
	p.circlePts(cx, cy, r)
	p.strokePts(w, c)
}

func (p *painter) poly(c vm.RGBA, xy ...float64) {
	p.pts = append(p.pts[:0], xy...)
	p.fillPts(c)
}

// arrow draws a line with a head at (x1, y1).
func (p *painter) arrow(x0, y0, x1, y1, w float64, c vm.RGBA) {
	ang := math.Atan2(y1-y0, x1-x0)
	h := math.Max(w*4, 5)
	bx, by := x1-h*0.8*math.Cos(ang), y1-h*0.8*math.Sin(ang)
	p.line(x0, y0, bx, by, w, c)
	p.poly(c, x1, y1,
		x1-h*math.Cos(ang-0.45), y1-h*math.Sin(ang-0.45),
		x1-h*math.Cos(ang+0.45), y1-h*math.Sin(ang+0.45))
}

// shape draws a mark of radius r centred at (cx, cy).
func (p *painter) shape(s vm.Shape, cx, cy, r float64, c vm.RGBA) {
	switch s {
	case vm.ShapeCircle:
		p.circle(cx, cy, r, c)
	case vm.ShapeRing:
		p.ring(cx, cy, r*0.8, math.Max(1, r*0.35), c)
	case vm.ShapeTarget:
		p.ring(cx, cy, r*0.85, math.Max(1, r*0.28), c)
		p.circle(cx, cy, r*0.35, c)
	case vm.ShapeSquare:
		p.rect(vm.R(cx-r*0.85, cy-r*0.85, r*1.7, r*1.7), c)
	case vm.ShapeTriangle:
		p.poly(c, cx, cy-r, cx+r*0.95, cy+r*0.75, cx-r*0.95, cy+r*0.75)
	case vm.ShapeDiamond:
		p.poly(c, cx, cy-r, cx+r, cy, cx, cy+r, cx-r, cy)
	case vm.ShapeCross:
		w := math.Max(1.5, r*0.45)
		p.line(cx-r*0.75, cy-r*0.75, cx+r*0.75, cy+r*0.75, w, c)
		p.line(cx-r*0.75, cy+r*0.75, cx+r*0.75, cy-r*0.75, w, c)
	}
}

// Text alignment.
type align int

const (
	left align = iota
	center
	right
)

// text draws s with its top at y (x per alignment).
func (p *painter) text(s string, st style, size, x, y float64, al align, c vm.RGBA) {
	if s == "" || p.noText {
		return
	}
	size = math.Max(6, math.Round(size))
	// Aligned from a whole pixel, as before the atlas: its copies are
	// rendered with the same alignment, so glyphs land on the same
	// subpixel positions either way.
	ox, oy := math.Round(x), math.Round(y)
	a := p.at
	a.image()
	k := textKey{s, faceKey{st, size}, al}
	if sl, ok := a.slots[k]; ok {
		p.quad(sl, ox, oy, c)
		return
	}
	last, seen := a.seen[k]
	seen = seen && last >= a.frame-1
	// A string shown last frame is never left out.
	if !seen && p.late() {
		return
	}
	fc := p.f.face(st, size)
	if seen {
		if sl := p.cache(k, fc); sl != nil {
			p.quad(sl, ox, oy, c)
			return
		}
	}
	a.seen[k] = a.frame
	p.flush() // shapes drawn so far go under the text
	p.dop.GeoM.Reset()
	p.dop.GeoM.Translate(ox, oy)
	p.dop.ColorScale.Reset()
	p.dop.ColorScale.ScaleWithColor(col(c))
	p.dop.PrimaryAlign = textAlign(al)
	p.dop.SecondaryAlign = text.AlignStart
	p.dop.LineSpacing = 0
	drawText(p.dst, s, st, fc, &p.dop)
}

// late reports whether the frame is past its deadline for new strings,
// and if so that it has deferred one.
func (p *painter) late() bool {
	if time.Now().Before(p.deadline) {
		return false
	}
	p.deferred = true
	return true
}

func textAlign(al align) text.Align {
	switch al {
	case center:
		return text.AlignCenter
	case right:
		return text.AlignEnd
	}
	return text.AlignStart
}

// cache renders k's string into the atlas (starting the atlas over when
// full) and returns its slot, or nil when it cannot fit at all.
func (p *painter) cache(k textKey, fc *text.GoTextFace) *textSlot {
	a := p.at
	w := p.f.width(k.f.st, k.f.size, k.s)
	pad := textPad(k.f.size)
	m := fc.Metrics()
	bw := int(math.Ceil(w)) + 2*pad + 1
	bh := int(math.Ceil(m.HAscent+m.HDescent)) + 2*pad
	r, ok := a.alloc(bw, bh)
	if !ok {
		// Quads drawn so far this frame use the old contents.
		p.flush()
		a.reset()
		if r, ok = a.alloc(bw, bh); !ok {
			return nil
		}
	}
	// The anchor (the x the alignment is from) sits dx right of the
	// slot's left edge.
	dx := pad
	switch k.al {
	case center:
		dx += int(math.Ceil(w / 2))
	case right:
		dx += int(math.Ceil(w))
	}
	a.dop.GeoM.Reset()
	a.dop.GeoM.Translate(float64(r.Min.X+dx), float64(r.Min.Y+pad))
	a.dop.ColorScale.Reset()
	a.dop.PrimaryAlign = textAlign(k.al)
	a.dop.SecondaryAlign = text.AlignStart
	drawText(a.img.SubImage(r).(*ebiten.Image), k.s, k.f.st, fc, &a.dop)
	sl := &textSlot{r: r, dx: dx, pad: pad}
	a.slots[k] = sl
	delete(a.seen, k)
	return sl
}

// quad draws a string from the atlas with its anchor at (ox, oy).
func (p *painter) quad(sl *textSlot, ox, oy float64, c vm.RGBA) {
	if c.A == 0 {
		return
	}
	p.reserve(4)
	x0, y0 := float32(ox)-float32(sl.dx), float32(oy)-float32(sl.pad)
	w, h := float32(sl.r.Dx()), float32(sl.r.Dy())
	sx, sy := float32(sl.r.Min.X), float32(sl.r.Min.Y)
	// Straight alpha, as DrawTriangles takes vertex colours by default:
	// the same tint as the direct draw's premultiplied colour scale.
	r, g, b, al := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	base := uint16(len(p.vs))
	p.vs = append(p.vs,
		ebiten.Vertex{DstX: x0, DstY: y0, SrcX: sx, SrcY: sy, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
		ebiten.Vertex{DstX: x0 + w, DstY: y0, SrcX: sx + w, SrcY: sy, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
		ebiten.Vertex{DstX: x0 + w, DstY: y0 + h, SrcX: sx + w, SrcY: sy + h, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
		ebiten.Vertex{DstX: x0, DstY: y0 + h, SrcX: sx, SrcY: sy + h, ColorR: r, ColorG: g, ColorB: b, ColorA: al})
	p.is = append(p.is, base, base+1, base+2, base, base+2, base+3)
}

// fitText draws s ellipsized to the width of r, vertically centred in r.
func (p *painter) fitText(s string, st style, size float64, r vm.Rect, al align, c vm.RGBA) {
	if r.W <= 0 || p.noText {
		return
	}
	if !p.f.hasFit(st, size, s, r.W) && p.late() {
		return
	}
	s = p.f.fit(st, size, s, r.W)
	x := r.X
	switch al {
	case center:
		x = r.CX()
	case right:
		x = r.Right()
	}
	p.text(s, st, size, x, r.CY()-lineBox(size)/2, al, c)
}

// lineBox is the height of one line of text of size.
func lineBox(size float64) float64 { return math.Round(size * 1.2) }

// para draws s wrapped into r (at most maxLines, 0 = as many as fit) and
// returns the height used.
func (p *painter) para(s string, st style, size float64, r vm.Rect, c vm.RGBA, maxLines int) float64 {
	lh := math.Round(size * 1.32)
	fit := int(r.H / lh)
	if p.noText {
		return 0
	}
	if maxLines <= 0 || maxLines > fit {
		maxLines = fit
	}
	if maxLines <= 0 {
		return 0
	}
	lines := p.f.wrap(st, size, s, r.W, maxLines)
	y := r.Y
	for _, ln := range lines {
		p.text(ln, st, size, r.X, y, left, c)
		y += lh
	}
	return y - r.Y
}

// fitAny draws the first of ss that fits the width of r whole; when none
// does, the last one ellipsized. Boxes offer a long and a short wording
// so that the key words are never cut.
func (p *painter) fitAny(st style, size float64, r vm.Rect, al align, c vm.RGBA, ss ...string) {
	if r.W <= 0 || len(ss) == 0 || p.noText {
		return
	}
	for _, s := range ss[:len(ss)-1] {
		if p.f.width(st, size, s) <= r.W {
			p.fitText(s, st, size, r, al, c)
			return
		}
	}
	p.fitText(ss[len(ss)-1], st, size, r, al, c)
}

// fits reports whether s fits width w whole.
func (p *painter) fits(st style, size float64, s string, w float64) bool {
	return p.f.width(st, size, s) <= w
}

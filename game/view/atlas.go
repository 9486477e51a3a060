package view

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The painter draws from one image, the atlas: a white block for shapes
// and the frame's text, each string rendered once (white) into a slot of
// its own and then drawn as one quad tinted by its vertex colour. A frame
// is then a handful of DrawTriangles calls instead of one DrawImage per
// glyph, and strings are not laid out again every frame.
//
// A string is rendered into the atlas the second frame in a row it is
// drawn; before that it is drawn directly, so text that changes every
// frame does not fill the atlas. When the atlas is full it starts over.

const (
	atlasW = 2048
	atlasH = 1024
	// whiteSize is the white block at the atlas's origin; shapes sample
	// its centre.
	whiteSize = 4
)

type textKey struct {
	s  string
	f  faceKey
	al align
}

// textSlot is where a string is in the atlas: its box (with padding
// around the ink) and where in the box the string's anchor is.
type textSlot struct {
	r       image.Rectangle
	dx, pad int
}

type shelf struct {
	y, h, x int
}

type textAtlas struct {
	img     *ebiten.Image
	slots   map[textKey]*textSlot
	seen    map[textKey]int // frame a string not yet in the atlas was last drawn
	shelves []shelf
	bottom  int
	frame   int
	// dop draws strings into the atlas.
	dop text.DrawOptions
}

func newTextAtlas() *textAtlas {
	return &textAtlas{slots: map[textKey]*textSlot{}, seen: map[textKey]int{}}
}

// image returns the atlas, making it (with its white block) on first use.
func (a *textAtlas) image() *ebiten.Image {
	if a.img == nil {
		a.img = ebiten.NewImageWithOptions(image.Rect(0, 0, atlasW, atlasH), &ebiten.NewImageOptions{Unmanaged: true})
		a.reset()
	}
	return a.img
}

// reset empties the atlas but for its white block.
func (a *textAtlas) reset() {
	clear(a.slots)
	clear(a.seen)
	a.shelves = a.shelves[:0]
	a.bottom = whiteSize + 1
	a.img.Clear()
	a.img.SubImage(image.Rect(0, 0, whiteSize, whiteSize)).(*ebiten.Image).Fill(color.White)
}

// alloc finds room for a w×h box, or reports that the atlas is full.
func (a *textAtlas) alloc(w, h int) (image.Rectangle, bool) {
	if w > atlasW || h > atlasH {
		return image.Rectangle{}, false
	}
	// Shelves are as tall as their first box, rounded up to 4 pixels; a
	// box goes on the first shelf tall enough, and not much taller.
	for i := range a.shelves {
		s := &a.shelves[i]
		if h <= s.h && h*4 >= s.h*3 && s.x+w <= atlasW {
			r := image.Rect(s.x, s.y, s.x+w, s.y+h)
			s.x += w + 1
			return r, true
		}
	}
	sh := (h + 3) &^ 3
	if a.bottom+sh > atlasH {
		return image.Rectangle{}, false
	}
	a.shelves = append(a.shelves, shelf{y: a.bottom, h: sh, x: w + 1})
	r := image.Rect(0, a.bottom, w, a.bottom+h)
	a.bottom += sh + 1
	return r, true
}

// textPad is the room left around a string's advance box for ink that
// overhangs it.
func textPad(size float64) int { return int(math.Ceil(size*0.25)) + 1 }

// nextFrame starts a frame, forgetting strings not drawn lately.
func (a *textAtlas) nextFrame() {
	a.frame++
	if a.frame%128 == 0 {
		for k, f := range a.seen {
			if f < a.frame-2 {
				delete(a.seen, k)
			}
		}
	}
}

package view

import (
	"image"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAtlasAlloc(t *testing.T) {
	a := newTextAtlas()
	a.bottom = whiteSize + 1
	var got []image.Rectangle
	for range 50 {
		r, ok := a.alloc(300, 17)
		if !ok {
			break
		}
		for _, o := range got {
			assert.False(t, r.Overlaps(o), "%v overlaps %v", r, o)
		}
		assert.True(t, r.In(image.Rect(0, 0, atlasW, atlasH)))
		assert.False(t, r.Overlaps(image.Rect(0, 0, whiteSize, whiteSize)), "the white block stays")
		got = append(got, r)
	}
	assert.Len(t, got, 50)
	// Shorter boxes share a shelf when not much shorter; much shorter ones
	// get a shelf of their own.
	r1, _ := a.alloc(10, 16)
	assert.Equal(t, got[0].Min.Y, r1.Min.Y, "in the first shelf's spare room")
	r2, _ := a.alloc(10, 6)
	assert.Greater(t, r2.Min.Y, got[len(got)-1].Min.Y)
	// Too big never fits; a full atlas says so.
	_, ok := a.alloc(atlasW+1, 10)
	assert.False(t, ok)
	for {
		if _, ok := a.alloc(atlasW, 40); !ok {
			break
		}
	}
	_, ok = a.alloc(atlasW, 40)
	assert.False(t, ok)
}

func TestWindowMean(t *testing.T) {
	var w window
	assert.Zero(t, w.mean())
	w.add(2 * time.Millisecond)
	w.add(4 * time.Millisecond)
	assert.InDelta(t, 3, w.mean(), 1e-9)
	for range 100 {
		w.add(time.Millisecond)
	}
	assert.InDelta(t, 1, w.mean(), 1e-9, "only the last frames count")
}

func TestZeroDigits(t *testing.T) {
	assert.Equal(t, "00:00:00 PDT  00:00 UTC", zeroDigits("23:48:12 PDT  06:48 UTC"))
}

package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeLayout(t *testing.T) {
	want := map[string]Rect{"controls.play": {10, 20, 44, 44}}
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"object of rects", `{"controls.play": {"x": 10, "y": 20, "w": 44, "h": 44}}`, true},
		{"width and height", `{"controls.play": {"x": 10, "y": 20, "width": 44, "height": 44}}`, true},
		{"capitalised", `{"controls.play": {"X": 10, "Y": 20, "W": 44, "H": 44}}`, true},
		{"array with names", `[{"name": "controls.play", "x": 10, "y": 20, "w": 44, "h": 44}]`, true},
		{"array with ids, wrapped", `{"widgets": [{"id": "controls.play", "x": 10, "y": 20, "w": 44, "h": 44}]}`, true},
		{"no size", `{"controls.play": {"x": 10, "y": 20}}`, false},
		{"not a layout", `"nope"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeLayout([]byte(tt.in))
			if !tt.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestLayoutProblems(t *testing.T) {
	view := Rect{0, 0, 360, 640}
	tests := []struct {
		name   string
		layout map[string]Rect
		want   int
	}{
		{"fine", map[string]Rect{"a": {0, 0, 360, 100}, "b": {0, 100, 360, 100}, "a.x": {0, 0, 44, 44}}, 0},
		{"touching edges is fine", map[string]Rect{"a": {0, 0, 180, 10}, "b": {180, 0, 180, 10}}, 0},
		{"siblings overlap", map[string]Rect{"a": {0, 0, 200, 100}, "b": {100, 50, 200, 100}}, 1},
		{"child inside parent is fine", map[string]Rect{"panel": {0, 0, 360, 640}, "panel.list": {0, 0, 100, 100}}, 0},
		{"outside the viewport", map[string]Rect{"a": {300, 600, 100, 100}}, 1},
		{"empty widgets ignored", map[string]Rect{"a": {0, 0, 0, 0}, "b": {-50, 0, 0, 10}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Len(t, LayoutProblems(tt.layout, view), tt.want)
		})
	}
}

func picture(t *testing.T, f func(x, y int) color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			img.Set(x, y, f(x, y))
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

func TestContentAndDifference(t *testing.T) {
	flat := picture(t, func(x, y int) color.Color { return color.RGBA{10, 20, 30, 255} })
	busy := picture(t, func(x, y int) color.Color { return color.RGBA{uint8(x * 4), uint8(y * 4), 128, 255} })
	n, dom, err := Content(flat)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, 1.0, dom)
	n, dom, err = Content(busy)
	require.NoError(t, err)
	assert.Greater(t, n, 100)
	assert.Less(t, dom, 0.1)

	d, err := Difference(flat, flat)
	require.NoError(t, err)
	assert.Zero(t, d)
	d, err = Difference(flat, busy)
	require.NoError(t, err)
	assert.Greater(t, d, 0.9)
}

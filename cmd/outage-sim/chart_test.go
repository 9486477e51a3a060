package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	return img
}

// colours counts how many pixels of img have each colour.
func colours(img image.Image) map[color.RGBA]int {
	out := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			out[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	return out
}

func TestChart(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		width int
		ghost bool
	}{
		{"the real night", nil, 1200, false},
		{"a what-if over the real night", []string{"--safeguards", "empty-endpoint-alarm,dwfm-admission-control"}, 1200, true},
		{"narrow", []string{"--width", "480", "--safeguards", "self-healing-rollback"}, 480, true},
		{"wide", []string{"--width", "2000"}, 2000, false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, string(rune('a'+i))+".png")
			code, out, errOut := call(append([]string{"chart", "-o", path}, tt.args...)...)
			require.Equal(t, 0, code, errOut)
			assert.Empty(t, out)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			img := decodePNG(t, b)
			assert.Equal(t, tt.width, img.Bounds().Dx())
			assert.Greater(t, img.Bounds().Dy(), img.Bounds().Dx()/3)
			cs := colours(img)
			assert.Greater(t, len(cs), 10, "not a flat image")
			assert.Less(t, cs[colBackground], img.Bounds().Dx()*img.Bounds().Dy()*9/10, "mostly background, but not only")
			// Down is solid, degraded hatched with its own colours, the
			// real night grey: all present.
			for _, c := range []color.RGBA{colDown, colDegraded, colDegradedBg, colMarker} {
				assert.Greater(t, cs[c], 50, "colour %v", c)
			}
			// Anti-aliased text makes a few pale grey pixels anyway; the
			// ghost makes many.
			ghostShare := float64(cs[colGhostBg]+cs[colGhost]) / float64(img.Bounds().Dx()*img.Bounds().Dy())
			assert.Equal(t, tt.ghost, ghostShare > 0.01, "ghost of the real night: %.4f of the pixels", ghostShare)
		})
	}
}

func TestChartToStandardOutput(t *testing.T) {
	code, out, errOut := call("chart", "-o", "-", "--width", "600")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, 600, decodePNG(t, []byte(out)).Bounds().Dx())
}

func TestChartIsDeterministic(t *testing.T) {
	_, a, _ := call("chart", "-o", "-", "--width", "640", "--safeguards", "serve-stale")
	_, b, _ := call("chart", "-o", "-", "--width", "640", "--safeguards", "serve-stale")
	assert.True(t, a == b, "same inputs, same bytes")
}

func TestChartBadOutputPath(t *testing.T) {
	dir := t.TempDir()
	for name, path := range map[string]string{
		"missing directory": filepath.Join(dir, "no", "such", "dir", "timeline.png"),
		"a directory":       dir,
	} {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := call("chart", "-o", path, "--width", "480")
			assert.Equal(t, 1, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, "outage-sim chart: writing PNG:")
			assert.Contains(t, errOut, path)
		})
	}
}

func TestWrapAndFit(t *testing.T) {
	fo, err := loadFonts(1)
	require.NoError(t, err)
	lines := wrap(fo.body, "What if: apply-time-check + spare-active-plan + self-healing-rollback?", 200)
	assert.Greater(t, len(lines), 1)
	for _, l := range lines {
		assert.LessOrEqual(t, textWidth(fo.body, l), 200, l)
	}
	assert.Equal(t, "DynamoDB", fit(fo.body, "DynamoDB", 500))
	short := fit(fo.body, "SQS event sources (Lambda)", 60)
	assert.LessOrEqual(t, textWidth(fo.body, short), 60)
	assert.Contains(t, short, "…")
}

package viewmodel

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRectCuts(t *testing.T) {
	r := R(10, 20, 100, 50)
	top, rest := r.CutTop(10)
	assert.Equal(t, R(10, 20, 100, 10), top)
	assert.Equal(t, R(10, 30, 100, 40), rest)
	right, rest := r.CutRight(30)
	assert.Equal(t, R(80, 20, 30, 50), right)
	assert.Equal(t, R(10, 20, 70, 50), rest)
	over, rest := r.CutBottom(500)
	assert.Equal(t, r, over)
	assert.True(t, rest.Empty())
	assert.True(t, r.Contains(10, 20))
	assert.False(t, r.Contains(110, 20))
	assert.True(t, R(0, 0, 10, 10).Overlaps(R(9, 9, 5, 5)))
	assert.False(t, R(0, 0, 10, 10).Overlaps(R(10, 0, 5, 5)))
}

// mono measures every rune as 10 pixels.
func mono(s string) float64 { return float64(len([]rune(s))) * 10 }

func TestEllipsize(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width float64
		want  string
	}{
		{"hello", 50, "hello"},
		{"hello world", 60, "hello…"},
		{"hello world", 10, "…"},
		{"hello", 5, ""},
		{"héllo wörld", 40, "hél…"},
	} {
		got := Ellipsize(tc.in, tc.width, mono)
		assert.Equal(t, tc.want, got, "%q in %v", tc.in, tc.width)
		assert.LessOrEqual(t, mono(got), tc.width)
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in       string
		width    float64
		maxLines int
		want     []string
	}{
		{"one two three", 100, 0, []string{"one two", "three"}},
		{"one two three", 200, 0, []string{"one two three"}},
		{"abcdefghijkl", 50, 0, []string{"abcde", "fghij", "kl"}},
		{"one two three four five", 80, 2, []string{"one two", "three f…"}},
		{"a\nb", 100, 0, []string{"a", "b"}},
	} {
		got := Wrap(tc.in, tc.width, mono, tc.maxLines)
		assert.Equal(t, tc.want, got, tc.in)
		for _, l := range got {
			assert.LessOrEqual(t, mono(l), tc.width, l)
		}
		if tc.maxLines > 0 {
			assert.LessOrEqual(t, len(got), tc.maxLines)
		}
	}
	// Every word survives unwrapped text.
	assert.Equal(t, "one two three", strings.Join(Wrap("one two three", 70, mono, 0), " "))
}

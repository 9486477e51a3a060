package viewmodel

import (
	"strings"
	"unicode/utf8"
)

// Measure returns the width of s in device pixels for some face.
type Measure func(s string) float64

// Ellipsis ends text cut to fit.
const Ellipsis = "…"

// Ellipsize returns s if it fits in width, else the longest prefix that
// fits followed by an ellipsis (or "" when not even that fits).
func Ellipsize(s string, width float64, m Measure) string {
	if m(s) <= width {
		return s
	}
	if m(Ellipsis) > width {
		return ""
	}
	// Binary search over rune boundaries for the longest fitting prefix.
	idx := make([]int, 0, len(s))
	for i := range s {
		idx = append(idx, i)
	}
	lo, hi := 0, len(idx) // prefix s[:idx[k]] for k in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if mid < len(idx) && m(strings.TrimRight(s[:idx[mid]], " ")+Ellipsis) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return Ellipsis
	}
	return strings.TrimRight(s[:idx[lo]], " ") + Ellipsis
}

// Wrap breaks s into lines no wider than width at spaces, breaking long
// words where it must. With maxLines > 0 the last line is ellipsized when
// the text does not fit. Explicit newlines start new lines.
func Wrap(s string, width float64, m Measure, maxLines int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		cur := ""
		for _, w := range words {
			try := w
			if cur != "" {
				try = cur + " " + w
			}
			if m(try) <= width {
				cur = try
				continue
			}
			if cur != "" {
				lines = append(lines, cur)
			}
			// A word wider than the line is split by runes.
			for m(w) > width && utf8.RuneCountInString(w) > 1 {
				n := fitRunes(w, width, m)
				lines = append(lines, w[:n])
				w = w[n:]
			}
			cur = w
		}
		lines = append(lines, cur)
	}
	if maxLines > 0 && len(lines) > maxLines {
		// The rest spans several lines, so it never fits: Ellipsize cuts it.
		rest := strings.Join(lines[maxLines-1:], " ")
		lines = append(lines[:maxLines-1], Ellipsize(rest, width, m))
	}
	return lines
}

// fitRunes returns the byte length of the longest prefix of w (at least
// one rune) that fits in width.
func fitRunes(w string, width float64, m Measure) int {
	n := 0
	for i, r := range w {
		end := i + utf8.RuneLen(r)
		if n > 0 && m(w[:end]) > width {
			break
		}
		n = end
	}
	return n
}

// Package urlstate is the explainer's shareable state: what a link (the
// query of its URL) or the desktop app's command line says to show —
// mode, chapter, moment, speed, safeguards, language, embedding, autoplay,
// controls, theme and motion.
//
// Decode never fails and never panics: a value it cannot use is ignored,
// and a Notice says which and why, for a dismissible banner. Encode writes
// the canonical, minimal query (defaults left out, fixed order), so that
// Decode(Encode(s)) == s for every valid State. RegisterFlags binds the
// same parameters to a flag.FlagSet, where a bad value is an error naming
// the valid choices.
//
// The package is pure Go: no Ebitengine, no syscall/js.
package urlstate

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// Mode is story mode (guided, the default) or explore mode (free).
type Mode int

// Modes.
const (
	Story Mode = iota
	Explore
)

var modeNames = []string{"story", "explore"}

func (m Mode) String() string { return name(modeNames, int(m)) }

// Switch is a setting that is on, off, or left to the app's default.
type Switch int

// Switch values.
const (
	Auto Switch = iota
	On
	Off
)

// Controls is how much of the app's chrome is shown.
type Controls int

// Controls values. ControlsAuto is full, or minimal when embedded.
const (
	ControlsAuto Controls = iota
	ControlsFull
	ControlsMin
	ControlsNone
)

var controlsNames = []string{"auto", "full", "min", "none"}

func (c Controls) String() string { return name(controlsNames, int(c)) }

// Theme is the colour theme. ThemeAuto follows the system's light or dark
// preference.
type Theme int

// Themes.
const (
	ThemeAuto Theme = iota
	ThemeDark
	ThemeLight
	ThemeHighContrast
)

var themeNames = []string{"auto", "dark", "light", "high-contrast"}

func (t Theme) String() string { return name(themeNames, int(t)) }

// Motion says whether to animate. MotionAuto follows the system's
// reduced-motion preference; MotionReduce replaces movement with cuts.
type Motion int

// Motion values.
const (
	MotionAuto Motion = iota
	MotionFull
	MotionReduce
)

var motionNames = []string{"auto", "full", "reduce"}

func (m Motion) String() string { return name(motionNames, int(m)) }

func name(names []string, i int) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return "invalid"
}

// Speed limits, by mode. In story mode speed scales each chapter's own
// pace; in explore mode it is simulated seconds per real second.
const (
	MinStorySpeed       = 0.25
	MaxStorySpeed       = 4
	DefaultStorySpeed   = 1
	MinExploreSpeed     = 1
	MaxExploreSpeed     = 3600
	DefaultExploreSpeed = 900
)

// MaxT is the latest moment a link may name: 05:00 PDT on 21 October,
// past the last Redshift recovery (PES: 04:05).
var MaxT = sim.At(2, 5, 0)

// State is everything a link can say. The zero State is the default: the
// story from its start, autoplaying, in the reader's language.
type State struct {
	Mode Mode
	// Chapter is a story chapter id (story.IDs), "" for none. When T is
	// also set, T says where to be.
	Chapter string
	// T is the moment to show, when HasT.
	T    sim.Time
	HasT bool
	// Speed is the playback speed (see the speed limits); 0 is the mode's
	// default.
	Speed      float64
	Safeguards safeguard.Set
	// Lang is a locale ("en", "id"); "" follows the reader's browser.
	Lang     string
	Embed    bool
	Autoplay Switch
	Controls Controls
	Theme    Theme
	Motion   Motion
}

// Plays reports whether the app should start playing: autoplay=1 says
// yes, autoplay=0 no; by default story mode plays unless the link pins a
// moment (t), and explore mode waits.
func (s State) Plays() bool {
	switch s.Autoplay {
	case On:
		return true
	case Off:
		return false
	}
	return s.Mode == Story && !s.HasT
}

// EffectiveControls resolves ControlsAuto: minimal chrome when embedded,
// full otherwise.
func (s State) EffectiveControls() Controls {
	if s.Controls != ControlsAuto {
		return s.Controls
	}
	if s.Embed {
		return ControlsMin
	}
	return ControlsFull
}

// EffectiveSpeed resolves the default speed of the state's mode.
func (s State) EffectiveSpeed() float64 {
	if s.Speed > 0 {
		return s.Speed
	}
	if s.Mode == Explore {
		return DefaultExploreSpeed
	}
	return DefaultStorySpeed
}

// speedRange returns the valid speeds of mode m.
func speedRange(m Mode) (lo, hi float64) {
	if m == Explore {
		return MinExploreSpeed, MaxExploreSpeed
	}
	return MinStorySpeed, MaxStorySpeed
}

// Params lists the query parameters in canonical order.
var Params = []string{"mode", "chapter", "t", "speed", "safeguards", "lang",
	"embed", "autoplay", "controls", "theme", "motion"}

// Encode writes s as a canonical, minimal query string (without "?"):
// parameters in the order of Params, defaults left out. Encode(zero
// State) is "".
func Encode(s State) string {
	var parts []string
	add := func(k, v string) { parts = append(parts, k+"="+escape(v)) }
	if s.Mode != Story {
		add("mode", s.Mode.String())
	}
	if s.Chapter != "" {
		add("chapter", s.Chapter)
	}
	if s.HasT {
		add("t", FormatTime(s.T))
	}
	if s.Speed > 0 && s.Speed != defaultSpeed(s.Mode) {
		add("speed", formatSpeed(s.Speed))
	}
	if s.Safeguards != 0 {
		add("safeguards", s.Safeguards.String())
	}
	if s.Lang != "" {
		add("lang", s.Lang)
	}
	if s.Embed {
		add("embed", "1")
	}
	switch s.Autoplay {
	case On:
		add("autoplay", "1")
	case Off:
		add("autoplay", "0")
	}
	if s.Controls != ControlsAuto {
		add("controls", s.Controls.String())
	}
	if s.Theme != ThemeAuto {
		add("theme", s.Theme.String())
	}
	if s.Motion != MotionAuto {
		add("motion", s.Motion.String())
	}
	return strings.Join(parts, "&")
}

func formatSpeed(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func defaultSpeed(m Mode) float64 {
	if m == Explore {
		return DefaultExploreSpeed
	}
	return DefaultStorySpeed
}

// escape percent-encodes a value, leaving the characters the values use
// (letters, digits, "-._~:,") readable; they are all legal in a query.
func escape(v string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == ':', c == ',':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// FormatTime writes a moment as t does in a link: "HH:MM", "HH:MM:SS" or
// "HH:MM:SS.mmm" in PDT for the night (23:30 on 19 October to 23:29 on
// the 20th), RFC 3339 for anything later.
func FormatTime(t sim.Time) string {
	if t < 0 || t >= 24*sim.Hour {
		return t.Wall().Format(time.RFC3339Nano)
	}
	w := t.Wall()
	s := w.Format("15:04")
	if ms := int(t % sim.Minute); ms != 0 {
		s += w.Format(":05")
		if ms%1000 != 0 {
			s += "." + strconv.Itoa(1000 + ms%1000)[1:]
		}
	}
	return s
}

// ParseTime reads a moment: RFC 3339 with any offset; a PDT clock time
// "HH:MM", "HH:MM:SS" or "HH:MM:SS.mmm" (from 23:30 it is 19 October,
// before that the 20th); "HH.MM" likewise; or a number of minutes after
// 23:30 ("138", "138.5"). It must fall between 23:30 on 19 October and
// MaxT.
func ParseTime(v string) (sim.Time, error) {
	t, p := parseTime(v)
	if p != nil {
		return 0, p
	}
	return t, nil
}

func parseTime(v string) (sim.Time, *problem) {
	v = strings.TrimSpace(v)
	bad := &problem{code: codeTime}
	if v == "" || len(v) > 40 {
		return 0, bad
	}
	var t sim.Time
	switch {
	case strings.ContainsAny(v, "Tt"):
		// A "+" in a query decodes as a space; put it back.
		w, err := time.Parse(time.RFC3339Nano, strings.ToUpper(strings.Replace(v, " ", "+", 1)))
		if err != nil {
			return 0, bad
		}
		d := w.Sub(sim.Epoch)
		if d < 0 || d > time.Duration(MaxT)*time.Millisecond {
			return 0, &problem{code: codeTimeRange}
		}
		t = sim.Time(d / time.Millisecond)
	case strings.Contains(v, ":"):
		var ok bool
		if t, ok = parseClock(v, true); !ok {
			return 0, bad
		}
	case isDotClock(v):
		var ok bool
		if t, ok = parseClock(strings.Replace(v, ".", ":", 1), false); !ok {
			return 0, bad
		}
	default:
		m, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(m) || math.IsInf(m, 0) || !isDecimal(v) {
			return 0, bad
		}
		if m < 0 || m > float64(MaxT)/float64(sim.Minute) {
			return 0, &problem{code: codeTimeRange}
		}
		t = sim.Time(math.Round(m * float64(sim.Minute)))
	}
	return t, nil
}

// isDecimal accepts plain decimal numbers only (no signs, exponents, hex).
func isDecimal(v string) bool {
	dot := false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	return v != "" && v[len(v)-1] != '.'
}

// isDotClock recognises "HH.MM" (two digits after the dot), the way
// Indonesian and other languages write clock times.
func isDotClock(v string) bool {
	i := strings.IndexByte(v, '.')
	return (i == 1 || i == 2) && len(v) == i+3 && isDecimal(v)
}

// parseClock reads "H:MM", "HH:MM", "HH:MM:SS" or "HH:MM:SS.f" (up to
// milliseconds) on the night's 24 hours from 23:30.
func parseClock(v string, seconds bool) (sim.Time, bool) {
	parts := strings.Split(v, ":")
	if len(parts) < 2 || len(parts) > 3 || (!seconds && len(parts) != 2) {
		return 0, false
	}
	frac := 0
	if len(parts) == 3 {
		if i := strings.IndexByte(parts[2], '.'); i >= 0 {
			f := parts[2][i+1:]
			if len(f) == 0 || len(f) > 3 || !allDigits(f) {
				return 0, false
			}
			frac, _ = strconv.Atoi((f + "00")[:3])
			parts[2] = parts[2][:i]
		}
	}
	var n [3]int
	limits := [3]int{23, 59, 59}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 || (i > 0 && len(p) != 2) || !allDigits(p) {
			return 0, false
		}
		n[i], _ = strconv.Atoi(p)
		if n[i] > limits[i] {
			return 0, false
		}
	}
	day := 1
	if n[0]*60+n[1] >= 23*60+30 {
		day = 0
	}
	return sim.At(day, n[0], n[1]) + sim.Time(n[2])*sim.Second + sim.Time(frac), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

package viewmodel

import (
	"math"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
	"github.com/outagelab/outage/game/urlstate"
)

// Theme is the colour theme actually in use (the link's "auto" resolved
// against the system's preference).
type Theme int

// Themes, in the order the theme toggle cycles through them.
const (
	ThemeDark Theme = iota
	ThemeLight
	ThemeHighContrast
	numThemes
)

var themeNames = [numThemes]string{"dark", "light", "high-contrast"}

func (t Theme) String() string {
	if t >= 0 && t < numThemes {
		return themeNames[t]
	}
	return "dark"
}

// Palette returns the theme's palette.
func (t Theme) Palette() *Palette {
	switch t {
	case ThemeLight:
		return &Light
	case ThemeHighContrast:
		return &HighContrast
	}
	return &Dark
}

// System is what the host says about the reader's preferences.
type System struct {
	// PrefersLight and PrefersReducedMotion are the media queries
	// prefers-color-scheme: light and prefers-reduced-motion: reduce.
	PrefersLight, PrefersReducedMotion bool
	// Lang is the reader's language, if the app has it ("" otherwise).
	Lang string
}

// ApplyURL sets the app up as a link (or the command line) asks, with
// sys resolving what the link leaves to the reader's system. Notices
// about ignored values are kept for the banner.
func (a *App) ApplyURL(st urlstate.State, notices []urlstate.Notice, sys System) {
	a.System = sys
	lang := st.Lang
	if lang == "" {
		lang = sys.Lang
	}
	if lang == "" || !i18n.Has(lang) {
		lang = i18n.Default
	}
	a.Lang = lang
	a.LangFromLink = st.Lang != ""
	a.Embed = st.Embed
	switch st.EffectiveControls() {
	case urlstate.ControlsMin:
		a.Chrome = ChromeMin
	case urlstate.ControlsNone:
		a.Chrome = ChromeNone
	default:
		a.Chrome = ChromeFull
	}
	if !a.Embed {
		a.Chrome = ChromeFull
	}
	switch st.Theme {
	case urlstate.ThemeDark:
		a.Theme = ThemeDark
	case urlstate.ThemeLight:
		a.Theme = ThemeLight
	case urlstate.ThemeHighContrast:
		a.Theme = ThemeHighContrast
	default:
		a.Theme = ThemeDark
		if sys.PrefersLight {
			a.Theme = ThemeLight
		}
	}
	switch st.Motion {
	case urlstate.MotionReduce:
		a.ReduceMotion = true
	case urlstate.MotionFull:
		a.ReduceMotion = false
	default:
		a.ReduceMotion = sys.PrefersReducedMotion
	}
	if st.Mode == urlstate.Explore {
		a.SetMode(ModeExplore)
	} else {
		a.SetMode(ModeStory)
	}
	if st.Safeguards != 0 {
		a.SetSafeguards(st.Safeguards)
	}
	if st.Chapter != "" {
		if i := story.Index(st.Chapter); i >= 0 {
			a.SetChapter(i)
		}
	}
	if st.HasT {
		a.Seek(st.T)
	}
	a.SetSpeed(st.Speed)
	a.Playing = st.Plays()
	a.Notices = notices
	a.BannerOpen = len(notices) > 0
}

// SetSpeed sets the playback speed as a link gives it: in story mode a
// factor of the chapter's pace, in explore mode simulated seconds per
// second; 0 is the mode's default. [ and ] step from the nearest preset.
func (a *App) SetSpeed(x float64) {
	a.customSpeed = 0
	if x <= 0 {
		a.speedIdx, a.factorIdx = defaultExploreSpeed, defaultStoryFactor
		return
	}
	if a.Mode == ModeStory {
		a.factorIdx = nearest(StorySpeedFactors, x)
		if StorySpeedFactors[a.factorIdx] != x {
			a.customSpeed = x
		}
		return
	}
	a.speedIdx = nearest(ExploreSpeeds, x)
	if ExploreSpeeds[a.speedIdx] != x {
		a.customSpeed = x
	}
}

func nearest(vs []float64, x float64) int {
	best := 0
	for i, v := range vs {
		if math.Abs(math.Log(v/x)) < math.Abs(math.Log(vs[best]/x)) {
			best = i
		}
	}
	return best
}

// URLState is the link to this moment: mode, chapter, time (to the
// second), speed when not the default, the safeguards and the language
// when it is not the default. Reader preferences (theme, motion) and
// embedding are left out.
func (a *App) URLState() urlstate.State {
	st := urlstate.State{T: a.T - a.T%sim.Second, HasT: true, Safeguards: a.Set}
	if a.Mode == ModeExplore {
		st.Mode = urlstate.Explore
		if x := a.Speed(); x != urlstate.DefaultExploreSpeed {
			st.Speed = x
		}
	} else {
		st.Chapter = a.CurrentChapter().ID
		if f := a.SpeedFactor(); f != urlstate.DefaultStorySpeed {
			st.Speed = f
		}
	}
	if a.Lang != i18n.Default || a.LangFromLink {
		st.Lang = a.Lang
	}
	return st
}

// Query is the share link's query for this moment, with its "?".
func (a *App) Query() string {
	if q := urlstate.Encode(a.URLState()); q != "" {
		return "?" + q
	}
	return ""
}

// ShareLink is the link to this moment from the page at Base.
func (a *App) ShareLink() string { return urlstate.Link(a.Base, a.URLState()) }

// Iframe sizes: the snippet's width and height in CSS pixels.
const (
	IframeWidth  = 720
	IframeHeight = 480
)

// ShareIframe is a ready <iframe> snippet embedding this moment.
func (a *App) ShareIframe() string {
	return urlstate.Iframe(a.Base, a.URLState(), IframeWidth, IframeHeight, i18n.T(a.Lang, "ui.share.iframe_title"))
}

// NoticeText is the banner's text: every notice, in the app's language.
func (a *App) NoticeText() string {
	s := ""
	for i, n := range a.Notices {
		if i > 0 {
			s += " "
		}
		s += n.Message(a.Lang)
	}
	return s
}

// BannerShown reports whether the notice banner is up.
func (a *App) BannerShown() bool { return a.BannerOpen && len(a.Notices) > 0 }

// SetLang switches the language; it reports false for one the app does
// not have.
func (a *App) SetLang(l string) bool {
	if !i18n.Has(l) {
		return false
	}
	a.Lang = l
	return true
}

// NextLang is the language the language switch goes to.
func (a *App) NextLang() string {
	ls := i18n.Langs()
	for i, l := range ls {
		if l == a.Lang {
			return ls[(i+1)%len(ls)]
		}
	}
	return i18n.Default
}

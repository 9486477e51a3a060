package urlstate

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

func sec(day, h, m, s int) sim.Time { return sim.At(day, h, m) + sim.Time(s)*sim.Second }

var (
	atc   = safeguard.Set(0).With(safeguard.ApplyTimeCheck)
	both  = safeguard.Set(0).With(safeguard.ApplyTimeCheck, safeguard.SpareActivePlan)
	night = sim.At(1, 2, 25)
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		want    State
		notices []string // Problem of each notice, in order
	}{
		{"empty", "", State{}, nil},
		{"just a question mark", "?", State{}, nil},
		{"full link", "https://example.org/outage/?chapter=race&t=23:48#top",
			State{Chapter: "race", T: sim.At(0, 23, 48), HasT: true}, nil},
		{"a path without a query", "https://example.org/outage/", State{}, nil},
		{"mode", "mode=explore", State{Mode: Explore}, nil},
		{"mode, any case", "MODE=Explore", State{Mode: Explore}, nil},
		{"chapter by number", "chapter=2", State{Chapter: "race"}, nil},
		{"chapter by name", "chapter=Collapse", State{Chapter: "collapse"}, nil},
		{"chapter 0", "chapter=0", State{}, []string{"bad-chapter"}},
		{"chapter 11", "chapter=11", State{}, []string{"bad-chapter"}},
		{"chapter +2", "chapter=%2B2", State{}, []string{"bad-chapter"}},
		{"chapter unknown", "chapter=prologue", State{}, []string{"bad-chapter"}},
		{"t clock after midnight", "t=02:25", State{T: night, HasT: true}, nil},
		{"t clock before midnight", "t=23:48", State{T: sim.At(0, 23, 48), HasT: true}, nil},
		{"t clock 23:29 is the next evening", "t=23:29", State{T: sim.At(1, 23, 29), HasT: true}, nil},
		{"t one-digit hour", "t=2:25", State{T: night, HasT: true}, nil},
		{"t seconds", "t=23:47:51", State{T: sec(0, 23, 47, 51), HasT: true}, nil},
		{"t milliseconds", "t=23:47:51.25", State{T: sec(0, 23, 47, 51) + 250, HasT: true}, nil},
		{"t dot clock", "t=02.25", State{T: night, HasT: true}, nil},
		{"t minutes", "t=175", State{T: night, HasT: true}, nil},
		{"t fractional minutes", "t=0.5", State{T: 30 * sim.Second, HasT: true}, nil},
		{"t RFC 3339 PDT", "t=2025-10-20T02:25:00-07:00", State{T: night, HasT: true}, nil},
		{"t RFC 3339 UTC", "t=2025-10-20T09:25:00Z", State{T: night, HasT: true}, nil},
		{"t RFC 3339 with + decoded as space", "t=2025-10-20T11:25:00+02:00", State{T: night, HasT: true}, nil},
		{"t RFC 3339 with %2B", "t=2025-10-20T11:25:00%2B02:00", State{T: night, HasT: true}, nil},
		{"t lower case", "t=2025-10-20t09:25:00z", State{T: night, HasT: true}, nil},
		{"t on the 21st", "t=2025-10-21T04:05:00-07:00", State{T: sim.At(2, 4, 5), HasT: true}, nil},
		{"t before the story", "t=2025-10-19T22:00:00-07:00", State{}, []string{"time-range"}},
		{"t after the outage", "t=2025-10-22T00:00:00-07:00", State{}, []string{"time-range"}},
		{"t too many minutes", "t=99999", State{}, []string{"time-range"}},
		{"t negative minutes", "t=-5", State{}, []string{"bad-time"}},
		{"t exponent", "t=1e3", State{}, []string{"bad-time"}},
		{"t 24:00", "t=24:00", State{}, []string{"bad-time"}},
		{"t 2:5", "t=2:5", State{}, []string{"bad-time"}},
		{"t garbage", "t=noon", State{}, []string{"bad-time"}},
		{"t NaN", "t=NaN", State{}, []string{"bad-time"}},
		{"story speed", "speed=2", State{Speed: 2}, nil},
		{"story speed with x", "speed=0.5x", State{Speed: 0.5}, nil},
		{"story default speed is left out", "speed=1", State{}, nil},
		{"story speed too fast", "speed=900", State{}, []string{"bad-speed"}},
		{"explore speed", "mode=explore&speed=60", State{Mode: Explore, Speed: 60}, nil},
		{"explore speed before mode", "speed=60&mode=explore", State{Mode: Explore, Speed: 60}, nil},
		{"explore default speed", "mode=explore&speed=900", State{Mode: Explore}, nil},
		{"explore speed too slow", "mode=explore&speed=0.5", State{Mode: Explore}, []string{"bad-speed"}},
		{"speed infinite", "speed=Inf", State{}, []string{"bad-speed"}},
		{"safeguards", "safeguards=spare-active-plan,apply-time-check", State{Safeguards: both}, nil},
		{"safeguards, spaces and case", "safeguards=%20Apply-Time-Check%20,,", State{Safeguards: atc}, nil},
		{"safeguards none", "safeguards=none", State{}, nil},
		{"safeguards all", "safeguards=all", State{Safeguards: safeguard.All()}, nil},
		{"safeguards partly unknown", "safeguards=apply-time-check,magic", State{Safeguards: atc},
			[]string{"unknown-safeguards"}},
		{"lang", "lang=id", State{Lang: "id"}, nil},
		{"lang tag", "lang=id-ID", State{Lang: "id"}, nil},
		{"lang old code", "lang=in", State{Lang: "id"}, nil},
		{"lang underscore", "lang=en_GB", State{Lang: "en"}, nil},
		{"lang unknown", "lang=fr", State{}, []string{"invalid"}},
		{"embed", "embed=1", State{Embed: true}, nil},
		{"embed bare", "embed", State{Embed: true}, nil},
		{"embed true", "embed=true", State{Embed: true}, nil},
		{"embed 0", "embed=0", State{}, nil},
		{"embed maybe", "embed=maybe", State{}, []string{"bad-bool"}},
		{"embed empty", "embed=", State{}, nil},
		{"autoplay off", "autoplay=0", State{Autoplay: Off}, nil},
		{"autoplay on", "autoplay=1", State{Autoplay: On}, nil},
		{"controls", "controls=min", State{Controls: ControlsMin}, nil},
		{"controls alias", "controls=minimal", State{Controls: ControlsMin}, nil},
		{"controls none", "controls=none", State{Controls: ControlsNone}, nil},
		{"controls bad", "controls=some", State{}, []string{"invalid"}},
		{"theme", "theme=high-contrast", State{Theme: ThemeHighContrast}, nil},
		{"theme light", "theme=light", State{Theme: ThemeLight}, nil},
		{"theme auto", "theme=auto", State{}, nil},
		{"theme bad", "theme=dusk", State{}, []string{"invalid"}},
		{"motion", "motion=reduce", State{Motion: MotionReduce}, nil},
		{"motion alias", "motion=reduced", State{Motion: MotionReduce}, nil},
		{"unknown parameter", "chaptr=2", State{}, []string{"unknown-param"}},
		{"trackers are ignored quietly", "utm_source=news&fbclid=abc&chapter=3", State{Chapter: "stuck"}, nil},
		{"repeated: the first wins", "chapter=2&chapter=3", State{Chapter: "race"}, []string{"repeated"}},
		{"malformed escape", "chapter=%zz&theme=dark", State{Theme: ThemeDark}, []string{"malformed"}},
		{"everything", "mode=explore&chapter=collapse&t=02:25&speed=60&safeguards=apply-time-check&lang=id&embed=1&autoplay=0&controls=none&theme=light&motion=reduce",
			State{Mode: Explore, Chapter: "collapse", T: night, HasT: true, Speed: 60, Safeguards: atc, Lang: "id",
				Embed: true, Autoplay: Off, Controls: ControlsNone, Theme: ThemeLight, Motion: MotionReduce}, nil},
		{"bad values keep the good ones", "theme=dusk&lang=id&speed=fast", State{Lang: "id"},
			[]string{"bad-speed", "invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notices := Decode(tt.query)
			assert.Equal(t, tt.want, got)
			var problems []string
			for _, n := range notices {
				problems = append(problems, n.Problem)
			}
			assert.Equal(t, tt.notices, problems)
		})
	}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		s    State
		want string
	}{
		{State{}, ""},
		{State{Chapter: "race"}, "chapter=race"},
		{State{T: night, HasT: true}, "t=02:25"},
		{State{T: sec(0, 23, 47, 51), HasT: true}, "t=23:47:51"},
		{State{T: sec(0, 23, 47, 51) + 5, HasT: true}, "t=23:47:51.005"},
		{State{T: sim.At(2, 4, 5), HasT: true}, "t=2025-10-21T04:05:00-07:00"},
		{State{Speed: 1}, ""},
		{State{Speed: 2}, "speed=2"},
		{State{Mode: Explore, Speed: 900}, "mode=explore"},
		{State{Safeguards: both}, "safeguards=apply-time-check,spare-active-plan"},
		{State{Autoplay: Off, Theme: ThemeHighContrast}, "autoplay=0&theme=high-contrast"},
		{State{Mode: Explore, Chapter: "collapse", T: night, HasT: true, Speed: 60, Safeguards: atc, Lang: "id",
			Embed: true, Autoplay: On, Controls: ControlsMin, Theme: ThemeDark, Motion: MotionFull},
			"mode=explore&chapter=collapse&t=02:25&speed=60&safeguards=apply-time-check&lang=id&embed=1&autoplay=1&controls=min&theme=dark&motion=full"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Encode(tt.s))
	}
}

func TestRoundTrip(t *testing.T) {
	states := []State{
		{},
		{Chapter: "what-if", Safeguards: safeguard.All()},
		{T: 0, HasT: true},
		{T: MaxT, HasT: true},
		{T: 24*sim.Hour - 1, HasT: true},
		{T: 24 * sim.Hour, HasT: true},
		{Mode: Explore, Speed: 3600, Lang: "en", Embed: true, Autoplay: Off, Controls: ControlsNone,
			Theme: ThemeLight, Motion: MotionReduce},
		{Speed: 0.25}, {Speed: 4}, {Speed: 1.5},
	}
	for _, s := range states {
		q := Encode(s)
		got, notices := Decode(q)
		assert.Empty(t, notices, q)
		assert.Equal(t, s, got, q)
		assert.Equal(t, q, Encode(got), "canonical")
	}
}

func TestNoticeMessages(t *testing.T) {
	_, notices := Decode("chaptr=1&theme=dusk&t=noon&t=02:25&speed=99&chapter=99&safeguards=magic&embed=maybe&%zz&lang=fr&motion=x&controls=y")
	require.Len(t, notices, maxNotices+1, "capped, with a count of the rest")
	assert.Equal(t, "more", notices[len(notices)-1].Problem)
	for _, lang := range i18n.Langs() {
		for _, n := range notices {
			m := n.Message(lang)
			assert.NotContains(t, m, "{", "%s: %s", lang, m)
			assert.NotContains(t, m, "urlstate.notice", "%s: %s", lang, m)
		}
	}
	en := map[string]string{}
	for _, n := range notices {
		en[n.Problem] = n.String()
	}
	assert.Equal(t, "Ignored “chaptr”: the explainer has no such setting.", en["unknown-param"])
	assert.Equal(t, "Ignored lang=“fr”: choose one of en, id.", en["invalid"])
	assert.Equal(t, "Ignored speed=“99”: in story mode, use a number from 0.25 to 4.", en["bad-speed"])
	assert.Equal(t, "Ignored chapter=“99”: use a number from 1 to 10, or a chapter name such as “race”.", en["bad-chapter"])
	assert.Equal(t, "Ignored unknown safeguards: magic.", en["unknown-safeguards"])
	assert.Equal(t, "Ignored a repeated “t”: the first one is used.", en["repeated"])
	assert.Equal(t, "Ignored “%zz”: that part of the address could not be read.", en["malformed"])
	assert.Equal(t, "4 more problems with the address were ignored.", en["more"])
	_, notices = Decode("theme=dusk")
	assert.Equal(t, "Ignored theme=“dusk”: choose one of auto, dark, light, high-contrast.", notices[0].String())
	assert.Equal(t, "theme=“dusk” diabaikan: pilih salah satu dari auto, dark, light, high-contrast.", notices[0].Message("id"))
}

func TestNoticeValuesAreSafeToShow(t *testing.T) {
	_, notices := Decode("theme=" + strings.Repeat("a", 500) + "&lang=%0A%1B%5B31m&mode=%FF")
	require.Len(t, notices, 3)
	by := map[string]string{}
	for _, n := range notices {
		by[n.Param] = n.Value
	}
	assert.Equal(t, maxShown+1, len([]rune(by["theme"])), "shortened with an ellipsis")
	assert.True(t, strings.HasSuffix(by["theme"], "…"))
	assert.NotContains(t, by["lang"], "\n")
	assert.NotContains(t, by["lang"], "\x1b")
	assert.Equal(t, "\uFFFD", by["mode"])
}

func TestPlaysAndEffective(t *testing.T) {
	assert.True(t, State{}.Plays())
	assert.False(t, State{HasT: true}.Plays(), "a shared moment waits")
	assert.False(t, State{Mode: Explore}.Plays())
	assert.True(t, State{Mode: Explore, Autoplay: On}.Plays())
	assert.False(t, State{Autoplay: Off}.Plays())
	assert.Equal(t, ControlsFull, State{}.EffectiveControls())
	assert.Equal(t, ControlsMin, State{Embed: true}.EffectiveControls())
	assert.Equal(t, ControlsNone, State{Embed: true, Controls: ControlsNone}.EffectiveControls())
	assert.Equal(t, 1.0, State{}.EffectiveSpeed())
	assert.Equal(t, 900.0, State{Mode: Explore}.EffectiveSpeed())
	assert.Equal(t, 2.0, State{Speed: 2}.EffectiveSpeed())
	assert.Equal(t, "high-contrast", ThemeHighContrast.String())
	assert.Equal(t, "invalid", Theme(9).String())
}

func TestParseAndFormatTime(t *testing.T) {
	for _, v := range []string{"02:25", "175", "2025-10-20T02:25:00-07:00", "02.25"} {
		got, err := ParseTime(v)
		require.NoError(t, err, v)
		assert.Equal(t, night, got, v)
	}
	_, err := ParseTime("noon")
	assert.ErrorContains(t, err, `want a PDT clock time ("02:25"`)
	_, err = ParseTime("2030-01-01T00:00:00Z")
	assert.ErrorContains(t, err, "outside the outage")
	assert.Equal(t, "23:30", FormatTime(0))
	assert.Equal(t, "23:48:00.500", FormatTime(sim.At(0, 23, 48)+500))
}

func TestLinkAndIframe(t *testing.T) {
	s := State{Chapter: "race", Safeguards: atc}
	assert.Equal(t, "https://x.org/outage/?chapter=race&safeguards=apply-time-check",
		Link("https://x.org/outage/?lang=id#top", s))
	assert.Equal(t, "https://x.org/", Link("https://x.org/", State{}))
	got := Iframe("https://x.org/outage/", s, 640, 400, `The "outage" explainer`)
	assert.Equal(t, `<iframe src="https://x.org/outage/?chapter=race&amp;safeguards=apply-time-check&amp;embed=1" `+
		`width="640" height="400" title="The &#34;outage&#34; explainer" loading="lazy" allow="fullscreen" `+
		`sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>`, got)
}

func newFlags() (*flag.FlagSet, *Flags) {
	fs := flag.NewFlagSet("outage", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs, RegisterFlags(fs)
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		want State
		err  string
	}{
		{nil, State{}, ""},
		{[]string{"-chapter", "3", "-t", "02:25", "-lang", "id-ID", "-embed", "-theme", "light"},
			State{Chapter: "stuck", T: night, HasT: true, Lang: "id", Embed: true, Theme: ThemeLight}, ""},
		{[]string{"-speed", "60", "-mode", "explore"}, State{Mode: Explore, Speed: 60}, ""},
		{[]string{"-autoplay=false", "-motion", "reduce", "-controls", "min"},
			State{Autoplay: Off, Motion: MotionReduce, Controls: ControlsMin}, ""},
		{[]string{"-safeguards", "apply-time-check,spare-active-plan"}, State{Safeguards: both}, ""},
		{[]string{"-link", "https://x.org/?chapter=race&theme=dark", "-theme", "light"},
			State{Chapter: "race", Theme: ThemeLight}, ""},
		{[]string{"-theme", "light", "-link", "?theme=dark&speed=2"}, State{Theme: ThemeDark, Speed: 2}, ""},
		{[]string{"-theme", "dusk"}, State{}, `invalid value "dusk" for flag -theme: choose one of auto, dark, light, high-contrast`},
		{[]string{"-mode", "tour"}, State{}, "choose one of story, explore"},
		{[]string{"-chapter", "12"}, State{}, "use a number from 1 to 10 or one of normal-night, race, stuck"},
		{[]string{"-t", "noon"}, State{}, "want a PDT clock time"},
		{[]string{"-lang", "fr"}, State{}, "choose one of en, id"},
		{[]string{"-embed=maybe"}, State{}, "use 1 or 0"},
		{[]string{"-safeguards", "magic"}, State{}, `unknown safeguard "magic"; valid safeguards: apply-time-check`},
		{[]string{"-speed", "fast"}, State{}, "in story mode use a number from 0.25 to 4"},
		{[]string{"-speed", "60"}, State{}, `invalid value "60" for flag -speed: in story mode use a number from 0.25 to 4`},
		{[]string{"-link", "?theme=dusk&x=1"}, State{}, "Ignored theme=“dusk”"},
	}
	for _, tt := range tests {
		fs, f := newFlags()
		err := fs.Parse(tt.args)
		var st State
		if err == nil {
			st, err = f.State()
		}
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, "%v", tt.args)
			continue
		}
		require.NoError(t, err, "%v", tt.args)
		assert.Equal(t, tt.want, st, "%v", tt.args)
	}
}

func TestFlagsUsage(t *testing.T) {
	fs, _ := newFlags()
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	for _, p := range append(Params, "link") {
		assert.Regexp(t, `(?m)^  -`+p+`\b`, b.String(), p)
	}
}

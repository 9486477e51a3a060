package viewmodel

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/check"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/urlstate"
)

func TestApplyURL(t *testing.T) {
	for _, tc := range []struct {
		query   string
		sys     System
		check   func(t *testing.T, a *App)
		notices int
	}{
		{"", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, ModeStory, a.Mode)
			assert.True(t, a.Playing)
			assert.Equal(t, "en", a.Lang)
			assert.Equal(t, ThemeDark, a.Theme)
			assert.False(t, a.ReduceMotion)
			assert.False(t, a.Embed)
			assert.Equal(t, ChromeFull, a.Chrome)
		}, 0},
		{"", System{PrefersLight: true, PrefersReducedMotion: true, Lang: "id"}, func(t *testing.T, a *App) {
			assert.Equal(t, ThemeLight, a.Theme)
			assert.True(t, a.ReduceMotion)
			assert.Equal(t, "id", a.Lang)
		}, 0},
		{"?lang=en&theme=high-contrast&motion=full", System{PrefersLight: true, PrefersReducedMotion: true, Lang: "id"}, func(t *testing.T, a *App) {
			assert.Equal(t, ThemeHighContrast, a.Theme)
			assert.False(t, a.ReduceMotion)
			assert.Equal(t, "en", a.Lang)
		}, 0},
		{"?chapter=race&t=23:47", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, sim.At(0, 23, 47), a.T)
			assert.False(t, a.Playing, "a pinned moment waits")
		}, 0},
		{"?chapter=3", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, 2, a.Chapter)
			assert.Equal(t, a.Chapters()[2].Start, a.T)
		}, 0},
		{"?mode=explore&speed=120&safeguards=apply-time-check", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, ModeExplore, a.Mode)
			assert.Equal(t, 120.0, a.Speed())
			assert.True(t, a.Set.Has(safeguard.ApplyTimeCheck))
			assert.False(t, a.Playing)
		}, 0},
		{"?embed=1", System{}, func(t *testing.T, a *App) {
			assert.True(t, a.Embed)
			assert.Equal(t, ChromeMin, a.Chrome)
		}, 0},
		{"?embed=1&controls=none&autoplay=0", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, ChromeNone, a.Chrome)
			assert.False(t, a.Playing)
		}, 0},
		{"?controls=none", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, ChromeFull, a.Chrome, "controls only apply embedded")
		}, 0},
		{"?speed=2", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, 2.0, a.SpeedFactor())
		}, 0},
		{"?speed=1.5", System{}, func(t *testing.T, a *App) {
			assert.Equal(t, 1.5, a.SpeedFactor())
			a.Do(CmdFaster)
			assert.Equal(t, 4.0, a.SpeedFactor(), "] steps from the nearest preset")
		}, 0},
		{"?bogus=1&theme=pink&t=99:00", System{}, func(t *testing.T, a *App) {
			assert.True(t, a.BannerShown())
			txt := a.NoticeText()
			for _, w := range []string{"bogus", "pink", "99:00"} {
				assert.Contains(t, txt, w)
			}
			assert.True(t, a.Do(CmdDismiss))
			assert.False(t, a.BannerShown())
			assert.False(t, a.Do(CmdDismiss))
		}, 3},
	} {
		t.Run(tc.query, func(t *testing.T) {
			a, _ := newTestApp(t)
			st, notices := urlstate.Decode(tc.query)
			require.Len(t, notices, tc.notices)
			a.ApplyURL(st, notices, tc.sys)
			tc.check(t, a)
		})
	}
}

func TestShareLinkRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		setup func(a *App)
		query string
	}{
		{func(a *App) { a.Seek(sim.At(0, 23, 48)) }, "?chapter=race&t=23:48"},
		{func(a *App) {
			a.SetMode(ModeExplore)
			a.Seek(sim.At(1, 2, 25) + 1234)
			a.SetSafeguards(safeguard.Set(0).With(safeguard.ServeStale))
		}, "?mode=explore&t=02:25:01&safeguards=serve-stale"},
		{func(a *App) { a.Seek(sim.At(1, 6, 0)); a.SetLang("id") }, "&lang=id"},
	} {
		a, _ := newTestApp(t)
		tc.setup(a)
		q := a.Query()
		assert.Contains(t, q, tc.query)
		assert.Equal(t, q, a.State().URL)
		// The link restores the same moment, mode, safeguards and language.
		st, notices := urlstate.Decode(q)
		require.Empty(t, notices, q)
		b, _ := newTestApp(t)
		b.ApplyURL(st, nil, System{})
		assert.Equal(t, a.T-a.T%sim.Second, b.T, q)
		assert.Equal(t, a.Mode, b.Mode)
		assert.Equal(t, a.Set, b.Set)
		assert.Equal(t, a.Lang, b.Lang)
		assert.Equal(t, a.Chapter, b.Chapter)
	}
	a, _ := newTestApp(t)
	a.Base = "https://example.org/outage/?x=1#y"
	a.Seek(sim.At(1, 1, 0))
	assert.True(t, strings.HasPrefix(a.ShareLink(), "https://example.org/outage/?"), a.ShareLink())
	f := a.ShareIframe()
	for _, w := range []string{`<iframe src="https://example.org/outage/?`, "embed=1", `width="720"`, `height="480"`, `loading="lazy"`, `title="`} {
		assert.Contains(t, f, w)
	}
}

func TestStateFields(t *testing.T) {
	a, _ := newTestApp(t)
	a.Seek(sim.At(1, 1, 0))
	st := a.State()
	assert.Equal(t, a.Chapter+1, st.Chapter)
	assert.NotEmpty(t, st.Feed, "a key event before 01:00")
	assert.Equal(t, "full", st.Controls)
	assert.Equal(t, "dark", st.Theme)
	assert.Equal(t, "full", st.Motion)
	assert.False(t, st.Embed)
	a.Seek(0)
	assert.Empty(t, a.State().Feed)
	// The signature changes when the playhead crosses a notable event.
	a.Seek(sim.At(0, 23, 47))
	s1 := a.Signature()
	a.Seek(sim.At(0, 23, 47) + sim.Second)
	assert.Equal(t, s1, a.Signature())
	a.Seek(sim.At(0, 23, 48) + sim.Second)
	assert.NotEqual(t, s1.Event, a.Signature().Event)
	for _, c := range []Command{CmdLang, CmdMotion, CmdContrast, CmdTogglePlay, CmdMode} {
		before := a.Signature()
		require.True(t, a.Do(c), c.String())
		assert.NotEqual(t, before, a.Signature(), c.String())
	}
}

func TestAPISetLang(t *testing.T) {
	a, _ := newTestApp(t)
	for _, tc := range []struct {
		arg  any
		want string
		ok   bool
	}{
		{"id", "id", true}, {"en-GB", "en", true}, {"id_ID", "id", true}, {"in", "id", true},
		{"fr", "", false}, {3.0, "", false}, {nil, "", false}, {"", "", false},
	} {
		err := a.APISetLang([]any{tc.arg})
		if !tc.ok {
			assert.Error(t, err, "%v", tc.arg)
			continue
		}
		require.NoError(t, err, "%v", tc.arg)
		assert.Equal(t, tc.want, a.Lang)
	}
	assert.Error(t, a.APISetLang(nil))
}

func TestOverlaysExclusive(t *testing.T) {
	a, _ := newTestApp(t)
	for _, c := range []Command{CmdHelp, CmdScoreboard, CmdShare, CmdRace, CmdSafeguards} {
		a.Do(c)
		n := 0
		for _, on := range []bool{a.Help, a.Scoreboard, a.Share, a.Race, a.SheetOpen} {
			if on {
				n++
			}
		}
		assert.Equal(t, 1, n, c.String())
	}
	a.Do(CmdClose)
	assert.Equal(t, NoOverlay, a.Overlay())
	assert.False(t, a.SheetOpen)
	a.Focus = BtnPlay
	assert.True(t, a.Do(CmdClose))
	assert.Equal(t, WNone, a.Focus, "Esc clears the focus ring")
	assert.False(t, a.Do(CmdClose))
}

func TestFocusStage(t *testing.T) {
	a, _ := newTestApp(t)
	assert.Equal(t, StageAutomation, a.FocusStage())
	a.PinStage(StageNLB)
	assert.Equal(t, StageNLB, a.FocusStage())
	a.Do(CmdNextChapter)
	assert.Equal(t, StageForChapter(a.CurrentChapter().ID), a.FocusStage(), "the pin lasts a chapter")
	for _, s := range []Stage{StageAutomation, StageZone, StageResolvers, StageDWFM, StageNetMgr, StageNLB, StageServices, StageApps} {
		assert.NotEqual(t, s, Companion(s))
	}
}

func TestRaceCheck(t *testing.T) {
	for _, tc := range []struct {
		set  safeguard.Set
		kind RaceKind
	}{
		{0, RacePossible},
		{safeguard.Set(0).With(safeguard.ApplyTimeCheck), RaceImpossible},
		{safeguard.Set(0).With(safeguard.SpareActivePlan), RaceImpossible},
		{safeguard.Set(0).With(safeguard.SelfHealingRollback), RaceHealed},
		{safeguard.Set(0).With(safeguard.FewerPlans), RaceRarer},
		{safeguard.Set(0).With(safeguard.FewerPlans, safeguard.ApplyTimeCheck), RaceImpossible},
		{safeguard.Set(0).With(safeguard.FewerPlans, safeguard.SelfHealingRollback), RaceHealed},
		{safeguard.Set(0).With(safeguard.FewerPlans, safeguard.ServeStale), RaceRarer},
		{safeguard.Set(0).With(safeguard.ServeStale), RacePossible},
	} {
		rc := CheckRace(tc.set)
		require.NoError(t, rc.Err)
		assert.Equal(t, tc.kind, rc.Kind, tc.set.String())
		if tc.kind == RaceImpossible {
			assert.Empty(t, rc.Steps)
		} else {
			require.NotEmpty(t, rc.Steps, tc.set.String())
			assert.True(t, Fatal(rc.Steps[len(rc.Steps)-1]))
		}
		for _, lang := range []string{"en", "id"} {
			s := rc.Summary(lang)
			assert.NotContains(t, s, "{", "%s %s: %s", lang, tc.set, s)
			for _, st := range rc.Steps {
				txt := StepText(lang, st)
				assert.NotContains(t, txt, "{", txt)
				assert.NotContains(t, txt, "ui.race", txt)
			}
		}
	}
	// fewer-plans leaves the race as it was, and says so, naming the bounds;
	// "impossible" names its bounds too.
	night, fewer := CheckRace(0), CheckRace(safeguard.Set(0).With(safeguard.FewerPlans))
	assert.Equal(t, night.Steps, fewer.Steps)
	assert.Equal(t, night.Result.States, fewer.Result.States)
	for _, tc := range []struct {
		set  safeguard.Set
		lang string
		want []string
	}{
		{safeguard.Set(0).With(safeguard.FewerPlans), "en", []string{"2 Enactors", "5 plans", "75 of 2208 states", "10 steps", "make the race rarer; they do not remove it"}},
		{safeguard.Set(0).With(safeguard.FewerPlans), "id", []string{"2 Enactor", "5 rencana", "75 dari 2208 keadaan", "10 langkah", "lebih jarang, tetapi tidak menghapusnya"}},
		{safeguard.Set(0).With(safeguard.ApplyTimeCheck), "en", []string{"in every interleaving of 2 Enactors, 5 plans, clean-up threshold 2"}},
		{safeguard.Set(0).With(safeguard.SpareActivePlan), "id", []string{"di setiap urutan 2 Enactor, 5 rencana, ambang bersih-bersih 2"}},
	} {
		s := CheckRace(tc.set).Summary(tc.lang)
		for _, w := range tc.want {
			assert.Contains(t, s, w, "%s %s", tc.set, tc.lang)
		}
	}

	// The real night's counterexample ends with the active plan deleted.
	rc := CheckRace(0)
	last := rc.Steps[len(rc.Steps)-1]
	assert.Equal(t, check.ActionCleanup, last.Action)
	assert.Contains(t, StepText("en", last), "NO addresses")
	assert.Contains(t, StepText("en", rc.Steps[2]), "Enactor A")
	// Cached per set.
	a, _ := newTestApp(t)
	assert.Same(t, a.RaceCheck(), a.RaceCheck())
}

func TestFocusOrder(t *testing.T) {
	l := Compute(Input{W: 1280, H: 720, DPR: 1})
	order := l.FocusOrder(NoOverlay, nil)
	require.NotEmpty(t, order)
	// Buttons in reading order, then the toggles.
	assert.Equal(t, BtnMode, order[0])
	last := order[len(order)-1]
	_, isToggle := SafeguardOf(last)
	assert.True(t, isToggle)
	seen := map[WidgetID]bool{}
	for _, id := range order {
		assert.False(t, seen[id], "%s twice", id)
		seen[id] = true
	}
	assert.Equal(t, order[1], NextFocus(order, order[0], 1))
	assert.Equal(t, order[0], NextFocus(order, order[len(order)-1], 1), "wraps")
	assert.Equal(t, order[len(order)-1], NextFocus(order, WNone, -1))
	assert.Equal(t, order[0], NextFocus(order, "gone", 1))
	assert.Equal(t, WNone, NextFocus(nil, WNone, 1))
	// A toggle far down the list scrolls into view.
	scroll := l.ScrollToShow(last, 0)
	r, ok := l.ToggleRect(last, scroll)
	require.True(t, ok)
	assert.True(t, r.Within(l.List), "%v in %v", r, l.List)
	// In a dialog, its buttons and then its close button.
	ho := l.FocusOrder(OverHelp, nil)
	assert.Equal(t, BtnOverlayX, ho[len(ho)-1])
	assert.Contains(t, ho, BtnHelpLang)
}

func TestOverlayLayouts(t *testing.T) {
	for _, sz := range sizes {
		l := Compute(Input{W: sz.w * sz.dpr, H: sz.h * sz.dpr, DPR: sz.dpr})
		for _, o := range []Overlay{OverHelp, OverScoreboard, OverShare, OverRace} {
			name := fmt.Sprintf("%vx%v@%v overlay %d", sz.w, sz.h, sz.dpr, o)
			ol := l.OverlayLayout(o)
			assert.True(t, ol.Panel.Within(R(0, 0, l.In.W, l.In.H)), name)
			for i, b := range ol.Buttons {
				assert.True(t, b.Rect.Within(ol.Panel), "%s %s", name, b.ID)
				assert.GreaterOrEqual(t, b.Rect.H/sz.dpr, 43.99, "%s %s", name, b.ID)
				for _, c := range ol.Buttons[i+1:] {
					assert.False(t, b.Rect.Overlaps(c.Rect), "%s %s %s", name, b.ID, c.ID)
				}
			}
		}
	}
	assert.Equal(t, CmdLang, CommandForOverlayButton(BtnHelpLang))
	assert.Equal(t, CmdClose, CommandForOverlayButton(BtnOverlayX))
}

func TestEmbedLayout(t *testing.T) {
	for _, sz := range [][3]float64{{320, 240, 1}, {360, 640, 2}, {640, 400, 1}, {720, 480, 1}, {1280, 720, 1}} {
		for _, chrome := range []Chrome{ChromeMin, ChromeNone} {
			name := fmt.Sprintf("%vx%v@%v chrome %s", sz[0], sz[1], sz[2], chrome)
			in := Input{W: sz[0] * sz[2], H: sz[1] * sz[2], DPR: sz[2], Embed: true, Chrome: chrome}
			l := Compute(in)
			n := l.Named(0)
			link, ok := n[WEmbedLink]
			require.True(t, ok, name)
			assert.InDelta(t, EmbedLinkCSS, link.H/sz[2], 0.01, name)
			assert.InDelta(t, in.W, link.Right(), 0.01, "top right: "+name)
			assert.Zero(t, link.Y, name)
			for id, r := range n {
				if id != WEmbedLink && parentOf(id) == WNone {
					assert.False(t, r.Overlaps(link), "%s: %s under the link", name, id)
				}
				assert.True(t, r.Within(R(0, 0, in.W, in.H)), "%s: %s off screen", name, id)
			}
			_, hasPlay := n[BtnPlay]
			assert.Equal(t, chrome == ChromeMin, hasPlay, name)
			for _, b := range l.Buttons {
				assert.Equal(t, BtnPlay, b.ID, "minimal chrome: play/pause only")
			}
			assert.NotContains(t, n, WPanel)
			assert.Contains(t, n, WCaption)
			assert.Contains(t, n, WPlot)
			assert.False(t, l.Stages[l.In.Focus].Empty(), name)
		}
	}
}

func TestBands(t *testing.T) {
	l := Compute(Input{W: 1280, H: 720, DPR: 1})
	b := l.BandRows(27, 11)
	assert.Equal(t, 0, b.At(b.Row(0).CY()))
	assert.Equal(t, 10, b.At(b.Row(10).CY()))
	assert.Equal(t, 11, b.At(b.Row(11).CY()))
	assert.Equal(t, 26, b.At(b.Row(26).CY()))
	assert.Equal(t, -1, b.At(b.Row(11).Y-b.Sep/2), "the gap between the groups")
	assert.Equal(t, -1, b.At(l.Bands.Y-1))
	assert.InDelta(t, l.Bands.Bottom(), b.Row(26).Bottom(), 0.01)
	assert.InDelta(t, b.Group(1).Bottom(), l.Bands.Bottom(), 0.01)
	assert.Greater(t, b.Group(1).Y, b.Group(0).Bottom())
	big := Compute(Input{W: 3840, H: 2160, DPR: 2})
	assert.True(t, big.BandRows(27, 11).Labelled(big, 8*big.U) || big.Labels.Empty() || big.BandRows(27, 11).RowH < 8*big.U)
}

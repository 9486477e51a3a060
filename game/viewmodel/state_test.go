package viewmodel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/viewmodel/vmtest"
)

// newTestApp builds an app over the hand-made result, counting runs.
func newTestApp(t *testing.T) (*App, *int) {
	t.Helper()
	runs := 0
	eng := Engine{
		Run: func(s safeguard.Set) *sim.Result { runs++; return vmtest.Result(s) },
		Judge: func(base, run *sim.Result) Verdict {
			k, s := vmtest.Judge(base, run)
			return Verdict{Kind: k, Summary: s}
		},
	}
	a := NewApp(eng, "en")
	require.NotEmpty(t, a.Chapters())
	return a, &runs
}

func TestAppStartsStory(t *testing.T) {
	a, runs := newTestApp(t)
	assert.Equal(t, ModeStory, a.Mode)
	assert.True(t, a.Playing)
	assert.Equal(t, 0, a.Chapter)
	assert.Equal(t, a.Chapters()[0].Start, a.T)
	assert.Equal(t, 1, *runs)
	st := a.State()
	assert.Equal(t, "story", st.Mode)
	assert.Equal(t, len(a.Chapters()), st.Chapters)
	assert.Equal(t, []string{}, st.Safeguards)
	assert.Equal(t, "en", st.Lang)
	assert.NotEmpty(t, st.Caption)
}

func TestAppPlaysThroughTheStory(t *testing.T) {
	for _, pause := range []bool{true, false} {
		a, _ := newTestApp(t)
		a.PauseAtChapterEnd = pause
		last := a.T
		chapter := 0
		stops := 0
		for range 60 * 60 * 10 {
			a.Tick(time.Second / 60)
			require.GreaterOrEqual(t, a.T, last, "time never runs backwards")
			require.GreaterOrEqual(t, a.Chapter, chapter, "chapters advance in order")
			last, chapter = a.T, a.Chapter
			if !a.Playing && a.AwaitNext {
				// The reader sets the pace: the chapter's end, then Next.
				require.True(t, pause)
				assert.Equal(t, a.Chapters()[a.Chapter].End-1, a.T)
				stops++
				a.Do(CmdTogglePlay)
				assert.Equal(t, chapter+1, a.Chapter, "Next goes on to the next chapter")
				assert.True(t, a.Playing)
				assert.False(t, a.AwaitNext)
				chapter = a.Chapter
				continue
			}
			if !a.Playing {
				break
			}
		}
		if pause {
			assert.Equal(t, len(a.Chapters())-1, stops, "a stop at every chapter's end but the last")
		} else {
			assert.Zero(t, stops)
		}
		assert.False(t, a.Playing, "stops at the end")
		assert.Equal(t, len(a.Chapters())-1, a.Chapter)
		assert.InDelta(t, 1, a.Progress(), 1e-9)
		// Space at the end starts again.
		a.Do(CmdTogglePlay)
		assert.True(t, a.Playing)
		assert.Equal(t, 0, a.Chapter)
	}
}

// A dialog holds the story; closing it lets it play on.
func TestOverlayHoldsTheStory(t *testing.T) {
	a, _ := newTestApp(t)
	t0 := a.T
	a.Do(CmdHelp)
	a.Tick(time.Second)
	assert.Equal(t, t0, a.T)
	assert.True(t, a.Playing, "still playing, held")
	a.Do(CmdClose)
	a.Tick(time.Second)
	assert.Greater(t, a.T, t0)
}

func TestAppChapterStepsAreSymmetric(t *testing.T) {
	a, _ := newTestApp(t)
	n := len(a.Chapters())
	for i := 0; i < n-1; i++ {
		a.Do(CmdNextChapter)
		assert.Equal(t, i+1, a.Chapter)
		assert.Equal(t, a.Chapters()[i+1].Start, a.T)
	}
	a.Do(CmdNextChapter)
	assert.Equal(t, n-1, a.Chapter, "stays on the last chapter")
	for i := n - 1; i > 0; i-- {
		a.Do(CmdPrevChapter)
		assert.Equal(t, i-1, a.Chapter)
		assert.Equal(t, a.Chapters()[i-1].Start, a.T)
	}
	// Next then previous from mid-chapter lands at the chapter's start.
	a.SetChapter(3)
	a.Seek(a.T + sim.Second)
	a.Do(CmdNextChapter)
	a.Do(CmdPrevChapter)
	assert.Equal(t, 3, a.Chapter)
	assert.Equal(t, a.Chapters()[3].Start, a.T)
}

func TestAppEventSteps(t *testing.T) {
	a, _ := newTestApp(t)
	a.Seek(0)
	require.NotEmpty(t, a.KeyEvents())
	a.Do(CmdNextEvent)
	first := a.T
	assert.Equal(t, a.KeyEvents()[0], first)
	a.Do(CmdNextEvent)
	assert.Greater(t, a.T, first)
	a.Do(CmdPrevEvent)
	assert.Equal(t, first, a.T, "back returns to the previous event")
	a.Do(CmdEnd)
	a.Do(CmdHome)
	assert.Equal(t, 0, a.Chapter)
}

func TestAppSafeguardsRerunAndCache(t *testing.T) {
	a, runs := newTestApp(t)
	a.Seek(sim.At(1, 1, 0))
	a.Toggle(safeguard.ApplyTimeCheck)
	assert.Equal(t, 2, *runs)
	assert.Equal(t, "prevented", a.Current().Verdict.Kind)
	assert.Equal(t, sim.At(1, 1, 0), a.T, "the playhead stays")
	a.Toggle(safeguard.ApplyTimeCheck)
	a.Toggle(safeguard.ApplyTimeCheck)
	assert.Equal(t, 2, *runs, "cached")
	st := a.State()
	assert.Equal(t, []string{"apply-time-check"}, st.Safeguards)
	assert.Equal(t, "prevented", st.Verdict.Kind)
	a.Do(CmdClearSafeguards)
	assert.Zero(t, a.Set)
	assert.Same(t, a.Baseline(), a.Current())
}

func TestAppSpeedAndModes(t *testing.T) {
	a, _ := newTestApp(t)
	s0 := a.Speed()
	a.Do(CmdFaster)
	assert.InDelta(t, 2*s0, a.Speed(), 1e-9)
	a.Do(CmdSlower)
	a.Do(CmdSlower)
	assert.InDelta(t, s0/2, a.Speed(), 1e-9)
	a.Do(CmdMode)
	assert.Equal(t, ModeExplore, a.Mode)
	assert.Equal(t, ExploreSpeeds[defaultExploreSpeed], a.Speed())
	for range 20 {
		a.Do(CmdFaster)
	}
	assert.Equal(t, ExploreSpeeds[len(ExploreSpeeds)-1], a.Speed())
	a.Seek(TimelineEnd - sim.Second)
	a.Playing = true
	a.Tick(time.Second)
	assert.Equal(t, TimelineEnd, a.T)
	assert.False(t, a.Playing)
	// Overlays toggle and Escape closes them.
	assert.True(t, a.Do(CmdHelp))
	assert.True(t, a.Help)
	assert.True(t, a.Do(CmdClose))
	assert.False(t, a.Help)
	assert.False(t, a.Do(CmdClose), "nothing to close")
	a.Do(CmdFullscreen)
	assert.True(t, a.FullscreenRequested)
}

func TestAppAPI(t *testing.T) {
	a, _ := newTestApp(t)
	for _, tc := range []struct {
		name string
		call func() error
		ok   bool
	}{
		{"seek clock", func() error { return a.APISeek([]any{"01:00"}) }, true},
		{"seek rfc3339", func() error { return a.APISeek([]any{"2025-10-20T01:00:00-07:00"}) }, true},
		{"seek number", func() error { return a.APISeek([]any{12.0}) }, false},
		{"seek nothing", func() error { return a.APISeek(nil) }, false},
		{"seek junk", func() error { return a.APISeek([]any{"soon"}) }, false},
		{"chapter", func() error { return a.APIChapter([]any{2.0}) }, true},
		{"chapter string", func() error { return a.APIChapter([]any{"2"}) }, false},
		{"chapter range", func() error { return a.APIChapter([]any{99.0}) }, false},
		{"chapter fraction", func() error { return a.APIChapter([]any{1.5}) }, false},
		{"safeguards", func() error { return a.APISetSafeguards([]any{[]any{"serve-stale"}}) }, true},
		{"safeguards empty", func() error { return a.APISetSafeguards([]any{[]any{}}) }, true},
		{"safeguards unknown", func() error { return a.APISetSafeguards([]any{[]any{"nope"}}) }, false},
		{"safeguards not array", func() error { return a.APISetSafeguards([]any{"serve-stale"}) }, false},
		{"safeguards mixed", func() error { return a.APISetSafeguards([]any{[]any{"serve-stale", 3.0}}) }, false},
		{"no args", func() error { return APINoArgs("play", nil) }, true},
		{"extra args", func() error { return APINoArgs("play", []any{1.0}) }, false},
	} {
		err := tc.call()
		if tc.ok {
			assert.NoError(t, err, tc.name)
		} else {
			assert.Error(t, err, tc.name)
		}
	}
	require.NoError(t, a.APISeek([]any{"01:00"}))
	assert.Equal(t, "2025-10-20T01:00:00-07:00", a.State().T)
	require.NoError(t, a.APIChapter([]any{1.0}))
	assert.Equal(t, 1, a.State().Chapter, "chapters count from 1")
	require.NoError(t, a.APIChapter([]any{"race"}))
	assert.Equal(t, 2, a.State().Chapter)
	assert.Equal(t, a.Chapters()[1].Start, a.T)
	assert.Error(t, a.APIChapter([]any{0.0}))
	assert.Error(t, a.APIChapter([]any{"nope"}))
}

func TestAppBoard(t *testing.T) {
	a, _ := newTestApp(t)
	for a.StepBoard(time.Hour) {
	}
	b := a.Board()
	require.NotNil(t, b)
	assert.True(t, b.Done)
	assert.Len(t, b.Singles, len(safeguard.Catalogue))
	assert.Equal(t, safeguard.Set(0).With(safeguard.ApplyTimeCheck), b.Singles[0].Set, "ranked by impact saved")
	require.Len(t, b.Preventing, 1)
	e, ok := a.SingleVerdict(safeguard.ApplyTimeCheck)
	assert.True(t, ok)
	assert.Equal(t, "prevented", e.Verdict.Kind)
}

func TestZoneFolder(t *testing.T) {
	r := vmtest.Result(0)
	f := NewZoneFolder(r)
	race := sim.At(0, 23, 48)
	z := f.At(race - 30*sim.Second)
	assert.Equal(t, 139, z.Alias[0])
	assert.False(t, z.Empty)
	assert.Contains(t, z.Trees, 139)
	z = f.At(race - 3*sim.Second)
	assert.Equal(t, 110, z.Alias[0], "the old plan overwrote the new")
	assert.Equal(t, 139, z.Rollback)
	assert.Equal(t, "apply", z.Enactors[0].Kind)
	assert.True(t, z.Enactors[0].Stale)
	z = f.At(race + sim.Second)
	assert.Equal(t, 0, z.Alias[0], "points at nothing")
	assert.True(t, z.Empty)
	assert.NotContains(t, z.Trees, 110)
	assert.Equal(t, 110, z.Deleted)
	// Back in time: folded again from the start.
	z = f.At(race - 30*sim.Second)
	assert.Equal(t, 139, z.Alias[0])
	assert.Equal(t, 140, z.Newest)
	z = f.At(sim.At(1, 3, 0))
	assert.False(t, z.Empty)
	assert.Equal(t, 141, z.Alias[0])
}

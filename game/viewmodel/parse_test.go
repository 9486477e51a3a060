package viewmodel

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want sim.Time
		err  bool
	}{
		{"01:00", sim.At(1, 1, 0), false},
		{"23:48", sim.At(0, 23, 48), false},
		{"23:29", TimelineEnd, false}, // the 20th, past the timeline: clamped
		{"16:00", TimelineEnd, false},
		{"00:00", sim.At(1, 0, 0), false},
		{"02:25:30", sim.At(1, 2, 25) + 30*sim.Second, false},
		{"23:47:54.5", sim.At(0, 23, 47) + 54*sim.Second + 500, false},
		{"23:47:54.125", sim.At(0, 23, 47) + 54*sim.Second + 125, false},
		{"23:47:54.", 0, true},
		{"23:47:.5", 0, true},
		{"23:47:54.5e3", 0, true},
		{"23:47.5", 0, true},
		{" 09:36 ", sim.At(1, 9, 36), false},
		{"2025-10-20T01:00:00-07:00", sim.At(1, 1, 0), false},
		{"2025-10-20T08:00:00Z", sim.At(1, 1, 0), false},
		{"2025-10-19T20:00:00-07:00", 0, false}, // before the epoch: clamped
		{"2024-10-20T01:00:00Z", 0, true},
		{"", 0, true},
		{"25:00", 0, true},
		{"1:5:7:8", 0, true},
		{"ab:cd", 0, true},
		{"12:60", 0, true},
		{"2025-10-20T01:00", 0, true},
		{"-1:00", 0, true},
		{"123:00", 0, true},
	} {
		got, err := ParseTime(tc.in)
		if tc.err {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	assert.Equal(t, "2025-10-20T01:00:00-07:00", FormatTime(sim.At(1, 1, 0)))
}

func TestParseChapter(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want int
		err  bool
	}{
		{1, 0, false}, {10, 9, false}, {0, 0, true}, {11, 0, true}, {-1, 0, true}, {1.5, 0, true},
		{math.NaN(), 0, true}, {math.Inf(1), 0, true},
	} {
		got, err := ParseChapter(tc.v, 10)
		if tc.err {
			assert.Error(t, err, "%v", tc.v)
			continue
		}
		assert.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
}

func TestParseSafeguards(t *testing.T) {
	s, err := ParseSafeguards([]string{"apply-time-check", "serve-stale"})
	require.NoError(t, err)
	assert.Equal(t, safeguard.Set(0).With(safeguard.ApplyTimeCheck, safeguard.ServeStale), s)
	s, err = ParseSafeguards(nil)
	assert.NoError(t, err)
	assert.Zero(t, s)
	_, err = ParseSafeguards([]string{"apply-time-check", "nope"})
	assert.ErrorContains(t, err, "nope")
	assert.ErrorContains(t, err, "apply-time-check", "names the valid ids")
	_, err = ParseSafeguards([]string{"apply-time-check,serve-stale"})
	assert.Error(t, err)
	assert.Equal(t, []string{}, SafeguardStrings(0))
}

func TestCommands(t *testing.T) {
	for _, tc := range []struct {
		k    Key
		want Command
	}{
		{KeySpace, CmdTogglePlay}, {KeyLeft, CmdPrevEvent}, {KeyRight, CmdNextEvent},
		{KeyPageUp, CmdPrevChapter}, {KeyPageDown, CmdNextChapter},
		{KeyBracketL, CmdSlower}, {KeyBracketR, CmdFaster}, {KeyHome, CmdHome}, {KeyEnd, CmdEnd},
		{KeyS, CmdSafeguards}, {KeyQuestion, CmdHelp}, {KeyF, CmdFullscreen}, {KeyEscape, CmdClose},
		{Key("KeyZ"), CmdNone},
	} {
		assert.Equal(t, tc.want, CommandForKey(tc.k), string(tc.k))
	}
	for _, id := range []WidgetID{BtnPlay, BtnPrevEvent, BtnNextEvent, BtnPrevChapter, BtnNextChapter,
		BtnSlower, BtnFaster, BtnMode, BtnSafeguards, BtnScoreboard, BtnHelp, BtnFullscreen, BtnCloseSheet} {
		assert.NotEqual(t, CmdNone, CommandForWidget(id), string(id))
	}
	assert.Equal(t, CmdNone, CommandForWidget(WDiagram))
	assert.Equal(t, "play_pause", CmdTogglePlay.String())
}

func TestPalette(t *testing.T) {
	for _, p := range []Palette{Dark, HighContrast} {
		// Each severity has its own shape, not only its own colour.
		seen := map[Shape]bool{}
		for _, s := range []sim.Severity{sim.Healthy, sim.Degraded, sim.Down} {
			m := p.SeverityMark(s)
			assert.False(t, seen[m.Shape])
			seen[m.Shape] = true
		}
		shapes := map[Shape]bool{}
		for _, k := range []string{"prevented", "contained", "shortened", "unchanged", "worse"} {
			shapes[p.VerdictMark(k).Shape] = true
		}
		assert.Len(t, shapes, 5)
	}
	assert.Equal(t, sim.Down, HealthSeverity(0))
	assert.Equal(t, sim.Degraded, HealthSeverity(0.5))
	assert.Equal(t, sim.Healthy, HealthSeverity(1))
	assert.Equal(t, RGBA{5, 5, 5, 255}, RGBA{0, 0, 0, 255}.Mix(RGBA{10, 10, 10, 255}, 0.5))
}

package main

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/view"
)

func TestParseScale(t *testing.T) {
	tests := []struct {
		args []string
		want float64
		err  string
	}{
		{nil, 1, ""},
		{[]string{"-scale", "1.5"}, 1.5, ""},
		{[]string{"-scale", "3"}, 3, ""},
		{[]string{"-scale", "0.5"}, 0, "bad -scale 0.5; want 1 to 3"},
		{[]string{"-scale", "4"}, 0, "bad -scale 4; want 1 to 3"},
		{[]string{"-scale", "NaN"}, 0, "bad -scale NaN; want 1 to 3"},
	}
	for _, tt := range tests {
		c, err := parse(tt.args)
		if tt.err != "" {
			assert.EqualError(t, err, tt.err, "%v", tt.args)
			continue
		}
		require.NoError(t, err, "%v", tt.args)
		assert.Equal(t, tt.want, c.scale, "%v", tt.args)
	}
}

// TestGuard checks that a panic at each boundary stops the app once, with
// a report, and that nothing of the app runs after it.
func TestGuard(t *testing.T) {
	for _, where := range []string{"update", "draw", "call:seek"} {
		t.Run(where, func(t *testing.T) {
			var reports []*Crash
			gd := newGuard(view.New(nil, view.Options{}), func(c *Crash) { reports = append(reports, c) })
			calls := 0
			gd.inject = func(_ *guard, at string) {
				calls++
				if at == where {
					panic("boom")
				}
			}
			switch where {
			case "update":
				assert.ErrorIs(t, gd.Update(), errCrashed)
			case "draw":
				gd.Draw(nil)
				assert.ErrorIs(t, gd.Update(), errCrashed, "the next tick ends the game")
			case "call:seek":
				func() {
					defer func() {
						if r := recover(); r != nil {
							gd.Fail("window.outage.seek()", r)
						}
					}()
					gd.BeforeCall("seek")
				}()
			}
			require.Len(t, reports, 1)
			c := reports[0]
			assert.Equal(t, "boom", c.Value)
			assert.Contains(t, c.Stack, "goroutine ")
			assert.Equal(t, c, gd.Crashed())
			assert.True(t, gd.Stopped())
			assert.Contains(t, c.Sentence(), "The explainer stopped because of an internal error in ")
			assert.Contains(t, c.Sentence(), ": boom.")

			// Nothing runs any more, and a second failure is not reported.
			before := calls
			assert.ErrorIs(t, gd.Update(), errCrashed)
			gd.Draw(nil)
			w, h := gd.LayoutF(640, 480)
			assert.Equal(t, [2]float64{640, 480}, [2]float64{w, h})
			gd.Fail("Update", errors.New("again"))
			assert.Equal(t, before, calls)
			assert.Len(t, reports, 1)
		})
	}
}

// TestWarmLeavesTheAppAlone checks that the warm-up changes nothing the
// reader or the page can see: the safeguards, the verdict, the re-run
// time that stats() reports.
func TestWarmLeavesTheAppAlone(t *testing.T) {
	c, err := parse(nil)
	require.NoError(t, err)
	app := newApp(c)
	before, ms := app.State(), app.ResimMs
	w := &warmer{g: view.New(app, view.Options{})}
	for range warmDelay + len(warmSets) + 2 {
		w.step()
	}
	assert.Equal(t, len(warmSets), w.done, "one run per tick after the delay")
	assert.Equal(t, before, app.State())
	assert.Equal(t, ms, app.ResimMs)
}

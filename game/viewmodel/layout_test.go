package viewmodel

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sizes = []struct{ w, h, dpr float64 }{
	{320, 240, 1}, {360, 640, 1}, {360, 640, 3}, {414, 896, 2}, {640, 360, 1},
	{800, 600, 1}, {1024, 768, 1}, {1280, 720, 1}, {1280, 720, 2}, {1366, 768, 1},
	{1920, 1080, 1}, {2560, 1440, 1}, {3840, 2160, 1}, {3840, 2160, 2},
}

// parentOf is the widget a named widget must lie within, if any.
func parentOf(id WidgetID) WidgetID {
	s := string(id)
	if strings.HasPrefix(s, SafeguardPrefix) {
		return WList
	}
	if i := strings.LastIndex(s, "."); i > 0 {
		return WidgetID(s[:i])
	}
	return WNone
}

func TestLayoutAllSizes(t *testing.T) {
	for _, sz := range sizes {
		for _, sheet := range []bool{false, true} {
			name := fmt.Sprintf("%vx%v@%v sheet=%v", sz.w, sz.h, sz.dpr, sheet)
			t.Run(name, func(t *testing.T) {
				in := Input{W: sz.w * sz.dpr, H: sz.h * sz.dpr, DPR: sz.dpr, SheetOpen: sheet}
				l := Compute(in)
				screen := R(0, 0, in.W, in.H)
				named := l.Named(0)
				require.NotEmpty(t, named)
				for id, r := range named {
					assert.True(t, r.Within(screen), "%s %v off screen", id, r)
					if p := parentOf(id); p != WNone {
						pr, ok := named[p]
						// Controls sit in the controls bar or the top bar.
						if tb, tok := named[WTopBar]; p == WControls && tok && r.Within(tb) {
							pr = tb
						}
						if ok {
							assert.True(t, r.Within(pr), "%s %v outside %s %v", id, r, p, pr)
						}
					}
				}
				// Top-level widgets never overlap each other, nor do buttons.
				var tops, btns []WidgetID
				for id := range named {
					if parentOf(id) == WNone && id != WPanel {
						tops = append(tops, id)
					}
				}
				for _, b := range l.Buttons {
					btns = append(btns, b.ID)
					// Touch targets: at least 44 CSS pixels.
					assert.GreaterOrEqual(t, b.Rect.W/sz.dpr, 43.99, "%s too narrow", b.ID)
					assert.GreaterOrEqual(t, b.Rect.H/sz.dpr, 43.99, "%s too short", b.ID)
				}
				for _, b := range l.ToggleRects(0) {
					btns = append(btns, b.ID)
					assert.GreaterOrEqual(t, b.Rect.H/sz.dpr, 43.99, "%s too short", b.ID)
				}
				noOverlap(t, named, tops)
				noOverlap(t, named, btns)
				if !l.Sheet {
					// The essentials are always there.
					for _, id := range []WidgetID{WCaption, WDiagram, WPlot, BtnPlay, BtnPrevEvent, BtnNextEvent} {
						assert.Contains(t, named, id)
					}
					// Every stage has room, or (compact) a chip and the
					// focused stage has room.
					shown := 0
					for s, r := range l.Stages {
						if l.Compact && r.Empty() {
							continue
						}
						shown++
						assert.False(t, r.Empty(), "stage %d empty", s)
						assert.True(t, r.Within(l.Diagram), "stage %d outside diagram", s)
					}
					if l.Compact {
						assert.False(t, l.Stages[StageAutomation].Empty(), "the focused stage")
						for s, r := range l.Chips {
							assert.False(t, r.Empty(), "chip %d", s)
							assert.True(t, r.Within(l.Diagram), "chip %d outside diagram", s)
							assert.False(t, r.Overlaps(l.Stages[StageAutomation]), "chip %d over the stage", s)
						}
					} else {
						assert.Equal(t, int(NumStages), shown)
					}
					// The panel is reachable: shown or a button opens it.
					_, hasBtn := named[BtnSafeguards]
					assert.True(t, l.PanelShown() || hasBtn, "no way to the safeguards")
				} else {
					assert.True(t, l.PanelShown() || !l.Narrow && !l.Tiny)
				}
			})
		}
	}
}

func noOverlap(t *testing.T, named map[WidgetID]Rect, ids []WidgetID) {
	t.Helper()
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			ra, rb := named[a], named[b]
			if strings.HasPrefix(string(b), string(a)+".") || strings.HasPrefix(string(a), string(b)+".") {
				continue
			}
			assert.False(t, ra.Overlaps(rb), "%s %v overlaps %s %v", a, ra, b, rb)
		}
	}
}

func TestLayoutKinds(t *testing.T) {
	for _, tc := range []struct {
		w, h, dpr    float64
		narrow, tiny bool
	}{
		{1280, 720, 1, false, false},
		{2560, 1440, 2, false, false},
		{360, 640, 1, true, false},
		{320, 240, 1, true, true},
		{640, 360, 1, true, true},
	} {
		l := Compute(Input{W: tc.w * tc.dpr, H: tc.h * tc.dpr, DPR: tc.dpr})
		assert.Equal(t, tc.narrow, l.Narrow, "%v×%v", tc.w, tc.h)
		assert.Equal(t, tc.tiny, l.Tiny, "%v×%v", tc.w, tc.h)
		// Text is sized in device pixels: twice the pixels at twice the DPR.
		assert.GreaterOrEqual(t, l.FontSmall, 8*tc.dpr)
	}
	// A tall phone stacks the panel under the controls; 360×640 gives
	// the diagram the room and the panel is a sheet.
	l := Compute(Input{W: 414 * 2, H: 896 * 2, DPR: 2})
	require.True(t, l.PanelShown())
	assert.GreaterOrEqual(t, l.Panel.Y, l.Controls.Bottom())
	l = Compute(Input{W: 360, H: 640, DPR: 1})
	assert.True(t, l.Compact)
	assert.False(t, l.PanelShown())
	assert.Contains(t, l.Named(0), BtnSafeguards)
}

func TestHitTest(t *testing.T) {
	l := Compute(Input{W: 1280, H: 720, DPR: 1})
	for _, b := range l.Buttons {
		assert.Equal(t, b.ID, l.HitTest(b.Rect.CX(), b.Rect.CY(), 0))
	}
	for _, b := range l.ToggleRects(0) {
		assert.Equal(t, b.ID, l.HitTest(b.Rect.CX(), b.Rect.CY(), 0))
		id, ok := SafeguardOf(b.ID)
		assert.True(t, ok)
		assert.Equal(t, b.ID, SafeguardWidget(id))
	}
	assert.Equal(t, WPlot, l.HitTest(l.Bands.CX(), l.Bands.CY(), 0))
	assert.Equal(t, WZoom, l.HitTest(l.Zoom.CX(), l.Zoom.CY(), 0))
	assert.Equal(t, WDiagram, l.HitTest(l.Stages[StageZone].CX(), l.Stages[StageZone].CY(), 0))
	// Scrolling moves the toggles; rows scrolled out are not hit.
	scrolled := l.ToggleRects(l.MaxScroll())
	assert.NotEqual(t, l.ToggleRects(0)[0].ID, scrolled[0].ID)
	// With the sheet open, a tap outside the panel closes it.
	s := Compute(Input{W: 320, H: 240, DPR: 1, SheetOpen: true})
	require.True(t, s.Sheet)
	rs := s.ToggleRects(0)
	require.NotEmpty(t, rs)
	assert.Equal(t, rs[0].ID, s.HitTest(rs[0].Rect.CX(), rs[0].Rect.CY(), 0))
}

// The race swimlane is the picture of the story's race chapters at every
// size but the tiniest, with room for its lanes' names; it is retired
// once the story has moved past the race.
func TestRaceSwimlaneInStory(t *testing.T) {
	for _, sz := range []struct{ w, h float64 }{{1280, 720}, {1920, 1080}, {360, 640}, {390, 844}, {768, 1024}} {
		race := Compute(Input{W: sz.w, H: sz.h, DPR: 1, Spotlight: true})
		require.False(t, race.Zoom.Empty(), "%v: the swimlane", sz)
		assert.GreaterOrEqual(t, race.Labels.W, 5*race.FontSmall, "%v: room for the lanes' names (\"Enactor A\")", sz)
		assert.GreaterOrEqual(t, race.Zoom.H, 80.0, "%v: lanes tall enough to read", sz)
		past := Compute(Input{W: sz.w, H: sz.h, DPR: 1, Spotlight: true, NoRaceStrip: true})
		assert.True(t, past.Zoom.Empty(), "%v: retired past the race", sz)
	}
}

package view

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
	"github.com/outagelab/outage/game/viewmodel/vmtest"
)

// newTestGame builds a Game over the hand-made run, laid out at w×h CSS
// pixels. Nothing here draws: these paths need no GPU.
func newTestGame(t *testing.T, w, h float64) *Game {
	t.Helper()
	eng := vm.Engine{
		Run: vmtest.Result,
		Judge: func(base, run *sim.Result) vm.Verdict {
			k, s := vmtest.Judge(base, run)
			return vm.Verdict{Kind: k, Summary: s}
		},
	}
	a := vm.NewApp(eng, "en")
	g := New(a, Options{DPR: 1})
	g.w, g.h, g.dpr = w, h, 1
	g.ensureLayout()
	require.NotNil(t, g.lay)
	return g
}

func TestClickButtons(t *testing.T) {
	g := newTestGame(t, 1280, 720)
	a := g.App
	r, ok := g.lay.ButtonRect(vm.BtnPlay)
	require.True(t, ok)
	playing := a.Playing
	w := g.hit(r.CX(), r.CY())
	assert.Equal(t, vm.BtnPlay, w)
	g.click(w, r.CX(), r.CY())
	assert.NotEqual(t, playing, a.Playing)
	// The segmented control: each half picks its mode.
	m, ok := g.lay.ButtonRect(vm.BtnMode)
	require.True(t, ok)
	g.click(vm.BtnMode, m.X+m.W*0.75, m.CY())
	assert.Equal(t, vm.ModeExplore, a.Mode)
	g.click(vm.BtnMode, m.X+m.W*0.75, m.CY())
	assert.Equal(t, vm.ModeExplore, a.Mode, "a selected segment stays")
	g.click(vm.BtnMode, m.X+m.W*0.25, m.CY())
	assert.Equal(t, vm.ModeStory, a.Mode)
	// A safeguard toggle re-runs.
	tr := g.lay.ToggleRects(a.PanelScroll)
	require.NotEmpty(t, tr)
	g.click(g.hit(tr[0].Rect.CX(), tr[0].Rect.CY()), tr[0].Rect.CX(), tr[0].Rect.CY())
	assert.True(t, a.Set.Has(safeguard.ApplyTimeCheck))
}

func TestDialogs(t *testing.T) {
	g := newTestGame(t, 1280, 720)
	a := g.App
	g.do(vm.CmdHelp)
	require.Equal(t, vm.OverHelp, a.Overlay())
	ol := g.lay.OverlayLayout(vm.OverHelp)
	// The language button switches the language; a tap outside closes.
	for _, b := range ol.Buttons {
		if b.ID == vm.BtnHelpLang {
			g.click(g.hit(b.Rect.CX(), b.Rect.CY()), b.Rect.CX(), b.Rect.CY())
		}
	}
	assert.Equal(t, "id", a.Lang)
	assert.Equal(t, vm.WOverlay, g.hit(ol.Panel.X+2, ol.Panel.Bottom()-2))
	g.click(g.hit(1, 1), 1, 1)
	assert.Equal(t, vm.NoOverlay, a.Overlay())
	// Share: copying without a host prints and says so.
	g.do(vm.CmdShare)
	g.activate(vm.BtnCopyLink)
	assert.Equal(t, copyPrinted, g.copied[0])
	// With a host, the result comes back later.
	var got string
	var done func(bool)
	g.Copy = func(text string, box vm.Rect, d func(bool)) { got, done = text, d }
	g.activate(vm.BtnCopyIframe)
	assert.Equal(t, copyPending, g.copied[1])
	assert.Contains(t, got, "<iframe")
	done(false)
	assert.Equal(t, copyFailed, g.copied[1])
	g.do(vm.CmdClose)
	assert.Equal(t, [2]copyState{}, g.copied, "closing forgets")
	// The race checker's texts.
	g.do(vm.CmdRace)
	rt := g.raceTexts()
	assert.NotEmpty(t, rt.summary)
	assert.NotEmpty(t, rt.steps)
	assert.True(t, rt.fatal[len(rt.fatal)-1])
}

func TestKeyboardFocus(t *testing.T) {
	g := newTestGame(t, 1280, 720)
	a := g.App
	g.moveFocus(1)
	assert.Equal(t, vm.BtnMode, a.Focus)
	g.moveFocus(-1)
	_, isToggle := vm.SafeguardOf(a.Focus)
	assert.True(t, isToggle, "Shift+Tab from the first goes to the last")
	r, ok := g.focusRect(a.Focus)
	require.True(t, ok, "the list scrolled to show it")
	assert.True(t, r.Within(g.lay.List))
	g.activate(a.Focus)
	assert.Equal(t, 1, a.Set.Len())
	// A dialog opened from the keyboard takes the focus ring.
	g.lastKeyboard = true
	g.do(vm.CmdShare)
	assert.Equal(t, vm.BtnCopyLink, a.Focus)
	g.do(vm.CmdClose)
	assert.Equal(t, vm.WNone, a.Focus)
}

func TestCompactChips(t *testing.T) {
	g := newTestGame(t, 360, 640)
	a := g.App
	require.True(t, g.lay.Compact)
	c := g.lay.Chips[vm.StageNLB]
	w := g.hit(c.CX(), c.CY())
	assert.Equal(t, vm.ChipWidget(vm.StageNLB), w)
	g.click(w, c.CX(), c.CY())
	assert.Equal(t, vm.StageNLB, a.FocusStage())
	g.ensureLayout()
	assert.False(t, g.lay.Stages[vm.StageNLB].Empty(), "the picked stage is shown")
}

func TestThemeAndLayoutFollowApp(t *testing.T) {
	g := newTestGame(t, 1280, 720)
	a := g.App
	a.Do(vm.CmdContrast)
	g.ensureLayout()
	assert.Equal(t, vm.HighContrast, g.pal)
	a.Embed, a.Chrome = true, vm.ChromeNone
	g.ensureLayout()
	assert.False(t, g.lay.EmbedLink.Empty())
	_, hasPlay := g.lay.ButtonRect(vm.BtnPlay)
	assert.False(t, hasPlay)
	css := g.LayoutCSS()
	assert.Contains(t, css, vm.WEmbedLink)
}

func TestBootLater(t *testing.T) {
	built := 0
	g := New(nil, Options{DPR: 1, Boot: func() *vm.App {
		built++
		return newTestGame(t, 1280, 720).App
	}})
	assert.Nil(t, g.App, "no app before the first frame")
	assert.Empty(t, g.LayoutCSS())
	assert.Zero(t, g.Stats().ResimMs)
	assert.NoError(t, g.Update(), "a tick before the first frame waits")
	assert.Equal(t, 0, built)
	// What the page asks for before the first tick builds the app, laid
	// out at the size the first frame had.
	g.w, g.h, g.dpr = 1280, 720, 1
	require.NotNil(t, g.EnsureApp())
	assert.NotEmpty(t, g.LayoutCSS())
	require.NotNil(t, g.EnsureApp())
	assert.Equal(t, 1, built, "built once")
}

// The Next prompt at a chapter's end and the replay's buttons are laid
// out as buttons and do what they say.
func TestNextAndReplayButtons(t *testing.T) {
	g := newTestGame(t, 1280, 720)
	a := g.App
	a.Playing, a.AwaitNext = false, true
	g.ensureLayout()
	r, ok := g.lay.ButtonRect(vm.BtnNext)
	require.True(t, ok, "the Next button while the story waits")
	ch := a.Chapter
	g.click(g.hit(r.CX(), r.CY()), r.CX(), r.CY())
	assert.Equal(t, ch+1, a.Chapter)
	assert.True(t, a.Playing)
	g.ensureLayout()
	_, ok = g.lay.ButtonRect(vm.BtnNext)
	assert.False(t, ok)

	require.True(t, a.Do(vm.CmdReplay))
	g.ensureLayout()
	assert.False(t, g.lay.Stages[vm.StageAutomation].Empty(), "the replay spotlights the DNS stages")
	assert.False(t, g.lay.Stages[vm.StageZone].Empty())
	next, ok := g.lay.ButtonRect(vm.BtnReplayNext)
	require.True(t, ok)
	g.click(g.hit(next.CX(), next.CY()), next.CX(), next.CY())
	assert.Equal(t, 2, a.Replaying().Step)
	prev, _ := g.lay.ButtonRect(vm.BtnReplayPrev)
	g.click(g.hit(prev.CX(), prev.CY()), prev.CX(), prev.CY())
	assert.Equal(t, 1, a.Replaying().Step)
	exit, _ := g.lay.ButtonRect(vm.BtnReplayExit)
	g.click(g.hit(exit.CX(), exit.CY()), exit.CX(), exit.CY())
	assert.Nil(t, a.Replaying())
}

package view

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	vm "github.com/outagelab/outage/game/viewmodel"
)

// input tracks one pointer (mouse or the first touch) between ticks.
type input struct {
	down     bool
	touch    ebiten.TouchID
	isTouch  bool
	pressed  vm.WidgetID // widget under the press
	dragging bool        // seeking on the timeline or the inset
	scrollY  float64     // list drag: pointer y at the last tick
	boardY   float64     // scoreboard drag: pointer y at the last row step
	moved    float64
	hoverX   float64
	hoverY   float64
	// hovered is set once the pointer has moved, so a pointer resting
	// where the window opened shows no hover.
	hovered bool
	touches []ebiten.TouchID
	board   []vm.Button // scoreboard rows, set while drawing
	claims  []vm.Button // the reports dialog's experiment buttons
}

var keyMap = []struct {
	k  ebiten.Key
	vk vm.Key
}{
	{ebiten.KeySpace, vm.KeySpace}, {ebiten.KeyK, vm.KeyK},
	{ebiten.KeyArrowLeft, vm.KeyLeft}, {ebiten.KeyArrowRight, vm.KeyRight},
	{ebiten.KeyPageUp, vm.KeyPageUp}, {ebiten.KeyPageDown, vm.KeyPageDown},
	{ebiten.KeyBracketLeft, vm.KeyBracketL}, {ebiten.KeyBracketRight, vm.KeyBracketR},
	{ebiten.KeyHome, vm.KeyHome}, {ebiten.KeyEnd, vm.KeyEnd},
	{ebiten.KeyS, vm.KeyS}, {ebiten.KeyB, vm.KeyB}, {ebiten.KeyM, vm.KeyM},
	{ebiten.KeyF, vm.KeyF}, {ebiten.KeySlash, vm.KeyQuestion}, {ebiten.KeyEscape, vm.KeyEscape},
	{ebiten.KeyE, vm.KeyE}, {ebiten.KeyL, vm.KeyL}, {ebiten.KeyC, vm.KeyC}, {ebiten.KeyR, vm.KeyR},
	{ebiten.KeyX, vm.KeyX}, {ebiten.KeyT, vm.KeyT}, {ebiten.KeyP, vm.KeyP}, {ebiten.KeyW, vm.KeyW},
}

func (g *Game) handleInput() {
	a := g.App
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta) || ebiten.IsKeyPressed(ebiten.KeyAlt)
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	g.keys = inpututil.AppendJustPressedKeys(g.keys[:0])
	if len(g.keys) > 0 {
		g.lastKeyboard = true
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyTab) || repeat(ebiten.KeyTab) {
		g.moveFocus(map[bool]int{true: -1, false: 1}[shift])
	}
	activate := inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter)
	if a.Focus != vm.WNone && (activate || inpututil.IsKeyJustPressed(ebiten.KeySpace)) {
		g.activate(a.Focus)
	} else if !ctrl {
		for _, km := range keyMap {
			if inpututil.IsKeyJustPressed(km.k) || (km.vk == vm.KeyLeft || km.vk == vm.KeyRight) && repeat(km.k) {
				if c := vm.CommandForKey(km.vk); c != vm.CmdNone {
					g.do(c)
				}
			}
		}
	}
	// The scoreboard and the reports scroll with the arrow keys and the
	// wheel.
	if o := a.Overlay(); o == vm.OverScoreboard || o == vm.OverReports {
		if inpututil.IsKeyJustPressed(ebiten.KeyArrowDown) || repeat(ebiten.KeyArrowDown) {
			g.scrollOverlay(1)
		}
		if inpututil.IsKeyJustPressed(ebiten.KeyArrowUp) || repeat(ebiten.KeyArrowUp) {
			g.scrollOverlay(-1)
		}
		if _, wy := ebiten.Wheel(); wy != 0 {
			g.scrollOverlay(map[bool]int{true: 1, false: -1}[wy < 0])
		}
	}
	// Wheel scrolls the safeguard list.
	if _, wy := ebiten.Wheel(); wy != 0 && a.Overlay() == vm.NoOverlay {
		x, y := ebiten.CursorPosition()
		if g.lay.List.Contains(float64(x), float64(y)) {
			a.PanelScroll = vm.Clamp(a.PanelScroll-wy*40*g.lay.U, 0, g.lay.MaxScroll())
		}
	}
	g.pointer()
}

// repeat reports a held key's auto-repeat.
func repeat(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d > 24 && d%5 == 0
}

// pointer handles the mouse and the first touch alike: a press on a
// button acts on release over the same button; a press on the timeline
// seeks and drags; a drag on the list scrolls it.
func (g *Game) pointer() {
	in := &g.in
	var x, y float64
	var justDown, held bool
	g.in.touches = inpututil.AppendJustPressedTouchIDs(g.in.touches[:0])
	switch {
	case len(in.touches) > 0 && !in.down:
		in.touch, in.isTouch = in.touches[0], true
		tx, ty := ebiten.TouchPosition(in.touch)
		x, y, justDown, held = float64(tx), float64(ty), true, true
	case in.down && in.isTouch:
		if inpututil.IsTouchJustReleased(in.touch) {
			tx, ty := inpututil.TouchPositionInPreviousTick(in.touch)
			x, y = float64(tx), float64(ty)
		} else {
			tx, ty := ebiten.TouchPosition(in.touch)
			x, y, held = float64(tx), float64(ty), true
		}
	default:
		cx, cy := ebiten.CursorPosition()
		x, y = float64(cx), float64(cy)
		justDown = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
		held = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
		in.isTouch = false
	}
	if x != in.hoverX || y != in.hoverY {
		in.hovered = in.hovered || in.hoverX != 0 || in.hoverY != 0 || justDown
	}
	in.hoverX, in.hoverY = x, y
	a := g.App
	switch {
	case justDown && !in.down:
		g.lastKeyboard = false
		in.down = true
		in.moved = 0
		in.scrollY, in.boardY = y, y
		in.pressed = g.hit(x, y)
		in.dragging = in.pressed == vm.WPlot || in.pressed == vm.WZoom
		if in.dragging {
			g.seekAt(in.pressed, x)
		}
	case held && in.down:
		in.moved += abs(y-in.scrollY) + 0
		if in.dragging {
			g.seekAt(in.pressed, x)
		} else if o := a.Overlay(); o == vm.OverScoreboard || o == vm.OverReports {
			// A drag over the rows scrolls them, a row at a time.
			if step := 0.8 * g.lay.Touch; abs(y-in.boardY) >= step {
				g.scrollOverlay(int((in.boardY - y) / step))
				in.boardY = y
			}
		} else if g.lay.List.Contains(x, y) || in.pressed == vm.WList {
			a.PanelScroll = vm.Clamp(a.PanelScroll-(y-in.scrollY), 0, g.lay.MaxScroll())
		}
		in.scrollY = y
	case !held && in.down:
		in.down = false
		if in.dragging {
			in.dragging = false
			return
		}
		if in.moved > 12*g.lay.U {
			return // a scroll, not a tap
		}
		if w := g.hit(x, y); w == in.pressed {
			g.click(w, x, y)
		}
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// hit is the widget under a point, overlays first: a dialog's buttons,
// its panel (which does nothing), and outside it (which closes it).
func (g *Game) hit(x, y float64) vm.WidgetID {
	a := g.App
	if o := a.Overlay(); o != vm.NoOverlay {
		ol := g.lay.OverlayLayout(o)
		for _, b := range ol.Buttons {
			if b.Rect.Contains(x, y) {
				return b.ID
			}
		}
		extra := g.in.board
		if o == vm.OverReports {
			extra = g.in.claims
		}
		if o == vm.OverScoreboard || o == vm.OverReports {
			for _, b := range extra {
				if b.Rect.Contains(x, y) {
					return b.ID
				}
			}
		}
		if ol.Panel.Contains(x, y) {
			return vm.WOverlay
		}
		return vm.BtnOverlayX
	}
	return g.lay.HitTest(x, y, a.PanelScroll)
}

func (g *Game) click(w vm.WidgetID, x, y float64) {
	a := g.App
	switch {
	case w == vm.WOverlay:
		// A tap inside a dialog, away from its buttons.
	case w == vm.BtnMode:
		// The segmented control: each half selects its mode.
		if r, ok := g.lay.ButtonRect(w); ok && x >= 0 {
			if x < r.CX() {
				a.SetMode(vm.ModeStory)
			} else {
				a.SetMode(vm.ModeExplore)
			}
		}
	case len(w) > len(boardPrefix) && string(w[:len(boardPrefix)]) == boardPrefix:
		if e, ok := g.boardEntry(w); ok {
			a.SetSafeguards(e.Set)
			a.Scoreboard = false
		}
	default:
		g.activate(w)
	}
}

// activate does what a widget does when clicked, tapped, or chosen with
// the keyboard (Enter or Space on the focus ring).
func (g *Game) activate(w vm.WidgetID) {
	a := g.App
	if id, ok := vm.SafeguardOf(w); ok {
		a.Toggle(id)
		return
	}
	if s, ok := vm.ChipOf(w); ok {
		a.PinStage(s)
		return
	}
	if i, ok := vm.ClaimOf(w); ok {
		a.RunClaim(i)
		a.Focus = vm.WNone
		return
	}
	switch w {
	case vm.BtnCopyLink:
		g.copy(0)
		return
	case vm.BtnCopyIframe:
		g.copy(1)
		return
	case vm.BtnMode:
		a.Do(vm.CmdMode)
		return
	}
	if len(w) > len(boardPrefix) && string(w[:len(boardPrefix)]) == boardPrefix {
		g.click(w, -1, -1)
		return
	}
	if c := vm.CommandForOverlayButton(w); c != vm.CmdNone {
		g.do(c)
		return
	}
	if c := vm.CommandForWidget(w); c != vm.CmdNone {
		g.do(c)
	}
}

// moveFocus moves the focus ring to the next (dir 1) or previous (-1)
// widget, scrolling the safeguard list to show it.
func (g *Game) moveFocus(dir int) {
	a := g.App
	switch a.Overlay() {
	case vm.OverScoreboard:
		g.focus = g.boardFocus(g.focus)
	case vm.OverReports:
		g.focus = g.focus[:0]
		for i, c := range vm.Claims {
			if c.Run != nil {
				g.focus = append(g.focus, vm.WidgetID(vm.ClaimPrefix+string(rune('0'+i))))
			}
		}
		g.focus = append(g.focus, vm.BtnOverlayX)
	default:
		g.focus = g.lay.FocusOrder(a.Overlay(), g.focus)
	}
	a.Focus = vm.NextFocus(g.focus, a.Focus, dir)
	a.PanelScroll = g.lay.ScrollToShow(a.Focus, a.PanelScroll)
	g.showBoardRow(a.Focus)
	if i, ok := vm.ClaimOf(a.Focus); ok {
		g.showClaim(i)
	}
}

func (g *Game) do(c vm.Command) {
	before := g.App.Overlay()
	g.App.Do(c)
	if after := g.App.Overlay(); after != before {
		// A dialog opened or closed: the focus ring starts again inside it
		// (or leaves it), and copy results are forgotten.
		g.App.Focus = vm.WNone
		if after != vm.NoOverlay && before == vm.NoOverlay && g.lastKeyboard {
			g.moveFocus(1)
		}
		g.copied = [2]copyState{}
	}
}

// seekAt moves the playhead to the time under x on the timeline or inset.
func (g *Game) seekAt(w vm.WidgetID, x float64) {
	if w == vm.WZoom {
		t0, t1 := vm.RaceWindow(g.App.Current().Result)
		g.App.Seek(g.lay.ZoomScale(t0, t1).T(x))
		return
	}
	g.App.Seek(g.lay.TimeScale().T(x))
}

// scrollOverlay scrolls the open dialog's rows by d.
func (g *Game) scrollOverlay(d int) {
	if g.App.Overlay() == vm.OverReports {
		g.scrollReports(d)
		return
	}
	g.scrollBoard(d)
}

// showClaim scrolls the reports dialog so that claim i is in view.
func (g *Game) showClaim(i int) {
	a := g.App
	rt := g.reportLines(g.lay.ReportsTextWidth())
	rl := g.lay.Reports(rt.lines, a.ReportsScroll)
	if i < rl.First {
		a.ReportsScroll = i
	} else if i >= rl.First+len(rl.Rows) {
		a.ReportsScroll = i - max(0, len(rl.Rows)-1)
	}
}

package main

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/outagelab/outage/game/view"
)

// Crash is what the app knows when it stops after a panic: where it
// happened, the panic's value, the stack, and the share link of the moment
// it stopped (empty if none could be made).
type Crash struct {
	Where string
	Value string
	Stack string
	Link  string
}

// Sentence is the crash in one sentence, for the reader.
func (c *Crash) Sentence() string {
	return fmt.Sprintf("The explainer stopped because of an internal error in %s: %s.", c.Where, strings.TrimSuffix(c.Value, "."))
}

// errCrashed ends ebiten.RunGame after a crash.
var errCrashed = errors.New("the explainer stopped after an internal error")

// guard wraps the game: a panic in Update, Draw or Layout, or reported by
// the bridge from a window.outage call, stops the app with a Crash instead
// of leaving a frozen canvas. After a crash it runs nothing of the app
// again: the panicking code may have left view.Game.Mu locked and the
// state half-changed.
type guard struct {
	g *view.Game
	// report tells the reader (the page's crash screen in the browser,
	// stderr on the desktop); it is called once, on the crashing goroutine.
	report func(*Crash)
	// inject, in test builds only (-tags crashtest), panics or exits at the
	// named point.
	inject func(g *guard, where string)
	// scale (the -scale flag, 1 by default) makes the game lay itself out
	// for a window that many times smaller; its device scale factor is
	// that many times larger (main), so it fills the same pixels.
	scale float64

	mu    sync.Mutex
	crash *Crash
	// link is the share link as of the last second, in case the app's
	// state cannot give one when it crashes.
	link  string
	ticks int
}

func newGuard(g *view.Game, report func(*Crash)) *guard {
	return &guard{g: g, report: report, inject: testInject, scale: 1}
}

// Stopped reports whether the app has crashed.
func (gd *guard) Stopped() bool {
	gd.mu.Lock()
	defer gd.mu.Unlock()
	return gd.crash != nil
}

// Crashed returns the crash, or nil.
func (gd *guard) Crashed() *Crash {
	gd.mu.Lock()
	defer gd.mu.Unlock()
	return gd.crash
}

// Fail records a panic's value r that happened in where and reports it;
// only the first crash counts.
func (gd *guard) Fail(where string, r any) {
	stack := string(debug.Stack())
	gd.mu.Lock()
	if gd.crash != nil {
		gd.mu.Unlock()
		return
	}
	c := &Crash{Where: where, Value: fmt.Sprint(r), Stack: stack}
	gd.crash = c
	fallback := gd.link
	gd.mu.Unlock()
	c.Link = gd.shareLink()
	if c.Link == "" {
		c.Link = fallback
	}
	if gd.report != nil {
		gd.report(c)
	}
}

// shareLink asks the app for the link of this moment. The crashed code may
// hold the lock (it is never released then) or have broken the state, so it
// reads without the lock when it must and gives "" on a second panic.
func (gd *guard) shareLink() (link string) {
	defer func() {
		if recover() != nil {
			link = ""
		}
	}()
	if gd.g.Mu.TryLock() {
		defer gd.g.Mu.Unlock()
	}
	if gd.g.App == nil {
		return ""
	}
	return gd.g.App.ShareLink()
}

// Update implements ebiten.Game.
func (gd *guard) Update() (err error) {
	if gd.Stopped() {
		return errCrashed
	}
	defer func() {
		if r := recover(); r != nil {
			gd.Fail("Update", r)
			err = errCrashed
		}
	}()
	if gd.inject != nil {
		gd.inject(gd, "update")
	}
	if err := gd.g.Update(); err != nil {
		return err
	}
	gd.ticks++
	if gd.ticks%60 == 1 {
		gd.g.Mu.Lock()
		link := ""
		if gd.g.App != nil {
			link = gd.g.App.ShareLink()
		}
		gd.g.Mu.Unlock()
		gd.mu.Lock()
		gd.link = link
		gd.mu.Unlock()
	}
	return nil
}

// Draw implements ebiten.Game. After a crash the screen keeps its last
// picture; the page covers it.
func (gd *guard) Draw(screen *ebiten.Image) {
	if gd.Stopped() {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			gd.Fail("Draw", r)
		}
	}()
	if gd.inject != nil {
		gd.inject(gd, "draw")
	}
	gd.g.Draw(screen)
}

// Layout implements ebiten.Game.
func (gd *guard) Layout(ow, oh int) (int, int) {
	w, h := gd.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

// LayoutF implements ebiten.LayoutFer, so drawing stays crisp.
func (gd *guard) LayoutF(ow, oh float64) (w, h float64) {
	if gd.Stopped() {
		return max(1, ow), max(1, oh)
	}
	defer func() {
		if r := recover(); r != nil {
			gd.Fail("Layout", r)
			w, h = max(1, ow), max(1, oh)
		}
	}()
	if gd.scale > 0 && gd.scale != 1 {
		return gd.g.LayoutF(ow/gd.scale, oh/gd.scale)
	}
	return gd.g.LayoutF(ow, oh)
}

// BeforeCall implements bridge.Guard: the crash tests' hook at the start
// of a window.outage call.
func (gd *guard) BeforeCall(name string) {
	if gd.inject != nil {
		gd.inject(gd, "call:"+name)
	}
}

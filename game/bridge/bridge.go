//go:build js && wasm

// Package bridge publishes the explainer's JavaScript API, window.outage,
// in the browser, and reads what the page says: its address's query, the
// reader's preferences and language. It only converts between js.Value
// and Go values; the validation and the state live in game/viewmodel, the
// drawing in game/view.
//
//	outage.ready            true once the first frame is drawn; then the
//	                        window gets the event "outage:ready". The app
//	                        state is built on the next tick, or at once
//	                        by the first call below that comes earlier
//	outage.state()          {t, playing, speed, chapter, chapters, mode,
//	                         safeguards, verdict: {kind, summary}, caption,
//	                         lang, feed, url, embed, controls, theme, motion}
//	                        chapter counts from 1 (as chapter(n) and the
//	                        link's chapter parameter do)
//	outage.seek(t)          t: RFC 3339 or "HH:MM" PDT
//	outage.play(), outage.pause()
//	outage.chapter(n)       n from 1 to chapters, or a chapter id ("race")
//	outage.setSafeguards([ids])
//	outage.setLang(l)       "en" or "id" (a tag such as "id-ID" works)
//	outage.layout()         {name: {x, y, w, h}} in CSS pixels, including
//	                        "embed.link" (the strip the page's link covers
//	                        in embed mode)
//	outage.stats()          {fps, tps, update_ms, draw_ms, resim_ms, heap_bytes,
//	                         heap_live_bytes}: heap_live_bytes is the heap
//	                        the last garbage collection found live
//	outage.share()          {link, iframe}: the share link of this moment
//	                        and its <iframe> snippet, from the address the
//	                        page is served from (as the Share dialog has)
//
// Commands return {ok: true}; bad arguments return {error: "..."} and
// never throw. A panic inside a call stops the app (Guard): the call
// answers {error}, the window gets CustomEvent("outage:crash", {detail:
// {message, error, where, url}}) (see Crash), and every later call answers
// {error} too. Whenever the chapter, the caption, the safeguards, the
// verdict, playing, the language, the mode (or theme or motion) change, or
// the playhead crosses a notable event, the window gets
// CustomEvent("outage:state", {detail: state()}), at most four a second.
package bridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime/metrics"
	"strings"
	"syscall/js"
	"time"

	"github.com/outagelab/outage/game/view"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// MinStateInterval is the shortest time between two outage:state events.
const MinStateInterval = 250 * time.Millisecond

// Query returns the page address's query ("?chapter=race"), or "".
func Query() string {
	loc := js.Global().Get("location")
	if !loc.Truthy() {
		return ""
	}
	return loc.Get("search").String()
}

// Base returns the page's address without query or fragment, for share
// links. (In a sandboxed iframe location.origin is "null", but the
// address itself is still the page's.)
func Base() string {
	loc := js.Global().Get("location")
	if !loc.Truthy() {
		return ""
	}
	href := loc.Get("href").String()
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	if !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "https://") {
		return ""
	}
	return href
}

// PrefersLight reports the page's prefers-color-scheme: light, which the
// first frame (drawn before System is read) follows.
func PrefersLight() bool {
	mm := js.Global().Get("matchMedia")
	if mm.Type() != js.TypeFunction {
		return false
	}
	r := js.Global().Call("matchMedia", "(prefers-color-scheme: light)")
	return r.Truthy() && r.Get("matches").Truthy()
}

// System reads the reader's preferences: prefers-color-scheme,
// prefers-reduced-motion and the browser's languages.
func System() vm.System {
	var s vm.System
	w := js.Global()
	if mm := w.Get("matchMedia"); mm.Type() == js.TypeFunction {
		match := func(q string) bool {
			r := w.Call("matchMedia", q)
			return r.Truthy() && r.Get("matches").Truthy()
		}
		s.PrefersLight = match("(prefers-color-scheme: light)")
		s.PrefersReducedMotion = match("(prefers-reduced-motion: reduce)")
	}
	if nav := w.Get("navigator"); nav.Truthy() {
		var langs []string
		if ls := nav.Get("languages"); ls.Truthy() {
			for i := range min(ls.Length(), 8) {
				langs = append(langs, ls.Index(i).String())
			}
		}
		if l := nav.Get("language"); l.Type() == js.TypeString {
			langs = append(langs, l.String())
		}
		for _, l := range langs {
			if v, err := vm.ParseLang(l); err == nil {
				s.Lang = v
				break
			}
		}
	}
	return s
}

// Guard is what stops the app after a panic (cmd/outage): once Stopped,
// nothing of the app runs again, since the panicking code may hold
// view.Game.Mu for ever and have left the state half-changed.
type Guard interface {
	Stopped() bool
	// Fail records a panic's value r in where and shows the crash.
	Fail(where string, r any)
	// BeforeCall runs with the lock held at the start of every call; the
	// crash tests inject their panic here (a no-op otherwise).
	BeforeCall(name string)
}

// errStopped answers every call after a crash.
var errStopped = errors.New("the explainer has stopped after an internal error; reload the page")

// Crash shows the crash screen: it sends the window
// CustomEvent("outage:crash") with {message, error, where, url}, which
// web/page.js turns into an error screen (and, embedded, outage:error with
// fatal: true for the host), and logs it with the stack to the console.
func Crash(message, value, where, link, stack string) {
	defer func() { recover() }() // nothing more can be done if this fails
	w := js.Global()
	if c := w.Get("console"); c.Truthy() {
		c.Call("error", "outage: "+message+"\n"+stack)
	}
	d := w.Get("Object").New()
	d.Set("message", message)
	d.Set("error", value)
	d.Set("where", where)
	d.Set("url", link)
	dispatch("outage:crash", d)
}

// Install sets window.outage for g; gd stops it after a panic.
func Install(g *view.Game, gd Guard) {
	w := js.Global()
	o := w.Get("Object").New()
	o.Set("ready", false)
	ev := &events{g: g}
	g.OnFirstFrame = func() {
		o.Set("ready", true)
		dispatch("outage:ready", js.Undefined())
		ev.ready = true
	}
	g.AfterUpdate = ev.afterUpdate
	g.Copy = func(text string, box vm.Rect, done func(bool)) { copyText(g, text, box, done) }
	locked := func(name string, f func(a *vm.App, args []any) (any, error)) js.Func {
		return js.FuncOf(func(_ js.Value, jargs []js.Value) (ret any) {
			if gd.Stopped() {
				return errObj(fmt.Errorf("%s: %w", name, errStopped))
			}
			defer func() {
				if r := recover(); r != nil {
					gd.Fail("window.outage."+name+"()", r)
					ret = errObj(fmt.Errorf("%s: %w", name, errStopped))
				}
			}()
			args := make([]any, len(jargs))
			for i, v := range jargs {
				args[i] = toGo(v, 0)
			}
			g.Mu.Lock()
			gd.BeforeCall(name)
			// A call before the first tick builds the app at once.
			a := g.EnsureApp()
			if a == nil {
				g.Mu.Unlock()
				return errObj(fmt.Errorf("%s: not ready", name))
			}
			res, err := f(a, args)
			g.Mu.Unlock()
			if err != nil {
				return errObj(err)
			}
			return toJS(res)
		})
	}
	ok := map[string]any{"ok": true}
	noArgs := func(name string, f func(a *vm.App)) js.Func {
		return locked(name, func(a *vm.App, args []any) (any, error) {
			if err := vm.APINoArgs(name, args); err != nil {
				return nil, err
			}
			f(a)
			return ok, nil
		})
	}
	o.Set("state", locked("state", func(a *vm.App, args []any) (any, error) {
		if err := vm.APINoArgs("state", args); err != nil {
			return nil, err
		}
		return a.State(), nil
	}))
	o.Set("seek", locked("seek", func(a *vm.App, args []any) (any, error) { return ok, a.APISeek(args) }))
	o.Set("play", noArgs("play", func(a *vm.App) {
		if !a.Playing {
			a.Do(vm.CmdTogglePlay)
		}
	}))
	o.Set("pause", noArgs("pause", func(a *vm.App) { a.Playing = false }))
	o.Set("chapter", locked("chapter", func(a *vm.App, args []any) (any, error) { return ok, a.APIChapter(args) }))
	o.Set("setSafeguards", locked("setSafeguards", func(a *vm.App, args []any) (any, error) {
		return ok, a.APISetSafeguards(args)
	}))
	o.Set("setLang", locked("setLang", func(a *vm.App, args []any) (any, error) { return ok, a.APISetLang(args) }))
	o.Set("layout", locked("layout", func(a *vm.App, args []any) (any, error) {
		if err := vm.APINoArgs("layout", args); err != nil {
			return nil, err
		}
		out := map[string]any{}
		for k, r := range g.LayoutCSS() {
			out[string(k)] = map[string]any{"x": r.X, "y": r.Y, "w": r.W, "h": r.H}
		}
		return out, nil
	}))
	o.Set("share", locked("share", func(a *vm.App, args []any) (any, error) {
		if err := vm.APINoArgs("share", args); err != nil {
			return nil, err
		}
		return map[string]any{"link": a.ShareLink(), "iframe": a.ShareIframe()}, nil
	}))
	o.Set("stats", js.FuncOf(func(js.Value, []js.Value) any {
		if gd.Stopped() {
			return errObj(fmt.Errorf("stats: %w", errStopped))
		}
		st := map[string]any{}
		b, _ := json.Marshal(g.Stats())
		json.Unmarshal(b, &st)
		st["heap_live_bytes"] = liveHeap()
		return toJS(st)
	}))
	w.Set("outage", o)
}

// events tells the page about changes with outage:state events.
type events struct {
	g       *view.Game
	ready   bool
	sent    bool
	last    vm.Signature
	lastAt  time.Time
	pending bool
}

// afterUpdate runs after every tick, without the game's lock held (page
// listeners may call window.outage back).
func (e *events) afterUpdate() {
	if !e.ready {
		return
	}
	g := e.g
	g.Mu.Lock()
	if g.App == nil {
		g.Mu.Unlock()
		return
	}
	sig := g.App.Signature()
	if !e.sent || sig != e.last {
		e.pending = true
		e.last = sig
	}
	if !e.pending || time.Since(e.lastAt) < MinStateInterval {
		g.Mu.Unlock()
		return
	}
	st := g.App.State()
	g.Mu.Unlock()
	e.pending, e.sent, e.lastAt = false, true, time.Now()
	dispatch("outage:state", toJS(st))
}

// liveHeap is the heap the last collection marked live (0 before one):
// unlike HeapAlloc it does not swing with the garbage between collections.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// dispatch sends a CustomEvent to the window.
func dispatch(name string, detail any) {
	w := js.Global()
	ce := w.Get("CustomEvent")
	if ce.Type() != js.TypeFunction {
		return
	}
	init := w.Get("Object").New()
	if d, ok := detail.(js.Value); !ok || !d.IsUndefined() {
		init.Set("detail", detail)
	}
	w.Call("dispatchEvent", ce.New(name, init))
}

// copyText puts text on the clipboard with navigator.clipboard.writeText.
// Where that is refused (a sandboxed iframe without clipboard-write), it
// shows the text in a selected text box over the dialog's (box, device
// pixels) and tries document.execCommand("copy"); if that fails too, the
// box stays, selected, for the reader to press Ctrl+C. done is called
// once, on its own goroutine.
func copyText(g *view.Game, text string, box vm.Rect, done func(bool)) {
	defer func() {
		if r := recover(); r != nil {
			go done(false)
		}
	}()
	dpr := g.DPR()
	fallback := func() {
		ok := selectBox(text, box.Scale(1/dpr))
		go done(ok)
	}
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() || clip.Get("writeText").Type() != js.TypeFunction {
		fallback()
		return
	}
	var then, catch js.Func
	release := func() { then.Release(); catch.Release() }
	then = js.FuncOf(func(js.Value, []js.Value) any { release(); go done(true); return nil })
	catch = js.FuncOf(func(js.Value, []js.Value) any { release(); fallback(); return nil })
	clip.Call("writeText", text).Call("then", then, catch)
}

// selectBox shows text in a read-only text box at r (CSS pixels, relative
// to the canvas), selects it and tries to copy it; the box goes away when
// it loses the focus or after a copy. It reports whether the copy worked.
func selectBox(text string, r vm.Rect) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	doc := js.Global().Get("document")
	x, y := 0.0, 0.0
	if c := doc.Call("querySelector", "canvas"); c.Truthy() {
		b := c.Call("getBoundingClientRect")
		x, y = b.Get("left").Float(), b.Get("top").Float()
	}
	ta := doc.Call("createElement", "textarea")
	ta.Set("value", text)
	ta.Set("readOnly", true)
	ta.Call("setAttribute", "aria-label", "copy")
	st := ta.Get("style")
	px := func(v float64) string { return fmt.Sprintf("%.0fpx", v) }
	st.Set("position", "fixed")
	st.Set("left", px(x+r.X))
	st.Set("top", px(y+r.Y))
	st.Set("width", px(r.W))
	st.Set("height", px(r.H))
	st.Set("zIndex", "10")
	st.Set("font", "12px monospace")
	doc.Get("body").Call("appendChild", ta)
	ta.Call("focus")
	ta.Call("select")
	var remove js.Func
	remove = js.FuncOf(func(js.Value, []js.Value) any {
		if ta.Get("parentNode").Truthy() {
			ta.Get("parentNode").Call("removeChild", ta)
		}
		if c := doc.Call("querySelector", "canvas"); c.Truthy() {
			c.Call("focus")
		}
		remove.Release()
		return nil
	})
	copied := doc.Call("execCommand", "copy").Truthy()
	if copied {
		remove.Invoke()
		return true
	}
	ta.Call("addEventListener", "blur", remove)
	ta.Call("addEventListener", "copy", js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Call("setTimeout", remove, 0)
		return nil
	}))
	return false
}

func errObj(err error) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("error", err.Error())
	return o
}

// toJS converts a Go value to a plain JavaScript object through JSON.
func toJS(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return errObj(err)
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

// toGo converts a JavaScript argument to string, float64, bool, nil,
// []any or map[string]any, with bounded depth and size.
func toGo(v js.Value, depth int) any {
	const maxDepth, maxLen = 4, 256
	switch v.Type() {
	case js.TypeString:
		return v.String()
	case js.TypeNumber:
		f := v.Float()
		if math.IsNaN(f) {
			return "NaN"
		}
		return f
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeObject:
		if depth >= maxDepth {
			return nil
		}
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			n := min(v.Length(), maxLen)
			out := make([]any, n)
			for i := range n {
				out[i] = toGo(v.Index(i), depth+1)
			}
			return out
		}
		keys := js.Global().Get("Object").Call("keys", v)
		out := map[string]any{}
		for i := range min(keys.Length(), maxLen) {
			k := keys.Index(i).String()
			out[k] = toGo(v.Get(k), depth+1)
		}
		return out
	}
	return nil
}

//go:build js && wasm

// Package bridge publishes the explainer's JavaScript API, window.outage,
// in the browser. It only converts between js.Value and Go values; the
// validation and the state live in game/viewmodel, the drawing in
// game/view.
//
//	outage.ready            true once the first frame is drawn
//	outage.state()          {t, playing, speed, chapter, chapters, mode,
//	                         safeguards, verdict: {kind, summary}, caption, lang}
//	outage.seek(t)          t: RFC 3339 or "HH:MM" PDT
//	outage.play(), outage.pause()
//	outage.chapter(n)       n from 0 to chapters-1
//	outage.setSafeguards([ids])
//	outage.layout()         {name: {x, y, w, h}} in CSS pixels
//	outage.stats()          {fps, tps, update_ms, draw_ms, resim_ms, heap_bytes}
//
// Commands return {ok: true}; bad arguments return {error: "..."} and
// never throw.
package bridge

import (
	"encoding/json"
	"fmt"
	"math"
	"syscall/js"

	"github.com/outagelab/outage/game/view"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// Install sets window.outage for g.
func Install(g *view.Game) {
	o := js.Global().Get("Object").New()
	o.Set("ready", false)
	g.OnFirstFrame = func() { o.Set("ready", true) }
	locked := func(name string, f func(a *vm.App, args []any) (any, error)) js.Func {
		return js.FuncOf(func(_ js.Value, jargs []js.Value) (ret any) {
			defer func() {
				if r := recover(); r != nil {
					ret = errObj(fmt.Errorf("%s: internal error: %v", name, r))
				}
			}()
			args := make([]any, len(jargs))
			for i, v := range jargs {
				args[i] = toGo(v, 0)
			}
			g.Mu.Lock()
			res, err := f(g.App, args)
			g.Mu.Unlock()
			if err != nil {
				return errObj(err)
			}
			return toJS(res)
		})
	}
	ok := map[string]any{"ok": true}
	o.Set("state", locked("state", func(a *vm.App, args []any) (any, error) {
		if err := vm.APINoArgs("state", args); err != nil {
			return nil, err
		}
		return a.State(), nil
	}))
	o.Set("seek", locked("seek", func(a *vm.App, args []any) (any, error) { return ok, a.APISeek(args) }))
	o.Set("play", locked("play", func(a *vm.App, args []any) (any, error) {
		if err := vm.APINoArgs("play", args); err != nil {
			return nil, err
		}
		if !a.Playing {
			a.Do(vm.CmdTogglePlay)
		}
		return ok, nil
	}))
	o.Set("pause", locked("pause", func(a *vm.App, args []any) (any, error) {
		if err := vm.APINoArgs("pause", args); err != nil {
			return nil, err
		}
		a.Playing = false
		return ok, nil
	}))
	o.Set("chapter", locked("chapter", func(a *vm.App, args []any) (any, error) { return ok, a.APIChapter(args) }))
	o.Set("setSafeguards", locked("setSafeguards", func(a *vm.App, args []any) (any, error) {
		return ok, a.APISetSafeguards(args)
	}))
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
	o.Set("stats", js.FuncOf(func(js.Value, []js.Value) any { return toJS(g.Stats()) }))
	js.Global().Set("outage", o)
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

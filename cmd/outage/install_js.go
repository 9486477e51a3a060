//go:build js && wasm

package main

import (
	"github.com/outagelab/outage/game/bridge"
	"github.com/outagelab/outage/game/urlstate"
	"github.com/outagelab/outage/game/view"
)

// lazyApp is true in the browser: the page gets the first frame (the
// background) before the app is built, on the first tick after it.
const lazyApp = true

// host reads what the window needs before the first frame: the page
// address's query (the link's settings; embed mode starts unfocused) and
// the address share links start with.
func host(c *config) {
	c.st, c.notices = urlstate.Decode(bridge.Query())
	if b := bridge.Base(); b != "" {
		c.base = b
	}
}

// hostLate reads the reader's preferences, when the app is built.
func hostLate(c *config) { c.sys = bridge.System() }

// install publishes window.outage.
func install(g *view.Game, gd *guard) { bridge.Install(g, gd) }

// reportCrash shows the page's crash screen (web/page.js).
func reportCrash(c *Crash) { bridge.Crash(c.Sentence(), c.Value, c.Where, c.Link, c.Stack) }

// prefersLight is the page's prefers-color-scheme, for the first frame.
func prefersLight() bool { return bridge.PrefersLight() }

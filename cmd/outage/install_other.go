//go:build !(js && wasm)

package main

import "github.com/outagelab/outage/game/view"

// lazyApp is false on the desktop: the app is built before the window
// opens.
const lazyApp = false

// host has nothing to add outside the browser: the command line said it
// all.
func host(*config) {}

// hostLate has nothing to add outside the browser either.
func hostLate(*config) {}

// install does nothing outside the browser.
func install(*view.Game) {}

// prefersLight is the system's light preference before the app is built;
// the desktop builds it first, so nothing needs it.
func prefersLight() bool { return false }

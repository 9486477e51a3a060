//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"

	"github.com/outagelab/outage/game/view"
)

// lazyApp is false on the desktop: the app is built before the window
// opens.
const lazyApp = false

// host has nothing to add outside the browser: the command line said it
// all.
func host(*config) {}

// hostLate has nothing to add outside the browser either.
func hostLate(*config) {}

// install does nothing outside the browser.
func install(*view.Game, *guard) {}

// reportCrash writes the crash, its stack and the link of the moment to
// stderr; main then exits with status 1.
func reportCrash(c *Crash) {
	fmt.Fprintf(os.Stderr, "outage: %s\n%s\n", c.Sentence(), c.Stack)
	if c.Link != "" {
		fmt.Fprintf(os.Stderr, "outage: the moment it stopped: %s\n", c.Link)
	}
}

// prefersLight is the system's light preference before the app is built;
// the desktop builds it first, so nothing needs it.
func prefersLight() bool { return false }

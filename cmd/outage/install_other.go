//go:build !(js && wasm)

package main

import "github.com/outagelab/outage/game/view"

// install does nothing outside the browser.
func install(*view.Game) {}

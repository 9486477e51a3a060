//go:build !(js && wasm)

package main

import "github.com/outagelab/outage/game/view"

// host has nothing to add outside the browser: the command line said it
// all.
func host(*config) {}

// install does nothing outside the browser.
func install(*view.Game) {}

//go:build js && wasm

package main

import (
	"github.com/outagelab/outage/game/bridge"
	"github.com/outagelab/outage/game/view"
)

// install publishes window.outage.
func install(g *view.Game) { bridge.Install(g) }

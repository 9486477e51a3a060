//go:build js && wasm

package main

import (
	"github.com/outagelab/outage/game/bridge"
	"github.com/outagelab/outage/game/urlstate"
	"github.com/outagelab/outage/game/view"
)

// host reads the page: its address's query (the link's settings), the
// reader's preferences and the address share links start with.
func host(c *config) {
	c.st, c.notices = urlstate.Decode(bridge.Query())
	c.sys = bridge.System()
	if b := bridge.Base(); b != "" {
		c.base = b
	}
}

// install publishes window.outage.
func install(g *view.Game) { bridge.Install(g) }

//go:build js

package main

import "syscall/js"

func signalReady() {
	js.Global().Set("outage", map[string]any{"ready": true, "baseline": true})
}

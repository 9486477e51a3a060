//go:build crashtest && js && wasm

package main

import (
	"strings"
	"syscall/js"
)

// crashRequest is what the page address's fragment asks for
// ("#crashtest=update"), which the browser tests set.
func crashRequest() string {
	loc := js.Global().Get("location")
	if !loc.Truthy() {
		return ""
	}
	v, ok := strings.CutPrefix(loc.Get("hash").String(), "#crashtest=")
	if !ok {
		return ""
	}
	return v
}

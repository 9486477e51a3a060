//go:build js

package main

// profile is desktop-only: CPU profiles are taken natively, and leaving
// runtime/pprof out keeps the WebAssembly download smaller.
func profile(string) func() { return nil }

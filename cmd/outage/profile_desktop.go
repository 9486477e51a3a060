//go:build !js

package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profile starts a CPU profile written to path (nothing when path is
// empty) and returns the function that stops it.
func profile(path string) func() {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "outage:", err)
		return nil
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "outage:", err)
		f.Close()
		return nil
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

//go:build crashtest

package main

import (
	"os"
	"sync"
)

// testInject makes the app fail at a point the test names (crashRequest):
// "update", "draw" or "call:<method>" panic there, "exit" ends the program
// from Update, "goroutine" panics on a goroutine of its own (which nothing
// can recover). Only in builds with -tags crashtest.
func testInject(gd *guard, where string) {
	mode := crashRequest()
	if mode == "" || gd.ticks < 10 {
		return
	}
	switch {
	case mode == where && where == "update":
		// As a panic inside the app's Update would: with the lock held.
		gd.g.Mu.Lock()
		panic("injected crash (crashtest)")
	case mode == where:
		panic("injected crash (crashtest)")
	case where == "update" && mode == "exit":
		os.Exit(3)
	case where == "update" && mode == "goroutine":
		goroutineOnce.Do(func() { go func() { panic("injected crash on a goroutine (crashtest)") }() })
	}
}

var goroutineOnce sync.Once

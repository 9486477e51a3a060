//go:build !crashtest

package main

// testInject is nil outside the crash tests' build: nothing a reader or a
// link can do makes the app panic on purpose.
var testInject func(*guard, string)

//go:build crashtest && !js

package main

import "os"

// crashRequest is the environment variable OUTAGE_CRASH, which the
// desktop test sets.
func crashRequest() string { return os.Getenv("OUTAGE_CRASH") }

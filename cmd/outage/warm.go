package main

import (
	"runtime"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/view"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// warmSets are re-run once each soon after the app is built in the
// browser, and thrown away: the first runs of a code path in WebAssembly
// are slow (baseline-compiled code, a heap still growing), and without
// this the reader's first toggle pays for it (17 ms, up to 52 ms seen on a
// loaded machine, against a budget of 16). They stop the race, contain it
// on the client side, and change the cascade in EC2 and NLB, so every part
// of the model runs warm.
var warmSets = []safeguard.ID{"apply-time-check", "dwfm-admission-control", "keep-last-good", "nlb-readiness-gate"}

// warmDelay is how many ticks after the app is built the warm-up starts:
// the app is built in the page's outage:ready handler or on the first
// tick, and the first frame's budget must not pay for the warm-up too.
const warmDelay = 3

// warmer runs one warm-up run per tick from the game's AfterUpdate hook,
// while the loading screen fades out.
type warmer struct {
	g     *view.Game
	sc    *scenario.Scenario
	ticks int
	done  int
}

// step runs the next warm-up run, if it is time; after the last one it
// collects the garbage, so that the reader's first re-run starts on a
// clean heap.
func (w *warmer) step() {
	if w.done >= len(warmSets) {
		return
	}
	w.g.Mu.Lock()
	app := w.g.App
	w.g.Mu.Unlock()
	if app == nil {
		return
	}
	if w.ticks++; w.ticks <= warmDelay {
		return
	}
	if w.sc == nil {
		w.sc = scenario.Default()
	}
	warmOne(app, w.sc, warmSets[w.done])
	if w.done++; w.done == len(warmSets) {
		runtime.GC()
	}
}

// warmOne re-runs the night with one safeguard and judges it, against
// app's baseline (which never changes), and drops the result.
func warmOne(app *vm.App, sc *scenario.Scenario, id safeguard.ID) {
	judge(app.Baseline().Result, sim.Run(sc, safeguard.Set(0).With(id), sc.Seed))
}

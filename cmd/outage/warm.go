package main

import (
	"runtime"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/view"
)

// warmSets are re-run once each, one per tick, soon after the app is
// built in the browser, and thrown away: the first run of a code path in
// WebAssembly is slow (baseline-compiled code, a heap still growing), and
// without this the reader's first toggle pays for it (17 ms, up to 52 ms
// seen on a loaded machine, against a budget of 16). They stop the race,
// contain it on the client side, and change the cascade in EC2 and NLB,
// so every part of the model runs warm. A collection after the last one
// leaves the reader's first re-run a clean heap.
var warmSets = []safeguard.ID{"apply-time-check", "dwfm-admission-control", "keep-last-good", "nlb-readiness-gate"}

// warmer runs the warm-up from the game's AfterUpdate hook.
type warmer struct {
	g     *view.Game
	sc    *scenario.Scenario
	ticks int
	done  int
}

// step runs the next warm-up run, from the tenth tick after the app is
// built (the loading screen is still fading out then); it reports whether
// there is more to do.
func (w *warmer) step() bool {
	if w.done >= len(warmSets) {
		return false
	}
	w.g.Mu.Lock()
	app := w.g.App
	var base *sim.Result
	if app != nil {
		base = app.Baseline().Result
	}
	w.g.Mu.Unlock()
	if app == nil {
		return true
	}
	if w.ticks++; w.ticks < 10 {
		return true
	}
	set := safeguard.Set(0).With(warmSets[w.done])
	run := sim.Run(w.sc, set, w.sc.Seed)
	judge(base, run)
	w.done++
	if w.done == len(warmSets) {
		runtime.GC()
	}
	return w.done < len(warmSets)
}

package main

import (
	"runtime"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// warmSets are re-run once each when the app is built in the browser, and
// thrown away: the first runs of a code path in WebAssembly are slow
// (baseline-compiled code, a heap still growing), and without this the
// reader's first toggle pays for it (17 ms, up to 52 ms seen on a loaded
// machine, against a budget of 16). They stop the race, contain it on the
// client side, and change the cascade in EC2 and NLB, so every part of the
// model runs warm.
var warmSets = []safeguard.ID{"apply-time-check", "dwfm-admission-control", "keep-last-good", "nlb-readiness-gate"}

// warm runs warmSets against app's baseline, then collects the garbage so
// that the reader's first re-run starts on a clean heap. The app is built
// just after the first frame, while the loading screen fades out, so this
// costs the reader nothing to see, and even a toggle sent the moment
// outage:ready arrives finds the code warm.
func warm(app *vm.App) {
	sc := scenario.Default()
	base := app.Baseline().Result
	for _, id := range warmSets {
		judge(base, sim.Run(sc, safeguard.Set(0).With(id), sc.Seed))
	}
	runtime.GC()
}

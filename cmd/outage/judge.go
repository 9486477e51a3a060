package main

import (
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// judge compares a what-if run with the real night.
func judge(base, run *sim.Result) vm.Verdict {
	v := verdict.Judge(base, run)
	return vm.Verdict{Kind: string(v.Kind), Summary: v.Summary, Why: v.Why}
}

package main

import (
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// judge compares a what-if run with the real night.
func judge(base, run *sim.Result) vm.Verdict {
	v := verdict.Judge(base, run)
	words := map[string][2]string{}
	for _, l := range i18n.Langs() {
		s, w := v.Text(l)
		words[l] = [2]string{s, w}
	}
	return vm.Verdict{Kind: string(v.Kind), Summary: v.Summary, Why: v.Why, Words: words}
}

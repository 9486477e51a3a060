package main

import (
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// judge compares a what-if run with the real night; for a safeguard that
// acts on the race, the why adds how often the race happens over many
// nights, which one night cannot say.
func judge(base, run *sim.Result) vm.Verdict {
	v := verdict.Judge(base, run)
	words := map[string][2]string{}
	for _, l := range i18n.Langs() {
		s, w := v.Text(l)
		if r := vm.RaceRiskFor(run.Safeguards, l); r != nil {
			w += ". " + r.Text
		}
		words[l] = [2]string{s, w}
	}
	return vm.Verdict{Kind: string(v.Kind), Summary: v.Summary, Why: v.Why, Words: words}
}

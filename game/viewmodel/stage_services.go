package viewmodel

import (
	"strings"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
)

// DescribeServices says in words which services (or apps) of a kind the
// picture shows down or degraded at t.
func DescribeServices(lang string, res *sim.Result, t sim.Time, kind sim.Kind) string {
	var down, deg []string
	for i, s := range res.Services {
		if s.Kind != kind {
			continue
		}
		name := s.Name
		if v, ok := i18n.Lookup(lang, "ui.service."+s.ID); ok {
			name = v
		}
		switch HealthSeverity(heldHealth(res, i, t)) {
		case sim.Down:
			down = append(down, name)
		case sim.Degraded:
			deg = append(deg, name)
		}
	}
	head := "ui.describe.services"
	if kind == sim.App {
		head = "ui.describe.apps"
	}
	if len(down)+len(deg) == 0 {
		return i18n.T(lang, head+"_ok")
	}
	var b strings.Builder
	b.WriteString(i18n.T(lang, head))
	if len(down) > 0 {
		b.WriteByte(' ')
		b.WriteString(i18n.T(lang, "ui.describe.down", "list", strings.Join(down, ", ")))
	}
	if len(deg) > 0 {
		b.WriteByte(' ')
		b.WriteString(i18n.T(lang, "ui.describe.degraded", "list", strings.Join(deg, ", ")))
	}
	return b.String()
}

// EventSpan is when the event began and ended in a run: from the first
// AWS service disruption to EventEnd (the last AWS service recovered, not
// counting Redshift's backlog into the next day), so that durations
// compare like with like. ok is false when no AWS service was disrupted.
func EventSpan(res *sim.Result) (start, end sim.Time, ok bool) {
	if res.Impact.EventEnd <= 0 {
		return 0, 0, false
	}
	start = res.Impact.EventEnd
	for _, s := range res.Services {
		if s.Kind != sim.AWSService {
			continue
		}
		for _, o := range s.Outages {
			start = min(start, o.Start)
		}
	}
	return start, res.Impact.EventEnd, start < res.Impact.EventEnd
}

package viewmodel

import (
	"strings"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
)

// DescribeDNS says in words what the DNS automation picture shows: the
// newest plan and, per Enactor, the plan in hand and what it is doing.
func DescribeDNS(lang string, z *ZoneState) string {
	var b strings.Builder
	b.WriteString(i18n.T(lang, "ui.describe.planner", "gen", z.Newest))
	for i, e := range z.Enactors {
		if e.Gen <= 0 {
			continue
		}
		key := "ui.describe.enactor"
		if e.Stale {
			key = "ui.describe.enactor_stale"
		}
		b.WriteByte(' ')
		b.WriteString(i18n.T(lang, key, "name", i18n.T(lang, "ui.actor."+Enactors[i]), "gen", e.Gen,
			"doing", i18n.T(lang, activityKey(e.Kind))))
	}
	return b.String()
}

func activityKey(kind string) string {
	switch kind {
	case "apply", "backoff", "check", "cleanup", "plan":
		return "ui.activity." + kind
	}
	return "ui.describe.idle"
}

// DescribeZone says in words what the Route 53 zone picture shows.
func DescribeZone(lang string, z *ZoneState) string {
	a := -1
	if len(z.Alias) > 0 {
		a = z.Alias[0]
	}
	switch {
	case z.Empty || a == 0:
		s := i18n.T(lang, "ui.describe.zone_empty", "gen", a)
		if z.Failures > 0 {
			s += " " + i18n.T(lang, "ui.describe.zone_failures", "n", z.Failures)
		}
		return s
	case a > 0:
		return i18n.T(lang, "ui.describe.zone", "gen", a, "n", len(z.Trees))
	}
	return i18n.T(lang, "ui.describe.zone_start")
}

// StalePair is the time-of-check-to-time-of-use flaw in a run: the
// Enactor whose plan, checked once at the start of its walk, was older
// than the live one when it applied it to the regional endpoint.
type StalePair struct {
	// Lane is the Enactor's index in Enactors; Gen its plan, Over the
	// newer plan it overwrote.
	Lane, Gen, Over int
	// Check and Use are when it checked the plan and when it applied it.
	Check, Use sim.Time
}

// FindStalePair returns the first stale apply to the regional endpoint
// and the check it rested on.
func FindStalePair(res *sim.Result) (StalePair, bool) {
	for _, e := range res.Events {
		if e.Kind != "enactor.apply" || e.Endpoint != 0 || float64(e.Gen) >= e.Value {
			continue
		}
		lane := enactorIndex(e.Subject)
		if lane < 0 {
			continue
		}
		sp := StalePair{Lane: lane, Gen: e.Gen, Over: int(e.Value), Use: e.At, Check: -1}
		for _, c := range res.Events {
			if c.At > e.At {
				break
			}
			if c.Kind == "enactor.check" && c.Subject == e.Subject && c.Gen == e.Gen {
				sp.Check = c.At
			}
		}
		if sp.Check >= 0 {
			return sp, true
		}
	}
	return StalePair{}, false
}

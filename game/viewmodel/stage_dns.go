package viewmodel

import (
	"strings"

	"github.com/outagelab/outage/game/i18n"
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
		s := i18n.T(lang, "ui.describe.zone_empty", "gen", z.Deleted)
		if z.Failures > 0 {
			s += " " + i18n.T(lang, "ui.describe.zone_failures", "n", z.Failures)
		}
		return s
	case a > 0:
		return i18n.T(lang, "ui.describe.zone", "gen", a, "n", len(z.Trees))
	}
	return ""
}

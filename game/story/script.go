package story

import (
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// The script: ten chapters (DESIGN §7), each ending at an event of the
// run, each split into beats. A beat's text function picks the caption
// variant that is true of the run ("" is the main caption, which tells
// the real night) and fills its placeholders. Every fact traces to
// FACTS.md; the locale files hold the words.

type chapterSpec struct {
	id     string
	source string // locale key of the chapter's source line
	end    func(c *run) ending
	beats  []beatSpec
}

// ending is when a chapter ends in a run.
type ending struct {
	at sim.Time
	// real is the same moment by the real timeline, used when the run's
	// events came in another order and at would end the chapter before
	// it starts.
	real sim.Time
	// missing is the anchor event the run lacked ("" when it had it).
	missing string
}

type beatSpec struct {
	key  string
	secs float64 // real seconds at 1×
	// at anchors the beat's start to an event; nil or not found: the beat
	// shares the time between anchors.
	at     func(c *run) (sim.Time, bool)
	source string // overrides the chapter's source line
	// text picks the variant and the placeholder values; nil: the main
	// caption, no placeholders.
	text func(c *run) (variant string, args []any)
	// variants lists every variant text may pick, for the locale tests.
	variants []string
}

// Source lines.
const (
	srcPES        = "story.source.pes"
	srcPESDAT     = "story.source.pes_dat453"
	srcNegCache   = "story.source.dat453_rfc2308"
	srcPress      = "story.source.press"
	srcMetastable = "story.source.pes_metastable"
)

// endAt ends a chapter at the first event of kind plus off, or at the
// event's real time plus off.
func endAt(kind string, off sim.Time) func(c *run) ending {
	return func(c *run) ending {
		real, _ := RealTime(kind)
		if t, ok := c.at(kind); ok {
			return ending{t + off, real + off, ""}
		}
		return ending{real + off, real + off, kind}
	}
}

// aroundPivot ends a chapter off after the race's pivot.
func aroundPivot(off sim.Time) func(c *run) ending {
	return func(c *run) ending {
		real, _ := RealTime("dns.record_empty")
		if _, ok := c.empty(); !ok {
			return ending{c.pivot() + off, real + off, "dns.record_empty"}
		}
		return ending{c.pivot() + off, real + off, ""}
	}
}

// startAt anchors a beat at the first event of kind plus off.
func startAt(kind string, off sim.Time) func(c *run) (sim.Time, bool) {
	return func(c *run) (sim.Time, bool) {
		t, ok := c.at(kind)
		return t + off, ok
	}
}

// pick returns the first variant whose condition holds, or "" (the main
// caption) when none does. Conditions come in pairs: variant, condition.
func pick(pairs ...any) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1].(bool) {
			return pairs[i].(string)
		}
	}
	return ""
}

// firstSafeguard returns the first of ids that is in set, or "".
func firstSafeguard(set safeguard.Set, ids ...safeguard.ID) string {
	for _, id := range ids {
		if set.Has(id) {
			return string(id)
		}
	}
	return ""
}

var script = []chapterSpec{
	{
		id: "normal-night", source: srcPESDAT,
		end: func(c *run) ending {
			e := aroundPivot(0)(c)
			e.at = c.raceStart()
			e.real -= 3 * sim.Minute
			return e
		},
		beats: []beatSpec{
			{key: "story.normal-night.1", secs: 6},
			{key: "story.normal-night.2", secs: 7},
			{key: "story.normal-night.3", secs: 7},
			{key: "story.normal-night.4", secs: 8},
		},
	},
	{
		id: "race", source: srcPESDAT,
		end: aroundPivot(sim.Minute),
		beats: []beatSpec{
			{key: "story.race.1", secs: 7, variants: []string{"calm"},
				text: func(c *run) (string, []any) {
					_, slow := c.find(c.pivot()-15*sim.Minute, c.raceEnd(), kindBy("enactor.lock_lost", slowEnactor))
					return pick("calm", !slow), []any{"time", c.clock("dns.record_empty")}
				}},
			{key: "story.race.2", secs: 6,
				variants: []string{"fewer-plans", "apply-time-check", "spare-active-plan", "other"},
				text: func(c *run) (string, []any) {
					if _, ok := c.empty(); ok {
						return "", nil
					}
					// A safeguard that removes the flaw speaks first: with it
					// the race cannot happen, whatever else is on.
					v := firstSafeguard(c.set, safeguard.ApplyTimeCheck, safeguard.SpareActivePlan, safeguard.FewerPlans)
					if v == "" {
						v = "other"
					}
					return v, nil
				}},
			{key: "story.race.3", secs: 7, variants: []string{"none", "quiet"},
				at: func(c *run) (sim.Time, bool) {
					t, ok := c.cleanerPickup()
					return t - sim.Second, ok
				},
				text: func(c *run) (string, []any) {
					_, empty := c.empty()
					return pick("", empty, "none", c.othersCleaned(), "quiet", true), nil
				}},
			{key: "story.race.4", secs: 8, variants: []string{"overwrote", "refused", "none"},
				at: func(c *run) (sim.Time, bool) {
					if e, ok := c.overwrite(); ok {
						return e.At - sim.Second, true
					}
					e, ok := c.refused()
					return e.At - sim.Second, ok
				},
				text: func(c *run) (string, []any) {
					_, empty := c.empty()
					_, over := c.overwrite()
					_, ref := c.refused()
					return pick("", empty, "overwrote", over, "refused", ref, "none", true), nil
				}},
			{key: "story.race.5", secs: 8, variants: []string{"cell", "spared", "none"},
				at: func(c *run) (sim.Time, bool) {
					t, ok := c.empty()
					return t - sim.Second/2, ok
				},
				text: func(c *run) (string, []any) {
					_, empty := c.empty()
					_, over := c.overwrite()
					return pick("cell", empty && c.set.Has(safeguard.CellEndpoints), "", empty,
						"spared", over, "none", true), nil
				}},
		},
	},
	{
		id: "stuck", source: srcPESDAT,
		end: aroundPivot(6 * sim.Minute),
		beats: []beatSpec{
			{key: "story.stuck.1", secs: 8, variants: []string{"healed", "none"},
				text: func(c *run) (string, []any) {
					h, healed := c.healed()
					return pick("", c.stuck(), "healed", healed, "none", true), []any{"healed", h}
				}},
			{key: "story.stuck.2", secs: 8, variants: []string{"alarm", "healed", "none"},
				text: func(c *run) (string, []any) {
					_, healed := c.healed()
					return pick("alarm", c.stuck() && c.set.Has(safeguard.EmptyEndpointAlarm),
						"", c.stuck(), "healed", healed, "none", true), nil
				}},
		},
	},
	{
		id: "dynamodb-dark", source: srcPESDAT,
		end: endAt("ops.partial_mitigation", 0),
		beats: []beatSpec{
			{key: "story.dynamodb-dark.1", secs: 7, source: srcNegCache, variants: []string{"cell", "none"},
				text: func(c *run) (string, []any) {
					_, empty := c.empty()
					return pick("cell", empty && c.set.Has(safeguard.CellEndpoints), "", empty, "none", true), nil
				}},
			{key: "story.dynamodb-dark.2", secs: 8, variants: []string{"keep", "partial", "none"},
				text: func(c *run) (string, []any) {
					down, lambda := c.ddbDown(), c.has("lambda.errors_start")
					_, empty := c.empty()
					return pick("", down && lambda,
							"keep", empty && !down && c.set.Has(safeguard.KeepLastGood),
							"partial", c.ddb() != sim.Healthy, "none", true),
						[]any{"time", c.clock("lambda.errors_start")}
				}},
			{key: "story.dynamodb-dark.3", secs: 8, source: srcPress,
				variants: []string{"failover", "run", "degraded", "multi", "none"},
				text: func(c *run) (string, []any) {
					multi, apps := c.set.Has(safeguard.MultiRegionApps), c.apps()
					_, empty := c.empty()
					return pick("failover", multi && apps != sim.Healthy, "run", apps == sim.Down,
						"degraded", apps == sim.Degraded, "multi", multi && empty, "none", true), nil
				}},
			{key: "story.dynamodb-dark.4", secs: 6, variants: []string{"none"},
				at: startAt("ops.root_cause_identified", 0),
				text: func(c *run) (string, []any) {
					root := c.clock("ops.root_cause_identified")
					empty := c.clock("dns.record_empty")
					return pick("none", !c.has("ops.root_cause_identified")),
						[]any{"time", root, "minutes", int((root - empty) / sim.Minute)}
				}},
		},
	},
	{
		id: "leases", source: srcPES,
		end: endAt("dns.restored", 0),
		beats: []beatSpec{
			{key: "story.leases.1", secs: 7, variants: []string{"partial", "none"},
				text: func(c *run) (string, []any) {
					mit := c.has("ops.partial_mitigation")
					both := c.has("sts.recovered") && c.has("iam.recovered")
					return pick("", mit && both, "partial", mit, "none", true), []any{
						"time", c.clock("ops.partial_mitigation"),
						"sts", c.clock("sts.recovered"), "iam", c.clock("iam.recovered")}
				}},
			{key: "story.leases.2", secs: 7},
			{key: "story.leases.3", secs: 8, variants: []string{"static", "early", "none"},
				text: func(c *run) (string, []any) {
					lapsed := c.has("dwfm.leases_lapsed")
					_, empty := c.empty()
					return pick("", lapsed,
							"static", empty && c.set.Has(safeguard.LeaseStaticStability),
							"early", c.leasesLost(), "none", true),
						[]any{"empty", c.clock("dns.record_empty"), "time", c.clock("dwfm.leases_lapsed")}
				}},
		},
	},
	{
		id: "collapse", source: srcMetastable,
		end: endAt("dwfm.leases_restored", 0),
		beats: []beatSpec{
			{key: "story.collapse.1", secs: 7, source: srcPESDAT, variants: []string{"recovered", "dns", "none"},
				text: func(c *run) (string, []any) {
					_, empty := c.empty()
					dns, rec := c.has("dns.restored"), c.has("ddb.recovered")
					return pick("", empty && dns && rec, "recovered", rec, "dns", dns, "none", true),
						[]any{"time", c.clock("dns.restored"), "end", c.clock("ddb.recovered")}
				}},
			{key: "story.collapse.2", secs: 8, variants: []string{"admission", "static", "calm", "quiet"},
				at: startAt("ddb.recovered", 0),
				text: func(c *run) (string, []any) {
					collapse, lost := c.has("dwfm.collapse"), c.leasesLost()
					_, empty := c.empty()
					return pick("", collapse,
						"admission", c.set.Has(safeguard.DWFMAdmissionControl) && lost,
						"static", c.set.Has(safeguard.LeaseStaticStability) && empty,
						"calm", lost, "quiet", true), nil
				}},
			{key: "story.collapse.3", secs: 6, variants: []string{"lasted", "none"},
				text: func(c *run) (string, []any) {
					// A what-if says how long its own collapse lasted.
					e, ended := c.event("dwfm.collapse_ended")
					return pick("none", !c.has("dwfm.collapse"), "lasted", !c.real && ended),
						[]any{"dur", Minutes(e.Value)}
				}},
			{key: "story.collapse.4", secs: 7, variants: []string{"restored", "none"},
				at: startAt("ops.dwfm_throttle_restart", 0),
				text: func(c *run) (string, []any) {
					return pick("", c.has("ops.dwfm_throttle_restart") && c.has("dwfm.leases_restored"),
							"restored", c.has("dwfm.leases_restored"), "none", true),
						[]any{"time", c.clock("ops.dwfm_throttle_restart"), "end", c.clock("dwfm.leases_restored")}
				}},
		},
	},
	{
		id: "network-backlog", source: srcPES,
		end: endAt("nlb.detected", 0),
		beats: []beatSpec{
			{key: "story.network-backlog.1", secs: 8, variants: []string{"backlog", "throttle", "none"},
				text: func(c *run) (string, []any) {
					high := c.has("netmgr.latency_high")
					throttled := c.has("ec2.throttles_relaxed")
					_, empty := c.empty()
					return pick("", high && throttled, "backlog", high,
						"throttle", empty && c.set.Has(safeguard.NetMgrQueueThrottle), "none", true), nil
				}},
			{key: "story.network-backlog.2", secs: 6, variants: []string{"none"},
				at: startAt("netmgr.latency_high", 0),
				text: func(c *run) (string, []any) {
					return pick("none", !c.has("netmgr.latency_high")),
						[]any{"time", c.clock("netmgr.latency_high")}
				}},
		},
	},
	{
		id: "health-checks", source: srcPES,
		end: endAt("nlb.failover_disabled", 20*sim.Minute),
		beats: []beatSpec{
			{key: "story.health-checks.1", secs: 8, variants: []string{"undetected", "gate", "none"},
				text: func(c *run) (string, []any) {
					errs, det := c.has("nlb.errors_start"), c.has("nlb.detected")
					_, empty := c.empty()
					return pick("", errs && det, "undetected", errs,
							"gate", empty && c.set.Has(safeguard.NLBReadinessGate), "none", true),
						[]any{"time", c.clock("nlb.errors_start"), "detected", c.clock("nlb.detected")}
				}},
			{key: "story.health-checks.2", secs: 8, variants: []string{"velocity", "none"},
				text: func(c *run) (string, []any) {
					errs := c.has("nlb.errors_start")
					// Said only when the run has the limit refusing a failover.
					return pick("velocity", errs && c.has("nlb.failover_refused"), "", errs, "none", true), nil
				}},
			{key: "story.health-checks.3", secs: 7, variants: []string{"none"},
				at: startAt("nlb.failover_disabled", 0),
				text: func(c *run) (string, []any) {
					return pick("none", !c.has("nlb.failover_disabled")),
						[]any{"time", c.clock("nlb.failover_disabled")}
				}},
		},
	},
	{
		id: "long-tail", source: srcPES,
		end: endAt("event.end", 0),
		beats: []beatSpec{
			{key: "story.long-tail.1", secs: 8, variants: []string{"ec2", "none"},
				text: func(c *run) (string, []any) {
					all := c.has("netmgr.recovered") && c.has("ec2.throttles_relaxed") && c.has("ec2.recovered")
					return pick("", all, "ec2", c.has("ec2.recovered"), "none", true), []any{
						"net", c.clock("netmgr.recovered"), "relax", c.clock("ec2.throttles_relaxed"),
						"ec2", c.clock("ec2.recovered")}
				}},
			{key: "story.long-tail.2", secs: 8, variants: []string{"run", "none"},
				at: startAt("ec2.recovered", 0),
				text: func(c *run) (string, []any) {
					if c.real {
						end := c.clock("event.end")
						return "", []any{"time", end, "hours", hours(end - c.clock("dns.record_empty"))}
					}
					end, ok1 := c.end()
					start, ok2 := c.disruptionStart()
					if !ok1 || !ok2 {
						return "none", nil
					}
					return "run", []any{"time", end, "hours", hours(end - start)}
				}},
		},
	},
	{
		id: "what-if", source: srcPESDAT,
		end: func(c *run) ending {
			e := endAt("event.end", 10*sim.Minute)(c)
			e.at, e.real = max(e.at, sim.At(1, 15, 0)), max(e.real, sim.At(1, 15, 0))
			return e
		},
		beats: []beatSpec{
			{key: "story.what-if.1", secs: 7},
			{key: "story.what-if.2", secs: 8},
			{key: "story.what-if.3", secs: 7, variants: []string{"whatif", "many"},
				text: func(c *run) (string, []any) {
					return pick("many", c.set.Len() > 3, "whatif", !c.real),
						[]any{"safeguards", c.set, "n", c.set.Len()}
				}},
		},
	},
}

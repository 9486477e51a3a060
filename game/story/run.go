package story

import (
	"sort"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// run is what the script reads: one Result, the safeguards it was made
// with, and indexes over its events.
type run struct {
	r     *sim.Result
	set   safeguard.Set
	real  bool           // the real night: captions tell it as the PES does
	first map[string]int // event kind -> index of its first event

	// The race's landmarks, computed once.
	pivotAt, startAt sim.Time
	landmarks        bool
}

// slowEnactor is the Enactor the scenario slows down: "Enactor A" in the
// PES and in the captions.
const slowEnactor = "enactor-a"

func newRun(r *sim.Result, set safeguard.Set) *run {
	c := &run{r: r, set: set, real: set == 0, first: map[string]int{}}
	if r != nil {
		for i, e := range r.Events {
			if _, ok := c.first[e.Kind]; !ok {
				c.first[e.Kind] = i
			}
		}
	}
	return c
}

// RealTime returns the real (PES) time of a canonical event id of FACTS.md
// §3, as simulated time.
func RealTime(id string) (sim.Time, bool) {
	m, ok := scenario.Lookup(id)
	if !ok {
		return 0, false
	}
	return sim.At(m.Day, m.Hour, m.Minute), true
}

// event returns the first event of kind in the run.
func (c *run) event(kind string) (sim.Event, bool) {
	if i, ok := c.first[kind]; ok {
		return c.r.Events[i], true
	}
	return sim.Event{}, false
}

func (c *run) has(kind string) bool { _, ok := c.first[kind]; return ok }

// at returns the simulated time of the first event of kind.
func (c *run) at(kind string) (sim.Time, bool) {
	e, ok := c.event(kind)
	return e.At, ok
}

// when returns the time of kind in the run, or its real time when the run
// lacks it.
func (c *run) when(kind string) sim.Time {
	if t, ok := c.at(kind); ok {
		return t
	}
	t, _ := RealTime(kind)
	return t
}

// clock is the time a caption states for kind: the real time on the real
// night, the run's time in a what-if.
func (c *run) clock(kind string) sim.Time {
	if c.real {
		if t, ok := RealTime(kind); ok {
			return t
		}
	}
	return c.when(kind)
}

// window returns the run's events in [from, to]; events are in time
// order.
func (c *run) window(from, to sim.Time) []sim.Event {
	if c.r == nil {
		return nil
	}
	es := c.r.Events
	i := sort.Search(len(es), func(i int) bool { return es[i].At >= from })
	j := sort.Search(len(es), func(j int) bool { return es[j].At > to })
	if i >= j {
		return nil
	}
	return es[i:j]
}

// find returns the first event in [from, to] that matches.
func (c *run) find(from, to sim.Time, match func(sim.Event) bool) (sim.Event, bool) {
	for _, e := range c.window(from, to) {
		if match(e) {
			return e, true
		}
	}
	return sim.Event{}, false
}

// findLast returns the last event in [from, to] that matches.
func (c *run) findLast(from, to sim.Time, match func(sim.Event) bool) (sim.Event, bool) {
	es := c.window(from, to)
	for i := len(es) - 1; i >= 0; i-- {
		if match(es[i]) {
			return es[i], true
		}
	}
	return sim.Event{}, false
}

func kindBy(kind, subject string) func(sim.Event) bool {
	return func(e sim.Event) bool { return e.Kind == kind && e.Subject == subject }
}

// The race's landmarks. The regional record going empty is the pivot; a
// run without it (a safeguard prevented it) is framed around its real
// time, 23:48.

func (c *run) empty() (sim.Time, bool) { return c.at("dns.record_empty") }

// pivot is when the regional record went empty; in a run where it did
// not, when slow Enactor A's old plan overwrote a newer one or was refused
// (the moment the race would have struck), within a quarter hour of the
// real time; else the real time.
func (c *run) pivot() sim.Time {
	c.race()
	return c.pivotAt
}

// raceStart is a minute before slow Enactor A first lost a lock in the
// quarter hour before the pivot; else when its slowness began; else three
// minutes before the pivot.
func (c *run) raceStart() sim.Time {
	c.race()
	return c.startAt
}

func (c *run) race() {
	if c.landmarks {
		return
	}
	c.landmarks = true
	c.pivotAt = c.findPivot()
	c.startAt = c.findStart(c.pivotAt)
}

func (c *run) findPivot() sim.Time {
	if t, ok := c.empty(); ok {
		return t
	}
	real, _ := RealTime("dns.record_empty")
	if e, ok := c.find(real-15*sim.Minute, real+15*sim.Minute, func(e sim.Event) bool {
		return e.Subject == slowEnactor && e.Endpoint == 0 && float64(e.Gen) < e.Value &&
			(e.Kind == "enactor.apply_refused" || e.Kind == "enactor.apply")
	}); ok {
		return e.At
	}
	return real
}

func (c *run) findStart(e sim.Time) sim.Time {
	from := max(0, e-15*sim.Minute)
	if ev, ok := c.find(from, e, kindBy("enactor.lock_lost", slowEnactor)); ok {
		return max(from, ev.At-sim.Minute)
	}
	if ev, ok := c.find(from, e, kindBy("trigger.enactor_slow", slowEnactor)); ok {
		return ev.At
	}
	return e - 3*sim.Minute
}

func (c *run) raceEnd() sim.Time { return c.pivot() + sim.Minute }

// cleanerPickup is when the Enactor whose clean-up emptied the record
// picked up the plan it then applied.
func (c *run) cleanerPickup() (sim.Time, bool) {
	e, ok := c.event("dns.record_empty")
	if !ok {
		return 0, false
	}
	del, ok := c.findLast(e.At-sim.Minute, e.At, func(x sim.Event) bool {
		return x.Kind == "zone.plan_deleted" && x.Gen == e.Gen
	})
	if !ok {
		return 0, false
	}
	chk, ok := c.findLast(c.raceStart(), e.At, kindBy("enactor.check", del.Subject))
	return chk.At, ok
}

// overwrite is slow Enactor A applying an older plan over a newer one on
// the regional endpoint.
func (c *run) overwrite() (sim.Event, bool) {
	return c.find(c.raceStart(), c.raceEnd(), func(e sim.Event) bool {
		return e.Kind == "enactor.apply" && e.Subject == slowEnactor && e.Endpoint == 0 &&
			float64(e.Gen) < e.Value
	})
}

// refused is slow Enactor A's old plan being refused at apply time
// because a newer one was in place.
func (c *run) refused() (sim.Event, bool) {
	return c.find(c.raceStart(), c.raceEnd(), func(e sim.Event) bool {
		return e.Kind == "enactor.apply_refused" && e.Subject == slowEnactor && float64(e.Gen) < e.Value
	})
}

// othersCleaned reports whether another Enactor cleaned up during the race.
func (c *run) othersCleaned() bool {
	_, ok := c.find(c.raceStart(), c.raceEnd(), func(e sim.Event) bool {
		return e.Kind == "enactor.cleanup" && e.Subject != slowEnactor
	})
	return ok
}

// healed reports whether an Enactor repaired the emptied endpoint by
// itself, and when the endpoint had addresses again.
func (c *run) healed() (sim.Time, bool) {
	e, ok := c.empty()
	if !ok {
		return 0, false
	}
	h, ok := c.find(e, c.r.Horizon, func(x sim.Event) bool { return x.Kind == "enactor.self_heal" })
	if !ok {
		return 0, false
	}
	if back, ok := c.find(h.At, c.r.Horizon, func(x sim.Event) bool { return x.Kind == "zone.endpoint_ok" }); ok {
		return back.At, true
	}
	return h.At, true
}

// stuck reports whether the automation was left failing every batch.
func (c *run) stuck() bool {
	if _, ok := c.empty(); !ok {
		return false
	}
	if _, ok := c.healed(); ok {
		return false
	}
	return true
}

// ddb reports how badly clients lost DynamoDB in the run: sim.Down,
// sim.Degraded (some requests failed) or sim.Healthy.
func (c *run) ddb() sim.Severity {
	if c.r != nil {
		if i := c.r.Service("dynamodb"); i >= 0 {
			worst := sim.Healthy
			for _, o := range c.r.Services[i].Outages {
				worst = max(worst, o.Severity)
			}
			return worst
		}
	}
	if _, ok := c.empty(); ok {
		return sim.Down
	}
	return sim.Healthy
}

func (c *run) ddbDown() bool { return c.ddb() == sim.Down }

// leasesLost reports whether DWFM lost a noticeable share of its leases.
func (c *run) leasesLost() bool {
	if c.has("dwfm.leases_lapsed") || c.has("dwfm.collapse") {
		return true
	}
	if c.r == nil {
		return false
	}
	for _, v := range c.r.Series.Metrics[sim.DropletsLeased] {
		if v < 0.98 {
			return true
		}
	}
	return false
}

// end is when the disruption ended in the run: the end of the event
// (FACTS.md §3: the last AWS service recovered, Redshift's backlog
// aside) or else the last disruption of anything.
func (c *run) end() (sim.Time, bool) {
	if t, ok := c.at("event.end"); ok {
		return t, true
	}
	if c.r != nil && c.r.Impact.End > 0 {
		return c.r.Impact.End, true
	}
	return 0, false
}

// apps reports the worst disruption of any app in the run.
func (c *run) apps() sim.Severity {
	worst := sim.Healthy
	if c.r == nil {
		return worst
	}
	for _, s := range c.r.Services {
		if s.Kind != sim.App {
			continue
		}
		for _, o := range s.Outages {
			worst = max(worst, o.Severity)
		}
	}
	return worst
}

// disruptionStart is when the first service or app was disrupted.
func (c *run) disruptionStart() (sim.Time, bool) {
	if t, ok := c.empty(); ok {
		return t, true
	}
	var first sim.Time
	found := false
	if c.r != nil {
		for _, s := range c.r.Services {
			if len(s.Outages) > 0 && (!found || s.Outages[0].Start < first) {
				first, found = s.Outages[0].Start, true
			}
		}
	}
	return first, found
}

// hours is a duration in hours rounded to the half hour, as a caption
// states it.
func hours(d sim.Time) float64 {
	h := float64(d) / float64(sim.Hour)
	return float64(int(h*2+0.5)) / 2
}

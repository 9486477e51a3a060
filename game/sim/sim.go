// Package sim is the deterministic discrete-event simulation of the
// 19–20 October 2025 us-east-1 outage: DynamoDB's DNS automation (Planner,
// three Enactors, the Route 53 zone), resolvers, DynamoDB, EC2's lease
// manager (DWFM), launches, Network Manager, NLB health checks, the AWS
// services and the apps built on them, and the operators.
//
// Run(scenario, safeguards, seed) is a pure function: the same inputs give
// a byte-identical Result on every platform. Time is simulated (Time, in
// milliseconds since 23:30 PDT), never wall-clock. The DNS race is
// discrete and exact; the cascade is modelled as shares of a fleet and
// advanced once a simulated minute, when every metric is also sampled.
//
// Nothing here scripts an outcome: the scenario injects one trigger (one
// Enactor's batches become slow), and everything else — the empty record,
// the lapsed leases, the congestive collapse, the network backlog, the
// failovers — emerges from the mechanisms. Safeguards each change one
// decision in the component that owns it.
package sim

import (
	"sort"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// Options tune what a run records.
type Options struct {
	// Detail records spans and the DNS automation's fine-grained events,
	// which the app animates; the scoreboard does without them.
	Detail bool
}

// Run replays the scenario with the given safeguards, recording everything
// the app needs.
func Run(sc *scenario.Scenario, sg safeguard.Set, seed uint64) *Result {
	return RunWith(sc, sg, seed, Options{Detail: true})
}

// RunWith is Run with options.
func RunWith(sc *scenario.Scenario, sg safeguard.Set, seed uint64, o Options) *Result {
	s := newSim(sc, sg, seed, o)
	s.run()
	return s.res
}

type sim struct {
	sc     *scenario.Scenario
	sg     safeguard.Set
	detail bool
	now    Time
	q      queue
	res    *Result
	seen   map[string]bool

	dns   *dns
	rs    *resolvers
	cells cells
	dw    fleets
	ln    launches
	nm    netmgr
	lb    nlb
	ops   ops

	// DynamoDB as clients see it: failing is the share of requests that
	// fail for a client of the failing cell (every client without cells);
	// errExt is over all clients, external and internal alike (the
	// operators' temporary mitigation acts on the links it names).
	failing    float64
	errExt     float64
	emptySince Time // when the regional endpoint last went empty
	globalLag  float64
	// lambdaErr and redshiftErr are DynamoDB's error rates for those
	// services' own cells (each DWFM fleet holds its own availability).
	lambdaErr, redshiftErr float64
	// collapsed is true while some DWFM fleet is in congestive collapse;
	// collapseAt when the first of the current collapse began.
	collapsed  bool
	collapseAt Time
	// leasedNow is the share of droplets leased at the start of the
	// minute, before this minute's lease work: what is sampled.
	leasedNow float64

	// Lambda's SQS poller and Redshift's replacement backlog.
	sqsDownFor  float64
	sqsFailed   bool
	sqsBacklog  float64
	redshiftBad float64

	leased float64 // share of droplets leased, this tick
	calm   bool    // every service and dependency healthy, no timers running
	timers bool    // some service's onset or recovery timer is running
	// lastSig is the signals' severities when services were last evaluated.
	// The last slots are DynamoDB as the failing cell's clients see it and
	// how many NLB tolerances (nlbAbove) the connection errors exceed.
	lastSig       [len(signals) + 3]Severity
	nlbAbove      []float64
	lastMitigated bool
	multiRegion   bool // multi-region-apps, read where services are set up

	svcs []svcState
	post []Event
}

func newSim(sc *scenario.Scenario, sg safeguard.Set, seed uint64, o Options) *sim {
	s := &sim{sc: sc, sg: sg, detail: o.Detail, seen: map[string]bool{}, emptySince: -1}
	s.res = &Result{Seed: seed, Safeguards: sg, Horizon: mins(sc.HorizonMin), Endpoints: append([]string(nil), sc.DNS.Endpoints...),
		FirstGen: sc.DNS.FirstGen}
	s.q.h = make([]event, 0, 64)
	s.res.CollapseLine = sc.DWFM.CollapseLine()
	if o.Detail {
		s.res.Events = make([]Event, 0, 1024)
		s.res.Spans = make([]Span, 0, 1024)
	}
	s.dns = newDNS(s, &sc.DNS, sg, seed)
	s.rs = newResolvers(&sc.Resolvers, sg, seed)
	s.cells = newCells(&sc.DNS, sg, seed)
	s.dw = newFleets(&sc.DWFM, sg, s.cells.fleets)
	for _, hit := range s.cells.fleetHit {
		if hit && s.cells.on() {
			s.res.DWFMCellShare += 1 / float64(len(s.cells.fleetHit))
		}
	}
	s.ln = launches{p: &sc.Launch, limit: sc.Launch.APILimit, success: 1}
	s.nm = newNetMgr(&sc.NetMgr, sg)
	s.lb = newNLB(&sc.NLB, sg, seed)
	s.leasedNow = 1
	s.initServices()
	n := int(sc.HorizonMin) + 1
	s.res.Series = Series{Start: 0, Step: Minute}
	for m := range s.res.Series.Metrics {
		s.res.Series.Metrics[m] = make([]float32, 0, n)
	}
	s.res.Series.Health = make([][]float32, len(sc.Services))
	for i := range s.res.Series.Health {
		s.res.Series.Health[i] = make([]float32, 0, n)
	}
	return s
}

func (s *sim) run() {
	s.dns.start()
	s.q.push(event{at: 0, kind: evTick})
	horizon := s.res.Horizon
	for s.q.len() > 0 {
		e := s.q.pop()
		if e.at > horizon {
			break
		}
		s.now = e.at
		switch e.kind {
		case evTick:
			s.tick()
			if next := s.now + Minute; next <= horizon {
				s.q.push(event{at: next, kind: evTick})
			}
		case evPlan:
			s.dns.onPlan()
		case evPickup:
			s.dns.onPickup(int(e.a))
		case evAttempt:
			if s.dns.current(int(e.a), e.b) {
				s.dns.attempt(int(e.a))
			}
		case evCommit:
			s.dns.onCommit(int(e.a), e.b)
		case evCleanup:
			if s.dns.current(int(e.a), e.b) {
				s.dns.onCleanup(int(e.a))
			}
		case evOps:
			s.opsAction(opsAction(e.a))
		case evTriggerStart:
			s.dns.slow = true
			s.emit(Event{Kind: "trigger.enactor_slow", Subject: enactorNames[s.sc.DNS.Trigger.Enactor]}, false)
		case evTriggerEnd:
			s.dns.slow = false
			s.emit(Event{Kind: "trigger.enactor_normal", Subject: enactorNames[s.sc.DNS.Trigger.Enactor]}, false)
		}
	}
	s.now = horizon
	s.finish()
}

// emit appends an event to the feed; detail events only when recording detail.
func (s *sim) emit(e Event, detail bool) {
	if detail && !s.detail {
		return
	}
	e.At = s.now
	s.res.Events = append(s.res.Events, e)
}

// milestone emits a canonical event the first time it happens.
func (s *sim) milestone(id string, e Event) {
	if s.seen[id] {
		return
	}
	s.seen[id] = true
	e.Kind, e.Canonical, e.At = id, true, s.now
	s.res.Events = append(s.res.Events, e)
}

func (s *sim) span(sp Span) {
	if s.detail {
		s.res.Spans = append(s.res.Spans, sp)
	}
}

// tick advances the fluid parts of the model by one minute and samples.
func (s *sim) tick() {
	minute := int(s.now / Minute)
	s.dynamo()
	steps := max(1, int(60/s.sc.DWFM.StepSec))
	dt := Minute / Time(steps)
	for _, w := range s.dw {
		w.goodput, w.timedOut = 0, 0
		w.renew(minute, w.avail)
	}
	s.leasedNow = s.dw.leased()
	for _, w := range s.dw {
		for k := range steps {
			w.step(s.now+Time(k)*dt, dt, minute, w.avail)
		}
	}
	s.leased = s.dw.leased()
	s.ln.step(s.now, s.nm.room(), s.dw.placeable())
	s.nm.step(s.ln.placed + s.dw.takeNetWork()*s.sc.NetMgr.ReleaseWork)
	s.balancers()
	s.lambdaAndRedshift()
	s.milestones()
	s.services()
	s.opsTriggers()
	s.sample()
}

// dynamo turns the resolvers' view into DynamoDB error rates.
func (s *sim) dynamo() {
	empty := s.rs.advance(s.dns.history, s.now)
	if s.dns.empty && s.emptySince < 0 {
		s.emptySince = s.now
	} else if !s.dns.empty && empty == 0 {
		s.emptySince = -1
	}
	s.failing = s.rs.failing(empty, s.now-s.emptySince, s.emptySince >= 0)
	s.errExt = s.failing * s.cells.share()
	for i, w := range s.dw {
		w.avail = 1
		if s.cells.fleetHit[i] {
			w.avail = 1 - s.failing
		}
	}
	s.lambdaErr = s.clientErr("lambda")
	s.redshiftErr = s.clientErr("redshift")
	s.res.Series.Metrics[ResolversEmpty] = append(s.res.Series.Metrics[ResolversEmpty], float32(empty))
}

// clientErr is the share of DynamoDB requests that fail for one client.
func (s *sim) clientErr(id string) float64 {
	if s.cells.hits(id) {
		return s.failing
	}
	return 0
}

// balancers runs NLB health checks and AZ failover.
func (s *sim) balancers() {
	s.lb.step(s.ln.placed, s.nm.latency)
	s.res.Impact.NLBErrorShareMinutes += s.lb.err
	s.res.Impact.NLBPeakErrors = s.lb.peak
	if s.lb.refused && !s.seen["nlb.failover_refused"] {
		s.seen["nlb.failover_refused"] = true
		s.emit(Event{Kind: "nlb.failover_refused", Subject: "nlb", Value: s.sc.NLB.VelocityLimit}, false)
	}
}

func (s *sim) lambdaAndRedshift() {
	// Lambda's SQS poller: a long DynamoDB outage leaves it in a state it
	// cannot leave by itself (PES); people restore it.
	if s.lambdaErr > 0.5 {
		s.sqsDownFor++
	} else {
		s.sqsDownFor = 0
	}
	if !s.sqsFailed && s.sqsDownFor >= s.sc.Lambda.PollerFailAfterMin {
		s.sqsFailed = true
		s.emit(Event{Kind: "lambda.sqs_poller_failed", Subject: "lambda"}, false)
	}
	if s.sqsFailed {
		s.sqsBacklog++
	} else if s.sqsBacklog > 0 {
		s.sqsBacklog = max(0, s.sqsBacklog-s.sc.Lambda.BacklogDrain)
		if s.sqsBacklog == 0 {
			s.emit(Event{Kind: "lambda.sqs_backlog_cleared", Subject: "lambda"}, false)
		}
	}
	// Redshift: clusters impaired while DynamoDB is down are replaced on new
	// EC2 instances, slowly while launches are throttled.
	r := s.sc.Redshift
	if s.redshiftErr > 0.5 {
		s.redshiftBad += r.ImpairRate * (1 - s.redshiftBad)
	} else if s.redshiftBad > 0 {
		switch s.signal(scenario.SigEC2Launch) {
		case Healthy:
			s.redshiftBad -= r.ReplaceRate
		case Degraded:
			s.redshiftBad -= r.ReplaceRate / 3
		}
		s.redshiftBad = max(0, s.redshiftBad)
	}
	// Global tables: replication lag builds while DynamoDB is unreachable.
	if s.errExt > 0.5 {
		s.globalLag++
	} else if s.globalLag > 0 {
		s.globalLag = max(0, s.globalLag-s.sc.DynamoDB.GlobalTablesCatchUp)
		if s.globalLag == 0 {
			s.milestone("ddb.global_tables_caught_up", Event{Subject: "dynamodb"})
		}
	}
}

// milestones notices canonical events that emerge from the fluid models.
func (s *sim) milestones() {
	leased := s.leased
	if leased < 0.01 {
		s.milestone("dwfm.leases_lapsed", Event{Subject: "dwfm", Value: leased})
	}
	s.collapse()
	if s.seen["dwfm.leases_lapsed"] || s.seen["dwfm.collapse"] {
		if leased >= 0.995 && s.dw.backlog() < 0.005 {
			s.milestone("dwfm.leases_restored", Event{Subject: "dwfm"})
		}
	}
	p := s.sc.NetMgr
	if s.nm.latency > p.HighLatencyMin && !s.nm.high {
		s.nm.high = true
		s.milestone("netmgr.latency_high", Event{Subject: "netmgr", Value: s.nm.latency})
	}
	if s.nm.high && s.nm.latency < p.NormalLatencyMin {
		s.nm.high = false
		s.milestone("netmgr.recovered", Event{Subject: "netmgr"})
	}
	if s.lb.err > s.sc.NLB.ErrorThreshold && !s.seen["nlb.errors_start"] && !s.lb.disabled {
		s.milestone("nlb.errors_start", Event{Subject: "nlb", Value: s.lb.err})
		s.schedule(mins(s.sc.Ops.NLBDetectMin), opNLBDetect)
	}
}

func (s *sim) sample() {
	m := &s.res.Series.Metrics
	add := func(k Metric, v float64) { m[k] = append(m[k], float32(v)) }
	add(DynamoDBErrorRate, s.errExt)
	add(DropletsLeased, s.leasedNow)
	add(DWFMQueue, s.dw.backlog())
	add(DWFMGoodput, s.dw.goodput())
	add(LaunchSuccess, s.ln.success)
	add(LaunchBacklog, s.ln.pending)
	add(NetMgrBacklog, s.nm.queue)
	add(NetMgrLatency, s.nm.latency)
	add(NLBFlapping, s.lb.flapping)
	add(NLBHealthyCapacity, s.lb.inService)
	add(DWFMInFlight, s.dw.inFlight())
	add(DWFMTimedOut, s.dw.timedOut())
	add(NLBConnErrors, s.lb.err)
	add(NLBAZOutA, s.lb.azOut(0))
	add(NLBAZOutB, s.lb.azOut(1))
	add(NLBAZOutC, s.lb.azOut(2))
	add(NLBGated, s.lb.gated)
	add(NLBAZHeldA, s.lb.azHeld(0))
	add(NLBAZHeldB, s.lb.azHeld(1))
	add(NLBAZHeldC, s.lb.azHeld(2))
}

// collapse watches each DWFM fleet for congestive collapse: work in
// flight, and less than a sliver of it completing, for longer than a
// lease-work timeout after DynamoDB is reachable again, so that work has
// been abandoned with none of it finished though nothing outside DWFM holds
// it back. Only this condition emits dwfm.collapse (dated from the start of
// the stall), and dwfm.collapse_ended when every fleet progresses again.
func (s *sim) collapse() {
	p := &s.sc.DWFM
	down := false
	for _, w := range s.dw {
		switch {
		case w.avail < 1-s.sc.DynamoDB.ErrorThreshold:
			w.reachableSince = -1
		case w.reachableSince < 0:
			w.reachableSince = s.now
		}
		flight := w.inFlight()
		stalled := flight > 0.005*w.share && w.goodput < p.StallGoodput*flight
		switch {
		case stalled && w.stalledSince < 0:
			w.stalledSince = s.now
		case !stalled:
			w.stalledSince, w.collapsed = -1, false
		}
		if stalled && !w.collapsed && w.reachableSince >= 0 && s.now-max(w.stalledSince, w.reachableSince) > mins(p.TimeoutMin) {
			w.collapsed = true
			if !s.collapsed {
				s.collapsed, s.collapseAt = true, w.stalledSince
				if !s.seen["dwfm.collapse"] {
					s.seen["dwfm.collapse"] = true
					s.res.Events = append(s.res.Events, Event{At: w.stalledSince, Kind: "dwfm.collapse",
						Canonical: true, Subject: "dwfm", Value: s.dw.inFlight()})
					s.schedule(mins(s.sc.Ops.DWFMMin), opDWFM)
				}
			}
		}
		down = down || w.collapsed
	}
	if s.collapsed && !down {
		s.collapsed = false
		s.emit(Event{Kind: "dwfm.collapse_ended", Subject: "dwfm", Value: (s.now - s.collapseAt).Minutes()}, false)
	}
}

// finish closes open outages, derives the last-recovery milestones and
// computes the impact.
func (s *sim) finish() {
	s.closeOutages()
	last := func(id string) (Time, bool) {
		i := s.res.Service(id)
		if i < 0 {
			return 0, false
		}
		o := s.res.Services[i].Outages
		if len(o) == 0 || (o[len(o)-1].End >= s.res.Horizon && !o[len(o)-1].Projected) {
			return 0, false
		}
		return o[len(o)-1].End, true
	}
	add := func(id, subject string, at Time) {
		s.post = append(s.post, Event{At: at, Kind: id, Canonical: true, Subject: subject})
	}
	for _, x := range []struct{ id, svc string }{
		{"ddb.recovered", "dynamodb"}, {"ec2.recovered", "ec2"},
		{"lambda.recovered", "lambda"}, {"redshift.recovered", "redshift"},
	} {
		if t, ok := last(x.svc); ok {
			add(x.id, x.svc, t)
		}
	}
	if i := s.res.Service("sts"); i >= 0 {
		// Waves are stretches of impairment; a change from down to degraded
		// within one is not a recovery.
		w := waves(s.res.Services[i].Outages)
		if len(w) > 0 && w[0].End < s.res.Horizon {
			add("sts.recovered", "sts", w[0].End)
		}
		if len(w) > 1 {
			add("sts.errors_second_wave", "sts", w[1].Start)
			if w[1].End < s.res.Horizon {
				add("sts.recovered_second_wave", "sts", w[1].End)
			}
		}
	}
	// The event ends when the last AWS service has recovered.
	var end Time
	anyAWS, open := false, false
	for _, so := range s.res.Services {
		if so.Kind != AWSService || len(so.Outages) == 0 || so.Independent {
			continue
		}
		anyAWS = true
		e := so.Outages[len(so.Outages)-1].End
		if e >= s.res.Horizon {
			open = true
		}
		if so.ID == "redshift" {
			continue // its cluster backlog ran on into the next day (PES)
		}
		end = max(end, e)
	}
	if anyAWS && end < s.res.Horizon && !(open && end == 0) {
		add("event.end", "aws", end)
	}
	s.res.Impact.EventEnd = end
	if open && end == 0 {
		s.res.Impact.EventEnd = s.res.Horizon
	}
	// Milestones derived at the end, and the collapse dated from the start
	// of its stall, go in at their times.
	s.res.Events = append(s.res.Events, s.post...)
	sort.SliceStable(s.res.Events, func(i, j int) bool { return s.res.Events[i].At < s.res.Events[j].At })
	s.impact()
}

// waves merges touching outage intervals into stretches of impairment.
func waves(o []Interval) []Interval {
	var out []Interval
	for _, iv := range o {
		if n := len(out); n > 0 && out[n-1].End == iv.Start {
			out[n-1].End = iv.End
			out[n-1].Severity = max(out[n-1].Severity, iv.Severity)
			continue
		}
		out = append(out, iv)
	}
	return out
}

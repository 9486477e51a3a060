// Package vmtest builds small hand-made simulation results for the view
// packages' tests, so they do not depend on the simulation's calibration.
package vmtest

import (
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// Result returns a hand-made run shaped like the night: a plan race that
// empties the regional endpoint at 23:48, repair at 02:25, a lease
// collapse and an NLB wave. With apply-time-check in s the race never
// happens and nothing goes down.
func Result(s safeguard.Set) *sim.Result {
	r := &sim.Result{Seed: 1, Horizon: sim.At(1, 15, 0),
		Endpoints: []string{"dynamodb.us-east-1.amazonaws.com", "dynamodb.us-east-1.api.aws", "dynamodb-fips.us-east-1.amazonaws.com"}}
	ev := func(t sim.Time, kind, subj string, gen, ep int, canon bool) {
		r.Events = append(r.Events, sim.Event{At: t, Kind: kind, Subject: subj, Gen: gen, Endpoint: ep, Canonical: canon})
	}
	ok := !s.Has(safeguard.ApplyTimeCheck)
	for ep := range 3 {
		ev(0, "zone.alias", "", 100, ep, false)
	}
	for g := 101; g <= 140; g++ {
		ev(sim.Time(g-100)*25*sim.Second, "planner.plan", "planner", g, -1, false)
	}
	race := sim.At(0, 23, 48)
	ev(race-4*sim.Minute, "enactor.receive", "enactor-a", 110, -1, false)
	ev(race-4*sim.Minute+sim.Second, "enactor.check", "enactor-a", 110, -1, false)
	r.Spans = append(r.Spans, sim.Span{Start: race - 4*sim.Minute, End: race - 10*sim.Second, Lane: "enactor-a", Kind: "backoff", Gen: 110, OK: false})
	ev(race-3*sim.Minute, "enactor.lock_lost", "enactor-a", 110, 0, false)
	ev(race-60*sim.Second, "enactor.receive", "enactor-b", 139, -1, false)
	r.Spans = append(r.Spans, sim.Span{Start: race - 60*sim.Second, End: race - 20*sim.Second, Lane: "enactor-b", Kind: "apply", Gen: 139, OK: true})
	for ep := range 3 {
		ev(race-50*sim.Second+sim.Time(ep)*10*sim.Second, "zone.alias", "enactor-b", 139, ep, false)
	}
	r.Spans = append(r.Spans, sim.Span{Start: race - 20*sim.Second, End: race, Lane: "enactor-b", Kind: "cleanup", Gen: 139, OK: true})
	if ok {
		r.Spans = append(r.Spans, sim.Span{Start: race - 10*sim.Second, End: race - 2*sim.Second, Lane: "enactor-a", Kind: "apply", Gen: 110, Endpoint: 0, OK: true})
		ev(race-5*sim.Second, "enactor.apply", "enactor-a", 110, 0, false)
		ev(race-5*sim.Second, "zone.alias", "enactor-a", 110, 0, false)
		ev(race-sim.Second, "enactor.cleanup", "enactor-b", 139, -1, false)
		ev(race, "zone.plan_deleted", "enactor-b", 110, -1, false)
		ev(race, "zone.alias", "enactor-b", 0, 0, false)
		ev(race, "dns.record_empty", "", 0, 0, true)
		ev(sim.At(1, 0, 38), "ops.root_cause_identified", "ops", 0, -1, true)
		ev(sim.At(1, 2, 25), "dns.restored", "ops", 0, -1, true)
		ev(sim.At(1, 2, 25), "zone.alias", "ops", 141, 0, false)
		ev(sim.At(1, 5, 28), "dwfm.leases_restored", "dwfm", 0, -1, true)
		ev(sim.At(1, 9, 36), "nlb.failover_disabled", "ops", 0, -1, true)
		ev(sim.At(1, 14, 20), "event.end", "", 0, -1, true)
	}
	n := int(r.Horizon / sim.Minute)
	r.Series = sim.Series{Start: 0, Step: sim.Minute}
	for m := range sim.NumMetrics {
		r.Series.Metrics[m] = make([]float32, n)
	}
	r.Services = []sim.ServiceOutages{
		{ID: "dynamodb", Name: "DynamoDB", Kind: sim.AWSService},
		{ID: "ec2", Name: "EC2 launches", Kind: sim.AWSService},
		{ID: "lambda", Name: "Lambda", Kind: sim.AWSService},
		{ID: "snapchat", Name: "Snapchat", Kind: sim.App},
	}
	r.Series.Health = make([][]float32, len(r.Services))
	for i := range r.Services {
		r.Series.Health[i] = make([]float32, n)
	}
	in := func(i int, a, b sim.Time) bool { t := sim.Time(i) * sim.Minute; return t >= a && t < b }
	for i := range n {
		m := &r.Series.Metrics
		m[sim.DropletsLeased][i], m[sim.LaunchSuccess][i], m[sim.NLBHealthyCapacity][i] = 1, 1, 1
		for s := range r.Services {
			r.Series.Health[s][i] = 1
		}
		if !ok {
			continue
		}
		if in(i, race, sim.At(1, 2, 25)) {
			m[sim.DynamoDBErrorRate][i] = 1
			m[sim.ResolversEmpty][i] = 0.9
			r.Series.Health[0][i] = 0
			r.Series.Health[3][i] = 0
			f := float32(i-int(race/sim.Minute)) / 156
			m[sim.DropletsLeased][i] = max(0, 1-f)
		}
		if in(i, sim.At(1, 2, 25), sim.At(1, 5, 28)) {
			m[sim.DWFMQueue][i] = 1
			m[sim.DropletsLeased][i] = 0.05
		}
		if in(i, race+30*sim.Minute, sim.At(1, 13, 50)) {
			m[sim.LaunchSuccess][i] = 0.2
			r.Series.Health[1][i] = 0.2
		}
		if in(i, sim.At(1, 5, 28), sim.At(1, 10, 36)) {
			m[sim.NetMgrBacklog][i] = 50000
			m[sim.NetMgrLatency][i] = 40
		}
		if in(i, sim.At(1, 5, 30), sim.At(1, 9, 36)) {
			m[sim.NLBFlapping][i] = 0.3
			m[sim.NLBHealthyCapacity][i] = 0.6
			r.Series.Health[2][i] = 0.5
		}
	}
	for s := range r.Services {
		var cur *sim.Interval
		for i, h := range r.Series.Health[s] {
			sev := sim.Healthy
			if h < 0.35 {
				sev = sim.Down
			} else if h < 0.95 {
				sev = sim.Degraded
			}
			t := sim.Time(i) * sim.Minute
			if cur != nil && (sev != cur.Severity) {
				cur.End = t
				r.Services[s].Outages = append(r.Services[s].Outages, *cur)
				cur = nil
			}
			if cur == nil && sev != sim.Healthy {
				cur = &sim.Interval{Start: t, Severity: sev}
			}
		}
		if cur != nil {
			cur.End = r.Horizon
			r.Services[s].Outages = append(r.Services[s].Outages, *cur)
		}
		for _, o := range r.Services[s].Outages {
			f := 1.0
			if o.Severity == sim.Degraded {
				f = 0.5
			}
			r.Services[s].Minutes += f * float64(o.End-o.Start) / float64(sim.Minute)
		}
	}
	for s := range r.Services {
		h := r.Services[s].Minutes / 60
		if r.Services[s].Kind == sim.App {
			r.Impact.AppHours += h
		} else {
			r.Impact.ServiceHours += h
		}
		for _, o := range r.Services[s].Outages {
			r.Impact.End = max(r.Impact.End, o.End)
		}
	}
	return r
}

// Judge is a hand-made verdict: prevented when nothing was disrupted.
func Judge(base, run *sim.Result) (kind, summary string) {
	switch {
	case run.Impact.ChainHours() == 0 && base.Impact.ChainHours() > 0:
		return "prevented", "No customer-visible disruption."
	case run.Impact.ChainHours() < base.Impact.ChainHours():
		return "shortened", "Shorter."
	}
	return "unchanged", "The same night."
}

package sim

import (
	"math"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// The services layer: each AWS service and app follows its dependencies,
// with an onset delay (retries, caches) and a recovery lag (connection
// pools, backlogs). A hard dependency passes on its severity; a soft one
// that is impaired only degrades.

type linkState struct {
	eff       Severity
	raisedAt  Time // when the dependency rose above eff (-1: not)
	loweredAt Time // when it fell below eff (-1: not)
}

type svcState struct {
	spec *scenario.Service
	// cellHit: with cell-endpoints, the failing cell serves this client.
	cellHit bool
	// client: a client of DynamoDB (everything but DynamoDB's own row,
	// which stands for the service over all its clients).
	client bool
	links  []linkState
	deps   []int // per link: index of the service it names, or -1-k for signal k
	sev    Severity
	since  Time // start of the current severity
	waves  int  // impairments so far
	outFor float64
}

func (s *sim) initServices() {
	s.svcs = make([]svcState, len(s.sc.Services))
	s.res.Services = make([]ServiceOutages, len(s.sc.Services))
	// multi-region-apps: an app fails over to its second Region.
	s.multiRegion = s.sg.Has(safeguard.MultiRegionApps)
	for i := range s.sc.Services {
		sp := &s.sc.Services[i]
		st := &s.svcs[i]
		st.spec = sp
		st.cellHit = s.cells.hits(sp.ID)
		st.client = sp.ID != string(scenario.SigDynamoDB)
		st.links = make([]linkState, len(sp.Links))
		st.deps = make([]int, len(sp.Links))
		for j := range st.links {
			st.links[j] = linkState{raisedAt: -1, loweredAt: -1}
			if x := sp.Links[j].Above; x > 0 {
				s.nlbAbove = append(s.nlbAbove, x)
			}
			st.deps[j] = -1 - signalIndex(sp.Links[j].On)
			for k := range i {
				if s.sc.Services[k].ID == string(sp.Links[j].On) {
					st.deps[j] = k
				}
			}
		}
		k := AWSService
		if sp.App {
			k = App
		}
		s.res.Services[i] = ServiceOutages{ID: sp.ID, Name: sp.Name, Kind: k,
			StartUncertain: sp.StartUncertain, Independent: sp.Independent}
	}
}

func bySeverity(v, down, degraded float64) Severity {
	switch {
	case v > down:
		return Down
	case v > degraded:
		return Degraded
	}
	return Healthy
}

// signal is the severity of a part of the system this minute.
func (s *sim) signal(sig scenario.Signal) Severity {
	switch sig {
	case scenario.SigDynamoDB:
		return bySeverity(s.errExt, 0.5, s.sc.DynamoDB.ErrorThreshold)
	case scenario.SigDynamoDBInternal:
		return bySeverity(s.errExt, 0.5, s.sc.DynamoDB.ErrorThreshold)
	case scenario.SigEC2Launch:
		switch {
		case s.ln.success < 0.5:
			return Down
		case s.ln.success < s.sc.Launch.SuccessThreshold, s.ln.throttle,
			s.ln.pending > 5, s.nm.latency > s.sc.NetMgr.HighLatencyMin:
			return Degraded
		}
		return Healthy
	case scenario.SigNLB:
		return bySeverity(s.lb.err, s.sc.NLB.DownErrors, s.sc.NLB.ErrorThreshold)
	case scenario.SigLambdaSQS:
		switch {
		case s.sqsFailed:
			return Down
		case s.sqsBacklog > 0:
			return Degraded
		}
		return Healthy
	case scenario.SigRedshiftJobs:
		if s.redshiftBad > 0.001 {
			return Degraded
		}
		return Healthy
	case scenario.SigRedshiftIAM:
		r := s.sc.Redshift
		if s.now >= mins(r.IAMDefectStartMin) && s.now < mins(r.IAMDefectEndMin) {
			return Down
		}
		return Healthy
	}
	for i := range s.svcs {
		if s.svcs[i].spec.ID == string(sig) {
			return s.svcs[i].sev
		}
	}
	return Healthy
}

// The signals, in the order of the per-tick cache.
var signals = [...]scenario.Signal{scenario.SigDynamoDB, scenario.SigDynamoDBInternal,
	scenario.SigEC2Launch, scenario.SigNLB, scenario.SigLambdaSQS, scenario.SigRedshiftJobs,
	scenario.SigRedshiftIAM}

func signalIndex(sig scenario.Signal) int {
	for k, x := range signals {
		if x == sig {
			return k
		}
	}
	return len(signals) // unknown: always healthy
}

// services updates every service's severity, its outages and its series.
func (s *sim) services() {
	var sig [len(signals) + 3]Severity
	calm := s.calm
	for k, x := range signals {
		sig[k] = s.signal(x)
		if sig[k] != Healthy {
			calm = false
		}
	}
	// DynamoDB for a client of the failing cell; with cells, a service's
	// DynamoDB is its own cell's.
	cellSev := bySeverity(s.failing, 0.5, s.sc.DynamoDB.ErrorThreshold)
	sig[len(sig)-2] = cellSev
	// How many of the services' NLB tolerances the errors exceed.
	for _, x := range s.nlbAbove {
		if s.lb.err > x {
			sig[len(sig)-1]++
		}
	}
	if cellSev != Healthy || s.lb.err > 0 {
		calm = false
	}
	if calm || (sig == s.lastSig && !s.timers && s.ops.mitigated == s.lastMitigated) {
		// Nothing changed and no onset or recovery timer is running: every
		// service keeps its severity this minute.
		for i := range s.svcs {
			s.res.Series.Health[i] = append(s.res.Series.Health[i], health(s.svcs[i].sev))
		}
		return
	}
	s.lastSig, s.lastMitigated = sig, s.ops.mitigated
	multi := s.multiRegion
	nlbErr := s.lb.err
	calm = true
	timers := false
	for i := range s.svcs {
		st := &s.svcs[i]
		sev := Healthy
		for j := range st.spec.Links {
			l := &st.spec.Links[j]
			var dep Severity
			if k := st.deps[j]; k >= 0 {
				dep = s.svcs[k].sev
			} else {
				dep = sig[-1-k]
			}
			if s.cells.on() && st.client && (l.On == scenario.SigDynamoDB || l.On == scenario.SigDynamoDBInternal) {
				dep = Healthy
				if st.cellHit {
					dep = cellSev
				}
			}
			if l.Above > 0 && l.On == scenario.SigNLB {
				dep = Healthy
				if nlbErr > l.Above {
					dep = Down
				}
			}
			if l.Mitigable && s.ops.mitigated && l.On == scenario.SigDynamoDBInternal {
				dep = Healthy
			}
			if !l.Hard && dep > Degraded {
				dep = Degraded
			}
			ls := &st.links[j]
			if held(dep > ls.eff, &ls.raisedAt, s.now, mins(l.OnsetMin)) {
				ls.eff = dep
			}
			if held(dep < ls.eff, &ls.loweredAt, s.now, mins(l.LagMin)) {
				ls.eff = dep
			}
			sev = max(sev, ls.eff)
			if ls.raisedAt >= 0 || ls.loweredAt >= 0 {
				timers = true
			}
			if ls.eff != Healthy {
				calm = false
			}
		}
		if st.spec.App && multi {
			// Served from the second Region once the failover is done.
			if sev > Healthy {
				st.outFor++
				if st.outFor > s.sc.Apps.FailoverMin {
					sev = Healthy
				}
			} else {
				st.outFor = 0
			}
		}
		if sev != Healthy {
			calm = false
		}
		if multi && st.spec.App && sev != Healthy || st.outFor > 0 && st.outFor <= s.sc.Apps.FailoverMin {
			timers = true
		}
		s.setSeverity(i, sev)
		s.res.Series.Health[i] = append(s.res.Series.Health[i], health(sev))
	}
	s.calm = calm && !timers
	s.timers = timers
}

func health(sev Severity) float32 {
	switch sev {
	case Down:
		return 0
	case Degraded:
		return 0.5
	}
	return 1
}

func (s *sim) setSeverity(i int, sev Severity) {
	st := &s.svcs[i]
	if sev == st.sev {
		return
	}
	out := &s.res.Services[i]
	if st.sev > Healthy {
		out.Outages = append(out.Outages, Interval{Start: st.since, End: s.now, Severity: st.sev})
	}
	id := st.spec.ID
	switch {
	case sev == Healthy:
		s.emit(Event{Kind: "service.up", Subject: id}, false)
		if st.waves == 1 {
			switch id {
			case "iam":
				s.milestone("iam.recovered", Event{Subject: id})
			}
		}
		s.onRecovered(id)
	case st.sev == Healthy:
		st.waves++
		if sev == Down {
			s.emit(Event{Kind: "service.down", Subject: id}, false)
		} else {
			s.emit(Event{Kind: "service.degraded", Subject: id}, false)
		}
		if st.waves == 1 {
			switch id {
			case "redshift", "lambda", "sts", "iam":
				s.milestone(id+".errors_start", Event{Subject: id})
			case "redshift-iam":
				// Redshift's errors began with its own defect (PES 23:47).
				s.milestone("redshift.errors_start", Event{Subject: id})
			}
		}
	case sev == Down:
		s.emit(Event{Kind: "service.down", Subject: id}, false)
	default:
		s.emit(Event{Kind: "service.degraded", Subject: id}, false)
	}
	st.sev, st.since = sev, s.now
}

// closeOutages ends every open outage at the horizon and totals minutes.
func (s *sim) closeOutages() {
	for i := range s.svcs {
		st := &s.svcs[i]
		out := &s.res.Services[i]
		if st.sev > Healthy {
			iv := Interval{Start: st.since, End: s.res.Horizon, Severity: st.sev}
			if end, ok := s.projectedEnd(i); ok {
				iv.End, iv.Projected = end, true
			}
			out.Outages = append(out.Outages, iv)
		}
		for _, o := range out.Outages {
			m := (o.End - o.Start).Minutes()
			if o.Severity == Degraded {
				m /= 2
			}
			out.Minutes += m
		}
	}
}

// impact totals the disruption (DESIGN §4).
func (s *sim) impact() {
	im := &s.res.Impact
	for _, so := range s.res.Services {
		var raw float64
		for _, o := range so.Outages {
			raw += (o.End - o.Start).Minutes()
			if !so.Independent {
				im.End = max(im.End, o.End)
			}
		}
		switch so.ID {
		case "dynamodb":
			im.DynamoDBMinutes = raw
		case "ec2":
			im.EC2LaunchMinutes = raw
		case "nlb":
			im.NLBErrorMinutes = raw
		}
		if so.Kind == App {
			im.AppHours += so.Minutes / 60
		} else {
			im.ServiceHours += so.Minutes / 60
			if so.Independent {
				im.IndependentHours += so.Minutes / 60
			}
		}
	}
}

// projectedEnd works out when a service still impaired at the horizon
// recovers, where that follows from the model without simulating on: Redshift's
// cluster-replacement backlog drains at a constant rate once EC2 launches
// and DynamoDB are healthy, and nothing else moves by then (PES: the last
// clusters came back at 04:05 the next day, long after the rest).
func (s *sim) projectedEnd(i int) (Time, bool) {
	st := &s.svcs[i]
	if st.spec.ID != "redshift" || st.sev != Degraded || s.redshiftBad <= 0.001 {
		return 0, false
	}
	if s.signal(scenario.SigEC2Launch) != Healthy || s.signal(scenario.SigDynamoDB) != Healthy {
		return 0, false
	}
	left := (s.redshiftBad - 0.001) / s.sc.Redshift.ReplaceRate // minutes until below the threshold
	return s.res.Horizon + mins(math.Ceil(left)), true
}

// held reports whether cond has held for at least d by now, keeping in
// *since when it started (-1 while it does not hold); once it reports
// true, the clock starts over.
func held(cond bool, since *Time, now, d Time) bool {
	if !cond {
		*since = -1
		return false
	}
	if *since < 0 {
		*since = now
	}
	if now-*since >= d {
		*since = -1
		return true
	}
	return false
}

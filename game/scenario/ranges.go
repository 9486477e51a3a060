package scenario

import (
	"fmt"
	"math"
)

// Param is one estimated or fitted parameter with the range of values it
// could plausibly take. Sourced values (read off the PES or DAT453) have
// no Param: they stay fixed. The plausible worlds (game/worlds) are the
// points of these ranges whose night matches the PES.
type Param struct {
	// Name is the parameter's path ("DWFM.TimeoutMin").
	Name string
	// Label names it for a reader ("DWFM's lease-work timeout").
	Label string
	// Unit is what its values are in ("min", "s", "share", "").
	Unit string
	// Lo and Hi bound the range; Log draws it log-uniformly (every factor
	// as likely as any other), for quantities known only to an order of
	// magnitude; Int rounds to a whole number.
	Lo, Hi   float64
	Log, Int bool
	// Reason says why the range is what it is.
	Reason string

	get func(*Scenario) float64
	set func(*Scenario, float64)
}

// Get reads the parameter from a scenario.
func (p Param) Get(sc *Scenario) float64 { return p.get(sc) }

// Set writes v (rounded when Int) into a scenario.
func (p Param) Set(sc *Scenario, v float64) {
	if p.Int {
		v = math.Round(v)
	}
	p.set(sc, v)
}

// At is the value a share u (0..1) of the way through the range.
func (p Param) At(u float64) float64 {
	v := p.Lo + (p.Hi-p.Lo)*u
	if p.Log {
		v = p.Lo * math.Pow(p.Hi/p.Lo, u)
	}
	if p.Int {
		// Every whole value in [Lo, Hi] gets an equal share of u.
		v = math.Floor(p.Lo + (p.Hi-p.Lo+1)*u)
		v = min(v, p.Hi)
	}
	return v
}

// Position is where v lies in the range, 0..1 (the inverse of At).
func (p Param) Position(v float64) float64 {
	if p.Log {
		return math.Log(v/p.Lo) / math.Log(p.Hi/p.Lo)
	}
	if p.Hi == p.Lo {
		return 0
	}
	return (v - p.Lo) / (p.Hi - p.Lo)
}

func (p Param) String() string {
	return fmt.Sprintf("%s in [%g, %g] %s", p.Name, p.Lo, p.Hi, p.Unit)
}

// f and fi make a Param over a float64 or an int field.
func f(name, label, unit string, lo, hi float64, log bool, reason string, ptr func(*Scenario) *float64) Param {
	return Param{Name: name, Label: label, Unit: unit, Lo: lo, Hi: hi, Log: log, Reason: reason,
		get: func(sc *Scenario) float64 { return *ptr(sc) },
		set: func(sc *Scenario, v float64) { *ptr(sc) = v }}
}

func fi(name, label string, lo, hi float64, reason string, ptr func(*Scenario) *int) Param {
	return Param{Name: name, Label: label, Lo: lo, Hi: hi, Int: true, Reason: reason,
		get: func(sc *Scenario) float64 { return float64(*ptr(sc)) },
		set: func(sc *Scenario, v float64) { *ptr(sc) = int(v) }}
}

// link makes a Param over one timing of a service's dependency.
func link(svc string, on Signal, field, label string, lo, hi float64, reason string) Param {
	ptr := func(sc *Scenario) *float64 {
		for i := range sc.Services {
			if sc.Services[i].ID != svc {
				continue
			}
			for j := range sc.Services[i].Links {
				l := &sc.Services[i].Links[j]
				if l.On != on {
					continue
				}
				switch field {
				case "OnsetMin":
					return &l.OnsetMin
				case "LagMin":
					return &l.LagMin
				case "Above":
					return &l.Above
				}
			}
		}
		panic("scenario: no link " + svc + " → " + string(on) + "." + field)
	}
	unit := "min"
	if field == "Above" {
		unit = "share"
	}
	return f("Services."+svc+"."+string(on)+"."+field, label, unit, lo, hi, false, reason, ptr)
}

// Params lists every estimated or fitted parameter with its range, in the
// order the plausible worlds store their values. Ranges are not tuned to
// any verdict: each is as wide as its reason allows. The slice is shared:
// do not modify it.
func Params() []Param { return params }

var params = makeParams()

func makeParams() []Param {
	return []Param{
		// DNS automation.
		f("DNS.PlanIntervalSec", "the Planner's plan interval", "s", 20, 180, true,
			"DAT453: many plans a night, mostly capacity adds and traffic shifts; order of a minute",
			func(sc *Scenario) *float64 { return &sc.DNS.PlanIntervalSec }),
		f("DNS.PlanJitterSec", "the Planner's jitter", "s", 0, 20, false,
			"the Planner's pace follows the fleet's changes; up to a third of an interval",
			func(sc *Scenario) *float64 { return &sc.DNS.PlanJitterSec }),
		f("DNS.SlowLanePlanIntervalSec", "the slow lane's plan interval", "s", 300, 1800, true,
			"DAT453 names a slow lane, not its pace: 5 to 30 minutes",
			func(sc *Scenario) *float64 { return &sc.DNS.SlowLanePlanIntervalSec }),
		fi("DNS.CleanupThreshold", "the clean-up threshold (generations)", 3, 10,
			"PES: plans \"significantly older\"; Younas's model uses 2, a few to ten",
			func(sc *Scenario) *int { return &sc.DNS.CleanupThreshold }),
		f("DNS.PickupMaxSec", "the time an idle Enactor takes to see a plan", "s", 2, 30, true,
			"a polling interval: seconds to half a minute",
			func(sc *Scenario) *float64 { return &sc.DNS.PickupMaxSec }),
		f("DNS.BatchSec", "a normal Route 53 change batch", "s", 2, 10, false,
			"a Route 53 transaction takes seconds; it must fit in the lock",
			func(sc *Scenario) *float64 { return &sc.DNS.BatchSec }),
		f("DNS.BatchJitterSec", "the batches' jitter", "s", 0.5, 3, false,
			"a fraction of a batch",
			func(sc *Scenario) *float64 { return &sc.DNS.BatchJitterSec }),
		f("DNS.LockTTLSec", "the TXT-record lock's lifetime", "s", 12, 60, true,
			"DAT453 describes the lock, not its TTL: longer than a normal batch, up to a minute",
			func(sc *Scenario) *float64 { return &sc.DNS.LockTTLSec }),
		f("DNS.BackoffBaseSec", "the Enactors' first backoff", "s", 1, 5, false,
			"common practice: a second or a few",
			func(sc *Scenario) *float64 { return &sc.DNS.BackoffBaseSec }),
		f("DNS.BackoffMaxSec", "the Enactors' longest backoff", "s", 30, 300, true,
			"common practice: capped at half a minute to a few minutes",
			func(sc *Scenario) *float64 { return &sc.DNS.BackoffMaxSec }),
		f("DNS.Trigger.StartMin", "the time Enactor A became slow", "min", 0, 16, false,
			"PES: shortly before 23:48; after the epoch (23:30)",
			func(sc *Scenario) *float64 { return &sc.DNS.Trigger.StartMin }),
		f("DNS.Trigger.EndMin", "the time Enactor A recovered", "min", 17, 40, false,
			"after the race (23:48), within the next twenty minutes",
			func(sc *Scenario) *float64 { return &sc.DNS.Trigger.EndMin }),
		f("DNS.Trigger.BatchSec", "Enactor A's slow batches", "s", 20, 300, true,
			"PES: \"unusually high delays\": longer than the lock, up to minutes",
			func(sc *Scenario) *float64 { return &sc.DNS.Trigger.BatchSec }),
		fi("DNS.Cells", "the number of DNS cells", 4, 20,
			"DAT453 describes cells, not how many",
			func(sc *Scenario) *int { return &sc.DNS.Cells }),
		fi("DNS.DWFMCells", "the number of cells DWFM uses", 1, 3,
			"not published: one account for DWFM, or one per AZ",
			func(sc *Scenario) *int { return &sc.DNS.DWFMCells }),
		f("DNS.FreezeMin", "root cause to automation disabled", "min", 270, 330, false,
			"DAT453: about 05:38, give or take half an hour",
			func(sc *Scenario) *float64 { return &sc.DNS.FreezeMin }),
		// Resolvers.
		f("Resolvers.PositiveTTLSec", "the endpoint's record TTL", "s", 5, 60, true,
			"DynamoDB's endpoint uses a short TTL: seconds to a minute",
			func(sc *Scenario) *float64 { return &sc.Resolvers.PositiveTTLSec }),
		f("Resolvers.NegativeTTLMinSec", "the shortest negative cache", "s", 10, 300, true,
			"resolvers cap negative TTLs differently (RFC 2308)",
			func(sc *Scenario) *float64 { return &sc.Resolvers.NegativeTTLMinSec }),
		f("Resolvers.NegativeTTLMaxSec", "the longest negative cache", "s", 600, 1800, false,
			"PES/DAT453: clients recovered over 02:25–02:40 as cached answers expired",
			func(sc *Scenario) *float64 { return &sc.Resolvers.NegativeTTLMaxSec }),
		f("Resolvers.ShortNegativeTTLSec", "the short negative TTL", "s", 1, 30, true,
			"what short-negative-ttl means: seconds",
			func(sc *Scenario) *float64 { return &sc.Resolvers.ShortNegativeTTLSec }),
		f("Resolvers.LastGoodShare", "clients holding last-known-good addresses", "share", 0.5, 0.99, false,
			"long-running processes hold addresses; short-lived ones do not",
			func(sc *Scenario) *float64 { return &sc.Resolvers.LastGoodShare }),
		f("Resolvers.LastGoodHalfLifeMin", "the half-life of last-known-good addresses", "min", 60, 4320, true,
			"load balancers are replaced over hours to days",
			func(sc *Scenario) *float64 { return &sc.Resolvers.LastGoodHalfLifeMin }),
		// DynamoDB.
		f("DynamoDB.GlobalTablesCatchUp", "global tables' catch-up speed", "×", 10, 200, true,
			"replication drains many times faster than it built up",
			func(sc *Scenario) *float64 { return &sc.DynamoDB.GlobalTablesCatchUp }),
		// DWFM.
		f("DWFM.LeaseMin", "DWFM's lease period", "min", 120, 200, false,
			"PES: leases timed out slowly over 23:48–02:24",
			func(sc *Scenario) *float64 { return &sc.DWFM.LeaseMin }),
		f("DWFM.Capacity", "DWFM's lease capacity", "share/min", 1.0/150, 1.0/40, true,
			"PES: throttled re-leasing took 04:14–05:28",
			func(sc *Scenario) *float64 { return &sc.DWFM.Capacity }),
		f("DWFM.TimeoutMin", "DWFM's lease-work timeout", "min", 2, 10, true,
			"PES describes the timeouts, not their length: minutes",
			func(sc *Scenario) *float64 { return &sc.DWFM.TimeoutMin }),
		f("DWFM.AdmitShare", "admission control's limit (share of capacity × timeout)", "share", 0.5, 1.2, false,
			"an admission limit is set from measured capacity: at half of what can finish, up to a fifth past it",
			func(sc *Scenario) *float64 { return &sc.DWFM.AdmitShare }),
		f("DWFM.StallGoodput", "the goodput that counts as no progress", "share", 0.002, 0.05, true,
			"a stall: next to nothing of the work in flight finishing",
			func(sc *Scenario) *float64 { return &sc.DWFM.StallGoodput }),
		// Launches.
		f("Launch.APILimit", "EC2's normal launch limit", "× demand", 1.5, 6, true,
			"API rate limits sit above normal demand",
			func(sc *Scenario) *float64 { return &sc.Launch.APILimit }),
		f("Launch.ThrottleRate", "EC2's throttled launch rate", "× demand", 1.2, 4, false,
			"PES: deliberate throttling; above demand so backlogs drain",
			func(sc *Scenario) *float64 { return &sc.Launch.ThrottleRate }),
		f("Launch.RelaxRampMin", "the time relaxing the throttles took", "min", 90, 210, false,
			"PES: relaxing began 11:23, launches fully normal 13:50",
			func(sc *Scenario) *float64 { return &sc.Launch.RelaxRampMin }),
		// Network Manager.
		f("NetMgr.Capacity", "Network Manager's capacity", "× demand", 1.2, 4, false,
			"PES: the backlog from 05:28 cleared by 10:36",
			func(sc *Scenario) *float64 { return &sc.NetMgr.Capacity }),
		f("NetMgr.HighLatencyMin", "the delay that counts as high", "min", 5, 20, false,
			"long enough for instances to run without connectivity noticeably",
			func(sc *Scenario) *float64 { return &sc.NetMgr.HighLatencyMin }),
		f("NetMgr.NormalLatencyMin", "the delay that counts as normal", "min", 0.5, 3, false,
			"a minute or so",
			func(sc *Scenario) *float64 { return &sc.NetMgr.NormalLatencyMin }),
		f("NetMgr.ThrottleQueueMin", "the queue throttle's limit", "min", 0.25, 3, true,
			"a few minutes of work at most",
			func(sc *Scenario) *float64 { return &sc.NetMgr.ThrottleQueueMin }),
		f("NetMgr.ReleaseWork", "network work of re-leasing the fleet", "min of demand", 30, 300, true,
			"PES: \"a large backlog\"",
			func(sc *Scenario) *float64 { return &sc.NetMgr.ReleaseWork }),
		// NLB.
		f("NLB.FlapNoise", "how unevenly AZs get new instances", "", 0, 0.4, false,
			"instances land unevenly over AZs",
			func(sc *Scenario) *float64 { return &sc.NLB.FlapNoise }),
		f("NLB.GraceMin", "health checks' grace for new targets", "min", 0.1, 1, true,
			"a few 10 s check intervals",
			func(sc *Scenario) *float64 { return &sc.NLB.GraceMin }),
		f("NLB.TargetsMin", "targets behind NLBs", "min of demand", 200, 2000, true,
			"how large a share of targets new instances are",
			func(sc *Scenario) *float64 { return &sc.NLB.TargetsMin }),
		f("NLB.FailoverRate", "the rate at which the degraded checker fails AZs over", "/min", 0.001, 0.02, true,
			"PES: the checker degraded over hours; STS's second wave began 08:31",
			func(sc *Scenario) *float64 { return &sc.NLB.FailoverRate }),
		f("NLB.RecoverRate", "the rate at which failed-over AZs return", "/min", 0.05, 0.5, true,
			"minutes once checks pass",
			func(sc *Scenario) *float64 { return &sc.NLB.RecoverRate }),
		f("NLB.VelocityLimit", "the velocity control's limit", "share", 0.02, 0.5, true,
			"PES names the control, not its limit: from a few percent to half an NLB",
			func(sc *Scenario) *float64 { return &sc.NLB.VelocityLimit }),
		// Operators.
		f("Ops.AlarmDiagnoseMin", "diagnosis with a dedicated alarm", "min", 2, 20, true,
			"paged at once; how fast people act on it",
			func(sc *Scenario) *float64 { return &sc.Ops.AlarmDiagnoseMin }),
		f("Ops.DWFMMin", "collapse seen to throttle and restart", "min", 60, 120, false,
			"PES: no runbook; action at 04:14",
			func(sc *Scenario) *float64 { return &sc.Ops.DWFMMin }),
		f("Ops.DWFMThrottle", "the engineers' DWFM throttle", "share", 0.01, 0.06, true,
			"set low enough that work finishes",
			func(sc *Scenario) *float64 { return &sc.Ops.DWFMThrottle }),
		// Lambda, Redshift, apps.
		f("Lambda.PollerFailAfterMin", "outage that breaks Lambda's SQS poller", "min", 2, 60, true,
			"PES: the poller did not recover by itself",
			func(sc *Scenario) *float64 { return &sc.Lambda.PollerFailAfterMin }),
		f("Lambda.BacklogDrain", "Lambda's SQS backlog drain speed", "×", 1.5, 6, false,
			"PES: restored 04:40, backlog cleared 06:00",
			func(sc *Scenario) *float64 { return &sc.Lambda.BacklogDrain }),
		f("Redshift.ImpairRate", "the rate Redshift clusters fail at", "share/min", 0.0005, 0.005, true,
			"clusters fail as DynamoDB stays out",
			func(sc *Scenario) *float64 { return &sc.Redshift.ImpairRate }),
		f("Redshift.ReplaceRate", "the rate Redshift clusters are replaced at", "share/min", 0.0001, 0.0006, true,
			"PES: the last clusters came back on 21 October at 04:05",
			func(sc *Scenario) *float64 { return &sc.Redshift.ReplaceRate }),
		f("Apps.FailoverMin", "an app's failover to another Region", "min", 1, 15, true,
			"detection and traffic shift",
			func(sc *Scenario) *float64 { return &sc.Apps.FailoverMin }),
		// Services' timings.
		link("lambda", SigDynamoDBInternal, "OnsetMin", "Lambda's onset after DynamoDB", 1, 6,
			"PES: errors from 23:51, three minutes after 23:48"),
		link("sts", SigDynamoDBInternal, "OnsetMin", "STS's onset after DynamoDB", 1, 6,
			"PES: errors from 23:51"),
		link("iam", SigDynamoDBInternal, "OnsetMin", "IAM sign-in's onset after DynamoDB", 1, 6,
			"PES: errors from 23:51"),
		link("sts", SigDynamoDBInternal, "LagMin", "STS's recovery lag", 1, 15,
			"PES: 01:15 mitigation, recovered 01:19"),
		link("iam", SigDynamoDBInternal, "LagMin", "IAM sign-in's recovery lag", 2, 20,
			"PES: 01:15 mitigation, recovered 01:25"),
		link("lambda", SigEC2Launch, "OnsetMin", "Lambda's onset after EC2", 2, 30,
			"warm capacity lasts a while"),
		link("lambda", SigEC2Launch, "LagMin", "Lambda's recovery lag after EC2", 5, 45,
			"PES: Lambda normal 14:15, after EC2 13:50"),
		link("sts", SigNLB, "Above", "STS's tolerance of NLB errors", 0.05, 0.35,
			"callers retry, so a share of failed connections is absorbed"),
		link("sts", SigNLB, "LagMin", "STS's recovery lag after NLB", 5, 45,
			"PES: failover disabled 09:36, STS recovered 09:59"),
		link("ecs", SigEC2Launch, "LagMin", "ECS/EKS/Fargate's recovery lag", 10, 60,
			"PES: EC2 13:50, ECS/EKS/Fargate 14:20"),
		link("connect", SigDynamoDBInternal, "OnsetMin", "Connect's onset", 2, 35,
			"PES: start 23:56 or 00:20, uncertain"),
		link("connect", SigLambdaSQS, "LagMin", "Connect's recovery lag after Lambda's poller", 5, 40,
			"PES: first wave to 05:00"),
	}
}

// LookupParam returns the named parameter.
func LookupParam(name string) (Param, bool) {
	for _, p := range Params() {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Package scenario holds the calibrated parameters of the 19–20 October
// 2025 us-east-1 incident and the real timeline they are fitted to.
//
// Every number carries a comment: its source (PES = AWS's post-event
// summary, DAT453 = the re:Invent 2025 talk, both in shared/FACTS.md), or
// "estimate" with the PES time it was fitted to. Durations are in minutes
// unless the name says otherwise; rates are per minute. Launch volumes are
// in units of one normal minute's launch demand, fleet volumes in shares
// of the fleet (1 = every droplet).
package scenario

// Scenario is everything the simulation needs to replay the night.
type Scenario struct {
	// Name identifies the scenario in output.
	Name string
	// Seed is the seed that reproduces the night (the race is timing-
	// dependent: other seeds show how often the same trigger empties the
	// regional endpoint).
	Seed uint64
	// HorizonMin is how long to simulate from the epoch (23:30 PDT).
	HorizonMin float64

	// DNS is DynamoDB's DNS automation and the injected trigger.
	DNS DNS
	// Resolvers are the DNS caches clients use.
	Resolvers Resolvers
	// DynamoDB is the service behind the endpoint.
	DynamoDB DynamoDB
	// DWFM is EC2's lease manager.
	DWFM DWFM
	// Launch is EC2 instance launches and their throttles.
	Launch Launch
	// NetMgr is EC2's Network Manager.
	NetMgr NetMgr
	// NLB is Network Load Balancer health checking.
	NLB NLB
	// Ops is the people: detection, diagnosis and action delays.
	Ops Ops
	// Lambda is Lambda's SQS poller.
	Lambda Lambda
	// Redshift is Redshift's cluster replacement.
	Redshift Redshift
	// Apps is how apps fail over between Regions.
	Apps Apps

	// Services is the dependency graph of AWS services and apps.
	Services []Service
}

// DNS is DynamoDB's DNS automation: Planner, Enactors, Route 53 zone.
type DNS struct {
	// Endpoints are the DNS endpoints one plan covers; index 0 is the
	// regional endpoint, the one nearly every client uses. The real system
	// has many more records (PES: hundreds of thousands); four stand in.
	Endpoints []string
	// FirstGen is the plan generation live at the epoch (presentation only).
	FirstGen int
	// PlanIntervalSec: the Planner issues a plan this often (estimate; DAT453:
	// that night's plans were mostly capacity adds and traffic shifts).
	PlanIntervalSec float64
	// PlanJitterSec: each plan comes up to this much earlier or later than
	// the interval says (0 on the reproduced night; the race-risk estimate
	// draws it per night: the Planner's pace follows the fleet's changes).
	PlanJitterSec float64
	// SlowLanePlanIntervalSec: with the fewer-plans safeguard, non-urgent
	// changes are batched and a plan is issued this often (estimate).
	SlowLanePlanIntervalSec float64
	// CleanupThreshold: clean-up deletes plans this many generations older
	// than the one just applied (PES: "significantly older"; estimate).
	CleanupThreshold int
	// PickupMaxSec: an idle Enactor notices a new plan within this time
	// (it polls; estimate).
	PickupMaxSec float64
	// BatchSec, BatchJitterSec: one Route 53 change batch (estimate).
	BatchSec, BatchJitterSec float64
	// LockTTLSec: the TXT-record lock expires after this long (DAT453
	// describes the lock; the value is an estimate).
	LockTTLSec float64
	// BackoffBaseSec, BackoffMaxSec: an Enactor that loses the lock retries
	// after base·2^n seconds, capped (estimate).
	BackoffBaseSec, BackoffMaxSec float64
	// Trigger is what the scenario injects: Enactor A becomes slow.
	Trigger Trigger
	// DetailUntilMin: the Enactors' routine activity is recorded for the
	// app until this time; the automation keeps running unrecorded after
	// (presentation and speed only; no effect on the outcome).
	DetailUntilMin float64
	// Cells is how many cells DNS is split into with the cell-endpoints
	// safeguard; the trigger hits one cell's automation, and every client
	// (a customer's account, an internal service) belongs to one cell
	// (DAT453 describes the design; the count is an estimate).
	Cells int
	// DWFMCells is how many cells EC2's lease manager uses with
	// cell-endpoints: DWFM is zonal (a fleet per Availability Zone, each
	// checking in with its own droplets), so each AZ's fleet runs under its
	// own account and resolves its own per-account endpoint (estimate: one
	// per AZ of the three the DNS automation spans; PES and DAT453 do not
	// say).
	DWFMCells int
	// FreezeMin: root cause identified → the DNS Planner and Enactor
	// automation disabled worldwide (DAT453: about 05:38, uncertain; PES:
	// disabled worldwide). Until then the repaired automation keeps running.
	FreezeMin float64
}

// Trigger makes one Enactor's change batches slow for a while (PES: "one
// DNS Enactor experienced unusually high delays"). A batch that outlasts
// the lock loses it to another Enactor and fails; nothing else is injected.
type Trigger struct {
	// Enactor is which Enactor is slow (0 = A; PES: "one DNS Enactor").
	Enactor int
	// StartMin, EndMin: when the Enactor is slow, minutes after the epoch
	// (estimate, fitted so that the race lands at 23:48 as in the PES).
	StartMin, EndMin float64
	// BatchSec: how long its batches take while slow (estimate; longer
	// than the lock TTL is what makes it lose the lock).
	BatchSec float64
}

// Resolvers are the DNS caches between clients and Route 53.
type Resolvers struct {
	// Count is how many representative resolvers are simulated.
	Count int
	// PositiveTTLSec: TTL of an answer with addresses (estimate).
	PositiveTTLSec float64
	// NegativeTTLMinSec, NegativeTTLMaxSec: resolvers cap the negative TTL
	// differently; each gets one in this range (fitted: clients recovered
	// over 02:25–02:40 as cached negative answers expired, PES/DAT453).
	NegativeTTLMinSec, NegativeTTLMaxSec float64
	// ShortNegativeTTLSec: the negative TTL with short-negative-ttl.
	ShortNegativeTTLSec float64
	// LastGoodShare: with keep-last-good, the share of clients that hold a
	// last-known-good address set (long-running processes; estimate).
	LastGoodShare float64
	// LastGoodHalfLifeMin: how fast last-known-good addresses go stale as
	// load balancers are replaced (estimate).
	LastGoodHalfLifeMin float64
}

// DynamoDB covers the service itself beyond DNS.
type DynamoDB struct {
	// ErrorThreshold: DynamoDB counts as disrupted above this error rate.
	ErrorThreshold float64
	// GlobalTablesCatchUp: replication backlog drains this many times faster
	// than it built up (fitted: replicas caught up 02:32, 7 min after 02:25).
	GlobalTablesCatchUp float64
}

// DWFM is EC2's DropletWorkflow Manager: leases on droplets.
type DWFM struct {
	// LeaseMin: a lease lasts this long and is renewed at its end by a
	// state check through DynamoDB; leases were granted at different times,
	// so their ends are spread evenly (fitted: leases lapsed 23:48–02:24).
	LeaseMin float64
	// Capacity: lease establishments per minute DWFM completes when all of
	// its effort goes to useful work, as a share of the fleet (fitted:
	// throttled re-leasing took 04:14–05:28).
	Capacity float64
	// TimeoutMin: a lease work item not finished this long after it started
	// times out and is queued again (estimate; PES describes the timeouts).
	TimeoutMin float64
	// AdmitShare: with dwfm-admission-control, at most this share of
	// capacity × timeout (the collapse line) is in flight at once; the rest
	// waits (estimate: a limit set from measured capacity, below the line
	// so admitted work can finish).
	AdmitShare float64
	// StepSec: the time step of the lease work model.
	StepSec float64
	// StallGoodput: a minute in which leases established are below this
	// share of the work in flight makes no forward progress (estimate: at
	// capacity, work in flight below the collapse line completes a few
	// tens of percent of itself a minute).
	StallGoodput float64
}

// CollapseLine is the most lease work that can be in flight with anything
// finishing: beyond capacity × timeout, every item times out first.
func (p *DWFM) CollapseLine() float64 { return p.Capacity * p.TimeoutMin }

// Launch is EC2 instance launches.
type Launch struct {
	// APILimit: launches EC2 admits per minute under its normal API rate
	// limits, in normal-demand units (estimate).
	APILimit float64
	// ThrottleRate: launches per minute admitted while engineers throttle
	// EC2 (fitted: Network Manager's latency crossed "high" at 06:21).
	ThrottleRate float64
	// RelaxRampMin: engineers lift the throttles gradually over this long
	// (fitted: relaxing began 11:23, launches fully normal 13:50).
	RelaxRampMin float64
	// SuccessThreshold: EC2 launches count as impaired below this success rate.
	SuccessThreshold float64
}

// NetMgr is EC2's Network Manager: network state for new instances.
type NetMgr struct {
	// Capacity: instances whose network state it propagates per minute, in
	// normal-demand units (fitted: the backlog from 05:28 cleared by 10:36).
	Capacity float64
	// HighLatencyMin: propagation slower than this means instances launch
	// without connectivity for long enough to notice (estimate; PES 06:21).
	HighLatencyMin float64
	// NormalLatencyMin: propagation back to normal below this (PES 10:36).
	NormalLatencyMin float64
	// ThrottleQueue: with netmgr-queue-throttle, launches are admitted only
	// while the queue holds less than this many minutes of work (estimate).
	ThrottleQueueMin float64
	// ReleaseWork: network state to propagate when the whole fleet is
	// re-leased, in minutes of normal launch demand (estimate; PES: at 05:28
	// Network Manager "started working through a large backlog").
	ReleaseWork float64
}

// NLB is Network Load Balancer health checking and AZ failover.
type NLB struct {
	// AZs is how many Availability Zones an NLB spans; one AZ failover
	// takes 1/AZs of its capacity out of DNS (estimate: the common
	// three-AZ deployment).
	AZs int
	// FlapNoise: how unevenly new instances, and so flapping targets, fall
	// on the AZs: the spread of a per-AZ factor around 1, drawn once a
	// night (estimate).
	FlapNoise float64
	// GraceMin: a new target whose network state arrives later than this
	// fails its first health checks (estimate: a few 10 s check intervals).
	GraceMin float64
	// TargetsMin: targets behind NLBs, in minutes of normal launch demand
	// (estimate; sets how big a share of targets new instances are).
	TargetsMin float64
	// FailoverRate: how fast NLBs trip automatic AZ failover per unit of
	// flapping share (fitted: STS's second wave began 08:31).
	FailoverRate float64
	// RecoverRate: share of failed-over NLBs restored per minute once
	// flapping stops or failover is disabled (estimate).
	RecoverRate float64
	// VelocityLimit: with nlb-velocity-control, the most of its capacity
	// one NLB may take out of DNS by AZ failover (PES names the control;
	// the value is an estimate). Below 1/AZs no whole AZ can be failed over.
	VelocityLimit float64
	// ErrorThreshold: NLB counts as degraded above this connection-error
	// share (estimate: as for DynamoDB, 1% is what clients notice).
	ErrorThreshold float64
	// DownErrors: NLB counts as down above this connection-error share
	// (most connections failing).
	DownErrors float64
}

// Ops holds the operators' delays, each relative to what triggers it, so
// that when a safeguard changes the course of events the humans respond to
// the new course.
type Ops struct {
	// DiagnoseMin: DynamoDB errors → root cause (PES: 23:48 → 00:38).
	DiagnoseMin float64
	// AlarmDiagnoseMin: the same with a dedicated empty-endpoint alarm
	// (estimate: paged at once, the cause is in the alarm's name).
	AlarmDiagnoseMin float64
	// MitigateMin: root cause → temporary mitigations for some internal
	// services (PES: 00:38 → 01:15).
	MitigateMin float64
	// RepairMin: root cause → all DNS information restored by hand
	// (PES: 00:38 → 02:25).
	RepairMin float64
	// DWFMMin: DWFM collapse detected (stalled for longer than a lease-work
	// timeout after DynamoDB was reachable again) → engineers throttle work
	// and restart DWFM hosts (PES: collapse from 02:25, action at 04:14; no
	// runbook; fitted).
	DWFMMin float64
	// DWFMThrottle: share of the fleet DWFM may work on at once after the
	// engineers throttle it (estimate, below Capacity×Timeout).
	DWFMThrottle float64
	// SQSMin: DynamoDB recovered → Lambda's SQS poller restored by hand
	// (PES: 02:40 → 04:40).
	SQSMin float64
	// NLBDetectMin: NLB errors begin → detected (PES: 05:30 → 06:52).
	NLBDetectMin float64
	// NLBDisableMin: NLB problem detected → automatic failover disabled
	// (PES: 06:52 → 09:36).
	NLBDisableMin float64
	// RelaxMin: Network Manager recovered → throttles start to be relaxed
	// (PES: 10:36 → 11:23).
	RelaxMin float64
	// ReenableMin: EC2 recovered → NLB failover re-enabled (PES: 13:50 → 14:09).
	ReenableMin float64
}

// Lambda is Lambda's internal SQS poller, which failed and did not recover
// by itself (PES).
type Lambda struct {
	// PollerFailAfterMin: DynamoDB unreachable this long puts the poller in
	// a state it cannot leave by itself (estimate).
	PollerFailAfterMin float64
	// BacklogDrain: the SQS backlog drains this many times faster than it
	// built up (fitted: restored 04:40, backlog cleared 06:00).
	BacklogDrain float64
}

// Redshift is Redshift's cluster-replacement backlog and a defect of its
// own.
type Redshift struct {
	// IAMDefectStartMin, IAMDefectEndMin: a separate defect made Redshift
	// queries by IAM users fail in all Regions (PES: 23:47–01:20). It is
	// injected as it happened; nothing in the DNS race causes or cures it.
	IAMDefectStartMin, IAMDefectEndMin float64
	// ImpairRate: clusters impaired per minute of DynamoDB outage, as a
	// share of clusters (estimate).
	ImpairRate float64
	// ReplaceRate: share of clusters replaced per minute while EC2 launches
	// are healthy; a third of it while throttled (fitted: last clusters
	// restored Oct 21 04:05).
	ReplaceRate float64
}

// Apps is how apps on the Internet fail over with multi-region-apps.
type Apps struct {
	// FailoverMin: detection and traffic shift to the second Region (estimate).
	FailoverMin float64
}

// Clone returns a deep copy, so that a copy's parameters can be set
// without touching the original.
func (sc *Scenario) Clone() *Scenario {
	c := *sc
	c.DNS.Endpoints = append([]string(nil), sc.DNS.Endpoints...)
	c.Services = make([]Service, len(sc.Services))
	for i, s := range sc.Services {
		s.Links = append([]Link(nil), s.Links...)
		c.Services[i] = s
	}
	return &c
}

// Horizon is how long the scenario is simulated, as simulated time in
// milliseconds (the sim package's unit).
func (sc *Scenario) Horizon() int64 { return int64(sc.HorizonMin * 60_000) }

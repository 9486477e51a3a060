package sim

import (
	"time"

	"github.com/outagelab/outage/game/safeguard"
)

// Time is simulated time in milliseconds since the scenario epoch,
// 2025-10-19 23:30:00 PDT. It is never wall-clock time.
type Time int64

// Durations in simulated time.
const (
	Millisecond Time = 1
	Second           = 1000 * Millisecond
	Minute           = 60 * Second
	Hour             = 60 * Minute
)

// PDT is the fixed UTC−7 zone the whole incident is told in.
var PDT = time.FixedZone("PDT", -7*3600)

// Epoch is the wall-clock instant of simulated time 0.
var Epoch = time.Date(2025, 10, 19, 23, 30, 0, 0, PDT)

// Wall converts simulated time to a wall-clock instant in PDT.
func (t Time) Wall() time.Time { return Epoch.Add(time.Duration(t) * time.Millisecond) }

// FromWall converts a wall-clock instant to simulated time.
func FromWall(w time.Time) Time { return Time(w.Sub(Epoch) / time.Millisecond) }

// Clock is "HH:MM" in PDT, with "+1" when past the epoch's day.
func (t Time) Clock() string { return t.Wall().Format("15:04") }

// Minutes is t as a float number of minutes.
func (t Time) Minutes() float64 { return float64(t) / float64(Minute) }

// At builds a simulated time from a PDT clock time: days after 19 October,
// hour and minute. At(0, 23, 48) is 23:48 on the 19th; At(1, 2, 25) is
// 02:25 on the 20th.
func At(day, hour, minute int) Time {
	return FromWall(time.Date(2025, 10, 19+day, hour, minute, 0, 0, PDT))
}

// Event is one line of the event feed.
type Event struct {
	At Time `json:"-"`
	// Kind is the canonical event id from FACTS.md §3 where one exists
	// ("dns.record_empty"), or a model event kind ("enactor.lock_lost").
	Kind string `json:"id"`
	// Canonical marks events that have a real PES time to compare with.
	Canonical bool `json:"canonical"`
	// Subject is the actor or object the event is about ("enactor-a").
	Subject string `json:"subject,omitempty"`
	// Gen is a plan generation, where one applies.
	Gen int `json:"gen,omitempty"`
	// Endpoint is a DNS endpoint index, where one applies (-1 when none).
	Endpoint int `json:"endpoint,omitempty"`
	// Value is a number for the caption (a count, a share, a duration).
	Value float64 `json:"value,omitempty"`
}

// Span is an activity with a start and an end, so the view can animate any
// moment by interpolation without re-running the simulation.
type Span struct {
	Start Time `json:"start"`
	End   Time `json:"end"`
	// Lane is who does the work: "planner", "enactor-a", "dwfm", "ops"...
	Lane string `json:"lane"`
	// Kind is what is done: "apply", "backoff", "cleanup", "relase"...
	Kind     string `json:"kind"`
	Gen      int    `json:"gen,omitempty"`
	Endpoint int    `json:"endpoint,omitempty"`
	// OK is false when the activity failed (a batch refused, work timed out).
	OK bool `json:"ok"`
}

// Metric names a per-minute series.
type Metric int

// The sampled metrics.
const (
	// DynamoDBErrorRate is the share of DynamoDB requests that fail (0..1).
	DynamoDBErrorRate Metric = iota
	// ResolversEmpty is the share of resolvers holding a "no addresses" answer.
	ResolversEmpty
	// DropletsLeased is the share of droplets with a live DWFM lease.
	DropletsLeased
	// DWFMQueue is DWFM's lease work in the system, as a share of the fleet.
	DWFMQueue
	// DWFMGoodput is leases established per minute, as a share of the fleet.
	DWFMGoodput
	// LaunchSuccess is the share of launch requests that succeed.
	LaunchSuccess
	// LaunchBacklog is pending launches, in multiples of a normal minute's demand.
	LaunchBacklog
	// NetMgrBacklog is Network Manager's propagation queue, in instances.
	NetMgrBacklog
	// NetMgrLatency is Network Manager's propagation delay, in minutes.
	NetMgrLatency
	// NLBFlapping is the share of NLB targets flapping between health states.
	NLBFlapping
	// NLBHealthyCapacity is the share of healthy NLB capacity in service
	// (in DNS): what AZ failover and pulled nodes leave.
	NLBHealthyCapacity
	// DWFMInFlight is lease work in flight (started, not finished), as a
	// share of the fleet.
	DWFMInFlight
	// DWFMTimedOut is lease work abandoned over the last minute because it
	// ran past its timeout, as a share of the fleet.
	DWFMTimedOut
	// NLBConnErrors is the share of connections through NLBs that fail:
	// the capacity taken out of DNS.
	NLBConnErrors
	// NLBAZOutA, NLBAZOutB, NLBAZOutC are, per Availability Zone, the share
	// of NLBs that have failed that AZ over (taken it out of DNS).
	NLBAZOutA
	NLBAZOutB
	NLBAZOutC
	// NLBGated is, with nlb-readiness-gate, the share of targets held out
	// of service until their network state arrives (0 without the gate:
	// those targets flap instead).
	NLBGated
	// NLBAZHeldA, NLBAZHeldB, NLBAZHeldC are, per AZ, the share of NLBs
	// whose failover of that AZ nlb-velocity-control refused.
	NLBAZHeldA
	NLBAZHeldB
	NLBAZHeldC
	// NumMetrics counts the metrics.
	NumMetrics
)

var metricNames = [NumMetrics]string{
	"dynamodb_error_rate", "resolvers_empty", "droplets_leased", "dwfm_queue",
	"dwfm_goodput", "launch_success", "launch_backlog", "netmgr_backlog",
	"netmgr_latency_min", "nlb_flapping", "nlb_healthy_capacity",
	"dwfm_in_flight", "dwfm_timed_out", "nlb_conn_errors",
	"nlb_az_out_a", "nlb_az_out_b", "nlb_az_out_c",
	"nlb_gated", "nlb_az_held_a", "nlb_az_held_b", "nlb_az_held_c",
}

func (m Metric) String() string {
	if m >= 0 && m < NumMetrics {
		return metricNames[m]
	}
	return "unknown"
}

// Series holds metrics sampled once a simulated minute from Start.
type Series struct {
	Start Time `json:"-"`
	Step  Time `json:"-"`
	// Metrics[m][i] is metric m at Start + i*Step.
	Metrics [NumMetrics][]float32 `json:"-"`
	// Health[s][i] is the health of service s (index into Result.Services)
	// at Start + i*Step: 1 healthy, 0 down.
	Health [][]float32 `json:"-"`
}

// Len is the number of samples.
func (s *Series) Len() int { return len(s.Metrics[0]) }

// Index returns the sample index at or before t, clamped to the range.
func (s *Series) Index(t Time) int {
	if s.Step <= 0 || s.Len() == 0 {
		return 0
	}
	i := int((t - s.Start) / s.Step)
	return max(0, min(i, s.Len()-1))
}

// At returns metric m in force at t: the last sample at or before t,
// never a blend with the next one, so that nothing is drawn before its
// cause (the sample at minute m holds from m until m+1).
func (s *Series) At(m Metric, t Time) float64 {
	return sampleAt(s.Metrics[m], s.Start, s.Step, t, 0)
}

// HealthAt returns service svc's health in force at t (see At).
func (s *Series) HealthAt(svc int, t Time) float64 {
	if svc < 0 || svc >= len(s.Health) {
		return 1
	}
	return sampleAt(s.Health[svc], s.Start, s.Step, t, 1)
}

func sampleAt(v []float32, start, step Time, t Time, none float64) float64 {
	if len(v) == 0 || step <= 0 {
		return none
	}
	if t <= start {
		return float64(v[0])
	}
	return float64(v[min(int((t-start)/step), len(v)-1)])
}

// Severity grades an outage interval.
type Severity int

// Severities.
const (
	Healthy Severity = iota
	Degraded
	Down
)

func (s Severity) String() string {
	switch s {
	case Degraded:
		return "degraded"
	case Down:
		return "down"
	}
	return "healthy"
}

// MarshalText encodes the severity by name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Interval is a stretch of time a service was impaired.
type Interval struct {
	Start    Time     `json:"-"`
	End      Time     `json:"-"`
	Severity Severity `json:"severity"`
	// Projected marks an end past the horizon, worked out from a backlog
	// that was draining at a steady rate when the simulation stopped.
	Projected bool `json:"projected,omitempty"`
}

// Kind says whether a service is an AWS service or an app on the Internet.
type Kind int

// Service kinds.
const (
	AWSService Kind = iota
	App
)

// ServiceOutages is one service's or app's disruption in a run.
type ServiceOutages struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Kind    Kind       `json:"-"`
	Outages []Interval `json:"-"`
	// Minutes is the total impaired time; degraded minutes count half.
	Minutes float64 `json:"minutes"`
	// StartUncertain: the PES gives no firm start for this service's
	// impairment (the UI marks it).
	StartUncertain bool `json:"start_uncertain,omitempty"`
	// Independent: a disruption with a cause of its own, outside the chain
	// that starts at the DNS race (Redshift's IAM-user defect).
	Independent bool `json:"independent,omitempty"`
}

// Impact holds the totals used for verdicts (DESIGN §4).
type Impact struct {
	DynamoDBMinutes  float64 `json:"dynamodb_minutes"`
	EC2LaunchMinutes float64 `json:"ec2_launch_minutes"`
	NLBErrorMinutes  float64 `json:"nlb_error_minutes"`
	// NLBErrorShareMinutes is NLB connection errors integrated over time:
	// minutes × the share of connections failing.
	NLBErrorShareMinutes float64 `json:"nlb_error_share_minutes"`
	// NLBPeakErrors is the highest share of NLB connections failing.
	NLBPeakErrors float64 `json:"nlb_peak_errors"`
	// ServiceHours is AWS services' disruption (degraded hours count half),
	// the measure verdicts rank by: it rests on the PES.
	ServiceHours float64 `json:"service_hours"`
	// IndependentHours is the part of ServiceHours with a cause of its own
	// (Redshift's IAM-user defect), which no safeguard here touches.
	IndependentHours float64 `json:"independent_hours"`
	// AppHours is apps' disruption, over illustrative dependencies.
	AppHours float64 `json:"app_hours"`
	// End is when the last disruption of an AWS service or app ended;
	// 0 when nothing was disrupted.
	End Time `json:"-"`
	// EventEnd is when the event ended: the last AWS service recovered,
	// not counting Redshift's cluster backlog that ran into the next day
	// (PES: the event ended 14:20) nor a defect of its own; 0 when no
	// AWS service was disrupted. "Sooner" compares these.
	EventEnd Time `json:"-"`
}

// ChainHours is the AWS service-hours caused by the chain that starts at
// the DNS race: what a safeguard can save.
func (im Impact) ChainHours() float64 { return im.ServiceHours - im.IndependentHours }

// Result is everything one run produced. It is plain data: the view seeks
// in it, the command-line tool prints it.
type Result struct {
	Seed uint64 `json:"seed"`
	// Safeguards is the set the run was made with.
	Safeguards safeguard.Set    `json:"-"`
	Horizon    Time             `json:"-"`
	Events     []Event          `json:"-"`
	Spans      []Span           `json:"-"`
	Series     Series           `json:"-"`
	Services   []ServiceOutages `json:"-"`
	Impact     Impact           `json:"-"`
	// Endpoints names the DNS endpoints the race model manages, index 0
	// being the regional endpoint.
	Endpoints []string `json:"-"`
	// FirstGen is the plan live on every endpoint when the night starts.
	FirstGen int `json:"-"`
	// DWFMCellShare: with cell-endpoints, the share of DWFM's zonal fleets
	// that the cell the trigger hit serves (0 without cells).
	DWFMCellShare float64 `json:"-"`
	// CollapseLine is DWFM's capacity × timeout, as a share of the fleet:
	// with more lease work in flight than this, none of it can finish.
	CollapseLine float64 `json:"-"`
}

// First returns the first event of kind k, if any.
func (r *Result) First(kind string) (Event, bool) {
	for _, e := range r.Events {
		if e.Kind == kind {
			return e, true
		}
	}
	return Event{}, false
}

// Service returns the index of service id in r.Services, or -1.
func (r *Result) Service(id string) int {
	for i, s := range r.Services {
		if s.ID == id {
			return i
		}
	}
	return -1
}

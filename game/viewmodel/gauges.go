package viewmodel

import "github.com/outagelab/outage/game/sim"

// Gauges are the numbers the diagram shows at a moment, exactly as drawn:
// each is the value in force at t (the last per-minute sample at or
// before t, or the last event), never a blend with a later sample, so
// nothing appears before its cause. window.outage.state().gauges and
// outage:state messages carry them, so a host can quote them and a test
// can check the picture against them.
type Gauges struct {
	// DynamoDBErrorRate is the share of DynamoDB requests failing (0–1).
	DynamoDBErrorRate float64 `json:"dynamodb_error_rate"`
	// ResolversEmpty is the share of resolvers holding "no addresses".
	ResolversEmpty float64 `json:"resolvers_empty"`
	// DropletsLeased is the share of droplets with a DWFM lease.
	DropletsLeased float64 `json:"droplets_leased"`
	// LeaseWorkQueued is DWFM's lease work not yet done (waiting and in
	// flight), LeaseWorkInFlight the part started, as shares of the fleet.
	LeaseWorkQueued   float64 `json:"lease_work_queued"`
	LeaseWorkInFlight float64 `json:"lease_work_in_flight"`
	// LeaseGoodput is leases established over the minute, and
	// LeaseTimedOut work abandoned past its timeout, as shares of the fleet.
	LeaseGoodput  float64 `json:"lease_goodput"`
	LeaseTimedOut float64 `json:"lease_timed_out"`
	// CollapseLine is capacity × timeout: with more in flight, nothing
	// finishes.
	CollapseLine float64 `json:"collapse_line"`
	// LaunchSuccess is the share of EC2 launch requests that succeed.
	LaunchSuccess float64 `json:"launch_success"`
	// NetMgrBacklog is Network Manager's queue, in minutes of a normal
	// minute's launches (1 = one normal minute of new instances waiting);
	// NetMgrDelayMin how long a new instance waits for its network.
	NetMgrBacklog  float64 `json:"netmgr_backlog"`
	NetMgrDelayMin float64 `json:"netmgr_delay_min"`
	// NLBCapacityInService is the share of healthy NLB capacity in DNS;
	// NLBConnErrors the share of connections failing (1 − capacity in
	// service); NLBFlapping the share of targets flapping; NLBAZOut, per
	// AZ, the share of NLBs that have failed that AZ over.
	NLBCapacityInService float64    `json:"nlb_capacity_in_service"`
	NLBConnErrors        float64    `json:"nlb_conn_errors"`
	NLBFlapping          float64    `json:"nlb_flapping"`
	NLBAZOut             [3]float64 `json:"nlb_az_out"`
	// NLBGated is, with nlb-readiness-gate, the share of targets held out
	// of service until their network state arrives; NLBAZHeld, with
	// nlb-velocity-control, per AZ the share of NLBs whose failover of it
	// was refused (the AZ stays in DNS). Both 0 without their safeguard.
	NLBGated  float64    `json:"nlb_gated"`
	NLBAZHeld [3]float64 `json:"nlb_az_held"`
	// Zone is the regional endpoint.
	Zone ZoneGauge `json:"zone"`
}

// ZoneGauge is the regional endpoint at a moment.
type ZoneGauge struct {
	// Alias is the plan generation its root alias points at (0: none
	// recorded).
	Alias int `json:"alias"`
	// HasAddresses is false while it answers NOERROR with no addresses.
	HasAddresses bool `json:"has_addresses"`
}

// GaugesAt returns the gauges of the run at t, folding the zone from the
// start of the night (for one-off calls: state(), tests). Per frame, use
// GaugesWith and the view's ZoneFolder, which folds forward.
func (r *Run) GaugesAt(t sim.Time) Gauges {
	return r.GaugesWith(t, NewZoneFolder(r.Result).At(t))
}

// GaugesWith returns the gauges of the run at t, with z the zone at t.
func (r *Run) GaugesWith(t sim.Time, z *ZoneState) Gauges {
	res := r.Result
	m := func(k sim.Metric) float64 { return res.Series.At(k, t) }
	g := Gauges{
		DynamoDBErrorRate: m(sim.DynamoDBErrorRate), ResolversEmpty: m(sim.ResolversEmpty),
		DropletsLeased: m(sim.DropletsLeased), LeaseWorkQueued: m(sim.DWFMQueue),
		LeaseWorkInFlight: m(sim.DWFMInFlight), LeaseGoodput: m(sim.DWFMGoodput),
		LeaseTimedOut: m(sim.DWFMTimedOut), CollapseLine: res.CollapseLine,
		LaunchSuccess: m(sim.LaunchSuccess),
		NetMgrBacklog: m(sim.NetMgrBacklog), NetMgrDelayMin: m(sim.NetMgrLatency),
		NLBCapacityInService: m(sim.NLBHealthyCapacity), NLBConnErrors: m(sim.NLBConnErrors),
		NLBFlapping: m(sim.NLBFlapping),
		NLBAZOut:    [3]float64{m(sim.NLBAZOutA), m(sim.NLBAZOutB), m(sim.NLBAZOutC)},
		NLBGated:    m(sim.NLBGated),
		NLBAZHeld:   [3]float64{m(sim.NLBAZHeldA), m(sim.NLBAZHeldB), m(sim.NLBAZHeldC)},
		Zone:        ZoneGauge{HasAddresses: !z.Empty},
	}
	if len(z.Alias) > 0 && z.Alias[0] > 0 {
		g.Zone.Alias = z.Alias[0]
	}
	return g
}

// Package safeguard is the catalogue of safeguards the explainer can switch
// on: stable ids, titles, the layer each acts in, the one decision point it
// changes, and where the idea comes from. It holds no behaviour: each
// component of the simulation asks a Set whether its own safeguard is on.
package safeguard

import (
	"fmt"
	"sort"
	"strings"
)

// ID is a safeguard's stable identifier, used in URLs, flags and JSON.
type ID string

// The safeguards, in catalogue order.
const (
	ApplyTimeCheck       ID = "apply-time-check"
	SpareActivePlan      ID = "spare-active-plan"
	SelfHealingRollback  ID = "self-healing-rollback"
	FewerPlans           ID = "fewer-plans"
	EmptyEndpointAlarm   ID = "empty-endpoint-alarm"
	ServeStale           ID = "serve-stale"
	KeepLastGood         ID = "keep-last-good"
	ShortNegativeTTL     ID = "short-negative-ttl"
	CellEndpoints        ID = "cell-endpoints"
	DWFMAdmissionControl ID = "dwfm-admission-control"
	LeaseStaticStability ID = "lease-static-stability"
	NetMgrQueueThrottle  ID = "netmgr-queue-throttle"
	NLBReadinessGate     ID = "nlb-readiness-gate"
	NLBVelocityControl   ID = "nlb-velocity-control"
	MultiRegionApps      ID = "multi-region-apps"
)

// Layer is where in the system a safeguard acts.
type Layer string

// Layers, in the order the panel groups them (cause to effect).
const (
	LayerDNS       Layer = "dns-automation"
	LayerOps       Layer = "operations"
	LayerClients   Layer = "dns-clients"
	LayerDynamoDB  Layer = "dynamodb"
	LayerEC2       Layer = "ec2"
	LayerNLB       Layer = "nlb"
	LayerCustomers Layer = "customers"
)

// Layers lists every layer in display order.
var Layers = []Layer{LayerDNS, LayerOps, LayerClients, LayerDynamoDB, LayerEC2, LayerNLB, LayerCustomers}

// Info describes one safeguard.
type Info struct {
	ID    ID
	Title string
	Layer Layer
	// Mechanism is one line saying what changes and where.
	Mechanism string
	// DecisionPoint names the component and decision the safeguard changes.
	DecisionPoint string
	// Source says where the idea comes from.
	Source string
}

// Effect says what the safeguard's mechanism does to the race.
func (in Info) Effect() Effect { return effects[in.ID] }

// Effect is what a safeguard's mechanism does to the DNS race.
type Effect int

// Effects.
const (
	// Downstream safeguards act after the race: they limit what follows.
	Downstream Effect = iota
	// RemovesFlaw: the race cannot happen in any interleaving (the
	// exhaustive checker's verdict).
	RemovesFlaw
	// Heals: the race can still happen, but the zone recovers by itself.
	Heals
	// RateOnly: only rates or timing change, so the race is rarer on a
	// given night but still possible; no interleaving is removed.
	RateOnly
)

var effects = map[ID]Effect{
	ApplyTimeCheck:      RemovesFlaw,
	SpareActivePlan:     RemovesFlaw,
	SelfHealingRollback: Heals,
	FewerPlans:          RateOnly,
}

// Catalogue lists every safeguard in display order.
var Catalogue = []Info{
	{ApplyTimeCheck, "Check the plan at apply time", LayerDNS,
		"The Enactor re-checks the plan generation inside the same Route 53 transaction that flips the alias (a conditional write), so an older plan can never overwrite a newer one.",
		"Enactor: the change batch that flips an endpoint's alias", "PES §remediation; DAT453 (fix to the race)"},
	{SpareActivePlan, "Never delete the active plan", LayerDNS,
		"Clean-up never deletes a plan that an endpoint's alias or rollback record points at.",
		"Enactor: choosing which plans clean-up deletes", "DAT453; Demirbas TLA+ invariant NeverDeleteActive"},
	{SelfHealingRollback, "Self-healing rollback", LayerDNS,
		"When the active tree is missing, an Enactor installs its newest plan instead of failing every batch.",
		"Enactor/zone: a batch whose rollback target is missing", "An alternative AWS did not choose: DAT453 argues a broken automation should leave DNS frozen, not wrong"},
	{FewerPlans, "Fewer plan generations", LayerDNS,
		"The Planner batches non-urgent capacity changes into a slow lane, so far fewer plan generations are produced.",
		"Planner: how often a new plan generation is issued", "DAT453 (separate fast and slow lanes)"},
	{EmptyEndpointAlarm, "Alarm on an empty endpoint", LayerOps,
		"A dedicated, top-priority alarm on 'endpoint answers with no addresses' shortens diagnosis.",
		"Operators: time from symptom to root cause", "DAT453 (a dedicated alarm was lost among hundreds firing)"},
	{ServeStale, "Serve stale answers (RFC 8767)", LayerClients,
		"Resolvers answer from expired cache when authoritative servers fail to answer.",
		"Resolver: handling a failed authoritative answer", "RFC 8767"},
	{KeepLastGood, "Keep last-known-good addresses", LayerClients,
		"The SDK keeps using its last-known-good addresses when an answer comes back empty.",
		"Client SDK: handling a NOERROR answer with no addresses", "Common practice (static stability in clients)"},
	{ShortNegativeTTL, "Short negative caching", LayerClients,
		"Resolvers cache a 'no addresses' answer only briefly.",
		"Resolver: how long a negative answer is cached", "RFC 2308 (negative caching)"},
	{CellEndpoints, "Cell-based DNS endpoints", LayerDynamoDB,
		"DNS is managed per cell with per-account endpoints: one cell's DNS can fail, not the whole Region's.",
		"DynamoDB: which clients one DNS automation serves", "DAT453 (account-ID.ddb.REGION.api.aws)"},
	{DWFMAdmissionControl, "Admission control for lease work", LayerEC2,
		"DWFM admits lease work by queue size; the excess waits instead of timing out and being re-queued.",
		"DWFM: starting a lease work item", "Common practice: admission control by queue size (Bronson et al., HotOS 2021; Amazon Builders' Library, load shedding). The PES's queue-size throttling is for EC2's data propagation, not DWFM"},
	{LeaseStaticStability, "Static stability for leases", LayerEC2,
		"Leases are not expired while the state store is unreachable, so droplets keep their leases (launches still need DynamoDB).",
		"DWFM: a lease whose renewal check could not reach DynamoDB", "Common practice (static stability)"},
	{NetMgrQueueThrottle, "Throttle by Network Manager queue", LayerEC2,
		"EC2 admits new launches by the size of Network Manager's propagation queue.",
		"Network Manager: taking new work while its propagation queue is long", "PES §remediation (throttling based on the size of the waiting queue in EC2's data propagation systems)"},
	{NLBReadinessGate, "NLB readiness gate", LayerNLB,
		"Targets are not health-checked into service before their network state has propagated.",
		"NLB: registering a new target for health checks", "Common practice (readiness gates)"},
	{NLBVelocityControl, "NLB failover velocity control", LayerNLB,
		"A limit on how much of its capacity one NLB may remove when health-check failures trigger AZ failover.",
		"NLB: whether an AZ failover may take capacity out of DNS", "PES §remediation (velocity control)"},
	{MultiRegionApps, "Multi-Region apps", LayerCustomers,
		"Apps run active-active in a second Region with DynamoDB global tables.",
		"Apps: which Region serves a request", "AWS Well-Architected (multi-Region)"},
}

var byID = func() map[ID]*Info {
	m := make(map[ID]*Info, len(Catalogue))
	for i := range Catalogue {
		m[Catalogue[i].ID] = &Catalogue[i]
	}
	return m
}()

// Lookup returns the catalogue entry for id.
func Lookup(id ID) (Info, bool) {
	if p, ok := byID[id]; ok {
		return *p, true
	}
	return Info{}, false
}

// IDs returns every safeguard id in catalogue order.
func IDs() []ID {
	out := make([]ID, len(Catalogue))
	for i, in := range Catalogue {
		out[i] = in.ID
	}
	return out
}

// Set is a set of safeguards as a bit mask in catalogue order. The zero
// value is the empty set (the real night).
type Set uint32

var indexOf = func() map[ID]int {
	m := make(map[ID]int, len(Catalogue))
	for i, in := range Catalogue {
		m[in.ID] = i
	}
	return m
}()

func index(id ID) int {
	if i, ok := indexOf[id]; ok {
		return i
	}
	return -1
}

// Has reports whether id is in the set.
func (s Set) Has(id ID) bool {
	i := index(id)
	return i >= 0 && s&(1<<i) != 0
}

// With returns s with id added. Unknown ids are ignored.
func (s Set) With(ids ...ID) Set {
	for _, id := range ids {
		if i := index(id); i >= 0 {
			s |= 1 << i
		}
	}
	return s
}

// Without returns s with id removed.
func (s Set) Without(id ID) Set {
	if i := index(id); i >= 0 {
		s &^= 1 << i
	}
	return s
}

// Toggle returns s with id flipped.
func (s Set) Toggle(id ID) Set {
	if s.Has(id) {
		return s.Without(id)
	}
	return s.With(id)
}

// IDs lists the set's members in catalogue order.
func (s Set) IDs() []ID {
	var out []ID
	for i, in := range Catalogue {
		if s&(1<<i) != 0 {
			out = append(out, in.ID)
		}
	}
	return out
}

// Len is the number of safeguards in the set.
func (s Set) Len() int {
	n := 0
	for x := s; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// String is the comma-separated list of ids, as used in URLs and flags.
func (s Set) String() string {
	ids := s.IDs()
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id)
	}
	return strings.Join(parts, ",")
}

// UnknownError reports safeguard ids that are not in the catalogue.
type UnknownError struct{ IDs []string }

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown safeguard %s; valid safeguards: %s",
		strings.Join(quote(e.IDs), ", "), strings.Join(validNames(), ", "))
}

func quote(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func validNames() []string {
	out := make([]string, len(Catalogue))
	for i, in := range Catalogue {
		out[i] = string(in.ID)
	}
	return out
}

// Parse reads a comma-separated list of ids. Blank items and surrounding
// spaces are ignored; ids are case-insensitive. It returns the set of the
// known ids and, if any were unknown, an *UnknownError naming them, so a
// caller can both report the problem and carry on with what was valid.
func Parse(list string) (Set, error) {
	var s Set
	var unknown []string
	for _, part := range strings.Split(list, ",") {
		p := strings.ToLower(strings.TrimSpace(part))
		if p == "" {
			continue
		}
		if i := index(ID(p)); i >= 0 {
			s |= 1 << i
		} else {
			unknown = append(unknown, part)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return s, &UnknownError{IDs: unknown}
	}
	return s, nil
}

// All is the set of every safeguard.
func All() Set { return Set(1<<len(Catalogue)) - 1 }

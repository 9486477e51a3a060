package viewmodel

import (
	"sort"

	"github.com/outagelab/outage/game/sim"
)

// Enactors are the lanes of the three DNS Enactors, one per Availability
// Zone, in display order.
var Enactors = [3]string{"enactor-a", "enactor-b", "enactor-c"}

// EnactorState is what one Enactor is doing at a moment.
type EnactorState struct {
	// Kind is the activity ("apply", "backoff", "check", "cleanup", ...),
	// or "" when idle.
	Kind string
	// Gen is the plan in hand; Endpoint the endpoint being worked on.
	Gen, Endpoint int
	// OK is false for an activity that fails.
	OK bool
	// Progress is how far through the activity, 0..1.
	Progress float64
	// Received is when it took its current plan (-1 if never), so the view
	// can animate the card travelling from the Planner.
	Received sim.Time
	// Stale is set while it works on a plan older than one an endpoint
	// already has: its check passed long ago and no longer holds (the
	// time-of-check-to-time-of-use window).
	Stale bool
	// LockLost counts lock losses in the last minute.
	LockLost int
	// CheckedStep is, in a replay of the checker's counterexample, the
	// step at which it checked its plan (0 otherwise).
	CheckedStep int
}

// ZoneState is the Route 53 zone and DNS automation folded from the
// events up to a moment.
type ZoneState struct {
	At sim.Time
	// Newest is the newest plan generation the Planner has issued;
	// NewestAt when.
	Newest   int
	NewestAt sim.Time
	// Alias is the plan each endpoint's root alias points at (0: nothing;
	// -1: not yet known).
	Alias []int
	// Rollback is the plan the regional endpoint's rollback record points
	// at (0 when none).
	Rollback int
	// Trees lists the plan trees that exist, oldest first.
	Trees []int
	// Deleted is the most recent plan tree deleted and when (0 if none).
	Deleted   int
	DeletedAt sim.Time
	// Cleanup is the most recent clean-up: who ran it, when, how many
	// plans it deleted.
	CleanupBy    string
	CleanupAt    sim.Time
	CleanupCount int
	// Empty is set while the regional endpoint answers with no addresses.
	Empty bool
	// Failures counts change batches refused since the zone broke.
	Failures int
	// Refused is the last plan a conditional write refused for the
	// regional endpoint (apply-time-check), by whom, when, and the newer
	// plan it found (0 if none).
	Refused, RefusedOver int
	RefusedBy            string
	RefusedAt            sim.Time
	// Healed is the last plan self-healing rollback installed over a
	// missing tree, and when (0 if none).
	Healed   int
	HealedAt sim.Time
	Enactors [3]EnactorState
}

// ZoneFolder computes ZoneState at any time, folding forward from the
// last call when time moves forward and from the start when it moves
// back. It reuses its buffers, so a frame allocates nothing.
type ZoneFolder struct {
	res   *sim.Result
	lanes [3][]sim.Span
	idx   int // events folded so far
	st    ZoneState
	trees map[int]bool
	// lost holds recent lock-loss times per Enactor.
	lost [3][]sim.Time
}

// NewZoneFolder prepares a folder over one result.
func NewZoneFolder(r *sim.Result) *ZoneFolder {
	f := &ZoneFolder{res: r, trees: map[int]bool{}}
	for _, sp := range r.Spans {
		if i := enactorIndex(sp.Lane); i >= 0 {
			f.lanes[i] = append(f.lanes[i], sp)
		}
	}
	for i := range f.lanes {
		sort.SliceStable(f.lanes[i], func(a, b int) bool { return f.lanes[i][a].Start < f.lanes[i][b].Start })
	}
	f.reset()
	return f
}

// Result is the result the folder reads.
func (f *ZoneFolder) Result() *sim.Result { return f.res }

func enactorIndex(lane string) int {
	for i, l := range Enactors {
		if l == lane {
			return i
		}
	}
	return -1
}

func (f *ZoneFolder) reset() {
	f.idx = 0
	n := max(1, len(f.res.Endpoints))
	// The night starts normally: one plan live on every endpoint (-1:
	// none recorded).
	first := f.res.FirstGen
	start := first
	if first <= 0 {
		start = -1
	}
	alias := f.st.Alias[:0]
	for range n {
		alias = append(alias, start)
	}
	f.st = ZoneState{Alias: alias, Trees: f.st.Trees[:0], At: -1}
	for i := range f.st.Enactors {
		f.st.Enactors[i].Received = -1
	}
	clear(f.trees)
	if first > 0 {
		f.trees[first] = true
		f.st.Trees = append(f.st.Trees, first)
		f.st.Newest, f.st.Rollback = first, first
	}
	for i := range f.lost {
		f.lost[i] = f.lost[i][:0]
	}
}

// At returns the zone at time t. The returned state is owned by the
// folder and valid until the next call.
func (f *ZoneFolder) At(t sim.Time) *ZoneState {
	if t < f.st.At {
		f.reset()
	}
	ev := f.res.Events
	for f.idx < len(ev) && ev[f.idx].At <= t {
		f.apply(ev[f.idx])
		f.idx++
	}
	f.st.At = t
	// Trees, oldest first.
	f.st.Trees = f.st.Trees[:0]
	for g, ok := range f.trees {
		if ok {
			f.st.Trees = append(f.st.Trees, g)
		}
	}
	sort.Ints(f.st.Trees)
	newestApplied := 0
	for _, g := range f.st.Alias {
		newestApplied = max(newestApplied, g)
	}
	for i := range f.st.Enactors {
		e := &f.st.Enactors[i]
		e.Kind, e.Endpoint, e.OK, e.Progress = "", -1, true, 0
		if sp, ok := spanAt(f.lanes[i], t); ok {
			e.Kind, e.Gen, e.Endpoint, e.OK = sp.Kind, sp.Gen, sp.Endpoint, sp.OK
			if sp.End > sp.Start {
				e.Progress = Clamp(float64(t-sp.Start)/float64(sp.End-sp.Start), 0, 1)
			}
		}
		e.Stale = (e.Kind == "apply" || e.Kind == "backoff") && e.Gen > 0 && e.Gen < newestApplied
		n := 0
		for _, lt := range f.lost[i] {
			if t-lt <= sim.Minute {
				n++
			}
		}
		e.LockLost = n
	}
	return &f.st
}

// spanAt returns the span covering t in a lane sorted by start.
func spanAt(spans []sim.Span, t sim.Time) (sim.Span, bool) {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].Start > t }) - 1
	// Spans in a lane rarely overlap; look back a few in case they do.
	for k := 0; i >= 0 && k < 4; i, k = i-1, k+1 {
		if spans[i].Start <= t && t < spans[i].End {
			return spans[i], true
		}
	}
	return sim.Span{}, false
}

func (f *ZoneFolder) apply(e sim.Event) {
	st := &f.st
	ei := enactorIndex(e.Subject)
	switch e.Kind {
	case "planner.plan":
		st.Newest, st.NewestAt = e.Gen, e.At
	case "enactor.receive", "enactor.check":
		// The Enactor takes the newest plan and checks it once.
		if ei >= 0 && e.Gen > 0 {
			st.Enactors[ei].Gen = e.Gen
			st.Enactors[ei].Received = e.At
		}
	case "enactor.lock_lost":
		if ei >= 0 {
			l := f.lost[ei]
			if len(l) >= 16 {
				l = append(l[:0], l[len(l)-8:]...)
			}
			f.lost[ei] = append(l, e.At)
		}
	case "enactor.apply":
		// Trees are built per endpoint; the picture is the regional
		// endpoint's, whose deleted tree stays deleted when the slow
		// Enactor goes on to build its plan for the other endpoints.
		if e.Gen > 0 && e.Endpoint <= 0 {
			f.trees[e.Gen] = true
		}
	case "enactor.apply_refused":
		// Only a stale plan refused is the safeguard at work; an Enactor
		// re-applying the live plan is refused too, harmlessly.
		if e.Endpoint == 0 && float64(e.Gen) < e.Value {
			st.Refused, st.RefusedOver, st.RefusedBy, st.RefusedAt = e.Gen, int(e.Value), e.Subject, e.At
		}
	case "enactor.self_heal":
		if e.Endpoint == 0 {
			st.Healed, st.HealedAt = e.Gen, e.At
		}
	case "enactor.apply_failed":
		if st.Empty {
			st.Failures++
		}
	case "enactor.cleanup":
		st.CleanupBy, st.CleanupAt, st.CleanupCount = e.Subject, e.At, int(e.Value)
	case "zone.plan_deleted":
		f.trees[e.Gen] = false
		st.Deleted, st.DeletedAt = e.Gen, e.At
	case "zone.alias":
		if e.Endpoint >= 0 && e.Endpoint < len(st.Alias) {
			if e.Endpoint == 0 && st.Alias[0] > 0 && st.Alias[0] != e.Gen && e.Gen > 0 {
				st.Rollback = st.Alias[0]
			}
			st.Alias[e.Endpoint] = e.Gen
			// A tree exists from its first apply until deleted; an alias
			// may go on naming a deleted tree (that is the empty record).
			if _, seen := f.trees[e.Gen]; e.Gen > 0 && !seen {
				f.trees[e.Gen] = true
			}
		}
	case "zone.rollback":
		st.Rollback = e.Gen
	case "dns.record_empty", "zone.endpoint_empty":
		st.Empty = true
	case "dns.restored", "zone.endpoint_ok":
		// Repaired by the engineers, or by the automation itself (the
		// self-healing rollback installs a plan).
		st.Empty = false
	}
}

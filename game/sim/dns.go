package sim

import (
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// The DNS automation: the Planner issues plan generations; three Enactors
// (one per AZ) each take the newest plan, check once that it is newer than
// the one last applied, then walk the endpoints applying it with one atomic
// Route 53 change batch per endpoint, serialised by a TXT-record lock, and
// finally clean up plans much older than the one they applied.

const cleanupSec = 2 // how long a clean-up pass takes (estimate; animation and race window)

var enactorNames = [...]string{"enactor-a", "enactor-b", "enactor-c"}

type lock struct {
	holder  int // enactor index, -1 when free
	expires Time
	token   int32
}

type enactor struct {
	name    string
	busy    bool  // walking a plan (or cleaning up)
	pending bool  // a pickup is scheduled
	plan    int   // generation being applied
	ep      int   // next endpoint in the walk
	fails   int   // consecutive failed attempts (drives backoff)
	failed  bool  // a batch failed because the zone is inconsistent
	token   int32 // the lock token of the batch in flight
	walk    int32 // counts walks, so a retry left over from an ended walk is ignored
	r       rng
	span    Span // the activity in progress
}

type dns struct {
	p       *scenario.DNS
	sg      safeguard.Set
	s       *sim
	enabled bool
	gen     int     // newest plan generation issued
	trees   []uint8 // trees[gen-first] has bit e when endpoint e's tree of that plan exists
	first   int
	oldest  int // no tree exists below this generation
	alias   []int
	rollbk  []int
	locks   []lock
	applied int // generation of the last successful batch
	ens     []enactor
	empty   bool // the regional endpoint has no addresses
	stuck   bool // every Enactor has failed against the inconsistent zone
	slow    bool // the injected trigger is active
	history []answer
	tokens  int32 // lock tokens issued
	plan    Time  // plan interval
	planR   rng   // the Planner's jitter
	// detailUntil ends the window in which routine activity is recorded.
	detailUntil Time
}

// answer is a change in what the regional endpoint's authoritative
// servers return.
type answer struct {
	at   Time
	kind answerKind
}

func newDNS(s *sim, p *scenario.DNS, sg safeguard.Set, seed uint64) *dns {
	n := len(p.Endpoints)
	d := &dns{p: p, sg: sg, s: s, enabled: true, first: p.FirstGen, gen: p.FirstGen,
		alias: make([]int, n), rollbk: make([]int, n), locks: make([]lock, n)}
	d.plan = secs(p.PlanIntervalSec)
	d.planR = newRNG(seed, 50)
	d.detailUntil = mins(p.DetailUntilMin)
	if sg.Has(safeguard.FewerPlans) {
		d.plan = secs(p.SlowLanePlanIntervalSec)
	}
	d.trees = make([]uint8, 1, 4096)
	d.trees[0] = 1<<n - 1 // the plan live at the epoch, on every endpoint
	d.oldest = d.first
	for e := range n {
		d.alias[e], d.rollbk[e] = d.first, d.first
		d.locks[e].holder = -1
	}
	d.applied = d.first
	for i := range enactorNames {
		d.ens = append(d.ens, enactor{name: enactorNames[i], r: newRNG(seed, 10+uint64(i))})
	}
	d.history = append(d.history, answer{0, answerAddresses})
	return d
}

func (d *dns) start() {
	d.s.q.push(event{at: d.plan, kind: evPlan})
	t := d.p.Trigger
	d.s.q.push(event{at: mins(t.StartMin), kind: evTriggerStart})
	d.s.q.push(event{at: mins(t.EndMin), kind: evTriggerEnd})
}

// trace records a routine event of the automation, within the window in
// which the app animates it: the first hours of the night. Afterwards the
// automation keeps running, unrecorded, so a long run stays cheap.
func (d *dns) trace(e Event) {
	if d.s.now < d.detailUntil {
		d.s.emit(e, true)
	}
}

func (d *dns) traceSpan(sp Span) {
	if d.s.now < d.detailUntil {
		d.s.span(sp)
	}
}

func (d *dns) hasTree(gen, ep int) bool {
	i := gen - d.first
	return gen > 0 && i >= 0 && i < len(d.trees) && d.trees[i]&(1<<ep) != 0
}

// endpointOK reports whether endpoint ep resolves to addresses.
func (d *dns) endpointOK(ep int) bool { return d.hasTree(d.alias[ep], ep) }

func (d *dns) onPlan() {
	if !d.enabled {
		return
	}
	d.gen++
	d.trees = append(d.trees, 0)
	d.s.emit(Event{Kind: "planner.plan", Subject: "planner", Gen: d.gen}, true)
	d.s.span(Span{Start: d.s.now, End: d.s.now + secs(1), Lane: "planner", Kind: "plan", Gen: d.gen, OK: true})
	for i := range d.ens {
		d.wake(i)
	}
	next := d.plan
	if j := d.p.PlanJitterSec; j > 0 {
		// The slow lane's plans are as irregular, in proportion.
		f := float64(d.plan) / float64(secs(d.p.PlanIntervalSec))
		next = max(Second, next+secs(f*d.planR.uniform(-j, j)))
	}
	d.s.q.push(event{at: d.s.now + next, kind: evPlan})
}

// wake schedules a pickup for an idle Enactor: it polls, so it notices a new
// plan a little later.
func (d *dns) wake(i int) {
	en := &d.ens[i]
	if en.busy || en.pending || !d.enabled {
		return
	}
	en.pending = true
	d.s.q.push(event{at: d.s.now + secs(en.r.uniform(0, d.p.PickupMaxSec)), kind: evPickup, a: int32(i)})
}

func (d *dns) onPickup(i int) {
	en := &d.ens[i]
	en.pending = false
	if !d.enabled || en.busy {
		return
	}
	p := d.gen
	// The staleness check, made once, here at the start of the walk.
	if p <= d.applied {
		d.trace(Event{Kind: "enactor.check_stale", Subject: en.name, Gen: p, Value: float64(d.applied)})
		return
	}
	d.trace(Event{Kind: "enactor.check", Subject: en.name, Gen: p, Value: float64(d.applied)})
	en.busy, en.plan, en.ep, en.fails = true, p, 0, 0
	en.walk++
	d.traceSpan(Span{Start: d.s.now, End: d.s.now + secs(0.5), Lane: en.name, Kind: "check", Gen: p, OK: true})
	d.attempt(i)
}

func (d *dns) batchTime(i int) Time {
	en := &d.ens[i]
	if d.slow && i == d.p.Trigger.Enactor {
		return secs(d.p.Trigger.BatchSec + en.r.uniform(-d.p.BatchJitterSec, d.p.BatchJitterSec))
	}
	return secs(d.p.BatchSec + en.r.uniform(-d.p.BatchJitterSec, d.p.BatchJitterSec))
}

// current reports whether a retry or clean-up scheduled during walk still
// belongs to the Enactor's walk in progress (a repair ends walks).
func (d *dns) current(i int, walk int32) bool { return d.ens[i].walk == walk }

func (d *dns) attempt(i int) {
	en := &d.ens[i]
	if !d.enabled || !en.busy {
		return
	}
	now := d.s.now
	lk := &d.locks[en.ep]
	if lk.holder >= 0 && lk.holder != i && lk.expires > now {
		d.lose(i, "enactor.lock_busy")
		return
	}
	lk.holder, lk.expires = i, now+secs(d.p.LockTTLSec)
	// Tokens are unique over all locks, so a batch's commit can never be
	// mistaken for a later batch's on another endpoint.
	d.tokens++
	lk.token = d.tokens
	en.token = lk.token
	dur := d.batchTime(i)
	en.span = Span{Start: now, End: now + dur, Lane: en.name, Kind: "apply", Gen: en.plan, Endpoint: en.ep}
	d.s.q.push(event{at: now + dur, kind: evCommit, a: int32(i), b: lk.token})
}

// lose records a failed attempt and retries the same endpoint after an
// exponential backoff with jitter.
func (d *dns) lose(i int, kind string) {
	en := &d.ens[i]
	en.fails++
	d.trace(Event{Kind: kind, Subject: en.name, Gen: en.plan, Endpoint: en.ep, Value: float64(en.fails)})
	back := d.p.BackoffBaseSec * float64(uint64(1)<<min(en.fails-1, 20))
	back = min(back, d.p.BackoffMaxSec) * en.r.uniform(0.75, 1.25)
	end := d.s.now + secs(back)
	d.traceSpan(Span{Start: d.s.now, End: end, Lane: en.name, Kind: "backoff", Gen: en.plan, Endpoint: en.ep})
	d.s.q.push(event{at: end, kind: evAttempt, a: int32(i), b: en.walk})
}

func (d *dns) onCommit(i int, token int32) {
	en := &d.ens[i]
	if !d.enabled || !en.busy || en.token != token {
		return
	}
	lk := &d.locks[en.ep]
	sp := en.span
	sp.End = d.s.now
	if lk.token != token {
		// The lock expired mid-batch and another Enactor re-created it: the
		// batch deletes the lock record it read, so it fails (DAT453).
		d.traceSpan(sp)
		d.lose(i, "enactor.lock_lost")
		return
	}
	lk.holder = -1
	ep, p := en.ep, en.plan
	prev := d.alias[ep]
	if d.sg.Has(safeguard.ApplyTimeCheck) && prev >= p {
		// The conditional write: the batch asserts the live generation is
		// older than its own, so an old plan can never replace a newer one.
		d.traceSpan(sp)
		d.trace(Event{Kind: "enactor.apply_refused", Subject: en.name, Gen: p, Endpoint: ep, Value: float64(prev)})
		en.busy = false
		if d.gen > p {
			d.wake(i)
		}
		return
	}
	if prev != 0 && !d.hasTree(prev, ep) {
		if !d.sg.Has(safeguard.SelfHealingRollback) {
			// The rollback record cannot point at a tree that no longer
			// exists, so the batch fails — for every Enactor, every time.
			d.traceSpan(sp)
			en.failed = true
			d.lose(i, "enactor.apply_failed")
			d.checkStuck()
			return
		}
		d.trace(Event{Kind: "enactor.self_heal", Subject: en.name, Gen: p, Endpoint: ep, Value: float64(prev)})
		prev = p
	}
	sp.OK = true
	d.traceSpan(sp)
	d.trees[p-d.first] |= 1 << ep
	d.oldest = min(d.oldest, p) // an old plan's tree can be built again
	d.alias[ep], d.rollbk[ep] = p, prev
	d.applied = p
	en.fails = 0
	d.trace(Event{Kind: "enactor.apply", Subject: en.name, Gen: p, Endpoint: ep, Value: float64(prev)})
	d.trace(Event{Kind: "zone.alias", Subject: d.p.Endpoints[ep], Gen: p, Endpoint: ep})
	d.noteAnswer()
	en.ep++
	if en.ep < len(d.p.Endpoints) {
		d.attempt(i)
		return
	}
	end := d.s.now + secs(cleanupSec)
	d.traceSpan(Span{Start: d.s.now, End: end, Lane: en.name, Kind: "cleanup", Gen: p, OK: true})
	d.s.q.push(event{at: end, kind: evCleanup, a: int32(i), b: en.walk})
}

// onCleanup deletes plans many generations older than the one the Enactor
// just applied.
func (d *dns) onCleanup(i int) {
	en := &d.ens[i]
	if !d.enabled || !en.busy {
		return
	}
	p := en.plan
	limit := p - d.p.CleanupThreshold
	spare := d.sg.Has(safeguard.SpareActivePlan)
	deleted := 0
	for g := d.oldest; g <= limit; g++ {
		m := &d.trees[g-d.first]
		if *m == 0 {
			if g == d.oldest {
				d.oldest++
			}
			continue
		}
		if spare && d.referenced(g) {
			continue
		}
		*m = 0
		deleted++
		if g == d.oldest {
			d.oldest++
		}
		d.trace(Event{Kind: "zone.plan_deleted", Subject: en.name, Gen: g})
	}
	d.trace(Event{Kind: "enactor.cleanup", Subject: en.name, Gen: p, Value: float64(deleted)})
	if deleted > 0 {
		d.noteAnswer()
	}
	en.busy = false
	if d.gen > d.applied || d.gen > p {
		d.wake(i)
	}
}

// referenced reports whether an alias or rollback record points at gen.
func (d *dns) referenced(gen int) bool {
	for e := range d.alias {
		if d.alias[e] == gen || d.rollbk[e] == gen {
			return true
		}
	}
	return false
}

// noteAnswer records a change in whether the regional endpoint resolves.
func (d *dns) noteAnswer() {
	ok := d.endpointOK(0)
	kind := answerEmpty // Route 53 answers NOERROR with no addresses
	if ok {
		kind = answerAddresses
	}
	if d.history[len(d.history)-1].kind == kind {
		return
	}
	d.history = append(d.history, answer{d.s.now, kind})
	d.empty = !ok
	if !ok {
		d.s.emit(Event{Kind: "zone.endpoint_empty", Subject: d.p.Endpoints[0], Gen: d.alias[0], Endpoint: 0}, true)
		d.s.milestone("dns.record_empty", Event{Subject: d.p.Endpoints[0], Gen: d.alias[0]})
	} else {
		d.s.emit(Event{Kind: "zone.endpoint_ok", Subject: d.p.Endpoints[0], Gen: d.alias[0], Endpoint: 0}, true)
	}
}

func (d *dns) checkStuck() {
	if d.stuck {
		return
	}
	for i := range d.ens {
		if !d.ens[i].failed {
			return
		}
	}
	d.stuck = true
	d.s.emit(Event{Kind: "dns.automation_stuck", Subject: "enactors"}, false)
}

// broken reports whether the zone needs a human: an endpoint without
// addresses or an automation that cannot make progress.
func (d *dns) broken() bool {
	for e := range d.alias {
		if !d.endpointOK(e) {
			return true
		}
	}
	return d.stuck
}

// repair is the operators' manual fix: every endpoint is pointed at the
// newest plan, with a rollback record that exists, so the automation can
// run again; it keeps running until it is disabled (freeze).
func (d *dns) repair() {
	d.stop()
	for i := range d.ens {
		d.ens[i].failed, d.ens[i].fails = false, 0
	}
	p := d.gen
	for e := range d.alias {
		d.trees[p-d.first] |= 1 << e
		d.alias[e], d.rollbk[e] = p, p
		d.s.emit(Event{Kind: "zone.alias", Subject: d.p.Endpoints[e], Gen: p, Endpoint: e}, true)
		d.locks[e].holder = -1
	}
	d.applied = p
	d.stuck = false
	d.noteAnswer()
	for i := range d.ens {
		d.wake(i)
	}
}

// stop ends every Enactor's walk in progress.
func (d *dns) stop() {
	for i := range d.ens {
		if en := &d.ens[i]; en.busy {
			en.busy = false
		}
	}
}

// freeze is the operators disabling the Planner and Enactors (PES: worldwide;
// DAT453: about 05:38): DNS stays as it is, frozen.
func (d *dns) freeze() {
	if !d.enabled {
		return
	}
	d.enabled = false
	d.stop()
	d.s.emit(Event{Kind: "ops.dns_automation_disabled", Subject: "ops", Gen: d.gen}, false)
}

package check

import (
	"math/bits"

	"github.com/outagelab/outage/game/safeguard"
)

// Bounds of the model. They are fixed by the state encoding (see pack):
// generations fit in 4 bits, the plan store is a 12-bit set and each
// Enactor takes 6 bits.
const (
	maxEnactors = 4
	maxPlans    = 12
)

// phase is where an Enactor is in its work on one plan.
type phase uint8

const (
	idle     phase = iota // waiting for a plan newer than the last one it took
	received              // holds a plan; the staleness check is not made yet
	checked               // the check passed; the change batch is not sent yet
	applied               // the batch committed; clean-up is still to run
)

var phaseNames = [...]string{"idle", "received", "checked", "applied"}

func (p phase) String() string { return phaseNames[p] }

// state is one global state of the model. Plan generations are 1-based;
// bit g-1 of deleted is generation g. An Enactor's plan in hand is always
// last: receive takes the newest plan and nothing else changes last.
type state struct {
	issued   uint8  // newest generation the Planner has issued
	deleted  uint16 // plan trees clean-up has deleted
	alias    uint8  // generation the endpoint's alias names (0 = none)
	rollback uint8  // generation the rollback record names (0 = none)
	last     [maxEnactors]uint8
	phase    [maxEnactors]phase
}

// pack encodes s in 48 bits: issued 4, deleted 12, alias 4, rollback 4,
// then 6 bits per Enactor (last 4, phase 2). It is the visited-set key.
func (s *state) pack() uint64 {
	k := uint64(s.issued) | uint64(s.deleted)<<4 | uint64(s.alias)<<16 | uint64(s.rollback)<<20
	for i := range maxEnactors {
		k |= (uint64(s.last[i]) | uint64(s.phase[i])<<4) << (24 + 6*i)
	}
	return k
}

func unpack(k uint64) state {
	s := state{
		issued:   uint8(k & 0xf),
		deleted:  uint16(k >> 4 & 0xfff),
		alias:    uint8(k >> 16 & 0xf),
		rollback: uint8(k >> 20 & 0xf),
	}
	for i := range maxEnactors {
		e := k >> (24 + 6*i)
		s.last[i] = uint8(e & 0xf)
		s.phase[i] = phase(e >> 4 & 3)
	}
	return s
}

func (s *state) exists(g uint8) bool {
	return g >= 1 && g <= s.issued && s.deleted&(1<<(g-1)) == 0
}

// hasAddresses reports whether the endpoint resolves: its alias names a
// plan tree that still exists.
func (s *state) hasAddresses() bool { return s.exists(s.alias) }

// action is what one step did.
type action uint8

const (
	actIssue action = iota
	actReceive
	actCheck
	actCheckStale
	actApply
	actApplyRefused
	actApplyFailed
	actCleanup
	numActions
)

// Action names, as they appear in steps and scripts.
const (
	ActionIssue        = "issue"
	ActionReceive      = "receive"
	ActionCheck        = "check"
	ActionCheckStale   = "check-stale"
	ActionApply        = "apply"
	ActionApplyRefused = "apply-refused"
	ActionApplyFailed  = "apply-failed"
	ActionCleanup      = "cleanup"
)

var actionNames = [numActions]string{
	ActionIssue, ActionReceive, ActionCheck, ActionCheckStale,
	ActionApply, ActionApplyRefused, ActionApplyFailed, ActionCleanup,
}

func (a action) String() string { return actionNames[a] }

func parseAction(name string) (action, bool) {
	for i, n := range actionNames {
		if n == name {
			return action(i), true
		}
	}
	return 0, false
}

// Reasons qualify apply steps that did not simply commit.
const (
	// ReasonStale: apply-time-check refused the batch because the alias
	// already names a generation at least as new.
	ReasonStale = "stale"
	// ReasonPlanDeleted: the Enactor's own plan was deleted by another
	// Enactor's clean-up before its batch went out, so it drops the plan.
	ReasonPlanDeleted = "plan-deleted"
	// ReasonRollbackMissing: the batch failed because the plan the alias
	// names (the new rollback target) no longer exists.
	ReasonRollbackMissing = "rollback-target-missing"
	// ReasonSelfHealed: self-healing-rollback installed the plan although
	// the rollback target was missing, pointing rollback at the plan itself.
	ReasonSelfHealed = "self-healed"
)

// move is one transition: who did what, and what it deleted.
type move struct {
	actor   uint8 // 0 = planner, i+1 = Enactor i
	act     action
	plan    uint8
	deleted uint16 // plans this step deleted (clean-up only)
	reason  string
}

// edge is a move and the state it leads to.
type edge struct {
	move
	next state
}

// model holds the parameters of one exploration.
type model struct {
	enactors    int
	generations uint8 // plans the Planner issues in total (plan 1 included)
	threshold   uint8
	applyCheck  bool // apply-time-check
	spareActive bool // spare-active-plan
	selfHeal    bool // self-healing-rollback
}

// modelled lists the safeguards this model implements; any other id in a
// set passed to Run is reported as unmodelled.
var modelled = []safeguard.ID{
	safeguard.ApplyTimeCheck,
	safeguard.SpareActivePlan,
	safeguard.SelfHealingRollback,
	safeguard.FewerPlans,
}

// rateOnly lists the modelled safeguards that change only rates or timing.
// fewer-plans batches non-urgent changes into a slow lane, so the Planner
// issues plans less often. The model is untimed: the Planner may issue its
// next plan at any moment and an Enactor may stall for any number of them,
// so a lower rate removes no interleaving and the model is left as it is.
// Such a safeguard makes the race rarer on a real night, never impossible.
var rateOnly = []safeguard.ID{safeguard.FewerPlans}

func newModel(cfg Config, sg safeguard.Set) *model {
	return &model{
		enactors:    cfg.Enactors,
		generations: uint8(cfg.Plans),
		threshold:   uint8(cfg.Threshold),
		applyCheck:  sg.Has(safeguard.ApplyTimeCheck),
		spareActive: sg.Has(safeguard.SpareActivePlan),
		selfHeal:    sg.Has(safeguard.SelfHealingRollback),
	}
}

// initial is the state before the race window: plan 1 exists and the
// endpoint's alias names it; nothing has been rolled back yet; every
// Enactor has already taken plan 1 and is idle.
func (m *model) initial() state {
	s := state{issued: 1, alias: 1}
	for i := range m.enactors {
		s.last[i] = 1
	}
	return s
}

// successors writes the moves enabled in s to out and returns how many.
// The Enactors come first, in order, then the Planner; each actor has at
// most one enabled move. The order only decides which of several equally
// short counterexamples the search reports: this one keeps an Enactor's
// steps together where it can, which reads better.
func (m *model) successors(s state, out *[maxEnactors + 1]edge) int {
	n := 0
	for i := range m.enactors {
		out[n] = edge{m.enactorStep(s, i), s}
		e := &out[n]
		if !m.applyMove(&e.next, i, &e.move) {
			continue
		}
		n++
	}
	if s.issued < m.generations {
		t := s
		t.issued++
		out[n] = edge{move{actor: 0, act: actIssue, plan: t.issued}, t}
		n++
	}
	return n
}

// enactorStep decides Enactor i's next move in s (before its effect).
func (m *model) enactorStep(s state, i int) move {
	p := s.last[i]
	mv := move{actor: uint8(i + 1), plan: p}
	switch s.phase[i] {
	case idle:
		mv.act, mv.plan = actReceive, s.issued
	case received:
		// The one-time staleness check at the start, against the plan the
		// alias names now. Nothing re-checks it later: the TOCTOU gap.
		if p > s.alias {
			mv.act = actCheck
		} else {
			mv.act = actCheckStale
		}
	case checked:
		switch {
		case !s.exists(p):
			mv.act, mv.reason = actApplyRefused, ReasonPlanDeleted
		case m.applyCheck && s.alias >= p:
			mv.act, mv.reason = actApplyRefused, ReasonStale
		case !s.exists(s.alias):
			// The batch must point the rollback record at the tree the
			// alias names now, and that tree is gone.
			if m.selfHeal {
				mv.act, mv.reason = actApply, ReasonSelfHealed
			} else {
				mv.act, mv.reason = actApplyFailed, ReasonRollbackMissing
			}
		default:
			mv.act = actApply
		}
	case applied:
		mv.act = actCleanup
		mv.deleted = m.cleanupSet(s, p)
	}
	return mv
}

// cleanupSet is the set of plans clean-up deletes after applying p: every
// existing plan at least threshold generations older than p, except, with
// spare-active-plan, the plans the alias and the rollback record name.
// Choosing and deleting are one atomic step.
func (m *model) cleanupSet(s state, p uint8) uint16 {
	if p <= m.threshold {
		return 0
	}
	upTo := p - m.threshold // delete generations 1..upTo
	del := uint16(1)<<upTo - 1
	del &^= s.deleted
	if m.spareActive {
		for _, g := range [2]uint8{s.alias, s.rollback} {
			if g >= 1 {
				del &^= 1 << (g - 1)
			}
		}
	}
	return del
}

// applyMove applies mv (a move of Enactor i) to s. It returns false if the
// Enactor has nothing to do.
func (m *model) applyMove(s *state, i int, mv *move) bool {
	switch mv.act {
	case actReceive:
		if s.issued <= s.last[i] {
			return false
		}
		s.last[i] = s.issued
		s.phase[i] = received
	case actCheck:
		s.phase[i] = checked
	case actCheckStale, actApplyRefused, actApplyFailed:
		s.phase[i] = idle
	case actApply:
		if mv.reason == ReasonSelfHealed {
			s.rollback = mv.plan
		} else {
			s.rollback = s.alias
		}
		s.alias = mv.plan
		s.phase[i] = applied
	case actCleanup:
		s.deleted |= mv.deleted
		s.phase[i] = idle
	default:
		return false
	}
	return true
}

// deletesActive reports whether mv is a clean-up that deletes the plan the
// alias names in s (the state before the move).
func deletesActive(s state, mv move) bool {
	return mv.act == actCleanup && s.alias >= 1 && mv.deleted&(1<<(s.alias-1)) != 0
}

// planList lists the generations in a plan set, oldest first.
func planList(set uint16) []int {
	out := make([]int, 0, bits.OnesCount16(set))
	for set != 0 {
		g := bits.TrailingZeros16(set)
		out = append(out, g+1)
		set &^= 1 << g
	}
	return out
}

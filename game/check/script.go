package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/outagelab/outage/game/safeguard"
)

// ScriptVersion is the version of the script format Encode writes and
// Decode accepts.
const ScriptVersion = 1

// Limits on scripts from outside. No run of the model is longer than a few
// hundred steps (every step moves one actor strictly forward).
const (
	maxScriptBytes = 1 << 20
	maxScriptSteps = 1000
)

// EnactorState is one Enactor in a Snapshot.
type EnactorState struct {
	Phase string `json:"phase"` // idle, received, checked, applied
	Plan  int    `json:"plan"`  // the plan in hand (0 when idle)
	Last  int    `json:"last"`  // the newest plan it has taken
}

// Snapshot is the whole model state, for replaying a run as an animation.
type Snapshot struct {
	Issued    int            `json:"issued"` // newest generation issued
	Alias     int            `json:"alias"`
	Rollback  int            `json:"rollback"`
	Addresses bool           `json:"addresses"`
	Plans     []int          `json:"plans"`   // plan trees that exist
	Deleted   []int          `json:"deleted"` // plan trees clean-up deleted
	Enactors  []EnactorState `json:"enactors"`
}

func (m *model) snapshot(s state) Snapshot {
	issuedSet := uint16(1)<<s.issued - 1
	sn := Snapshot{
		Issued:    int(s.issued),
		Alias:     int(s.alias),
		Rollback:  int(s.rollback),
		Addresses: s.hasAddresses(),
		Plans:     planList(issuedSet &^ s.deleted),
		Deleted:   planList(s.deleted),
		Enactors:  make([]EnactorState, m.enactors),
	}
	for i := range m.enactors {
		e := EnactorState{Phase: s.phase[i].String(), Last: int(s.last[i])}
		if s.phase[i] != idle {
			e.Plan = e.Last
		}
		sn.Enactors[i] = e
	}
	return sn
}

func (a Snapshot) equal(b Snapshot) bool {
	return a.Issued == b.Issued && a.Alias == b.Alias && a.Rollback == b.Rollback &&
		a.Addresses == b.Addresses && slices.Equal(a.Plans, b.Plans) &&
		slices.Equal(a.Deleted, b.Deleted) && slices.Equal(a.Enactors, b.Enactors)
}

// ScriptStep is a step and the state after it.
type ScriptStep struct {
	Step
	State Snapshot `json:"state"`
}

// Script is a run of the model the app can animate step by step: usually
// a counterexample, in which case Invariant names what it violates.
type Script struct {
	Version    int          `json:"version"`
	Config     Config       `json:"config"`
	Safeguards []string     `json:"safeguards"`
	Invariant  string       `json:"invariant,omitempty"`
	Initial    Snapshot     `json:"initial"`
	Steps      []ScriptStep `json:"steps"`
}

// NewScript replays steps and records the state after each. If invariant
// is not empty the run must end violating it (see Confirm).
func NewScript(cfg Config, sg safeguard.Set, invariant string, steps []Step) (Script, error) {
	snaps, err := Replay(cfg, sg, steps)
	if err != nil {
		return Script{}, err
	}
	if invariant != "" {
		if err := confirm(sg, invariant, steps, snaps); err != nil {
			return Script{}, err
		}
	}
	sc := Script{
		Version:    ScriptVersion,
		Config:     Config{Enactors: cfg.Enactors, Plans: cfg.Plans, Threshold: cfg.Threshold},
		Safeguards: idStrings(sg.IDs()),
		Invariant:  invariant,
		Initial:    snaps[0],
		Steps:      make([]ScriptStep, len(steps)),
	}
	for i, st := range steps {
		sc.Steps[i] = ScriptStep{Step: st, State: snaps[i+1]}
	}
	return sc, nil
}

// Script returns the shortest counterexample for the named invariant as a
// script.
func (r Result) Script(invariant string) (Script, error) {
	ir, ok := r.Lookup(invariant)
	if !ok {
		return Script{}, fmt.Errorf("check: unknown invariant %q; valid: %s", invariant, strings.Join(Invariants, ", "))
	}
	if !ir.Violated {
		return Script{}, fmt.Errorf("check: %s holds: no counterexample", invariant)
	}
	var sg safeguard.Set
	for _, id := range r.Safeguards {
		sg = sg.With(safeguard.ID(id))
	}
	return NewScript(r.Config, sg, invariant, ir.Counterexample)
}

// Encode writes s as indented JSON.
func (s Script) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Decode reads a script and validates it completely: the version, the
// config, the safeguard ids, the shape of every step, and that the steps
// are a real run of the model whose recorded states are the ones the model
// produces (and, if it names one, that it violates its invariant).
func Decode(data []byte) (Script, error) {
	var sc Script
	if len(data) > maxScriptBytes {
		return sc, fmt.Errorf("check: script is %d bytes; the limit is %d", len(data), maxScriptBytes)
	}
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return sc, fmt.Errorf("check: bad script: %w", err)
	}
	if head.Version == nil {
		return sc, errors.New("check: script has no version")
	}
	if *head.Version != ScriptVersion {
		return sc, fmt.Errorf("check: unsupported script version %d; this build reads version %d", *head.Version, ScriptVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return Script{}, fmt.Errorf("check: bad script: %w", err)
	}
	if err := sc.validate(); err != nil {
		return Script{}, err
	}
	return sc, nil
}

func (sc Script) validate() error {
	cfg := sc.Config
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("check: script: %w", err)
	}
	var sg safeguard.Set
	for _, name := range sc.Safeguards {
		id := safeguard.ID(name)
		if _, ok := safeguard.Lookup(id); !ok {
			return fmt.Errorf("check: script: %w", &safeguard.UnknownError{IDs: []string{name}})
		}
		sg = sg.With(id)
	}
	if sc.Invariant != "" && !slices.Contains(Invariants, sc.Invariant) {
		return fmt.Errorf("check: script: unknown invariant %q; valid: %s", sc.Invariant, strings.Join(Invariants, ", "))
	}
	if len(sc.Steps) > maxScriptSteps {
		return fmt.Errorf("check: script has %d steps; the limit is %d", len(sc.Steps), maxScriptSteps)
	}
	steps := make([]Step, len(sc.Steps))
	for i, st := range sc.Steps {
		steps[i] = st.Step
	}
	snaps, err := Replay(cfg, sg, steps)
	if err != nil {
		return fmt.Errorf("check: script: %w", err)
	}
	if !sc.Initial.equal(snaps[0]) {
		return errors.New("check: script: the initial state is not the model's initial state")
	}
	for i, st := range sc.Steps {
		if !st.State.equal(snaps[i+1]) {
			return fmt.Errorf("check: script: step %d: the recorded state differs from the model's", i+1)
		}
	}
	if sc.Invariant != "" {
		if err := confirm(sg, sc.Invariant, steps, snaps); err != nil {
			return fmt.Errorf("check: script: %w", err)
		}
	}
	return nil
}

// parseActor maps "planner" to 0 and "enactor-k" to k (1..enactors).
func parseActor(name string, enactors int) (uint8, error) {
	if name == "planner" {
		return 0, nil
	}
	if rest, ok := strings.CutPrefix(name, "enactor-"); ok {
		k, err := strconv.Atoi(rest)
		if err == nil && k >= 1 && k <= enactors && strconv.Itoa(k) == rest {
			return uint8(k), nil
		}
	}
	return 0, fmt.Errorf("actor %q: valid actors are planner and enactor-1..enactor-%d", name, enactors)
}

// Replay re-executes steps in the model bounded by cfg with safeguards sg
// and returns the state before the first step and after each step. Every
// step must be the move its actor actually makes at that point, with the
// plan, reason, deletions and resulting alias and rollback recorded in it.
func Replay(cfg Config, sg safeguard.Set, steps []Step) ([]Snapshot, error) {
	m, states, err := replay(cfg, sg, steps)
	if err != nil {
		return nil, err
	}
	out := make([]Snapshot, len(states))
	for i, s := range states {
		out[i] = m.snapshot(s)
	}
	return out, nil
}

func replay(cfg Config, sg safeguard.Set, steps []Step) (*model, []state, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	if len(steps) > maxScriptSteps {
		return nil, nil, fmt.Errorf("replay: %d steps; the limit is %d", len(steps), maxScriptSteps)
	}
	m := newModel(cfg, sg)
	s := m.initial()
	states := []state{s}
	var out [maxEnactors + 1]edge
	for k, st := range steps {
		fail := func(format string, args ...any) error {
			return fmt.Errorf("replay: step %d (%s %s): %s", k+1, st.Actor, st.Action, fmt.Sprintf(format, args...))
		}
		if st.N != k+1 {
			return nil, nil, fail("numbered %d", st.N)
		}
		actor, err := parseActor(st.Actor, m.enactors)
		if err != nil {
			return nil, nil, fail("%v", err)
		}
		act, ok := parseAction(st.Action)
		if !ok {
			return nil, nil, fail("unknown action; valid actions: %s", strings.Join(actionNames[:], ", "))
		}
		var e *edge
		n := m.successors(s, &out)
		for i := range out[:n] {
			if out[i].actor == actor {
				e = &out[i]
			}
		}
		switch {
		case e == nil:
			return nil, nil, fail("%s has nothing to do here", st.Actor)
		case e.act != act:
			return nil, nil, fail("the model's move for %s here is %s", st.Actor, e.act)
		case int(e.plan) != st.Plan:
			return nil, nil, fail("plan %d recorded, the model's is %d", st.Plan, e.plan)
		case e.reason != st.Reason:
			return nil, nil, fail("reason %q recorded, the model's is %q", st.Reason, e.reason)
		case !slices.Equal(planList(e.deleted), st.Deleted):
			return nil, nil, fail("deleted %v recorded, the model deletes %v", st.Deleted, planList(e.deleted))
		case int(e.next.alias) != st.Alias || int(e.next.rollback) != st.Rollback:
			return nil, nil, fail("alias %d, rollback %d recorded; the model gives alias %d, rollback %d",
				st.Alias, st.Rollback, e.next.alias, e.next.rollback)
		case e.next.hasAddresses() != st.Addresses:
			return nil, nil, fail("addresses %t recorded, the model gives %t", st.Addresses, e.next.hasAddresses())
		}
		s = e.next
		states = append(states, s)
	}
	return m, states, nil
}

// Confirm replays steps and checks that the run ends violating the named
// invariant: EndpointHasAddresses, the final state has no addresses;
// NeverDeleteActive, the last step is a clean-up deleting the plan the
// alias named; Progress, the last step is a failed batch and no batch can
// commit again from the final state on any continuation.
//
// It is cheap: Decode uses it on scripts from outside.
func Confirm(cfg Config, sg safeguard.Set, invariant string, steps []Step) error {
	snaps, err := Replay(cfg, sg, steps)
	if err != nil {
		return err
	}
	return confirm(sg, invariant, steps, snaps)
}

func confirm(sg safeguard.Set, invariant string, steps []Step, snaps []Snapshot) error {
	if len(steps) == 0 {
		return fmt.Errorf("%s: an empty run violates nothing", invariant)
	}
	last, before, after := steps[len(steps)-1], snaps[len(snaps)-2], snaps[len(snaps)-1]
	switch invariant {
	case EndpointHasAddresses:
		if after.Addresses {
			return fmt.Errorf("%s: the endpoint still has addresses after the last step (alias %d)", invariant, after.Alias)
		}
	case NeverDeleteActive:
		if last.Action != ActionCleanup || !slices.Contains(last.Deleted, before.Alias) {
			return fmt.Errorf("%s: the last step does not delete the active plan %d", invariant, before.Alias)
		}
	case Progress:
		// No batch can commit again from such a state: a batch commits
		// only while the alias names an existing plan (or with
		// self-healing), only a commit moves the alias, and deletions are
		// permanent. The tests confirm this by search.
		if last.Action != ActionApplyFailed {
			return fmt.Errorf("%s: the last step is %s, not a failed batch", invariant, last.Action)
		}
		if after.Addresses || sg.Has(safeguard.SelfHealingRollback) {
			return fmt.Errorf("%s: a batch can still commit after the failure", invariant)
		}
	default:
		return fmt.Errorf("unknown invariant %q; valid: %s", invariant, strings.Join(Invariants, ", "))
	}
	return nil
}

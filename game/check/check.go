// Package check is an explicit-state model checker for the race in
// DynamoDB's DNS automation that emptied the us-east-1 regional endpoint on
// 19 October 2025. It explores every interleaving of a bounded model
// breadth-first, so each counterexample it reports is a shortest one.
//
// The model (FACTS.md §1–2), for a single endpoint:
//
//   - The Planner issues plan generations 2..Plans one at a time, whenever
//     it likes. At the start plan 1 exists and the endpoint's alias names
//     it; the rollback record names nothing.
//   - Each Enactor repeats: receive (take the newest issued plan, if newer
//     than the last it took), check (the one-time staleness check: the plan
//     must be newer than the one the alias names, otherwise it is dropped),
//     apply (one atomic change batch: the alias to the plan's tree and the
//     rollback record to the tree the alias named before), clean-up (delete
//     every plan Threshold or more generations older than the plan it just
//     applied, in one atomic step).
//   - The zone holds the alias, the rollback record and the plan trees. An
//     alias naming a deleted tree resolves to no addresses. A batch whose
//     rollback target (the tree the alias names) is gone fails; nothing in
//     the automation repairs that, so every later batch fails too.
//   - An Enactor whose own plan was deleted before its batch went out drops
//     the plan (apply-refused, reason plan-deleted), as in Younas's model.
//
// Each step of an Enactor is an interleaving point; checks and batches are
// not re-done. Safeguards switch the matching mechanism: apply-time-check
// makes the batch conditional on the alias naming an older generation;
// spare-active-plan makes clean-up skip the plans the alias and the
// rollback record name; self-healing-rollback makes a batch with a missing
// rollback target install its plan anyway, with rollback pointing at the
// plan itself. fewer-plans only lowers the rate at which the Planner issues
// plans; the model is untimed (the Planner may issue a plan at any moment),
// so it removes no interleaving: the model is left unchanged and the result
// lists it under RateOnly. Other safeguards act outside this model and are
// listed as unmodelled.
//
// Every verdict holds within the bounds it was checked in (Enactors, plans,
// clean-up threshold), and Result.Summary names them.
//
// Invariants, each reported separately:
//
//   - EndpointHasAddresses: in every reachable state the alias names an
//     existing plan tree.
//   - NeverDeleteActive: no clean-up deletes the plan the alias names at
//     that moment (Demirbas's TLA+ invariant). In this model a batch only
//     ever points the alias at an existing plan, so the two safety
//     invariants fail together; both are reported because they are the
//     properties the public models state.
//   - Progress: the automation never gets stuck. It is violated by a
//     reachable batch failure after which no batch of any Enactor can ever
//     succeed again, on any continuation. This is decided on the whole
//     explored graph (backward reachability from successful batches).
//
// promela/dns.pml is the same model in Promela; spin_test.go has Spin check
// it on a grid of bounds and safeguards and asserts that both checkers give
// the same verdicts and visit the same states.
package check

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/outagelab/outage/game/safeguard"
)

// Invariant names.
const (
	EndpointHasAddresses = "EndpointHasAddresses"
	NeverDeleteActive    = "NeverDeleteActive"
	Progress             = "Progress"
)

// Invariants lists the invariants in the order they are reported.
var Invariants = []string{EndpointHasAddresses, NeverDeleteActive, Progress}

var invariantText = map[string]string{
	EndpointHasAddresses: "the endpoint's alias always names an existing plan tree, so it resolves to addresses",
	NeverDeleteActive:    "clean-up never deletes the plan the alias names",
	Progress:             "no change batch fails in a way after which no batch can ever succeed again",
}

// DefaultMaxStates bounds the exploration when Config.MaxStates is 0.
const DefaultMaxStates = 2_000_000

// Config bounds the model.
type Config struct {
	// Enactors is the number of independent Enactors (1..4; 3 in us-east-1).
	Enactors int `json:"enactors"`
	// Plans is the number of plan generations issued in the window,
	// plan 1 (already applied at the start) included (2..12).
	Plans int `json:"plans"`
	// Threshold: clean-up deletes plans Threshold or more generations
	// older than the plan just applied (1..Plans).
	Threshold int `json:"threshold"`
	// MaxStates stops the search with an error once this many distinct
	// states have been found (0 = DefaultMaxStates).
	MaxStates int `json:"max_states,omitempty"`
}

// DefaultConfig is the reference model of Younas's Spin model: 2 Enactors,
// 5 plans, clean-up of plans 2 or more generations older.
func DefaultConfig() Config {
	return Config{Enactors: 2, Plans: 5, Threshold: 2}
}

// Bounds names the bounds in words: "2 Enactors, 5 plans, clean-up
// threshold 2".
func (c Config) Bounds() string {
	return fmt.Sprintf("%d %s, %d plans, clean-up threshold %d",
		c.Enactors, pluralWord(c.Enactors, "Enactor"), c.Plans, c.Threshold)
}

// Validate reports every parameter out of range, naming the valid range.
func (c Config) Validate() error {
	var errs []error
	if c.Enactors < 1 || c.Enactors > maxEnactors {
		errs = append(errs, fmt.Errorf("enactors = %d: valid range is 1..%d", c.Enactors, maxEnactors))
	}
	if c.Plans < 2 || c.Plans > maxPlans {
		errs = append(errs, fmt.Errorf("plans = %d: valid range is 2..%d", c.Plans, maxPlans))
	}
	if hi := min(max(c.Plans, 2), maxPlans); c.Threshold < 1 || c.Threshold > hi {
		errs = append(errs, fmt.Errorf("threshold = %d: valid range is 1..plans (1..%d)", c.Threshold, hi))
	}
	if c.MaxStates < 0 {
		errs = append(errs, fmt.Errorf("max states = %d: must be positive, or 0 for the default %d", c.MaxStates, DefaultMaxStates))
	}
	if len(errs) > 0 {
		return fmt.Errorf("check: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

// Step is one step of a counterexample, with the zone as it is after it.
type Step struct {
	N      int    `json:"step"`   // 1-based
	Actor  string `json:"actor"`  // "planner", "enactor-1", ...
	Action string `json:"action"` // one of the Action* names
	Plan   int    `json:"plan"`   // the generation the step is about
	// Reason qualifies apply, apply-refused and apply-failed steps.
	Reason string `json:"reason,omitempty"`
	// Deleted lists the plans a clean-up deleted.
	Deleted []int `json:"deleted,omitempty"`
	// Alias and Rollback are the generations the alias and the rollback
	// record name after the step (0 = none).
	Alias    int `json:"alias"`
	Rollback int `json:"rollback"`
	// Addresses reports whether the endpoint resolves after the step (the
	// alias names a plan that exists).
	Addresses bool `json:"addresses"`
}

// InvariantResult is the verdict on one invariant.
type InvariantResult struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Violated    bool   `json:"violated"`
	// ViolatingStates counts the distinct reachable states that violate
	// it (for NeverDeleteActive and Progress: the states entered by a
	// violating step).
	ViolatingStates int `json:"violating_states"`
	// Counterexample is a shortest run that violates it (empty if none).
	Counterexample []Step `json:"counterexample"`
}

// Result is the outcome of one exploration. Its JSON field names are the
// ones `outage-sim check --json` prints.
type Result struct {
	Config Config `json:"config"`
	// Bounds is Config in words, as Summary names it.
	Bounds string `json:"bounds"`
	// Safeguards lists every safeguard that was switched on; Unmodelled
	// the ones among them this model does not contain; RateOnly the ones
	// it knows change only rates or timing (fewer-plans), which leave every
	// interleaving in place.
	Safeguards []string `json:"safeguards"`
	Unmodelled []string `json:"unmodelled"`
	RateOnly   []string `json:"rate_only"`

	States      int `json:"states"`
	Transitions int `json:"transitions"`
	// Depth is the length of the longest shortest path from the start.
	Depth int `json:"depth"`

	// Violations is the number of invariants violated; Invariant names the
	// first of them (in Invariants order) and Counterexample is its
	// shortest counterexample.
	Violations     int               `json:"violations"`
	Invariant      string            `json:"invariant"`
	Counterexample []Step            `json:"counterexample"`
	Invariants     []InvariantResult `json:"invariants"`
	// Summary is the verdict in one sentence that names the bounds, e.g.
	// "impossible in every interleaving of 3 Enactors, 8 plans, clean-up
	// threshold 2".
	Summary string `json:"summary"`

	ElapsedMS float64 `json:"elapsed_ms"`
}

// Lookup returns the verdict on the named invariant.
func (r Result) Lookup(name string) (InvariantResult, bool) {
	for _, ir := range r.Invariants {
		if ir.Name == name {
			return ir, true
		}
	}
	return InvariantResult{}, false
}

// Run explores every reachable state of the model bounded by cfg with the
// safeguards sg switched on.
func Run(cfg Config, sg safeguard.Set) (Result, error) {
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	if cfg.MaxStates == 0 {
		cfg.MaxStates = DefaultMaxStates
	}
	start := time.Now()
	m := newModel(cfg, sg)
	g, err := explore(m, m.initial(), cfg.MaxStates)
	if err != nil {
		return Result{}, err
	}
	r := Result{
		Config:      cfg,
		Bounds:      cfg.Bounds(),
		Safeguards:  idStrings(sg.IDs()),
		Unmodelled:  unmodelled(sg),
		RateOnly:    rateOnlyOn(sg),
		States:      len(g.keys),
		Transitions: g.transitions,
		Depth:       g.depth,
	}
	r.Invariants = g.verdicts(m)
	r.Counterexample = []Step{}
	for _, ir := range r.Invariants {
		if !ir.Violated {
			continue
		}
		if r.Violations == 0 {
			r.Invariant = ir.Name
			r.Counterexample = ir.Counterexample
		}
		r.Violations++
	}
	r.Summary = r.summary()
	r.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	return r, nil
}

func idStrings(ids []safeguard.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

func rateOnlyOn(sg safeguard.Set) []string {
	out := []string{}
	for _, id := range rateOnly {
		if sg.Has(id) {
			out = append(out, string(id))
		}
	}
	return out
}

// summary words the verdict: impossible in every interleaving of the
// bounds, or which invariants some interleaving violates, and what the
// rate-only safeguards did (nothing, here; rarer, on a real night).
func (r Result) summary() string {
	var b strings.Builder
	if r.Violations == 0 {
		fmt.Fprintf(&b, "impossible in every interleaving of %s", r.Bounds)
	} else {
		var names []string
		for _, ir := range r.Invariants {
			if ir.Violated {
				names = append(names, ir.Name)
			}
		}
		fmt.Fprintf(&b, "possible: %s violated in some interleaving of %s", strings.Join(names, ", "), r.Bounds)
	}
	if len(r.RateOnly) > 0 {
		verbs, makes := "changes only rates and timing and removes", "it makes"
		if len(r.RateOnly) > 1 {
			verbs, makes = "change only rates and timing and remove", "they make"
		}
		fmt.Fprintf(&b, "; %s %s no interleaving", strings.Join(r.RateOnly, ", "), verbs)
		if r.Violations > 0 {
			fmt.Fprintf(&b, ": on a real night %s the race rarer, not impossible", makes)
		}
	}
	return b.String()
}

func unmodelled(sg safeguard.Set) []string {
	for _, id := range modelled {
		sg = sg.Without(id)
	}
	return idStrings(sg.IDs())
}

package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
)

func cfg(enactors, plans, threshold int) Config {
	return Config{Enactors: enactors, Plans: plans, Threshold: threshold}
}

func set(ids ...safeguard.ID) safeguard.Set { return safeguard.Set(0).With(ids...) }

func mustRun(t testing.TB, c Config, sg safeguard.Set) Result {
	t.Helper()
	r, err := Run(c, sg)
	require.NoError(t, err)
	return r
}

func verdict(t testing.TB, r Result, name string) InvariantResult {
	t.Helper()
	ir, ok := r.Lookup(name)
	require.True(t, ok, name)
	return ir
}

// The race of 19 October 2025 in its shortest form, as the search finds it
// in the reference model (2 Enactors, 5 plans, threshold 2). Enactor 1 is
// the slow one: it takes plan 2 and passes its staleness check while the
// alias still names plan 1, then stalls. The Planner moves on to plan 4;
// Enactor 2, the fast one, takes plan 4 and applies it. Enactor 1 now
// applies its old plan 2 over plan 4 (its check was made long ago), and
// Enactor 2's clean-up, which deletes everything two or more generations
// older than plan 4, deletes plan 2: the plan the alias now names.
var referenceCounterexample = []Step{
	{N: 1, Actor: "planner", Action: "issue", Plan: 2, Alias: 1, Addresses: true},
	{N: 2, Actor: "enactor-1", Action: "receive", Plan: 2, Alias: 1, Addresses: true},
	{N: 3, Actor: "enactor-1", Action: "check", Plan: 2, Alias: 1, Addresses: true},
	{N: 4, Actor: "planner", Action: "issue", Plan: 3, Alias: 1, Addresses: true},
	{N: 5, Actor: "planner", Action: "issue", Plan: 4, Alias: 1, Addresses: true},
	{N: 6, Actor: "enactor-2", Action: "receive", Plan: 4, Alias: 1, Addresses: true},
	{N: 7, Actor: "enactor-2", Action: "check", Plan: 4, Alias: 1, Addresses: true},
	{N: 8, Actor: "enactor-2", Action: "apply", Plan: 4, Alias: 4, Rollback: 1, Addresses: true},
	{N: 9, Actor: "enactor-1", Action: "apply", Plan: 2, Alias: 2, Rollback: 4, Addresses: true},
	{N: 10, Actor: "enactor-2", Action: "cleanup", Plan: 4, Deleted: []int{1, 2}, Alias: 2, Rollback: 4, Addresses: false},
}

// Once the alias names a deleted plan, the next batch anyone sends fails,
// and nothing can ever commit again. Here the slow Enactor 1 finishes its
// (empty) clean-up, takes plan 4 (newer than the regressed alias 2), and
// its batch fails because the rollback record cannot point at plan 2.
var referenceProgressCounterexample = []Step{
	referenceCounterexample[0], referenceCounterexample[1], referenceCounterexample[2],
	referenceCounterexample[3], referenceCounterexample[4], referenceCounterexample[5],
	referenceCounterexample[6], referenceCounterexample[7], referenceCounterexample[8],
	{N: 10, Actor: "enactor-1", Action: "cleanup", Plan: 2, Alias: 2, Rollback: 4, Addresses: true},
	{N: 11, Actor: "enactor-1", Action: "receive", Plan: 4, Alias: 2, Rollback: 4, Addresses: true},
	{N: 12, Actor: "enactor-1", Action: "check", Plan: 4, Alias: 2, Rollback: 4, Addresses: true},
	{N: 13, Actor: "enactor-2", Action: "cleanup", Plan: 4, Deleted: []int{1, 2}, Alias: 2, Rollback: 4, Addresses: false},
	{N: 14, Actor: "enactor-1", Action: "apply-failed", Plan: 4, Reason: ReasonRollbackMissing, Alias: 2, Rollback: 4, Addresses: false},
}

func TestReferenceModel(t *testing.T) {
	r := mustRun(t, DefaultConfig(), 0)

	assert.Equal(t, 2208, r.States)
	assert.Equal(t, 4813, r.Transitions)
	assert.Equal(t, 18, r.Depth)
	assert.Equal(t, 3, r.Violations)
	assert.Equal(t, EndpointHasAddresses, r.Invariant)
	assert.Equal(t, referenceCounterexample, r.Counterexample)

	assert.Equal(t, referenceCounterexample, verdict(t, r, EndpointHasAddresses).Counterexample)
	assert.Equal(t, referenceCounterexample, verdict(t, r, NeverDeleteActive).Counterexample)
	assert.Equal(t, referenceProgressCounterexample, verdict(t, r, Progress).Counterexample)
	for _, name := range Invariants {
		ir := verdict(t, r, name)
		assert.True(t, ir.Violated, name)
		assert.Positive(t, ir.ViolatingStates, name)
	}
}

func TestThreeEnactors(t *testing.T) {
	r := mustRun(t, cfg(3, 5, 2), 0)

	assert.Equal(t, 49557, r.States)
	assert.Equal(t, 3, r.Violations)
	// A third Enactor does not make the race shorter: it still takes two
	// plans and three generations.
	assert.Equal(t, referenceCounterexample, r.Counterexample)
	// It does make getting stuck quicker: an Enactor that checked its plan
	// before the race (here enactor-2, plan 3, while enactor-3 is the fast
	// one) sends its batch straight after the clean-up, and it fails.
	p := verdict(t, r, Progress)
	require.Len(t, p.Counterexample, 13)
	assert.Equal(t, Step{N: 13, Actor: "enactor-2", Action: ActionApplyFailed, Plan: 3,
		Reason: ReasonRollbackMissing, Alias: 2, Rollback: 4}, p.Counterexample[12])
}

func TestSafeguards(t *testing.T) {
	type want struct{ addresses, active, progress bool } // true = violated
	tests := []struct {
		name string
		cfg  Config
		sg   safeguard.Set
		want want
	}{
		{"none/2", cfg(2, 5, 2), 0, want{true, true, true}},
		{"none/3", cfg(3, 5, 2), 0, want{true, true, true}},
		// One Enactor cannot race itself.
		{"none/1 enactor", cfg(1, 12, 1), 0, want{}},

		// The conditional batch makes the alias monotonic, and clean-up
		// only deletes plans older than one the alias has reached.
		{"apply-time-check/2", cfg(2, 5, 2), set(safeguard.ApplyTimeCheck), want{}},
		{"apply-time-check/3", cfg(3, 5, 2), set(safeguard.ApplyTimeCheck), want{}},
		{"apply-time-check/2x8 threshold 1", cfg(2, 8, 1), set(safeguard.ApplyTimeCheck), want{}},

		// The regression still happens, but clean-up spares its plan.
		{"spare-active-plan/2", cfg(2, 5, 2), set(safeguard.SpareActivePlan), want{}},
		{"spare-active-plan/3", cfg(3, 5, 2), set(safeguard.SpareActivePlan), want{}},
		{"spare-active-plan/2x8 threshold 1", cfg(2, 8, 1), set(safeguard.SpareActivePlan), want{}},

		// Self-healing does not stop the active plan being deleted, so the
		// endpoint still goes empty; but no batch ever fails, so the next
		// plan an Enactor applies brings the addresses back.
		{"self-healing-rollback/2", cfg(2, 5, 2), set(safeguard.SelfHealingRollback), want{true, true, false}},
		{"self-healing-rollback/3", cfg(3, 5, 2), set(safeguard.SelfHealingRollback), want{true, true, false}},

		// Fewer plans only lower the Planner's rate, which an untimed model
		// does not have: every bound still has the race.
		{"fewer-plans/2x5", cfg(2, 5, 2), set(safeguard.FewerPlans), want{true, true, true}},
		{"fewer-plans/3x5", cfg(3, 5, 2), set(safeguard.FewerPlans), want{true, true, true}},
		{"fewer-plans/2x8", cfg(2, 8, 2), set(safeguard.FewerPlans), want{true, true, true}},
		{"fewer-plans+self-healing-rollback", cfg(2, 5, 2), set(safeguard.FewerPlans, safeguard.SelfHealingRollback), want{true, true, false}},
		{"fewer-plans+apply-time-check", cfg(2, 5, 2), set(safeguard.FewerPlans, safeguard.ApplyTimeCheck), want{}},

		{"apply-time-check+self-healing-rollback", cfg(3, 5, 2), set(safeguard.ApplyTimeCheck, safeguard.SelfHealingRollback), want{}},
		{"unmodelled only", cfg(2, 5, 2), set(safeguard.ServeStale), want{true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRun(t, tt.cfg, tt.sg)
			got := want{
				verdict(t, r, EndpointHasAddresses).Violated,
				verdict(t, r, NeverDeleteActive).Violated,
				verdict(t, r, Progress).Violated,
			}
			assert.Equal(t, tt.want, got)
			n := 0
			for _, v := range []bool{got.addresses, got.active, got.progress} {
				if v {
					n++
				}
			}
			assert.Equal(t, n, r.Violations)
			if n == 0 {
				assert.Empty(t, r.Invariant)
				assert.NotNil(t, r.Counterexample)
				assert.Empty(t, r.Counterexample)
			}
		})
	}
}

// fewer-plans changes no interleaving: at every bound, with or without
// other safeguards, the exploration is the one without it, and the result
// says so.
func TestFewerPlansRemovesNoInterleaving(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		others   safeguard.Set
		violated bool // EndpointHasAddresses
		summary  string
	}{
		{"reference bounds", DefaultConfig(), 0, true,
			"possible: EndpointHasAddresses, NeverDeleteActive, Progress violated in some interleaving of 2 Enactors, 5 plans, clean-up threshold 2; " +
				"fewer-plans changes only rates and timing and removes no interleaving: on a real night it makes the race rarer, not impossible"},
		{"three Enactors", cfg(3, 5, 2), 0, true, ""},
		{"eight plans", cfg(2, 8, 2), 0, true, ""},
		{"threshold 1", cfg(2, 6, 1), 0, true, ""},
		{"with self-healing", DefaultConfig(), set(safeguard.SelfHealingRollback), true,
			"possible: EndpointHasAddresses, NeverDeleteActive violated in some interleaving of 2 Enactors, 5 plans, clean-up threshold 2; " +
				"fewer-plans changes only rates and timing and removes no interleaving: on a real night it makes the race rarer, not impossible"},
		{"with apply-time-check", cfg(3, 5, 2), set(safeguard.ApplyTimeCheck), false,
			"impossible in every interleaving of 3 Enactors, 5 plans, clean-up threshold 2; fewer-plans changes only rates and timing and removes no interleaving"},
		{"with an unmodelled one", DefaultConfig(), set(safeguard.ServeStale), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			without := mustRun(t, tt.cfg, tt.others)
			with := mustRun(t, tt.cfg, tt.others.With(safeguard.FewerPlans))

			assert.Equal(t, without.States, with.States)
			assert.Equal(t, without.Transitions, with.Transitions)
			assert.Equal(t, without.Depth, with.Depth)
			assert.Equal(t, without.Invariants, with.Invariants)
			assert.Equal(t, tt.violated, verdict(t, with, EndpointHasAddresses).Violated)

			assert.Equal(t, []string{"fewer-plans"}, with.RateOnly)
			assert.Equal(t, []string{}, without.RateOnly)
			assert.NotContains(t, with.Unmodelled, "fewer-plans")
			assert.Contains(t, with.Summary, "fewer-plans changes only rates and timing and removes no interleaving")
			assert.NotContains(t, without.Summary, "fewer-plans")
			if tt.summary != "" {
				assert.Equal(t, tt.summary, with.Summary)
			}
		})
	}
	// At the reference bounds the shortest race is the night's.
	r := mustRun(t, DefaultConfig(), set(safeguard.FewerPlans))
	assert.Equal(t, referenceCounterexample, r.Counterexample)
}

// Every verdict names the bounds it holds within.
func TestBoundsWording(t *testing.T) {
	tests := []struct {
		cfg     Config
		sg      safeguard.Set
		bounds  string
		summary string
	}{
		{DefaultConfig(), 0, "2 Enactors, 5 plans, clean-up threshold 2",
			"possible: EndpointHasAddresses, NeverDeleteActive, Progress violated in some interleaving of 2 Enactors, 5 plans, clean-up threshold 2"},
		{cfg(3, 8, 2), set(safeguard.ApplyTimeCheck), "3 Enactors, 8 plans, clean-up threshold 2",
			"impossible in every interleaving of 3 Enactors, 8 plans, clean-up threshold 2"},
		{cfg(3, 5, 2), set(safeguard.SpareActivePlan), "3 Enactors, 5 plans, clean-up threshold 2",
			"impossible in every interleaving of 3 Enactors, 5 plans, clean-up threshold 2"},
		{cfg(1, 12, 1), 0, "1 Enactor, 12 plans, clean-up threshold 1",
			"impossible in every interleaving of 1 Enactor, 12 plans, clean-up threshold 1"},
		{cfg(2, 5, 2), set(safeguard.SelfHealingRollback), "2 Enactors, 5 plans, clean-up threshold 2",
			"possible: EndpointHasAddresses, NeverDeleteActive violated in some interleaving of 2 Enactors, 5 plans, clean-up threshold 2"},
	}
	for _, tt := range tests {
		t.Run(tt.bounds, func(t *testing.T) {
			assert.Equal(t, tt.bounds, tt.cfg.Bounds())
			r := mustRun(t, tt.cfg, tt.sg)
			assert.Equal(t, tt.bounds, r.Bounds)
			assert.Equal(t, tt.summary, r.Summary)

			var buf bytes.Buffer
			require.NoError(t, r.WriteText(&buf))
			assert.Contains(t, buf.String(), "\nVerdict: "+tt.summary+".\n")
		})
	}
}

func TestUnmodelled(t *testing.T) {
	sg := set(safeguard.ServeStale, safeguard.MultiRegionApps, safeguard.SpareActivePlan)
	r := mustRun(t, DefaultConfig(), sg)
	assert.Equal(t, []string{"serve-stale", "multi-region-apps"}, r.Unmodelled)
	assert.Equal(t, []string{"spare-active-plan", "serve-stale", "multi-region-apps"}, r.Safeguards)
	assert.Zero(t, r.Violations)

	// Unmodelled safeguards change nothing.
	a := mustRun(t, DefaultConfig(), set(safeguard.ServeStale, safeguard.KeepLastGood))
	b := mustRun(t, DefaultConfig(), 0)
	assert.Equal(t, b.States, a.States)
	assert.Equal(t, b.Invariants, a.Invariants)

	assert.Equal(t, []string{}, b.Unmodelled)
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want []string // substrings of the error; nil = valid
	}{
		{"default", DefaultConfig(), nil},
		{"smallest", cfg(1, 2, 1), nil},
		{"largest", Config{Enactors: 4, Plans: 12, Threshold: 12, MaxStates: 10}, nil},
		{"no enactors", cfg(0, 5, 2), []string{"enactors = 0", "1..4"}},
		{"too many enactors", cfg(5, 5, 2), []string{"enactors = 5", "1..4"}},
		{"one plan", cfg(2, 1, 1), []string{"plans = 1", "2..12"}},
		{"too many plans", cfg(2, 13, 2), []string{"plans = 13", "2..12"}},
		{"threshold 0", cfg(2, 5, 0), []string{"threshold = 0", "1..5"}},
		{"threshold above plans", cfg(2, 5, 6), []string{"threshold = 6", "1..5"}},
		{"negative max states", Config{Enactors: 2, Plans: 5, Threshold: 2, MaxStates: -1}, []string{"max states = -1"}},
		{"zero value", Config{}, []string{"enactors = 0", "plans = 0", "threshold = 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			_, runErr := Run(tt.cfg, 0)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, err, runErr)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestMaxStates(t *testing.T) {
	c := DefaultConfig()
	c.MaxStates = 100
	_, err := Run(c, 0)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "more than 100 states")
}

func TestDeterministic(t *testing.T) {
	a := mustRun(t, cfg(3, 5, 2), 0)
	b := mustRun(t, cfg(3, 5, 2), 0)
	a.ElapsedMS, b.ElapsedMS = 0, 0
	assert.Equal(t, a, b)
}

func TestResultJSON(t *testing.T) {
	for _, sg := range []safeguard.Set{0, set(safeguard.ApplyTimeCheck, safeguard.ServeStale)} {
		r := mustRun(t, DefaultConfig(), sg)
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(b, &m))
		for _, k := range []string{"states", "transitions", "violations", "invariant", "counterexample",
			"elapsed_ms", "unmodelled", "config", "safeguards", "invariants", "depth", "bounds", "rate_only", "summary"} {
			assert.Contains(t, m, k)
		}
		assert.IsType(t, []any{}, m["counterexample"], "counterexample is an array, never null")
		assert.IsType(t, []any{}, m["unmodelled"], "unmodelled is an array, never null")
		assert.IsType(t, []any{}, m["rate_only"], "rate_only is an array, never null")
		assert.Equal(t, "2 Enactors, 5 plans, clean-up threshold 2", m["bounds"])
		assert.Contains(t, m["summary"], "interleaving of 2 Enactors, 5 plans, clean-up threshold 2")

		var back Result
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, r, back)
	}
	b, err := json.Marshal(referenceCounterexample[9])
	require.NoError(t, err)
	assert.JSONEq(t, `{"step":10,"actor":"enactor-2","action":"cleanup","plan":4,"deleted":[1,2],"alias":2,"rollback":4,"addresses":false}`, string(b))
}

func TestWriteText(t *testing.T) {
	r := mustRun(t, DefaultConfig(), set(safeguard.ServeStale))
	var buf bytes.Buffer
	require.NoError(t, r.WriteText(&buf))
	out := buf.String()
	for _, want := range []string{
		"DNS race check: 2 Enactors, 5 plan generations, clean-up deletes plans 2+ generations older",
		"Safeguards: serve-stale",
		"Explored 2,208 states, 4,813 transitions (depth 18)",
		"states/s",
		"EndpointHasAddresses  VIOLATED in 75 states; shortest counterexample 10 steps",
		"Progress              VIOLATED",
		"Unmodelled safeguards (they act outside the DNS automation; no effect here): serve-stale",
		"Shortest counterexample for EndpointHasAddresses (10 steps):",
		"    1. planner issues plan 2\n",
		"    3. enactor-1 checks plan 2: newer than alias 1, goes on\n",
		"    8. enactor-2 applies plan 4 → alias 4, rollback 1\n",
		"    9. enactor-1 applies plan 2 → alias 2, rollback 4\n",
		"   10. enactor-2 cleans up after plan 4, deleting plans 1, 2 → alias 2 names a deleted plan: the endpoint has NO addresses\n",
		"NeverDeleteActive: the same 10 steps as EndpointHasAddresses.",
		"   14. enactor-1's batch for plan 4 FAILS: its rollback target, plan 2, no longer exists\n",
	} {
		assert.Contains(t, out, want)
	}

	buf.Reset()
	r = mustRun(t, DefaultConfig(), set(safeguard.FewerPlans, safeguard.ApplyTimeCheck))
	require.NoError(t, r.WriteText(&buf))
	out = buf.String()
	assert.Contains(t, out, "DNS race check: 2 Enactors, 5 plan generations, clean-up deletes plans 2+ generations older")
	assert.Contains(t, out, "EndpointHasAddresses  holds")
	assert.Contains(t, out, "Rate-only safeguards (they change only rates or timing; the model is untimed, so they remove no interleaving and change nothing here): fewer-plans\n")
	assert.Contains(t, out, "Verdict: impossible in every interleaving of 2 Enactors, 5 plans, clean-up threshold 2; fewer-plans changes only rates and timing and removes no interleaving.\n")
	assert.NotContains(t, out, "Unmodelled")
	assert.NotContains(t, out, "counterexample")

	// fewer-plans alone: the race is still there, and the output says why.
	buf.Reset()
	r = mustRun(t, DefaultConfig(), set(safeguard.FewerPlans))
	require.NoError(t, r.WriteText(&buf))
	out = buf.String()
	assert.Contains(t, out, "EndpointHasAddresses  VIOLATED in 75 states; shortest counterexample 10 steps")
	assert.Contains(t, out, "Rate-only safeguards")
	assert.Contains(t, out, "on a real night it makes the race rarer, not impossible.\n")
	assert.Contains(t, out, "   10. enactor-2 cleans up after plan 4, deleting plans 1, 2 → alias 2 names a deleted plan: the endpoint has NO addresses\n")

	assert.Error(t, r.WriteText(failWriter{}))
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestStepString(t *testing.T) {
	tests := []struct {
		step Step
		want string
	}{
		{Step{Actor: "enactor-1", Action: ActionCheckStale, Plan: 3, Alias: 4}, "enactor-1 checks plan 3: not newer than alias 4, drops it"},
		{Step{Actor: "enactor-2", Action: ActionApplyRefused, Plan: 2, Reason: ReasonStale, Alias: 4}, "enactor-2's batch for plan 2 is refused: alias already at 4 (apply-time check)"},
		{Step{Actor: "enactor-2", Action: ActionApplyRefused, Plan: 2, Reason: ReasonPlanDeleted}, "enactor-2 drops plan 2: clean-up deleted it before its batch went out"},
		{Step{Actor: "enactor-3", Action: ActionApply, Plan: 5, Reason: ReasonSelfHealed, Alias: 5, Rollback: 5}, "enactor-3 applies plan 5 although its rollback target is gone (self-healing) → alias 5, rollback 5"},
		{Step{Actor: "enactor-1", Action: ActionCleanup, Plan: 3, Alias: 3}, "enactor-1 cleans up after plan 3, deleting nothing"},
		{Step{Actor: "enactor-1", Action: ActionCleanup, Plan: 3, Deleted: []int{1}, Alias: 3}, "enactor-1 cleans up after plan 3, deleting plan 1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.step.String())
	}
}

// TestShortest checks breadth-first minimality independently: a bounded
// depth-first search finds no run to an empty endpoint shorter than the
// reported counterexample.
func TestShortest(t *testing.T) {
	for _, c := range []Config{cfg(2, 5, 2), cfg(2, 6, 3), cfg(3, 5, 2), cfg(2, 5, 1)} {
		r := mustRun(t, c, 0)
		ce := verdict(t, r, EndpointHasAddresses).Counterexample
		require.NotEmpty(t, ce)
		m := newModel(c, 0)
		assert.False(t, reachEmptyWithin(m, m.initial(), len(ce)-1, map[uint64]int{}), "%+v", c)
		assert.True(t, reachEmptyWithin(m, m.initial(), len(ce), map[uint64]int{}), "%+v", c)
	}
}

func reachEmptyWithin(m *model, s state, depth int, seen map[uint64]int) bool {
	if !s.hasAddresses() {
		return true
	}
	k := s.pack()
	if d, ok := seen[k]; ok && d >= depth {
		return false
	}
	seen[k] = depth
	if depth == 0 {
		return false
	}
	var out [maxEnactors + 1]edge
	n := m.successors(s, &out)
	for _, e := range out[:n] {
		if reachEmptyWithin(m, e.next, depth-1, seen) {
			return true
		}
	}
	return false
}

func TestPackRoundTrip(t *testing.T) {
	s := state{issued: 12, deleted: 0xabc, alias: 11, rollback: 9,
		last: [maxEnactors]uint8{12, 1, 7, 15}, phase: [maxEnactors]phase{applied, idle, checked, received}}
	assert.Equal(t, s, unpack(s.pack()))
	assert.Less(t, s.pack(), uint64(1)<<48)
}

// With self-healing-rollback the endpoint still goes empty, but only for a
// while: every run that the model lets finish ends with addresses. Without
// it some runs end empty and stuck.
func TestSelfHealingRecovers(t *testing.T) {
	for _, c := range []Config{cfg(2, 5, 2), cfg(3, 5, 2), cfg(2, 8, 1)} {
		for _, heal := range []bool{false, true} {
			var sg safeguard.Set
			if heal {
				sg = set(safeguard.SelfHealingRollback)
			}
			m := newModel(c, sg)
			g, err := explore(m, m.initial(), DefaultMaxStates)
			require.NoError(t, err)
			var out [maxEnactors + 1]edge
			endsEmpty := 0
			for _, k := range g.keys {
				if s := unpack(k); m.successors(s, &out) == 0 && !s.hasAddresses() {
					endsEmpty++
				}
			}
			if heal {
				assert.Zero(t, endsEmpty, "%+v", c)
			} else {
				assert.Positive(t, endsEmpty, "%+v", c)
			}
		}
	}
}

package check

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const goldenScript = "testdata/reference-counterexample.json"

func referenceScript(t testing.TB) Script {
	t.Helper()
	sc, err := mustRun(t, DefaultConfig(), 0).Script(EndpointHasAddresses)
	require.NoError(t, err)
	return sc
}

func encode(t testing.TB, sc Script) []byte {
	t.Helper()
	b, err := sc.Encode()
	require.NoError(t, err)
	return b
}

func TestScriptRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		cfg Config
		sg  safeguard.Set
		inv string
	}{
		{DefaultConfig(), 0, EndpointHasAddresses},
		{DefaultConfig(), 0, NeverDeleteActive},
		{DefaultConfig(), 0, Progress},
		{cfg(3, 5, 2), set(safeguard.ServeStale), Progress},
		{cfg(3, 5, 2), set(safeguard.SelfHealingRollback), EndpointHasAddresses},
	} {
		t.Run(tt.inv, func(t *testing.T) {
			sc, err := mustRun(t, tt.cfg, tt.sg).Script(tt.inv)
			require.NoError(t, err)
			assert.Equal(t, ScriptVersion, sc.Version)
			assert.Equal(t, tt.inv, sc.Invariant)
			back, err := Decode(encode(t, sc))
			require.NoError(t, err)
			assert.Equal(t, sc, back)
			assert.Equal(t, encode(t, sc), encode(t, back))
		})
	}
}

func TestScriptStates(t *testing.T) {
	sc := referenceScript(t)
	assert.Equal(t, Snapshot{
		Issued: 1, Alias: 1, Addresses: true, Plans: []int{1}, Deleted: []int{},
		Enactors: []EnactorState{{Phase: "idle", Last: 1}, {Phase: "idle", Last: 1}},
	}, sc.Initial)
	require.Len(t, sc.Steps, 10)
	assert.Equal(t, Snapshot{
		Issued: 4, Alias: 2, Rollback: 4, Addresses: false, Plans: []int{3, 4}, Deleted: []int{1, 2},
		Enactors: []EnactorState{{Phase: "applied", Plan: 2, Last: 2}, {Phase: "idle", Last: 4}},
	}, sc.Steps[9].State)
	assert.Equal(t, referenceCounterexample[9], sc.Steps[9].Step)
}

func TestScriptGolden(t *testing.T) {
	got := encode(t, referenceScript(t))
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(goldenScript), 0o755))
		require.NoError(t, os.WriteFile(goldenScript, got, 0o644))
	}
	want, err := os.ReadFile(goldenScript)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), string(got))
	_, err = Decode(want)
	assert.NoError(t, err)
}

func TestScriptErrors(t *testing.T) {
	_, err := mustRun(t, DefaultConfig(), set(safeguard.ApplyTimeCheck)).Script(EndpointHasAddresses)
	assert.ErrorContains(t, err, "holds")
	_, err = mustRun(t, DefaultConfig(), 0).Script("Liveness")
	assert.ErrorContains(t, err, "unknown invariant")

	// A run that does not violate what it claims is refused.
	_, err = NewScript(DefaultConfig(), 0, EndpointHasAddresses, referenceCounterexample[:9])
	assert.ErrorContains(t, err, "still has addresses")
	_, err = NewScript(DefaultConfig(), 0, Progress, referenceCounterexample)
	assert.ErrorContains(t, err, "not a failed batch")
	_, err = NewScript(DefaultConfig(), 0, NeverDeleteActive, referenceProgressCounterexample[:12])
	assert.ErrorContains(t, err, "does not delete the active plan")
	// Any prefix of a real run is a valid script without a claim.
	sc, err := NewScript(DefaultConfig(), 0, "", referenceCounterexample[:4])
	require.NoError(t, err)
	_, err = Decode(encode(t, sc))
	assert.NoError(t, err)
}

func TestDecodeRejects(t *testing.T) {
	good := referenceScript(t)
	mutate := func(f func(*Script)) []byte {
		sc := referenceScript(t)
		sc.Steps = append([]ScriptStep(nil), sc.Steps...)
		f(&sc)
		return encode(t, sc)
	}
	goodJSON := string(encode(t, good))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bad script"},
		{"not JSON", []byte("steps: 1"), "bad script"},
		{"array", []byte("[1,2]"), "bad script"},
		{"null", []byte("null"), "no version"},
		{"no version", []byte(`{"steps":[]}`), "no version"},
		{"version 2", []byte(`{"version":2}`), "unsupported script version 2"},
		{"version string", []byte(`{"version":"1"}`), "bad script"},
		{"unknown field", []byte(strings.Replace(goodJSON, `"version": 1,`, `"version": 1, "colour": "red",`, 1)), `unknown field "colour"`},
		{"trailing data", []byte(goodJSON + "{}"), "after top-level value"},
		{"bad config", mutate(func(s *Script) { s.Config.Enactors = 9 }), "enactors = 9: valid range is 1..4"},
		{"unknown safeguard", mutate(func(s *Script) { s.Safeguards = []string{"magic"} }), `unknown safeguard "magic"`},
		{"unknown invariant", mutate(func(s *Script) { s.Invariant = "Safety" }), `unknown invariant "Safety"`},
		{"actor out of range", mutate(func(s *Script) { s.Steps[1].Actor = "enactor-3" }), `actor "enactor-3": valid actors are planner and enactor-1..enactor-2`},
		{"actor zero", mutate(func(s *Script) { s.Steps[1].Actor = "enactor-0" }), `actor "enactor-0"`},
		{"actor padded", mutate(func(s *Script) { s.Steps[1].Actor = "enactor-01" }), `actor "enactor-01"`},
		{"actor unknown", mutate(func(s *Script) { s.Steps[1].Actor = "operator" }), `actor "operator"`},
		{"action unknown", mutate(func(s *Script) { s.Steps[1].Action = "reboot" }), "unknown action; valid actions: issue, receive"},
		{"numbering", mutate(func(s *Script) { s.Steps[3].N = 7 }), "step 4 (planner issue): numbered 7"},
		{"wrong action", mutate(func(s *Script) { s.Steps[2].Action = ActionCheckStale }), "the model's move for enactor-1 here is check"},
		{"idle actor", mutate(func(s *Script) { s.Steps[0].Actor = "enactor-1"; s.Steps[0].Action = "receive" }), "enactor-1 has nothing to do here"},
		{"wrong plan", mutate(func(s *Script) { s.Steps[8].Plan = 3 }), "plan 3 recorded, the model's is 2"},
		{"wrong deletions", mutate(func(s *Script) { s.Steps[9].Deleted = []int{1} }), "deleted [1] recorded, the model deletes [1 2]"},
		{"wrong alias", mutate(func(s *Script) { s.Steps[8].Alias = 4 }), "alias 4, rollback 4 recorded"},
		{"wrong reason", mutate(func(s *Script) { s.Steps[8].Reason = ReasonSelfHealed }), `reason "self-healed" recorded`},
		{"wrong addresses", mutate(func(s *Script) { s.Steps[9].Addresses = true }), "addresses true recorded"},
		{"wrong state", mutate(func(s *Script) { s.Steps[5].State.Plans = []int{1, 2, 3} }), "step 6: the recorded state differs"},
		{"wrong initial", mutate(func(s *Script) { s.Initial.Alias = 0 }), "initial state"},
		{"claim not met", mutate(func(s *Script) { s.Steps = s.Steps[:9] }), "still has addresses"},
		{"safeguard changes the run", mutate(func(s *Script) { s.Safeguards = []string{"apply-time-check"} }), "the model's move for enactor-1 here is apply-refused"},
		{"too many steps", mutate(func(s *Script) {
			s.Steps = make([]ScriptStep, maxScriptSteps+1)
		}), "1001 steps; the limit is 1000"},
		{"too large", append([]byte(`{"version":1,"x":"`), bytes.Repeat([]byte("a"), maxScriptBytes)...), "the limit is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Decode(tt.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Zero(t, sc.Version)
		})
	}
}

func TestReplay(t *testing.T) {
	snaps, err := Replay(DefaultConfig(), 0, referenceCounterexample)
	require.NoError(t, err)
	require.Len(t, snaps, 11)
	for _, s := range snaps[:10] {
		assert.True(t, s.Addresses)
	}
	assert.False(t, snaps[10].Addresses)
	assert.Equal(t, 2, snaps[10].Alias)
	assert.NotContains(t, snaps[10].Plans, 2)

	// The same moves with apply-time-check on: the slow Enactor's batch
	// is refused at step 9.
	_, err = Replay(DefaultConfig(), set(safeguard.ApplyTimeCheck), referenceCounterexample)
	assert.ErrorContains(t, err, "step 9 (enactor-1 apply): the model's move for enactor-1 here is apply-refused")

	_, err = Replay(Config{}, 0, nil)
	assert.ErrorContains(t, err, "invalid config")

	require.NoError(t, Confirm(DefaultConfig(), 0, EndpointHasAddresses, referenceCounterexample))
	require.NoError(t, Confirm(DefaultConfig(), 0, NeverDeleteActive, referenceCounterexample))
	require.NoError(t, Confirm(DefaultConfig(), 0, Progress, referenceProgressCounterexample))
	assert.ErrorContains(t, Confirm(DefaultConfig(), 0, "Nope", referenceCounterexample), "unknown invariant")
	assert.ErrorContains(t, Confirm(DefaultConfig(), 0, Progress, nil), "empty run")
}

func FuzzDecode(f *testing.F) {
	good := encode(f, referenceScript(f))
	f.Add(good)
	if b, err := os.ReadFile(goldenScript); err == nil {
		f.Add(b)
	}
	progress, err := mustRun(f, DefaultConfig(), 0).Script(Progress)
	require.NoError(f, err)
	f.Add(encode(f, progress))
	for _, s := range []string{
		"", "{}", "null", "[]", `{"version":1}`, `{"version":1,"config":{"enactors":2,"plans":5,"threshold":2}}`,
		`{"version":1,"config":{"enactors":4,"plans":12,"threshold":1},"steps":[{"step":1,"actor":"enactor-4","action":"receive"}]}`,
		`{"version":-1}`, `{"version":1e400}`, `{"version":1,"steps":[null]}`, `{"version":1,"safeguards":[""]}`,
		`{"version":1,"config":{"enactors":2,"plans":5,"threshold":2},"invariant":"Progress","steps":[]}`,
		string(good[:len(good)/2]),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Decode(data)
		if err != nil {
			return
		}
		// Whatever decodes must survive a round trip unchanged.
		again, err := Decode(encode(t, sc))
		require.NoError(t, err)
		require.Equal(t, sc, again)
	})
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/check"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
)

// call runs the command line in-process.
func call(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// realClock is a milestone's real PES time as the text output prints it.
func realClock(m scenario.Milestone) string {
	if m.Day > 0 {
		return fmt.Sprintf("%s+%d", m.Clock(), m.Day)
	}
	return m.Clock()
}

// line returns the first line of text whose first field is id.
func line(text, id string) (string, bool) {
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == id {
			return l, true
		}
	}
	return "", false
}

func TestRunTextShowsEveryCanonicalEvent(t *testing.T) {
	sc := scenario.Default()
	tests := []struct {
		name       string
		safeguards string
		// missing lists canonical events that must be reported as not
		// happening.
		missing []string
		want    []string
	}{
		{name: "the real night", want: []string{"safeguards: none (the real night)", "Verdict: The real night: no safeguards."}},
		{name: "a safeguard that prevents it", safeguards: "apply-time-check",
			missing: []string{"dns.record_empty", "dwfm.collapse", "nlb.errors_start", "event.end"},
			want:    []string{"safeguards: apply-time-check", "Verdict: Prevented", "Why: "}},
		{name: "a safeguard that does not help", safeguards: "serve-stale",
			want: []string{"Verdict: Unchanged", "Why: Nothing in the chain of events changed."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"run"}
			if tt.safeguards != "" {
				args = append(args, "--safeguards", tt.safeguards)
			}
			code, out, errOut := call(args...)
			require.Equal(t, 0, code, errOut)
			assert.Empty(t, errOut)
			set, err := safeguard.Parse(tt.safeguards)
			require.NoError(t, err)
			r := sim.RunWith(sc, set, sc.Seed, sim.Options{})
			for _, m := range scenario.Timeline {
				l, ok := line(out, m.ID)
				if !assert.True(t, ok, "no line for %s", m.ID) {
					continue
				}
				assert.Contains(t, l, realClock(m), "real time of %s", m.ID)
				e, happened := r.First(m.ID)
				if happened {
					assert.Contains(t, l, clock(e.At), "simulated time of %s", m.ID)
					assert.NotContains(t, l, "-0 ", "a zero difference prints as +0")
				} else {
					assert.Contains(t, l, "did not happen", m.ID)
				}
			}
			for _, id := range tt.missing {
				l, _ := line(out, id)
				assert.Contains(t, l, "did not happen", id)
			}
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
			for _, so := range r.Services {
				_, ok := line(out, so.ID)
				assert.True(t, ok, "no outage line for %s", so.ID)
			}
			assert.Contains(t, out, "Impact: DynamoDB")
		})
	}
}

func TestRunOddlyWrittenSafeguards(t *testing.T) {
	for _, list := range []string{" Apply-Time-Check , SERVE-STALE ", "serve-stale,,apply-time-check,", "apply-time-check,apply-time-check,serve-stale"} {
		t.Run(list, func(t *testing.T) {
			code, out, errOut := call("run", "--safeguards", list)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "safeguards: apply-time-check,serve-stale")
		})
	}
}

// keys returns an object's keys, sorted.
func keys(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "not an object: %v", v)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "not an object: %#v", v)
	return m
}

func arr(t *testing.T, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	require.True(t, ok, "not an array: %#v", v)
	return a
}

// stampOK checks an RFC 3339 time with the PDT offset.
func stampOK(t *testing.T, v any, what string) time.Time {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok, "%s is not a string: %#v", what, v)
	assert.True(t, strings.HasSuffix(s, "-07:00"), "%s = %q: want the -07:00 offset", what, s)
	tm, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err, what)
	return tm
}

func TestRunJSONHasTheDesignFields(t *testing.T) {
	sc := scenario.Default()
	tests := []struct {
		name       string
		safeguards string
		kind       verdict.Kind
		nullEnd    bool
	}{
		{"the real night", "", verdict.Baseline, false},
		{"prevented: nothing ends, impact.end is null", "spare-active-plan", verdict.Prevented, true},
		{"shortened", "empty-endpoint-alarm", verdict.Shortened, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call("run", "--json", "--safeguards", tt.safeguards)
			require.Equal(t, 0, code, errOut)
			var doc map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &doc))
			for _, k := range []string{"events", "services", "impact", "verdict"} {
				require.Contains(t, doc, k)
			}
			ids := map[string]bool{}
			for i, e := range arr(t, doc["events"]) {
				ev := obj(t, e)
				id, ok := ev["id"].(string)
				require.True(t, ok, "events[%d].id", i)
				ids[id] = true
				stampOK(t, ev["at"], fmt.Sprintf("events[%d].at", i))
			}
			set, _ := safeguard.Parse(tt.safeguards)
			r := sim.RunWith(sc, set, sc.Seed, sim.Options{})
			for _, m := range scenario.Timeline {
				_, happened := r.First(m.ID)
				assert.Equal(t, happened, ids[m.ID], "canonical event %s in JSON", m.ID)
			}
			services := arr(t, doc["services"])
			require.Len(t, services, len(r.Services))
			for i, s := range services {
				so := obj(t, s)
				assert.Equal(t, r.Services[i].ID, so["id"])
				assert.IsType(t, float64(0), so["minutes"], "services[%d].minutes", i)
				for j, o := range arr(t, so["outages"]) {
					what := fmt.Sprintf("services[%d].outages[%d]", i, j)
					assert.Equal(t, []string{"end", "severity", "start"}, keys(t, o), what)
					oo := obj(t, o)
					start, end := stampOK(t, oo["start"], what+".start"), stampOK(t, oo["end"], what+".end")
					assert.True(t, end.After(start), what)
					assert.Contains(t, []any{"down", "degraded"}, oo["severity"], what)
				}
			}
			impact := obj(t, doc["impact"])
			assert.Equal(t, []string{"app_hours", "chain_hours", "dynamodb_minutes", "ec2_launch_minutes", "end", "independent_hours",
				"nlb_error_minutes", "nlb_error_share_minutes", "nlb_peak_errors", "service_hours"}, keys(t, impact))
			for _, k := range []string{"app_hours", "chain_hours", "dynamodb_minutes", "ec2_launch_minutes", "independent_hours",
				"nlb_error_minutes", "nlb_error_share_minutes", "nlb_peak_errors", "service_hours"} {
				assert.IsType(t, float64(0), impact[k], "impact.%s", k)
			}
			if tt.nullEnd {
				assert.Nil(t, impact["end"], "nothing the race causes was disrupted")
				assert.Zero(t, impact["chain_hours"])
				assert.Equal(t, impact["independent_hours"], impact["service_hours"], "only Redshift's own defect")
			} else {
				end := stampOK(t, impact["end"], "impact.end")
				assert.Equal(t, r.Impact.End.Wall().Unix(), end.Unix())
			}
			v := obj(t, doc["verdict"])
			assert.Equal(t, string(tt.kind), v["kind"])
			summary, _ := v["summary"].(string)
			assert.NotEmpty(t, summary)
		})
	}
}

func TestMatrix(t *testing.T) {
	all := safeguard.IDs()
	t.Run("text names every safeguard", func(t *testing.T) {
		code, out, errOut := call("matrix")
		require.Equal(t, 0, code, errOut)
		for _, id := range all {
			l, ok := line(out, string(id))
			if assert.True(t, ok, "no row for %s", id) {
				assert.Regexp(t, `prevented|avoided|contained|shortened|unchanged|worse`, l)
			}
		}
		assert.Contains(t, out, "Smallest sets that prevent the outage:")
		assert.Contains(t, out, "Best pairs (of 105)")
	})
	t.Run("json ranks every single and every pair", func(t *testing.T) {
		code, out, errOut := call("matrix", "--json")
		require.Equal(t, 0, code, errOut)
		var b struct {
			Seed     uint64
			Baseline map[string]any
			Singles  []struct {
				Safeguards []string
				Verdict    verdict.Verdict
			}
			Pairs []struct {
				Safeguards []string
				Verdict    verdict.Verdict
			}
			Smallest [][]string
		}
		require.NoError(t, json.Unmarshal([]byte(out), &b))
		assert.Equal(t, scenario.Default().Seed, b.Seed)
		assert.Contains(t, b.Baseline, "service_hours")
		require.Len(t, b.Singles, len(all))
		require.Len(t, b.Pairs, len(all)*(len(all)-1)/2)
		seen := map[string]bool{}
		for i, e := range b.Singles {
			require.Len(t, e.Safeguards, 1)
			seen[e.Safeguards[0]] = true
			if i > 0 {
				assertRanked(t, b.Singles[i-1].Verdict, e.Verdict)
			}
		}
		for _, id := range all {
			assert.True(t, seen[string(id)], "single %s", id)
		}
		pairs := map[string]bool{}
		for i, e := range b.Pairs {
			require.Len(t, e.Safeguards, 2)
			pairs[strings.Join(e.Safeguards, "+")] = true
			if i > 0 {
				assertRanked(t, b.Pairs[i-1].Verdict, e.Verdict)
			}
		}
		assert.Len(t, pairs, len(b.Pairs), "every pair once")
		require.NotEmpty(t, b.Smallest)
	})
}

func assertRanked(t *testing.T, prev, cur verdict.Verdict) {
	t.Helper()
	pr, cr := prev.Kind.Rank(), cur.Kind.Rank()
	assert.LessOrEqual(t, pr, cr, "%s before %s", prev.Kind, cur.Kind)
	if pr == cr {
		assert.GreaterOrEqual(t, prev.SavedHours, cur.SavedHours)
	}
}

func TestCheck(t *testing.T) {
	t.Run("text states every invariant", func(t *testing.T) {
		code, out, errOut := call("check")
		require.Equal(t, 0, code, errOut)
		for _, inv := range check.Invariants {
			l, ok := line(out, inv)
			if assert.True(t, ok, "no line for %s", inv) {
				assert.Contains(t, l, "VIOLATED")
			}
		}
		assert.Contains(t, out, "Shortest counterexample for EndpointHasAddresses")
		assert.Contains(t, out, "NO addresses")
	})
	t.Run("text with the fix: every invariant holds", func(t *testing.T) {
		code, out, errOut := call("check", "--safeguards", "apply-time-check")
		require.Equal(t, 0, code, errOut)
		for _, inv := range check.Invariants {
			l, ok := line(out, inv)
			if assert.True(t, ok, "no line for %s", inv) {
				assert.Contains(t, l, "holds")
			}
		}
	})
	tests := []struct {
		name       string
		args       []string
		violations int
		invariant  string
	}{
		{"the reference model", nil, 3, check.EndpointHasAddresses},
		{"apply-time-check", []string{"--safeguards", "apply-time-check"}, 0, ""},
		{"spare-active-plan", []string{"--safeguards", "spare-active-plan"}, 0, ""},
		{"three enactors", []string{"--enactors", "3", "--plans", "4", "--threshold", "2"}, 3, check.EndpointHasAddresses},
	}
	for _, tt := range tests {
		t.Run("json: "+tt.name, func(t *testing.T) {
			code, out, errOut := call(append([]string{"check", "--json"}, tt.args...)...)
			require.Equal(t, 0, code, errOut)
			var doc map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &doc))
			for _, k := range []string{"states", "violations", "invariant", "counterexample", "elapsed_ms"} {
				require.Contains(t, doc, k)
			}
			assert.Greater(t, doc["states"], float64(0))
			assert.Equal(t, float64(tt.violations), doc["violations"])
			assert.Equal(t, tt.invariant, doc["invariant"])
			assert.IsType(t, float64(0), doc["elapsed_ms"])
			steps := arr(t, doc["counterexample"])
			if tt.violations == 0 {
				assert.Empty(t, steps)
				return
			}
			require.NotEmpty(t, steps)
			last := obj(t, steps[len(steps)-1])
			assert.Equal(t, false, last["addresses"], "the counterexample ends with an empty endpoint")
			for i, s := range steps {
				st := obj(t, s)
				assert.Equal(t, float64(i+1), st["step"])
				assert.NotEmpty(t, st["actor"])
				assert.NotEmpty(t, st["action"])
			}
		})
	}
	t.Run("script of the counterexample", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "race.json")
		code, _, errOut := call("check", "--script", path)
		require.Equal(t, 0, code, errOut)
		assert.FileExists(t, path)
	})
	t.Run("script when nothing is violated", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "race.json")
		code, _, errOut := call("check", "--safeguards", "apply-time-check", "--script", path)
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, errOut, "no counterexample")
		assert.NoFileExists(t, path)
	})
	t.Run("script to an unwritable path", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "no", "such", "dir", "race.json")
		code, _, errOut := call("check", "--script", path)
		assert.Equal(t, 1, code)
		assert.Contains(t, errOut, "writing script")
	})
}

// validIDs is every safeguard id, as error messages must list them.
func validIDs() []string {
	var out []string
	for _, id := range safeguard.IDs() {
		out = append(out, string(id))
	}
	return out
}

func TestBadUsageExitsTwo(t *testing.T) {
	png := filepath.Join(t.TempDir(), "x.png")
	commands := []string{"run, matrix, check, seeds, chart"}
	tests := []struct {
		name string
		args []string
		want []string // in the error output
	}{
		{"no command", nil, []string{"usage: outage-sim <command>", "run", "matrix", "check", "seeds", "chart"}},
		{"unknown command", []string{"simulate"}, append([]string{`unknown command "simulate"`}, commands...)},
		{"a flag instead of a command", []string{"--json"}, append([]string{`unknown command "--json"`}, commands...)},
		{"command in capitals", []string{"RUN"}, []string{`unknown command "RUN"`}},
		{"unknown safeguard", []string{"run", "--safeguards", "bogus"}, append([]string{`unknown safeguard "bogus"`}, validIDs()...)},
		{"unknown mixed with valid", []string{"run", "--safeguards", "apply-time-check,bogus,serve-stale"}, append([]string{`"bogus"`, "valid safeguards:"}, validIDs()...)},
		{"unknown with odd spacing and casing", []string{"run", "--safeguards", " Apply-Time-Check ,  Nope "}, []string{`"  Nope "`, "valid safeguards: apply-time-check"}},
		{"two unknown", []string{"run", "--safeguards", "zz,aa"}, []string{`"aa", "zz"`}},
		{"unknown safeguard for check", []string{"check", "--safeguards", "bogus"}, []string{`unknown safeguard "bogus"`, "multi-region-apps"}},
		{"unknown safeguard for seeds", []string{"seeds", "--safeguards", "bogus"}, []string{`unknown safeguard "bogus"`, "multi-region-apps"}},
		{"unknown safeguard for chart", []string{"chart", "-o", png, "--safeguards", "bogus"}, []string{`unknown safeguard "bogus"`}},
		{"unknown flag", []string{"run", "--bogus"}, []string{"flag provided but not defined: -bogus", "-safeguards", "-seed", "-json"}},
		{"unknown flag for matrix", []string{"matrix", "--safeguards", "apply-time-check"}, []string{"flag provided but not defined: -safeguards", "-pairs"}},
		{"unknown flag for check", []string{"check", "--seed", "3"}, []string{"flag provided but not defined: -seed", "-enactors", "-plans", "-threshold"}},
		{"seed not a number", []string{"run", "--seed", "x"}, []string{`invalid value "x" for flag -seed`}},
		{"negative seed", []string{"run", "--seed", "-1"}, []string{`invalid value "-1" for flag -seed`}},
		{"seed without a value", []string{"run", "--seed"}, []string{"flag needs an argument: -seed"}},
		{"json with a value", []string{"run", "--json=maybe"}, []string{`invalid boolean value "maybe" for -json`}},
		{"too many enactors", []string{"check", "--enactors", "9"}, []string{"enactors = 9: valid range is 1..4"}},
		{"no enactors", []string{"check", "--enactors", "0"}, []string{"enactors = 0: valid range is 1..4"}},
		{"too few plans", []string{"check", "--plans", "1"}, []string{"plans = 1: valid range is 2..12"}},
		{"too many plans", []string{"check", "--plans", "13"}, []string{"plans = 13: valid range is 2..12"}},
		{"threshold above plans", []string{"check", "--plans", "3", "--threshold", "4"}, []string{"threshold = 4: valid range is 1..plans (1..3)"}},
		{"enactors not a number", []string{"check", "--enactors", "two"}, []string{`invalid value "two" for flag -enactors`}},
		{"negative pairs", []string{"matrix", "--pairs", "-1"}, []string{"pairs = -1: must be 0 or more"}},
		{"matrix seed not a number", []string{"matrix", "--seed", "x"}, []string{`invalid value "x" for flag -seed`}},
		{"no seeds", []string{"seeds", "--n", "0"}, []string{"n = 0: valid range is 1..10000"}},
		{"too many seeds", []string{"seeds", "--n", "10001"}, []string{"n = 10001: valid range is 1..10000"}},
		{"chart without -o", []string{"chart"}, []string{"missing -o FILE"}},
		{"chart too narrow", []string{"chart", "-o", png, "--width", "10"}, []string{"width = 10: valid range is 480..4096"}},
		{"chart too wide", []string{"chart", "-o", png, "--width", "100000"}, []string{"width = 100000: valid range is 480..4096"}},
		{"extra argument to run", []string{"run", "extra"}, []string{`unexpected argument "extra"`}},
		{"extra argument after flags", []string{"run", "--json", "extra"}, []string{`unexpected argument "extra"`}},
		{"extra argument after --", []string{"run", "--", "--json"}, []string{`unexpected argument "--json"`}},
		{"extra argument to matrix", []string{"matrix", "now"}, []string{`unexpected argument "now"`}},
		{"extra argument to check", []string{"check", "x"}, []string{`unexpected argument "x"`}},
		{"extra argument to seeds", []string{"seeds", "10"}, []string{`unexpected argument "10"`}},
		{"extra argument to chart", []string{"chart", "-o", png, "more.png"}, []string{`unexpected argument "more.png"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(tt.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out, "nothing on standard output")
			for _, w := range tt.want {
				assert.Contains(t, errOut, w)
			}
		})
	}
	assert.NoFileExists(t, png, "no chart is drawn on bad usage")
}

func TestHelpExitsZero(t *testing.T) {
	tests := []struct {
		args []string
		want []string // in either output
	}{
		{[]string{"-h"}, []string{"usage: outage-sim", "seeds", "chart"}},
		{[]string{"--help"}, []string{"usage: outage-sim"}},
		{[]string{"help"}, []string{"usage: outage-sim"}},
		{[]string{"run", "-h"}, []string{"-safeguards", "-seed", "-json", "-detail"}},
		{[]string{"run", "--safeguards", "bogus", "-h"}, []string{"-safeguards"}},
		{[]string{"matrix", "-h"}, []string{"-pairs", "-json"}},
		{[]string{"check", "--help"}, []string{"-enactors", "-plans", "-threshold", "-script"}},
		{[]string{"seeds", "-h"}, []string{"-n", "-safeguards"}},
		{[]string{"chart", "-h"}, []string{"-o", "-width", "-safeguards"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := call(tt.args...)
			assert.Equal(t, 0, code)
			for _, w := range tt.want {
				assert.Contains(t, out+errOut, w)
			}
		})
	}
}

// TestRunVerdictsOfModelV2: a slower Planner only avoids the race this
// night; NLB velocity control bounds the errors by bounding the capacity
// one NLB may remove.
func TestRunVerdictsOfModelV2(t *testing.T) {
	runJSONDoc := func(ids string) map[string]any {
		code, out, errOut := call("run", "--json", "--safeguards", ids)
		require.Equal(t, 0, code, errOut)
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		return doc
	}
	v := obj(t, runJSONDoc("fewer-plans")["verdict"])
	assert.Equal(t, "avoided", v["kind"])
	assert.Equal(t, false, v["race_happened"])

	base := obj(t, runJSONDoc("")["impact"])
	vel := obj(t, runJSONDoc("nlb-velocity-control")["impact"])
	assert.Less(t, vel["nlb_error_share_minutes"].(float64), base["nlb_error_share_minutes"].(float64))
	assert.Less(t, vel["nlb_peak_errors"].(float64), base["nlb_peak_errors"].(float64))
	sc := scenario.Default()
	assert.Less(t, vel["nlb_peak_errors"].(float64), sc.NLB.DownErrors, "degraded, never down")
}

// TestWorlds: run and matrix over the plausible worlds give every
// distribution and label; calibrate refuses bad flags.
func TestWorlds(t *testing.T) {
	code, out, errOut := call("run", "--worlds", "--json", "--safeguards", "cell-endpoints")
	require.Equal(t, 0, code, errOut)
	var s map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	for _, k := range []string{"worlds", "kinds", "saved_service_hours", "saved_app_hours", "robust", "majority", "central", "words"} {
		assert.Contains(t, s, k)
	}
	assert.Greater(t, s["worlds"].(float64), 100.0)
	band := obj(t, s["saved_service_hours"])
	assert.LessOrEqual(t, band["p10"].(float64), band["p50"].(float64))
	assert.LessOrEqual(t, band["p50"].(float64), band["p90"].(float64))
	if s["robust"] == false {
		d := obj(t, s["depends_on"])
		assert.NotEmpty(t, d["parameter"])
		assert.Contains(t, d, "threshold")
	}

	code, out, errOut = call("run", "--worlds", "--safeguards", "apply-time-check")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "robust: prevented in 100%")

	for _, bad := range [][]string{{"calibrate", "--want", "1"}, {"calibrate", "--steps", "0"}, {"calibrate", "--nope"}} {
		code, _, errOut := call(bad...)
		assert.Equal(t, 2, code, "%v", bad)
		assert.NotEmpty(t, errOut)
	}
}

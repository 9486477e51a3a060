//go:build !js

// Conformance with an independent checker: Spin, on the same model written
// in Promela (promela/dns.pml). Not built for js/wasm, which cannot run
// programs.

package check

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
)

const promelaModel = "promela/dns.pml"

// spinMacros are the -D macros of dns.pml that switch each DNS-layer
// safeguard.
var spinMacros = []struct {
	id    safeguard.ID
	macro string
}{
	{safeguard.ApplyTimeCheck, "APPLY_TIME_CHECK"},
	{safeguard.SpareActivePlan, "SPARE_ACTIVE_PLAN"},
	{safeguard.SelfHealingRollback, "SELF_HEALING_ROLLBACK"},
	{safeguard.FewerPlans, "FEWER_PLANS"},
}

// The never claims of dns.pml (see its header for what each states).
const (
	claimReach     = "reach"
	claimAddresses = "addresses"
	claimNoDelete  = "nodelete"
	claimFailure   = "failure"
	claimStuck     = "stuck"
	claimCanary    = "canary"
)

var spinClaims = []string{claimReach, claimAddresses, claimNoDelete, claimFailure, claimStuck}

// Compiler flags of pan: -DSAFETY, as every claim of dns.pml is a safety
// property (a violation has a finite witness); -DNOREDUCE, so that Spin
// stores every state and the counts can be compared; no fairness, channels
// or state compression, which the model does not need. -O0 because
// compiling dominates: the searches take milliseconds.
var panFlags = []string{"-O0", "-w", "-DSAFETY", "-DNOREDUCE", "-DNOFAIR", "-DXUSAFE", "-DNOCOMP"}

type spinCase struct {
	cfg Config
	sg  safeguard.Set
}

func (c spinCase) String() string {
	s := fmt.Sprintf("%dx%d/t%d", c.cfg.Enactors, c.cfg.Plans, c.cfg.Threshold)
	if c.sg != 0 {
		s += "/" + c.sg.String()
	}
	return s
}

// isNight is the reference bounds with no safeguard, where the canary runs.
func (c spinCase) isNight() bool { return c.cfg == DefaultConfig() && c.sg == 0 }

func (c spinCase) defines() []string {
	d := []string{
		"-DENACTORS=" + strconv.Itoa(c.cfg.Enactors),
		"-DPLANS=" + strconv.Itoa(c.cfg.Plans),
		"-DTHRESHOLD=" + strconv.Itoa(c.cfg.Threshold),
	}
	for _, m := range spinMacros {
		if c.sg.Has(m.id) {
			d = append(d, "-D"+m.macro+"=1")
		}
	}
	return d
}

// spinGrid: Enactors 2–3, plans 3–6, threshold 1–3, with no DNS-layer
// safeguard and with each one alone; and every combination of them at the
// reference bounds. In -short mode, the reference bounds with none or one.
// Each configuration is compiled once (about 0.3 s of gcc on an idle core),
// which is most of the test's time the first time it runs; the verifiers
// are then kept in the user cache.
func spinGrid(short bool) []spinCase {
	var singles []safeguard.Set
	singles = append(singles, 0)
	for _, m := range spinMacros {
		singles = append(singles, safeguard.Set(0).With(m.id))
	}
	var out []spinCase
	if short {
		for _, sg := range singles {
			out = append(out, spinCase{DefaultConfig(), sg})
		}
		return out
	}
	for e := 2; e <= 3; e++ {
		for p := 3; p <= 6; p++ {
			for th := 1; th <= 3; th++ {
				for _, sg := range singles {
					out = append(out, spinCase{cfg(e, p, th), sg})
				}
			}
		}
	}
	for bits := range 1 << len(spinMacros) {
		if bits&(bits-1) == 0 {
			continue // none or one: above
		}
		var sg safeguard.Set
		for i, m := range spinMacros {
			if bits&(1<<i) != 0 {
				sg = sg.With(m.id)
			}
		}
		out = append(out, spinCase{DefaultConfig(), sg})
	}
	return out
}

// panRun is one search of pan.
type panRun struct {
	errors, stored, transitions int
	seconds                     float64 // pan's own clock (0.01 s resolution)
	wall                        time.Duration
}

var (
	reErrors  = regexp.MustCompile(`errors: (\d+)`)
	reStored  = regexp.MustCompile(`(\d+) states, stored`)
	reTrans   = regexp.MustCompile(`(\d+) transitions`)
	reElapsed = regexp.MustCompile(`pan: elapsed time ([0-9.e+-]+) seconds`)
)

func parsePan(out string) (panRun, error) {
	for _, bad := range []string{"max search depth too small", "out of memory", "hash table is full"} {
		if strings.Contains(out, bad) {
			return panRun{}, fmt.Errorf("pan: %s:\n%s", bad, out)
		}
	}
	var r panRun
	for _, f := range []struct {
		re  *regexp.Regexp
		dst *int
	}{{reErrors, &r.errors}, {reStored, &r.stored}, {reTrans, &r.transitions}} {
		m := f.re.FindStringSubmatch(out)
		if m == nil {
			return panRun{}, fmt.Errorf("pan: no %q in its output:\n%s", f.re, out)
		}
		*f.dst, _ = strconv.Atoi(m[1])
	}
	if m := reElapsed.FindStringSubmatch(out); m != nil {
		r.seconds, _ = strconv.ParseFloat(m[1], 64)
	}
	return r, nil
}

// spinner runs Spin: the tools, the model and the cache of compiled pans.
type spinner struct {
	spin, cc string
	ccID     string // cc --version, part of the cache key
	model    string // absolute path of dns.pml
	cache    string // directory of compiled pans kept between runs, or ""
}

// newSpinner finds spin and a C compiler. Without them the test is
// skipped, except in CI (CI set), where it fails: the check must not
// silently go.
func newSpinner(t *testing.T) *spinner {
	t.Helper()
	var missing []string
	spin, err := exec.LookPath("spin")
	if err != nil {
		missing = append(missing, "spin")
	}
	cc, err := exec.LookPath("gcc")
	if err != nil {
		if cc, err = exec.LookPath("cc"); err != nil {
			missing = append(missing, "gcc")
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("%s not found: the Spin conformance check needs them (apt-get install spin gcc)", strings.Join(missing, " and "))
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	model, err := filepath.Abs(promelaModel)
	require.NoError(t, err)
	id, err := exec.Command(cc, "--version").Output()
	require.NoError(t, err)
	return &spinner{spin: spin, cc: cc, ccID: string(id), model: model, cache: panCache()}
}

// build generates pan for the given defines in dir and compiles it, or
// takes the binary compiled from the same sources from the cache. It
// returns the binary's path.
func (sp *spinner) build(ctx context.Context, dir string, defines, ccFlags []string) (pan string, cached bool, err error) {
	run := func(name string, args ...string) error {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := run(sp.spin, append(append([]string{}, defines...), "-a", sp.model)...); err != nil {
		return "", false, err
	}
	var key string
	if sp.cache != "" {
		if key, err = sp.panKey(dir, ccFlags); err != nil {
			return "", false, err
		}
		hit := filepath.Join(sp.cache, key)
		if _, err := os.Stat(hit); err == nil {
			now := time.Now()
			_ = os.Chtimes(hit, now, now) // panCache prunes by last use
			return hit, true, nil
		}
	}
	if err := run(sp.cc, append(append([]string{}, ccFlags...), "-o", "pan", "pan.c")...); err != nil {
		return "", false, err
	}
	pan = filepath.Join(dir, "pan")
	if sp.cache != "" {
		// Best effort: a failure to cache only costs the next run time.
		if b, err := os.ReadFile(pan); err == nil {
			tmp := filepath.Join(sp.cache, key+".tmp"+strconv.Itoa(os.Getpid()))
			if os.WriteFile(tmp, b, 0o755) == nil {
				_ = os.Rename(tmp, filepath.Join(sp.cache, key))
			}
		}
	}
	return pan, false, nil
}

// panKey names a compiled pan by everything it is made from: the sources
// spin -a wrote (they embed the model and its defines), the compiler and
// its flags.
func (sp *spinner) panKey(dir string, ccFlags []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n", sp.cc, sp.ccID, strings.Join(ccFlags, " "))
	names, err := filepath.Glob(filepath.Join(dir, "pan.[bchmpt]"))
	if err != nil {
		return "", err
	}
	slices.Sort(names)
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(name), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// panCache is the directory compiled pans are kept in between runs, so that
// only the first run pays for gcc; "" if there is none. Binaries unused for
// a week are removed.
func panCache() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	dir := filepath.Join(base, "outage-check-pan")
	if os.MkdirAll(dir, 0o755) != nil {
		return ""
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 7*24*time.Hour {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return dir
}

// search runs pan in dir, where it writes its trail files.
func search(ctx context.Context, pan, dir string, args ...string) (panRun, error) {
	// A hash table of 2^19 slots and a depth limit of 10,000 steps (the
	// deepest search of the grid goes 101 deep; parsePan fails if
	// one goes deeper): pan's defaults take longer to allocate than these
	// searches take.
	cmd := exec.CommandContext(ctx, pan, append([]string{"-m10000", "-w19"}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return panRun{}, fmt.Errorf("%s %v: %v\n%s", pan, args, err, out.String())
	}
	r, err := parsePan(out.String())
	r.wall = wall
	return r, err
}

// spinResult is what Spin says about one configuration.
type spinResult struct {
	runs   map[string]panRun // by claim
	build  time.Duration     // spin -a and the C compiler
	cached bool              // pan came from the cache
	err    error
}

func (sp *spinner) check(ctx context.Context, c spinCase) spinResult {
	res := spinResult{runs: map[string]panRun{}}
	dir, err := os.MkdirTemp("", "dns-spin-")
	if err != nil {
		res.err = err
		return res
	}
	defer os.RemoveAll(dir)
	start := time.Now()
	pan, cached, err := sp.build(ctx, dir, c.defines(), panFlags)
	res.build, res.cached = time.Since(start), cached
	if err != nil {
		res.err = err
		return res
	}
	claims := spinClaims
	if c.isNight() {
		claims = append(claims[:len(claims):len(claims)], claimCanary)
	}
	for _, claim := range claims {
		r, err := search(ctx, pan, dir, "-N", claim)
		if err != nil {
			res.err = err
			return res
		}
		res.runs[claim] = r
	}
	return res
}

// spinVerdicts turns Spin's answers into verdicts on the Go invariants.
//
// EndpointHasAddresses and NeverDeleteActive are the claims "addresses" and
// "nodelete". Progress, in game/check, is violated if a failed batch is
// reachable from whose state no batch can ever commit: EF(failed ∧ ¬EF
// commit), a branching-time property no LTL formula states. Spin decides it
// from two linear ones: "failure" (is a failed batch reachable?) and
// "stuck" (after any failed batch, does no batch ever commit, on every
// path?). No failure: Progress holds. A failure and "stuck" holds: every
// failure is one after which nothing commits, so Progress is violated. A
// failure after which some path commits says nothing about the other
// failures: Spin cannot decide it, and the test says so.
func spinVerdicts(r spinResult) (map[string]bool, error) {
	failure := r.runs[claimFailure].errors > 0
	stuck := r.runs[claimStuck].errors == 0
	v := map[string]bool{
		EndpointHasAddresses: r.runs[claimAddresses].errors > 0,
		NeverDeleteActive:    r.runs[claimNoDelete].errors > 0,
		Progress:             failure,
	}
	if failure && !stuck {
		return v, fmt.Errorf("a batch can fail and some run commits afterwards: Progress is not decidable by Spin's LTL here")
	}
	return v, nil
}

// ghostStates counts what Spin stores with dns.pml's step marker: every
// reachable state paired with what the move into it did (the start with
// STEP_OTHER).
func ghostStates(t *testing.T, c spinCase) int {
	t.Helper()
	const (
		other = iota
		commit
		fail
		deleteActive
	)
	m := newModel(c.cfg, c.sg)
	g, err := explore(m, m.initial(), DefaultMaxStates)
	require.NoError(t, err)
	seen := map[[2]uint64]bool{{g.keys[0], other}: true}
	var out [maxEnactors + 1]edge
	for _, k := range g.keys {
		s := unpack(k)
		n := m.successors(s, &out)
		for _, e := range out[:n] {
			kind := uint64(other)
			switch {
			case e.act == actApply:
				kind = commit
			case e.act == actApplyFailed:
				kind = fail
			case deletesActive(s, e.move):
				kind = deleteActive
			}
			seen[[2]uint64{e.next.pack(), kind}] = true
		}
	}
	return len(seen)
}

// TestSpinAgrees checks the model with Spin on a grid of small
// configurations and asserts that Spin and this checker give the same
// verdict on every invariant, and visit the same states.
func TestSpinAgrees(t *testing.T) {
	sp := newSpinner(t)
	version, _ := exec.Command(sp.spin, "-V").Output()
	t.Logf("%s", bytes.TrimSpace(version))

	grid := spinGrid(testing.Short())
	results := make([]spinResult, len(grid))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 { // the machines this runs on have two cores to share
		wg.Go(func() {
			for i := range next {
				results[i] = sp.check(ctx, grid[i])
			}
		})
	}
	for i := range grid {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)

	var build time.Duration
	violated, cached := 0, 0
	for i, c := range grid {
		r := results[i]
		build += r.build
		if r.cached {
			cached++
		}
		if !assert.NoError(t, r.err, c.String()) {
			continue
		}
		spinV, err := spinVerdicts(r)
		if !assert.NoError(t, err, c.String()) {
			continue
		}
		goR := mustRun(t, c.cfg, c.sg)
		for _, name := range Invariants {
			goV := verdict(t, goR, name).Violated
			assert.Equal(t, goV, spinV[name], "%s: %s: game/check says violated=%v, Spin says %v", c, name, goV, spinV[name])
		}
		if goR.Violations > 0 {
			violated++
		}
		reach := r.runs[claimReach]
		assert.Zero(t, reach.errors, "%s: the claim that always holds failed", c)
		assert.Equal(t, ghostStates(t, c), reach.stored, "%s: Spin stored a different number of states", c)
		if c.isNight() {
			assert.Positive(t, r.runs[claimCanary].errors, "pan -DSAFETY missed a violation of the form [](p -> []q)")
		}
		if c.cfg == DefaultConfig() && (c.sg == 0 || c.sg == safeguard.Set(0).With(safeguard.FewerPlans)) {
			for _, claim := range append(spinClaims[:len(spinClaims):len(spinClaims)], claimCanary) {
				pr, ok := r.runs[claim]
				if !ok {
					continue
				}
				t.Logf("%s: pan -N %-9s errors %d, %s states stored, %.1f ms", c, claim, pr.errors, thousands(pr.stored),
					float64(pr.wall.Microseconds())/1000)
			}
		}
	}
	t.Logf("%d configurations (%d with a violation), every invariant's verdict agrees: %.1f s (spin -a and cc: %.1f s summed; %d of the pans compiled before, in %s)",
		len(grid), violated, elapsed.Seconds(), build.Seconds(), cached, sp.cache)
	assert.Positive(t, violated)
	assert.Less(t, violated, len(grid))
}

// TestSpinReferenceFigures compares the two checkers on the reference model
// (2 Enactors, 5 plans, threshold 2) without the step marker: Spin must
// store exactly the states game/check finds, and the log gives both
// checkers' figures side by side.
func TestSpinReferenceFigures(t *testing.T) {
	sp := newSpinner(t)
	sp.cache = "" // the compile time is one of the figures
	ctx := context.Background()

	for _, c := range []Config{DefaultConfig(), cfg(3, 5, 2)} {
		var best Result
		for i := range 5 {
			r := mustRun(t, c, 0)
			if i == 0 || r.ElapsedMS < best.ElapsedMS {
				best = r
			}
		}

		dir := t.TempDir()
		start := time.Now()
		defines := append(spinCase{cfg: c}.defines(), "-DNOGHOST")
		pan, _, err := sp.build(ctx, dir, defines, append([]string{"-O2"}, panFlags[1:]...))
		require.NoError(t, err)
		build := time.Since(start)
		var fastest panRun
		for i := range 5 {
			r, err := search(ctx, pan, dir)
			require.NoError(t, err)
			if i == 0 || r.wall < fastest.wall {
				fastest = r
			}
		}
		assert.Zero(t, fastest.errors, "no claim, every process at an end label: no error")
		assert.Equal(t, best.States, fastest.stored, "%s: states", c.Bounds())
		// pan counts the start as a transition.
		assert.Equal(t, best.Transitions+1, fastest.transitions, "%s: transitions", c.Bounds())

		t.Logf("%s: game/check %s states, %s transitions in %.2f ms; Spin (promela/dns.pml, gcc -O2) %s states, %s transitions in %.2f s by pan's clock, %.1f ms for the whole pan run (spin -a and gcc: %.2f s)",
			c.Bounds(), thousands(best.States), thousands(best.Transitions), best.ElapsedMS,
			thousands(fastest.stored), thousands(fastest.transitions), fastest.seconds,
			float64(fastest.wall.Microseconds())/1000, build.Seconds())
	}
}

// The decision table of spinVerdicts, and pan's output as it is parsed.
func TestSpinVerdicts(t *testing.T) {
	runs := func(addresses, nodelete, failure, stuck int) spinResult {
		return spinResult{runs: map[string]panRun{
			claimAddresses: {errors: addresses}, claimNoDelete: {errors: nodelete},
			claimFailure: {errors: failure}, claimStuck: {errors: stuck},
		}}
	}
	tests := []struct {
		name      string
		r         spinResult
		addresses bool
		nodelete  bool
		progress  bool
		undecided bool
	}{
		{"nothing fails", runs(0, 0, 0, 0), false, false, false, false},
		{"the night: empty, and every failure stuck", runs(1, 1, 1, 0), true, true, true, false},
		{"healed: empty, no batch fails", runs(1, 1, 0, 0), true, true, false, false},
		{"a failure that some run recovers from", runs(1, 1, 1, 1), true, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := spinVerdicts(tt.r)
			assert.Equal(t, tt.undecided, err != nil)
			assert.Equal(t, tt.addresses, v[EndpointHasAddresses])
			assert.Equal(t, tt.nodelete, v[NeverDeleteActive])
			if !tt.undecided {
				assert.Equal(t, tt.progress, v[Progress])
			}
		})
	}

	out := `pan:1: assertion violated  !( !((step!=3))) (at depth 50)
State-vector 44 byte, depth reached 63, errors: 1
      427 states, stored
      390 states, matched
      817 transitions (= stored+matched)
pan: elapsed time 0.01 seconds
`
	r, err := parsePan(out)
	require.NoError(t, err)
	assert.Equal(t, panRun{errors: 1, stored: 427, transitions: 817, seconds: 0.01}, r)
	_, err = parsePan("error: max search depth too small\n" + out)
	assert.ErrorContains(t, err, "max search depth too small")
	_, err = parsePan("spin: syntax error")
	assert.ErrorContains(t, err, "no")
}

package verdict

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

var (
	baseOnce sync.Once
	baseRun  *sim.Result
)

// night returns the scenario and the real night's run (lean, as the
// scoreboard runs it), computed once.
func night() (*scenario.Scenario, *sim.Result) {
	sc := scenario.Default()
	baseOnce.Do(func() { baseRun = sim.RunWith(sc, 0, sc.Seed, sim.Options{}) })
	return sc, baseRun
}

func whatIf(ids ...safeguard.ID) *sim.Result {
	sc, _ := night()
	return sim.RunWith(sc, safeguard.Set(0).With(ids...), sc.Seed, sim.Options{})
}

func TestTheNightIsDisrupted(t *testing.T) {
	_, base := night()
	_, ok := base.First("dns.record_empty")
	require.True(t, ok, "the scenario's seed empties the regional endpoint")
	require.Greater(t, base.Impact.ChainHours(), 50.0)
	require.Greater(t, base.Impact.IndependentHours, 0.0, "Redshift's own defect")
	require.Greater(t, base.Impact.End, sim.Time(0))
}

func TestJudgeRealRuns(t *testing.T) {
	_, base := night()
	tests := []struct {
		name    string
		ids     []safeguard.ID
		kind    Kind
		stopped string   // the first link of the chain that is missing
		spared  []string // layers spared
		why     []string // in Why
	}{
		{name: "the baseline against itself", kind: Unchanged,
			why: []string{"othing in the chain of events changed"}},
		// The fixes to the race: the endpoint never empties.
		{name: "apply-time-check", ids: []safeguard.ID{safeguard.ApplyTimeCheck}, kind: Prevented,
			stopped: "dns.record_empty", spared: []string{"dynamodb", "ec2", "nlb"},
			why: []string{"The regional endpoint never lost its addresses"}},
		{name: "spare-active-plan", ids: []safeguard.ID{safeguard.SpareActivePlan}, kind: Prevented,
			stopped: "dns.record_empty", spared: []string{"dynamodb", "ec2", "nlb"},
			why: []string{"The regional endpoint never lost its addresses"}},
		// A slower Planner: the race misses this night, the flaw remains.
		{name: "fewer-plans", ids: []safeguard.ID{safeguard.FewerPlans}, kind: Avoided,
			stopped: "dns.record_empty", spared: []string{"dynamodb", "ec2", "nlb"},
			why: []string{"the time-of-check-to-time-of-use flaw remains"}},
		// The key teaching point: DNS answered NOERROR with no addresses,
		// not a failure, so RFC 8767 serve-stale never applies.
		{name: "serve-stale", ids: []safeguard.ID{safeguard.ServeStale}, kind: Unchanged,
			why: []string{"othing in the chain of events changed"}},
		// Blast radius cut.
		{name: "cell-endpoints", ids: []safeguard.ID{safeguard.CellEndpoints}, kind: Contained,
			stopped: "dwfm.leases_lapsed", spared: []string{"nlb"}},
		// Leases kept, but launches still need DynamoDB: the launches held
		// back all night still flood Network Manager and NLB afterwards.
		{name: "lease-static-stability", ids: []safeguard.ID{safeguard.LeaseStaticStability}, kind: Shortened,
			stopped: "dwfm.leases_lapsed", why: []string{"EC2 launches disrupted", "NLB disrupted"}},
		{name: "multi-region-apps", ids: []safeguard.ID{safeguard.MultiRegionApps}, kind: Contained,
			why: []string{"pps disrupted"}},
		{name: "keep-last-good", ids: []safeguard.ID{safeguard.KeepLastGood}, kind: Contained,
			stopped: "dwfm.leases_lapsed", spared: []string{"nlb"}},
		// The same failure, over sooner.
		{name: "empty-endpoint-alarm", ids: []safeguard.ID{safeguard.EmptyEndpointAlarm}, kind: Shortened,
			stopped: "dwfm.leases_lapsed", why: []string{"DynamoDB disrupted"}},
		// Admission control keeps what is in flight below capacity ×
		// timeout: re-leasing, but no collapse.
		{name: "dwfm-admission-control", ids: []safeguard.ID{safeguard.DWFMAdmissionControl}, kind: Shortened,
			stopped: "dwfm.collapse", why: []string{"DWFM never fell into congestive collapse", "EC2 launches disrupted"}},
		{name: "self-healing-rollback", ids: []safeguard.ID{safeguard.SelfHealingRollback}, kind: Shortened,
			stopped: "ops.root_cause_identified"},
		{name: "nlb-readiness-gate", ids: []safeguard.ID{safeguard.NLBReadinessGate}, kind: Shortened,
			stopped: "nlb.errors_start", spared: []string{"nlb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base
			if len(tt.ids) > 0 {
				r = whatIf(tt.ids...)
			}
			v := Judge(base, r)
			assert.Equal(t, tt.kind, v.Kind, "%+v", v)
			assert.Equal(t, tt.stopped, v.Stopped)
			assert.Equal(t, tt.spared, v.Spared)
			for _, w := range tt.why {
				assert.Contains(t, v.Why, w)
			}
			assert.True(t, strings.HasPrefix(strings.ToLower(v.Summary), string(v.Kind)+":"), v.Summary)
			assert.InDelta(t, base.Impact.ChainHours()-r.Impact.ChainHours(), v.SavedHours, 1e-9)
			assert.InDelta(t, base.Impact.AppHours-r.Impact.AppHours, v.SavedAppHours, 1e-9)
			switch v.Kind {
			case Prevented, Avoided:
				assert.InDelta(t, base.Impact.ChainHours(), v.SavedHours, 1e-9, "everything the chain caused is saved")
				assert.Zero(t, r.Impact.End)
				// Redshift's own defect is not the race's: it stays, and
				// the verdict says so.
				assert.Greater(t, v.IndependentHours, 0.0)
				assert.Contains(t, v.Why, "Redshift's separate IAM-user query defect")
			case Contained, Shortened:
				assert.Greater(t, v.SavedHours+v.SavedAppHours, 0.0)
				if v.Kind == Contained {
					assert.Contains(t, v.Summary, "spared")
				} else {
					assert.Contains(t, v.Summary, fmt.Sprintf("%.1f AWS service-hours", v.SavedHours))
				}
			case Unchanged:
				assert.InDelta(t, 0, v.SavedHours, 0.01*base.Impact.ChainHours())
			}
		})
	}
}

// Serve-stale answers from an expired cache when the authoritative servers
// fail. On the night they did not fail: they answered NOERROR with no
// addresses, so serve-stale never comes into play and the run is the real
// night to the byte.
func TestServeStaleCannotHelp(t *testing.T) {
	sc := scenario.Default()
	base := sim.Run(sc, 0, sc.Seed)
	stale := sim.Run(sc, safeguard.Set(0).With(safeguard.ServeStale), sc.Seed)
	assert.Equal(t, base.Hash(), stale.Hash(), "the same trace")
	assert.Equal(t, base.Impact, stale.Impact)
	v := Judge(base, stale)
	assert.Equal(t, Unchanged, v.Kind)
	assert.Zero(t, v.SavedHours)
	assert.Zero(t, v.EndSavedMin)
	assert.Empty(t, v.Stopped)
	assert.Empty(t, v.Spared)
	assert.Equal(t, "Nothing in the chain of events changed", v.Why)
	// Resolvers did hold "no addresses" answers: the empty answer was
	// cached, not a failure.
	peak := 0.0
	for _, x := range stale.Series.Metrics[sim.ResolversEmpty] {
		peak = max(peak, float64(x))
	}
	assert.Greater(t, peak, 0.9)
}

// The other safeguards that act on DNS clients do help: keeping
// last-known-good addresses survives an empty answer, and a short negative
// TTL shortens the tail after the repair.
func TestClientSafeguardsThatDoHelp(t *testing.T) {
	_, base := night()
	klg := Judge(base, whatIf(safeguard.KeepLastGood))
	assert.Greater(t, klg.SavedHours, 0.5*base.Impact.ChainHours())
	short := Judge(base, whatIf(safeguard.ShortNegativeTTL))
	assert.Greater(t, short.SavedHours, 0.0)
	r := whatIf(safeguard.ShortNegativeTTL)
	assert.Less(t, r.Impact.DynamoDBMinutes, base.Impact.DynamoDBMinutes, "the cached-negative tail is shorter")
}

// NLB velocity control refuses the AZ failovers that would take a whole
// AZ out of DNS: only the flapping nodes' own share is lost, the errors
// are bounded below STS's tolerance, and STS has no second wave. NLB is
// degraded, never down, with or without it.
func TestNLBVelocityControl(t *testing.T) {
	_, base := night()
	r := whatIf(safeguard.NLBVelocityControl)
	v := Judge(base, r)
	assert.Equal(t, "sts.errors_second_wave", v.Stopped)
	assert.Greater(t, v.SavedHours, 0.0)
	assert.Less(t, r.Impact.NLBPeakErrors, base.Impact.NLBPeakErrors)
	assert.Less(t, r.Impact.NLBErrorShareMinutes, base.Impact.NLBErrorShareMinutes)
	for _, res := range []*sim.Result{base, r} {
		i := res.Service("nlb")
		require.GreaterOrEqual(t, i, 0)
		require.NotEmpty(t, res.Services[i].Outages)
		for _, o := range res.Services[i].Outages {
			assert.Equal(t, sim.Degraded, o.Severity, "connection errors, not an outage")
		}
	}
}

// result builds a run by hand for the thresholds of Judge.
func result(serviceMin, appMin float64, end sim.Time, events ...string) *sim.Result {
	r := &sim.Result{Horizon: sim.At(2, 6, 0)}
	for _, e := range events {
		r.Events = append(r.Events, sim.Event{Kind: e, Canonical: true})
	}
	add := func(id string, kind sim.Kind, min float64) {
		so := sim.ServiceOutages{ID: id, Kind: kind, Minutes: min}
		if min > 0 {
			so.Outages = []sim.Interval{{Start: sim.Minute, End: sim.Minute + sim.Time(min*float64(sim.Minute)), Severity: sim.Down}}
		}
		r.Services = append(r.Services, so)
	}
	add("dynamodb", sim.AWSService, serviceMin)
	add("app", sim.App, appMin)
	r.Impact = sim.Impact{DynamoDBMinutes: serviceMin, ServiceHours: serviceMin / 60, AppHours: appMin / 60, End: end, EventEnd: end}
	return r
}

func fixed(r *sim.Result) *sim.Result {
	r.Safeguards = safeguard.Set(0).With(safeguard.ApplyTimeCheck)
	return r
}

func slower(r *sim.Result) *sim.Result {
	r.Safeguards = safeguard.Set(0).With(safeguard.FewerPlans)
	return r
}

func TestJudgeThresholds(t *testing.T) {
	end := sim.At(1, 12, 0)
	base := result(6000, 6000, end, "dns.record_empty")
	tests := []struct {
		name string
		run  *sim.Result
		kind Kind
	}{
		{"nothing at all, with a fix to the race", fixed(result(0, 0, 0)), Prevented},
		{"a blip under three minutes", fixed(result(2, 0, sim.At(0, 23, 50))), Prevented},
		{"nothing at all, no race, nothing fixed", result(0, 0, 0), Avoided},
		{"nothing at all, no race, only a slower Planner", slower(result(0, 0, 0)), Avoided},
		{"DynamoDB spared", result(0, 3000, end, "dns.record_empty"), Contained},
		{"apps cut to a fifth", result(6000, 1000, end, "dns.record_empty"), Contained},
		{"apps cut to under a quarter", result(6000, 1400, end, "dns.record_empty"), Contained},
		{"a tenth saved", result(5400, 5400, end, "dns.record_empty"), Shortened},
		{"the same, but over ten minutes sooner", result(6000, 6000, end-10*sim.Minute, "dns.record_empty"), Shortened},
		{"two percent saved", result(5880, 5880, end, "dns.record_empty"), Shortened},
		{"half a percent saved", result(5970, 5970, end, "dns.record_empty"), Unchanged},
		{"the same", result(6000, 6000, end, "dns.record_empty"), Unchanged},
		{"half a percent more", result(6030, 6030, end, "dns.record_empty"), Unchanged},
		{"a tenth more", result(6600, 6600, end, "dns.record_empty"), Worse},
		{"the same, but over ten minutes later", result(6000, 6000, end+10*sim.Minute, "dns.record_empty"), Worse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Judge(base, tt.run)
			assert.Equal(t, tt.kind, v.Kind, "%+v", v)
			assert.NotEmpty(t, v.Summary)
			assert.NotEmpty(t, v.Why)
		})
	}
}

func TestJudgeNamesTheFirstMissingLink(t *testing.T) {
	base := result(600, 600, sim.At(1, 12, 0), "dns.record_empty", "ops.root_cause_identified", "dwfm.leases_lapsed", "dwfm.collapse")
	r := result(300, 300, sim.At(1, 6, 0), "dns.record_empty", "ops.root_cause_identified")
	v := Judge(base, r)
	assert.Equal(t, "dwfm.leases_lapsed", v.Stopped)
	assert.True(t, strings.HasPrefix(v.Why, "DWFM's leases did not all lapse; "), v.Why)
	// A link the run has and the baseline lacks is not a missing link.
	v = Judge(r, base)
	assert.Empty(t, v.Stopped)
	assert.Equal(t, Worse, v.Kind)
	assert.Contains(t, v.Summary, "more AWS service-hours of disruption")
}

func TestKindRank(t *testing.T) {
	order := []Kind{Prevented, Avoided, Contained, Shortened, Unchanged, Worse}
	assert.Equal(t, order, Kinds)
	for i := 1; i < len(order); i++ {
		assert.Less(t, order[i-1].Rank(), order[i].Rank(), "%s before %s", order[i-1], order[i])
	}
	assert.Equal(t, Unchanged.Rank(), Baseline.Rank())
	assert.Equal(t, Worse.Rank(), Kind("nonsense").Rank())
}

func TestDuration(t *testing.T) {
	for in, want := range map[float64]string{0: "0 min", 59.4: "59 min", 60: "1h00", 125: "2h05", -90: "1h30"} {
		assert.Equal(t, want, duration(in), "%v", in)
	}
}

func TestScoreboard(t *testing.T) {
	sc, base := night()
	b := Scoreboard(sc, sc.Seed)
	n := len(safeguard.Catalogue)
	require.Equal(t, 15, n)
	assert.Equal(t, base.Impact, b.Baseline)

	require.Len(t, b.Singles, n)
	seen := map[safeguard.ID]bool{}
	for _, e := range b.Singles {
		require.Len(t, e.Safeguards, 1)
		assert.False(t, seen[e.Safeguards[0]], "%s twice", e.Safeguards[0])
		seen[e.Safeguards[0]] = true
	}
	assert.Len(t, seen, n)

	require.Len(t, b.Pairs, n*(n-1)/2)
	require.Len(t, b.Pairs, 105)
	pairs := map[safeguard.Set]bool{}
	for _, e := range b.Pairs {
		require.Len(t, e.Safeguards, 2)
		set := safeguard.Set(0).With(e.Safeguards...)
		assert.Equal(t, 2, set.Len())
		assert.False(t, pairs[set], "%v twice", e.Safeguards)
		pairs[set] = true
	}

	for _, es := range [][]Entry{b.Singles, b.Pairs} {
		for i := 1; i < len(es); i++ {
			a, c := es[i-1].Verdict, es[i].Verdict
			require.LessOrEqual(t, a.Kind.Rank(), c.Kind.Rank(), "%v before %v", es[i-1].Safeguards, es[i].Safeguards)
			if a.Kind.Rank() == c.Kind.Rank() {
				require.GreaterOrEqual(t, a.SavedHours, c.SavedHours, "%v before %v", es[i-1].Safeguards, es[i].Safeguards)
			}
		}
		for _, e := range es {
			assert.InDelta(t, b.Baseline.ChainHours()-e.Impact.ChainHours(), e.Verdict.SavedHours, 1e-9)
		}
	}

	// The entries are the runs: spot-check one against a fresh run.
	for _, e := range b.Singles {
		if e.Safeguards[0] == safeguard.DWFMAdmissionControl {
			assert.Equal(t, whatIf(safeguard.DWFMAdmissionControl).Impact, e.Impact)
		}
	}

	require.NotEmpty(t, b.Smallest)
	var preventing [][]safeguard.ID
	for _, e := range b.Singles {
		if e.Verdict.Kind == Prevented {
			preventing = append(preventing, e.Safeguards)
		}
	}
	assert.Equal(t, preventing, b.Smallest, "singles prevent it, so the smallest sets are singles")
	for _, set := range b.Smallest {
		r := whatIf(set...)
		assert.Less(t, r.Impact.ChainHours(), 0.05, "%v prevents the outage", set)
		_, emptied := r.First("dns.record_empty")
		assert.False(t, emptied, "%v: the endpoint never empties", set)
		assert.Equal(t, Prevented, Judge(base, r).Kind)
	}
	var smallest []string
	for _, s := range b.Smallest {
		smallest = append(smallest, string(s[0]))
	}
	// fewer-plans avoids the race on this night but does not remove it:
	// it is not among the sets that prevent the outage.
	assert.ElementsMatch(t, []string{"apply-time-check", "spare-active-plan"}, smallest)

	// A pair with a preventing safeguard prevents too.
	for _, e := range b.Pairs {
		set := safeguard.Set(0).With(e.Safeguards...)
		if set.Has(safeguard.ApplyTimeCheck) || set.Has(safeguard.SpareActivePlan) {
			assert.Equal(t, Prevented, e.Verdict.Kind, "%v", e.Safeguards)
		}
	}
}

// Containment is a layer spared: the apps cut to under a quarter count,
// even when AWS's own services suffer as much as on the night (which the
// summary then says); apps cut by less are a shortening at most.
func TestJudgeContainedApps(t *testing.T) {
	end := sim.At(1, 12, 0)
	base := result(6000, 1000, end, "dns.record_empty")
	v := Judge(base, result(6000, 200, end, "dns.record_empty"))
	assert.Equal(t, Contained, v.Kind, "%+v", v)
	assert.Contains(t, v.Summary, "the apps spared")
	assert.Contains(t, v.Summary, "AWS's own services")
	v = Judge(base, result(6000, 500, end, "dns.record_empty"))
	assert.Equal(t, Unchanged, v.Kind, "%+v", v)
}

// TestTextInEveryLanguage: a verdict reads in Indonesian too, with its
// decimal comma, and English Text is what Judge stored.
func TestTextInEveryLanguage(t *testing.T) {
	sc := scenario.Default()
	base := sim.RunWith(sc, 0, sc.Seed, sim.Options{})
	r := sim.RunWith(sc, safeguard.Set(0).With(safeguard.DWFMAdmissionControl), sc.Seed, sim.Options{})
	v := Judge(base, r)
	s, w := v.Text("en")
	assert.Equal(t, v.Summary, s)
	assert.Equal(t, v.Why, w)
	s, w = v.Text("id")
	assert.True(t, strings.HasPrefix(s, "Dipersingkat:"), s)
	assert.Contains(t, s, ",")
	assert.Contains(t, w, "eluncuran EC2")
	assert.NotContains(t, s+w, "{")
}

// What Base keeps of the real night gives the same verdict as the whole
// run, for every single safeguard.
func TestJudgeBaseMatchesJudge(t *testing.T) {
	sc, base := night()
	b := BaseOf(base)
	require.Len(t, b.Seen, len(chain))
	require.Len(t, b.LayerMin, len(layers))
	for _, in := range safeguard.Catalogue {
		run := sim.Run(sc, safeguard.Set(0).With(in.ID), sc.Seed)
		assert.Equal(t, Judge(base, run), JudgeBase(b, run), in.ID)
	}
}

package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// One test per safeguard, each at the decision point the safeguard
// changes, with the safeguard off and on. None of them looks at outcomes;
// the scoreboard tests do that.

func with(ids ...safeguard.ID) safeguard.Set { return safeguard.Set(0).With(ids...) }

// newTestDNS returns the DNS automation alone, at time t, with one plan
// per generation up to gen issued.
func newTestDNS(t *testing.T, sg safeguard.Set, gen int) (*sim, *dns) {
	t.Helper()
	sc := scenario.Default()
	s := newSim(sc, sg, 1, Options{Detail: true})
	for s.dns.gen < gen {
		s.dns.gen++
		s.dns.trees = append(s.dns.trees, 0)
	}
	return s, s.dns
}

// commit runs enactor i's batch for plan p on endpoint ep to completion.
func commit(s *sim, d *dns, i, p, ep int) {
	en := &d.ens[i]
	en.busy, en.plan, en.ep = true, p, ep
	d.attempt(i)
	for s.q.len() > 0 {
		e := s.q.pop()
		s.now = e.at
		if e.kind == evCommit && int(e.a) == i {
			d.onCommit(i, e.b)
			return
		}
	}
}

func lastKind(s *sim) string { return s.res.Events[len(s.res.Events)-1].Kind }

func kinds(s *sim) map[string]bool {
	m := map[string]bool{}
	for _, e := range s.res.Events {
		m[e.Kind] = true
	}
	return m
}

func TestApplyTimeCheckRefusesOlderPlan(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sg        safeguard.Set
		wantAlias int
		wantEvent string
	}{
		{"off: the old plan overwrites the new one", 0, 110, "zone.alias"},
		{"on: the conditional write refuses it", with(safeguard.ApplyTimeCheck), 120, "enactor.apply_refused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, d := newTestDNS(t, tc.sg, 120)
			commit(s, d, 1, 120, 0) // enactor-b applies the newest plan
			require.Equal(t, 120, d.alias[0])
			commit(s, d, 0, 110, 0) // slow enactor-a's stale plan
			assert.Equal(t, tc.wantAlias, d.alias[0])
			assert.True(t, kinds(s)[tc.wantEvent])
		})
	}
}

func TestSpareActivePlanKeepsLiveTree(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sg        safeguard.Set
		wantEmpty bool
	}{
		{"off: clean-up deletes the active plan", 0, true},
		{"on: clean-up spares it", with(safeguard.SpareActivePlan), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, d := newTestDNS(t, tc.sg, 120)
			// enactor-b applies 120 everywhere; enactor-a then overwrites the
			// regional endpoint with 110; enactor-b's clean-up runs.
			for ep := range d.alias {
				commit(s, d, 1, 120, ep)
			}
			commit(s, d, 0, 110, 0)
			d.ens[1].busy, d.ens[1].plan = true, 120
			d.onCleanup(1)
			assert.Equal(t, tc.wantEmpty, !d.endpointOK(0))
			assert.Equal(t, tc.wantEmpty, kinds(s)["dns.record_empty"])
		})
	}
}

func TestSelfHealingRollbackInstallsNewestPlan(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sg     safeguard.Set
		wantOK bool
		event  string
	}{
		{"off: every batch fails on the missing rollback target", 0, false, "enactor.apply_failed"},
		{"on: the batch installs its plan", with(safeguard.SelfHealingRollback), true, "enactor.self_heal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, d := newTestDNS(t, tc.sg, 120)
			d.alias[0] = 110 // points at a plan whose tree is gone
			d.trees[110-d.first] = 0
			commit(s, d, 2, 120, 0)
			assert.Equal(t, tc.wantOK, d.endpointOK(0))
			assert.True(t, kinds(s)[tc.event])
		})
	}
}

func TestFewerPlansSlowsThePlanner(t *testing.T) {
	sc := scenario.Default()
	off := newSim(sc, 0, 1, Options{})
	on := newSim(sc, with(safeguard.FewerPlans), 1, Options{})
	assert.Equal(t, secs(sc.DNS.PlanIntervalSec), off.dns.plan)
	assert.Equal(t, secs(sc.DNS.SlowLanePlanIntervalSec), on.dns.plan)
	assert.Greater(t, on.dns.plan, 5*off.dns.plan)
}

func TestEmptyEndpointAlarmShortensDiagnosis(t *testing.T) {
	sc := scenario.Default()
	for _, tc := range []struct {
		sg   safeguard.Set
		want float64
	}{
		{0, sc.Ops.DiagnoseMin},
		{with(safeguard.EmptyEndpointAlarm), sc.Ops.AlarmDiagnoseMin},
	} {
		r := RunWith(sc, tc.sg, sc.Seed, Options{})
		empty, ok1 := r.First("dns.record_empty")
		found, ok2 := r.First("ops.root_cause_identified")
		require.True(t, ok1 && ok2)
		// Diagnosis starts at the first minute tick that sees DynamoDB
		// failing, so it is within a minute of the empty record.
		assert.InDelta(t, tc.want, (found.At - empty.At).Minutes(), 1.0)
	}
}

// history builds a zone history: addresses until t1, then kind, then
// addresses again from t2.
func history(kind answerKind, t1, t2 Time) []answer {
	return []answer{{0, answerAddresses}, {t1, kind}, {t2, answerAddresses}}
}

func emptyShareAt(sg safeguard.Set, h []answer, t Time) float64 {
	sc := scenario.Default()
	rs := newResolvers(&sc.Resolvers, sg, 1)
	for m := Time(0); m <= t; m += Minute {
		rs.advance(h, m)
	}
	return rs.advance(h, t)
}

func TestServeStaleOnlyHelpsWithFailures(t *testing.T) {
	h := func(k answerKind) []answer { return history(k, 10*Minute, 60*Minute) }
	at := 30 * Minute
	for _, tc := range []struct {
		name string
		kind answerKind
		sg   safeguard.Set
		want float64
	}{
		{"failure, off: lookups fail", answerFailure, 0, 1},
		{"failure, on: served from stale cache", answerFailure, with(safeguard.ServeStale), 0},
		{"empty answer, off: cached as negative", answerEmpty, 0, 1},
		// The night's case: Route 53 answered NOERROR with no addresses,
		// which is an answer, not a failure, so serve-stale does nothing.
		{"empty answer, on: still negative", answerEmpty, with(safeguard.ServeStale), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, emptyShareAt(tc.sg, h(tc.kind), at), 1e-9)
		})
	}
}

func TestShortNegativeTTLRecoversAtOnce(t *testing.T) {
	h := history(answerEmpty, 10*Minute, 60*Minute)
	after := 60*Minute + Minute
	off := emptyShareAt(0, h, after)
	on := emptyShareAt(with(safeguard.ShortNegativeTTL), h, after)
	assert.Greater(t, off, 0.5, "most resolvers still hold the negative answer a minute after the repair")
	assert.Zero(t, on)
}

func TestKeepLastGoodAndCellsCutDynamoDBErrors(t *testing.T) {
	sc := scenario.Default()
	for _, tc := range []struct {
		sg       safeguard.Set
		min, max float64
	}{
		{0, 0.99, 1},
		{with(safeguard.KeepLastGood), 0.01, 0.05},
		{with(safeguard.CellEndpoints), 0.1, 0.1}, // one cell of ten, entirely
	} {
		s := newSim(sc, tc.sg, 1, Options{})
		emptiedThenDynamo(s)
		assert.GreaterOrEqual(t, s.errExt, tc.min, tc.sg.String())
		assert.LessOrEqual(t, s.errExt, tc.max, tc.sg.String())
	}
}

// emptiedThenDynamo puts s at 30 min with the endpoint emptied at 20, the
// resolvers caught up, and DynamoDB's errors worked out.
func emptiedThenDynamo(s *sim) {
	s.now = 30 * Minute
	s.dns.history = []answer{{0, answerAddresses}, {20 * Minute, answerEmpty}}
	s.dns.empty, s.emptySince = true, 20*Minute
	for m := Time(0); m <= 30*Minute; m += Minute {
		s.rs.advance(s.dns.history, m)
	}
	s.dynamo()
}

// TestCellsAreDiscrete: with cell-endpoints, a client of the failing cell
// loses DynamoDB entirely and a client of any other cell not at all; DWFM
// loses the share of its zonal fleets that the failing cell serves.
func TestCellsAreDiscrete(t *testing.T) {
	sc := scenario.Default()
	for seed := uint64(1); seed <= 40; seed++ {
		s := newSim(sc, with(safeguard.CellEndpoints), seed, Options{})
		emptiedThenDynamo(s)
		require.Equal(t, 1.0, s.failing)
		for _, id := range []string{"lambda", "redshift"} {
			want := 0.0
			if cellOf(id, sc.DNS.Cells) == s.cells.failing {
				want = 1
			}
			assert.Equal(t, want, s.clientErr(id), "seed %d %s", seed, id)
		}
		require.Len(t, s.dw, sc.DNS.DWFMCells, "one zonal fleet per cell")
		for k, w := range s.dw {
			want := 1.0
			if (cellOf("dwfm", sc.DNS.Cells)+k)%sc.DNS.Cells == s.cells.failing {
				want = 0 // this AZ's fleet resolves through the failing cell
			}
			assert.Equal(t, want, w.avail, "seed %d fleet %d", seed, k)
			assert.InDelta(t, 1/float64(sc.DNS.DWFMCells), w.share, 1e-12)
		}
	}
	// Without cells every client is in the one Region-wide "cell".
	s := newSim(sc, 0, 1, Options{})
	assert.True(t, s.cells.hits("anything"))
	assert.Equal(t, 1.0, s.cells.share())
}

// TestCongestiveCollapseEmerges: DWFM's lease work completes when little
// is in flight and never completes when more than capacity × timeout is,
// unless admission control holds the excess back.
func TestCongestiveCollapseEmerges(t *testing.T) {
	sc := scenario.Default()
	limit := sc.DWFM.Capacity * sc.DWFM.TimeoutMin
	for _, tc := range []struct {
		name     string
		lapsed   float64
		sg       safeguard.Set
		finishes bool
	}{
		{"below the threshold: recovers", limit / 2, 0, true},
		{"above it: collapse", 4 * limit, 0, false},
		{"the whole fleet: collapse", 1, 0, false},
		{"the whole fleet with admission control: recovers", 1, with(safeguard.DWFMAdmissionControl), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newDWFM(&sc.DWFM, tc.sg, 1)
			w.waiting = tc.lapsed
			w.total -= tc.lapsed
			dt := secs(sc.DWFM.StepSec)
			var done float64
			for k := range 4 * 60 * 4 { // four hours
				w.step(Time(k)*dt, dt, 0, 1)
				done += w.goodput
				w.goodput = 0
			}
			if tc.finishes {
				assert.InDelta(t, tc.lapsed, done, 1e-6)
				assert.Less(t, w.backlog(), 1e-6)
			} else {
				assert.Zero(t, done)
				assert.InDelta(t, tc.lapsed, w.backlog(), 1e-9)
			}
		})
	}
}

func TestLeaseStaticStabilityKeepsLeases(t *testing.T) {
	sc := scenario.Default()
	for _, tc := range []struct {
		sg   safeguard.Set
		want float64
	}{{0, 0}, {with(safeguard.LeaseStaticStability), 1}} {
		w := newDWFM(&sc.DWFM, tc.sg, 1)
		for m := range int(sc.DWFM.LeaseMin) {
			w.renew(m, 0) // DynamoDB unreachable for a whole lease period
		}
		assert.InDelta(t, tc.want, w.leased(), 1e-9)
	}
}

func TestNetMgrQueueThrottleAdmitsByQueue(t *testing.T) {
	sc := scenario.Default()
	for _, tc := range []struct {
		sg      safeguard.Set
		limited bool
	}{{0, false}, {with(safeguard.NetMgrQueueThrottle), true}} {
		s := newSim(sc, tc.sg, 1, Options{})
		s.ln.pending = 100
		s.nm.queue = 10 * sc.NetMgr.Capacity // ten minutes of work waiting
		s.ln.step(0, s.nm.room(), 1)
		if tc.limited {
			assert.Zero(t, s.ln.limit)
		} else {
			assert.Equal(t, sc.Launch.APILimit, s.ln.limit)
		}
	}
}

// TestNLBSafeguards: flapping targets are pulled and AZ failover takes
// whole AZs out of DNS; connection errors are the capacity removed. The
// readiness gate stops the flapping; velocity control refuses failovers
// past its limit, so only the pulled nodes' own share is lost; disabling
// failover puts everything back.
func TestNLBSafeguards(t *testing.T) {
	sc := scenario.Default()
	sc.NLB.FlapNoise = 0 // even AZs, for exact expectations
	for _, tc := range []struct {
		name     string
		sg       safeguard.Set
		disabled bool
		flap     bool
		azOut    bool
	}{
		{"off: targets flap and AZs fail over", 0, false, true, true},
		{"readiness gate: no flapping", with(safeguard.NLBReadinessGate), false, false, false},
		{"velocity control: no whole AZ removed", with(safeguard.NLBVelocityControl), false, true, false},
		{"failover disabled: all capacity back", 0, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lb := newNLB(&sc.NLB, tc.sg, 1)
			lb.disabled = tc.disabled
			for range 600 {
				lb.step(3, 30) // new targets wait 30 min for network state
			}
			assert.Equal(t, tc.flap, lb.flapping > 0)
			assert.Equal(t, tc.azOut, lb.azOut(0) > 0.01)
			// Errors are exactly the capacity not in service.
			assert.InDelta(t, 1-lb.inService, lb.err, 1e-12)
			want := 1.0
			if !tc.disabled {
				want = 0
				for a := range lb.out {
					want += (1 - lb.azOut(a)) * (1 - lb.flap[a])
				}
				want /= float64(len(lb.out))
			}
			assert.InDelta(t, want, lb.inService, 1e-12)
			if tc.sg.Has(safeguard.NLBVelocityControl) {
				assert.InDelta(t, lb.flapping, lb.err, 1e-12, "only the pulled nodes' share is lost")
				assert.True(t, lb.refused)
			}
			// What the picture draws where a safeguard acts: the failovers
			// the limit refused, and the targets the gate holds back.
			for a := range lb.out {
				assert.InDelta(t, lb.out[a], lb.azOut(a)+lb.azHeld(a), 1e-12, "asked = out + refused")
				assert.Equal(t, tc.sg.Has(safeguard.NLBVelocityControl), lb.azHeld(a) > 0.01, "AZ %d refused", a)
			}
			// The share that waits for its network is the same either way:
			// without the gate it flaps, with it it waits unchecked.
			off := newNLB(&sc.NLB, 0, 1)
			off.step(3, 30)
			if tc.sg.Has(safeguard.NLBReadinessGate) {
				assert.Positive(t, lb.gated)
				assert.InDelta(t, off.flapping, lb.gated, 1e-12, "the targets that would flap wait, unchecked")
			} else {
				assert.Zero(t, lb.gated)
			}
		})
	}
}

// TestVelocityLimitBoundsRemoval: a limit that allows one AZ per NLB lets
// no NLB lose two, however many AZs trip.
func TestVelocityLimitBoundsRemoval(t *testing.T) {
	sc := scenario.Default()
	sc.NLB.FlapNoise = 0
	sc.NLB.VelocityLimit = 0.4 // one AZ of three
	lb := newNLB(&sc.NLB, with(safeguard.NLBVelocityControl), 1)
	for range 3000 {
		lb.step(3, 300)
	}
	removedByAZ := 0.0
	for a := range lb.out {
		removedByAZ += lb.azOut(a)
	}
	removedByAZ /= float64(len(lb.out))
	assert.LessOrEqual(t, removedByAZ, 1.0/3+1e-9)
	assert.Greater(t, removedByAZ, 0.3, "one AZ per NLB is allowed")
}

func TestMultiRegionAppsFailOver(t *testing.T) {
	sc := scenario.Default()
	for _, tc := range []struct {
		sg   safeguard.Set
		want Severity
	}{{0, Down}, {with(safeguard.MultiRegionApps), Healthy}} {
		s := newSim(sc, tc.sg, 1, Options{})
		s.errExt = 1 // DynamoDB unreachable
		for m := range 30 {
			s.now = Time(m) * Minute
			s.services()
		}
		i := s.res.Service("snapchat")
		assert.Equal(t, tc.want, s.svcs[i].sev)
		assert.Equal(t, Down, s.svcs[s.res.Service("dynamodb")].sev, "the AWS service itself stays down")
	}
}

// TestNoTriggerNoOutage: without the injected slowness the automation
// runs all night without incident.
func TestNoTriggerNoOutage(t *testing.T) {
	sc := scenario.Default()
	sc.DNS.Trigger.BatchSec = sc.DNS.BatchSec
	for seed := uint64(1); seed <= 5; seed++ {
		r := RunWith(sc, 0, seed, Options{})
		_, empty := r.First("dns.record_empty")
		assert.False(t, empty, "seed %d", seed)
		assert.Zero(t, r.Impact.ChainHours(), "seed %d", seed)
	}
}

// TestOperatorsFollowTheNewCourse: with the alarm, the repair comes
// earlier, and the DWFM fix follows the collapse, not the real clock.
func TestOperatorsFollowTheNewCourse(t *testing.T) {
	sc := scenario.Default()
	r := RunWith(sc, with(safeguard.EmptyEndpointAlarm), sc.Seed, Options{})
	restored, ok := r.First("dns.restored")
	require.True(t, ok)
	assert.Less(t, restored.At, At(1, 2, 0), "repair follows the earlier diagnosis")
	collapse, ok1 := r.First("dwfm.collapse")
	fix, ok2 := r.First("ops.dwfm_throttle_restart")
	require.True(t, ok1 && ok2)
	// The engineers act DWFMMin after the collapse is seen: by then the
	// stall has lasted longer than a lease-work timeout since DynamoDB
	// came back.
	seen := fix.At - mins(sc.Ops.DWFMMin)
	back, ok := r.First("ddb.recovered")
	require.True(t, ok)
	assert.Greater(t, seen, collapse.At)
	assert.Greater(t, seen, back.At-2*Minute)
	assert.Less(t, seen, back.At+mins(sc.DWFM.TimeoutMin+5))
}

package viewmodel

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/check"
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
)

func TestStageIDs(t *testing.T) {
	want := []string{"dns", "zone", "resolvers", "dwfm", "netmgr", "nlb", "services", "apps"}
	for i, id := range want {
		s := Stage(i)
		assert.Equal(t, id, s.ID())
		got, ok := StageByID(id)
		require.True(t, ok, id)
		assert.Equal(t, s, got)
		assert.Equal(t, WidgetID("stage."+id), StageWidget(s))
	}
	_, ok := StageByID("route53")
	assert.False(t, ok)
	assert.Equal(t, "", Stage(-1).ID())
	assert.Equal(t, WNone, StageWidget(NumStages))
}

func TestSpotlightEveryChapter(t *testing.T) {
	for _, id := range story.IDs() {
		f, s := Spotlight(id)
		assert.True(t, f >= 0 && f < NumStages, id)
		assert.NotEqual(t, f, s, id)
		if s != NoStage {
			assert.Less(t, f, s, "%s: cause first", id)
		}
	}
	f, s := Spotlight("collapse")
	assert.Equal(t, StageDWFM, f)
	assert.Equal(t, NoStage, s, "the lease collapse gets the whole diagram")
}

// In story mode on a desktop, the chapter's stages take most of the
// diagram, with readable text, and every other stage is a chip.
func TestSpotlightLayout(t *testing.T) {
	for _, tc := range []struct {
		w, h, dpr float64
		first     Stage
		second    Stage
		minFontPx float64 // in CSS pixels
	}{
		{1280, 720, 1, StageDWFM, NoStage, 14},
		{1280, 720, 2, StageAutomation, StageZone, 14},
		{1920, 1080, 1, StageNLB, StageServices, 20},
		{3840, 2160, 1, StageDWFM, NoStage, 28},
	} {
		t.Run(fmt.Sprintf("%vx%v@%v", tc.w, tc.h, tc.dpr), func(t *testing.T) {
			l := Compute(Input{W: tc.w * tc.dpr, H: tc.h * tc.dpr, DPR: tc.dpr, Spotlight: true,
				Focus: tc.first, Second: tc.second, SecondSet: true})
			require.True(t, l.Spotlit)
			assert.GreaterOrEqual(t, l.FontStage/tc.dpr, tc.minFontPx)
			named := l.Named(0)
			area := 0.0
			for s := range NumStages {
				r, ok := named[StageWidget(s)]
				if s == tc.first || s == tc.second {
					require.True(t, ok, "stage %s drawn", s.ID())
					assert.True(t, r.Within(l.Diagram))
					area += r.W * r.H
					continue
				}
				assert.False(t, ok, "stage %s is a chip only", s.ID())
				assert.Contains(t, named, ChipWidget(s))
			}
			assert.Greater(t, area, 0.6*l.Diagram.W*l.Diagram.H, "the spotlight takes most of the diagram")
		})
	}
	// Without the spotlight (explore mode), all eight stages are drawn.
	l := Compute(Input{W: 1280, H: 720, DPR: 1})
	for s := range NumStages {
		assert.Contains(t, l.Named(0), StageWidget(s))
	}
}

func TestDescribeStages(t *testing.T) {
	sc := scenario.Default()
	a := NewApp(Engine{Run: func(s safeguard.Set) *sim.Result { return sim.Run(sc, s, sc.Seed) },
		CollapseLine: sc.DWFM.CollapseLine()}, "en")
	ids := story.IDs()
	for _, ch := range []string{"race", "collapse", "health-checks"} {
		a.SetChapter(slices.Index(ids, ch))
		for _, lang := range []string{"en", "id"} {
			a.Lang = lang
			st := a.State()
			require.NotEmpty(t, st.Spotlight)
			for s := range NumStages {
				d := st.Stages[s.ID()]
				assert.NotEmpty(t, d, "%s %s %s", ch, lang, s.ID())
				assert.NotContains(t, d, "{", "%s %s %s: %s", ch, lang, s.ID(), d)
			}
		}
	}
	// The collapse chapter's words say what its picture shows.
	a.Lang = "en"
	a.SetChapter(slices.Index(ids, "collapse"))
	a.Seek(sim.At(1, 3, 0))
	assert.Contains(t, a.DescribeStage(StageDWFM), "Congestive collapse")
	assert.Equal(t, []string{"dwfm"}, a.State().Spotlight)
}

func TestStalePair(t *testing.T) {
	sc := scenario.Default()
	res := sim.Run(sc, 0, sc.Seed)
	sp, ok := FindStalePair(res)
	require.True(t, ok, "the night has the stale apply")
	assert.Equal(t, 0, sp.Lane, "Enactor A")
	assert.Less(t, sp.Gen, sp.Over)
	assert.Less(t, sp.Check, sp.Use)
	assert.Greater(t, sp.Use-sp.Check, sim.Minute, "the check was made long before its use")
	_, ok = FindStalePair(sim.Run(sc, safeguard.Set(0).With(safeguard.ApplyTimeCheck), sc.Seed))
	assert.False(t, ok, "the conditional write refuses the stale plan")
}

// The zone's plan cards never overlap, always include the tree the alias
// points at, and show a deleted one as deleted.
func TestLayZoneCards(t *testing.T) {
	z := &ZoneState{Alias: []int{109, 117, 117}, Rollback: 117, Trees: []int{113, 114, 115, 116, 117}, Deleted: 109, Empty: true}
	for _, w := range []float64{160, 300, 460, 900} {
		zl := LayZone(R(0, 0, w, 240), z, 40, 18, 1, true)
		require.NotEmpty(t, zl.Cards, "width %v", w)
		body := R(0, 0, w, 240)
		for i, c := range zl.Cards {
			assert.True(t, c.Rect.Within(body), "width %v: card %d off the stage", w, c.Gen)
			for _, o := range zl.Cards[i+1:] {
				assert.False(t, c.Rect.Overlaps(o.Rect), "width %v: cards %d and %d overprint", w, c.Gen, o.Gen)
			}
			assert.False(t, c.Rect.Overlaps(zl.Alias), "records sit below the cards")
		}
		a, ok := zl.CardAt(109)
		require.True(t, ok, "width %v: the alias's tree is always drawn", w)
		assert.True(t, a.Deleted && a.Alias)
		_, ok = zl.CardAt(117)
		assert.True(t, ok, "width %v: the rollback target is drawn", w)
	}
}

// Every scoreboard row can be scrolled into view at every size, rows stay
// inside the dialog, and the dialog says when more rows follow.
func TestBoardScrollsToEveryRow(t *testing.T) {
	n := 15
	for _, sz := range sizes {
		l := Compute(Input{W: sz.w * sz.dpr, H: sz.h * sz.dpr, DPR: sz.dpr})
		seen := map[int]bool{}
		for first := 0; first < n; first++ {
			bl := l.Board(n, first, 3)
			require.NotEmpty(t, bl.Rows, "%vx%v@%v", sz.w, sz.h, sz.dpr)
			for k, r := range bl.Rows {
				seen[bl.First+k] = true
				assert.True(t, r.Within(bl.Panel), "%vx%v: row %d outside the dialog", sz.w, sz.h, bl.First+k)
				assert.False(t, r.Overlaps(bl.Sets), "%vx%v: row %d over the sets", sz.w, sz.h, bl.First+k)
			}
			last := bl.First + len(bl.Rows)
			assert.Equal(t, last < n, !bl.Below.Empty(), "%vx%v first %d: 'more below' iff rows follow", sz.w, sz.h, first)
			assert.Equal(t, bl.First > 0, !bl.Above.Empty(), "%vx%v first %d: 'more above' iff rows precede", sz.w, sz.h, first)
		}
		assert.Len(t, seen, n, "%vx%v@%v: every row reachable", sz.w, sz.h, sz.dpr)
	}
}

// In the last chapter, switching a safeguard on replays the night from
// the chapter where it acts; elsewhere the playhead stays.
func TestYourTurnReplays(t *testing.T) {
	sc := scenario.Default()
	a := NewApp(Engine{Run: func(s safeguard.Set) *sim.Result { return sim.Run(sc, s, sc.Seed) }}, "en")
	ids := story.IDs()
	for _, tc := range []struct {
		id      safeguard.ID
		chapter string
	}{
		{safeguard.ApplyTimeCheck, "race"},
		{safeguard.DWFMAdmissionControl, "collapse"},
		{safeguard.NLBVelocityControl, "health-checks"},
		{safeguard.ServeStale, "dynamodb-dark"},
	} {
		a.SetSafeguards(0)
		a.SetChapter(len(ids) - 1)
		a.Playing = false
		a.Toggle(tc.id)
		assert.Equal(t, tc.chapter, a.CurrentChapter().ID, tc.id)
		assert.True(t, a.Playing, tc.id)
		assert.True(t, a.Tried.Has(tc.id))
		// Switching it off again does not move the playhead.
		a.SetChapter(len(ids) - 1)
		at := a.T
		a.Toggle(tc.id)
		assert.Equal(t, at, a.T)
	}
	for _, in := range safeguard.Catalogue {
		assert.Contains(t, ids, ChapterChangedBy(in.ID), in.ID)
	}
	// Before the last chapter a toggle leaves the playhead alone.
	a.SetChapter(slices.Index(ids, "collapse"))
	at := a.T
	a.Toggle(safeguard.ApplyTimeCheck)
	assert.Equal(t, at, a.T)
}

// Every claim of "What you may have read" is worded in both languages,
// and its experiment shows what its words say.
func TestClaimsExperiments(t *testing.T) {
	sc := scenario.Default()
	a := NewApp(Engine{Run: func(s safeguard.Set) *sim.Result { return sim.Run(sc, s, sc.Seed) }}, "en")
	for i, c := range Claims {
		for _, lang := range []string{"en", "id"} {
			for _, k := range []string{"claim", "facts"} {
				_, ok := i18n.Lookup(lang, "report."+c.ID+"."+k)
				assert.True(t, ok, "%s: report.%s.%s", lang, c.ID, k)
			}
			_, ok := i18n.Lookup(lang, "ui.report.verdict."+c.Verdict)
			assert.True(t, ok, "%s: verdict %s", lang, c.Verdict)
			if c.Run != nil {
				_, ok := i18n.Lookup(lang, "report."+c.ID+".run")
				assert.True(t, ok, "%s: report.%s.run", lang, c.ID)
			}
		}
		a.Do(CmdReports)
		require.True(t, a.RunClaim(i), c.ID)
		assert.False(t, a.Reports, "%s: the experiment closes the dialog", c.ID)
		w, ok := ClaimOf(claimWidgets[i])
		assert.True(t, ok)
		assert.Equal(t, i, w)
	}
	// Every NLB safeguard on: DynamoDB still goes dark.
	a.RunClaim(slices.IndexFunc(Claims, func(c Claim) bool { return c.ID == "load-balancer" }))
	assert.True(t, a.Set.Has(safeguard.NLBReadinessGate) && a.Set.Has(safeguard.NLBVelocityControl))
	assert.Equal(t, ModeExplore, a.Mode)
	assert.InDelta(t, 1, a.Current().Result.Series.At(sim.DynamoDBErrorRate, a.T), 0.05, "DynamoDB dark at 00:20 with every NLB safeguard")
	// Apps in two Regions: the apps keep working, AWS's services do not.
	a.RunClaim(slices.IndexFunc(Claims, func(c Claim) bool { return c.ID == "multi-region" }))
	res := a.Current().Result
	appsDown, awsDown := 0, 0
	for si, s := range res.Services {
		if HealthSeverity(res.Series.HealthAt(si, a.T)) == sim.Down {
			if s.Kind == sim.App {
				appsDown++
			} else {
				awsDown++
			}
		}
	}
	assert.Zero(t, appsDown, "apps in two Regions keep working")
	assert.Positive(t, awsDown, "AWS's own services in us-east-1 do not")
	assert.False(t, a.RunClaim(len(Claims)))
}

// The checker's counterexample replayed on the DNS stages: the stale
// check and its use, the clean-up deleting the live plan, the alias
// left pointing at nothing; the keys step it back and forth.
func TestReplayCounterexample(t *testing.T) {
	sc := scenario.Default()
	a := NewApp(Engine{Run: func(s safeguard.Set) *sim.Result { return sim.Run(sc, s, sc.Seed) }}, "en")
	a.Do(CmdRace)
	require.True(t, a.Do(CmdReplay))
	r := a.Replaying()
	require.NotNil(t, r)
	assert.False(t, a.Race, "the dialog closes for the replay")
	assert.Equal(t, 1, r.Step)
	a.Do(CmdPrevEvent)
	assert.Equal(t, 1, r.Step, "clamped at the first step")
	fatal := -1
	for i, s := range r.Steps {
		if Fatal(s) {
			fatal = i + 1
			break
		}
	}
	require.Positive(t, fatal)
	for r.Step < fatal {
		a.Do(CmdNextEvent)
	}
	z := r.Zone()
	assert.True(t, z.Empty, "the endpoint has no addresses after the fatal step")
	assert.NotContains(t, z.Trees, z.Alias[0], "the alias names a deleted plan")
	// Just before the stale plan is used, its Enactor holds a plan it
	// checked steps earlier, older than the live one.
	use := slices.IndexFunc(r.Steps, func(s check.Step) bool { return s.Action == check.ActionApply && s.Plan < s.Rollback })
	require.Positive(t, use)
	r.Step = use // the step before it (steps count from 1)
	stale := false
	for _, e := range r.Zone().Enactors {
		stale = stale || e.Stale && e.CheckedStep > 0 && e.CheckedStep < use
	}
	assert.True(t, stale, "an Enactor holds a plan checked long before")
	// The swimlane: a cell per step in its actor's lane, the stale pair
	// from the check to the use, and the alias naming nothing at the end.
	sw := r.Swimlane()
	cells, pairs, alias, empty := sw.Cells, sw.Pairs, sw.Alias, sw.Empty
	assert.Same(t, sw, r.Swimlane(), "made once per replay")
	require.Len(t, cells, len(r.Steps))
	require.Len(t, alias, len(r.Steps))
	for k, c := range cells {
		assert.Equal(t, k, c.Col)
		assert.Equal(t, r.Steps[k].Actor == "planner", c.Lane == ReplayLanePlanner, "step %d in its actor's lane", k+1)
		assert.NotEmpty(t, c.Kind, "step %d", k+1)
	}
	assert.True(t, cells[fatal-1].Fatal)
	assert.True(t, empty[fatal-1])
	assert.False(t, empty[0])
	var stalePairs []ReplayPair
	for _, pr := range pairs {
		assert.Less(t, pr.From, pr.To)
		assert.Equal(t, "check", cells[pr.From].Kind)
		assert.Equal(t, pr.Plan, cells[pr.To].Plan)
		if pr.Stale {
			stalePairs = append(stalePairs, pr)
		}
	}
	require.Len(t, stalePairs, 1, "one stale check and its use: %+v", pairs)
	assert.Equal(t, use, stalePairs[0].To, "the stale use is the old plan's apply")
	assert.Greater(t, alias[use-1], stalePairs[0].Plan, "a newer plan was live when it was used")
	r.Step = fatal
	a.Do(CmdPrevEvent)
	assert.Equal(t, fatal-1, r.Step)
	assert.False(t, r.Zone().Empty, "one step back the endpoint still resolves")
	a.Do(CmdClose)
	assert.Nil(t, a.Replaying())
	// With the conditional write, nothing to replay.
	a.SetSafeguards(safeguard.Set(0).With(safeguard.ApplyTimeCheck))
	assert.False(t, a.StartReplay())
}

// After the race, the regional endpoint's alias names a deleted tree for
// as long as the zone is broken, though the slow Enactor goes on building
// its plan for the other endpoints.
func TestZoneKeepsTheDeletedTree(t *testing.T) {
	sc := scenario.Default()
	res := sim.Run(sc, 0, sc.Seed)
	f := NewZoneFolder(res)
	for _, at := range []sim.Time{sim.At(0, 23, 48), sim.At(0, 23, 50), sim.At(1, 0, 30)} {
		z := f.At(at)
		require.NotEmpty(t, z.Alias)
		assert.True(t, z.Empty, at.Clock())
		assert.NotContains(t, z.Trees, z.Alias[0], "%s: the alias's tree is gone", at.Clock())
	}
}

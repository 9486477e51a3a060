package story

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// sec is a simulated time given as a PDT clock with seconds.
func sec(day, h, m, s int) sim.Time { return sim.At(day, h, m) + sim.Time(s)*sim.Second }

// night builds a Result shaped like the simulation's: the race's model
// events around 23:48 and every canonical event, each shifted by shift
// from its real time (to tell simulated from real times apart).
func night(shift sim.Time) *sim.Result {
	r := &sim.Result{Horizon: sim.At(2, 5, 0), Endpoints: []string{
		"dynamodb.us-east-1.amazonaws.com", "dynamodb.us-east-1.api.aws",
		"dynamodb-fips.us-east-1.amazonaws.com", "*.ddb.us-east-1.amazonaws.com"}}
	add := func(at sim.Time, kind, subject string, gen, ep int, v float64) {
		r.Events = append(r.Events, sim.Event{At: at, Kind: kind, Subject: subject, Gen: gen, Endpoint: ep, Value: v})
	}
	add(sec(0, 23, 31, 0), "planner.plan", "planner", 101, 0, 0)
	add(sec(0, 23, 38, 0), "trigger.enactor_slow", "enactor-a", 0, 0, 0)
	add(sec(0, 23, 38, 30), "enactor.check", "enactor-a", 117, 0, 116)
	add(sec(0, 23, 39, 4), "enactor.lock_lost", "enactor-a", 117, 0, 1)
	add(sec(0, 23, 42, 10), "enactor.lock_lost", "enactor-a", 117, 0, 2)
	add(sec(0, 23, 47, 31), "enactor.check", "enactor-b", 135, 0, 134)
	for ep := range 4 {
		at := sec(0, 23, 47, 34+3*ep)
		add(at, "enactor.apply", "enactor-b", 135, ep, 134)
		add(at, "zone.alias", r.Endpoints[ep], 135, ep, 0)
	}
	add(sec(0, 23, 47, 50), "enactor.apply", "enactor-a", 117, 0, 135)
	add(sec(0, 23, 47, 50), "zone.alias", r.Endpoints[0], 117, 0, 0)
	add(sec(0, 23, 47, 51), "zone.plan_deleted", "enactor-b", 117, 0, 0)
	add(sec(0, 23, 47, 51), "enactor.cleanup", "enactor-b", 135, 0, 9)
	add(sec(0, 23, 47, 51), "zone.endpoint_empty", r.Endpoints[0], 117, 0, 0)
	add(sec(0, 23, 47, 51), "dns.record_empty", r.Endpoints[0], 117, 0, 0)
	add(sec(0, 23, 48, 20), "enactor.apply_failed", "enactor-c", 136, 0, 1)
	add(sec(0, 23, 49, 0), "dns.automation_stuck", "enactors", 0, 0, 0)
	for _, m := range scenario.Timeline {
		if m.ID == "dns.record_empty" {
			continue
		}
		add(sim.At(m.Day, m.Hour, m.Minute)+shift, m.ID, "", 0, 0, 0)
	}
	sortEvents(r.Events)
	for i := range r.Events {
		if _, ok := scenario.Lookup(r.Events[i].Kind); ok {
			r.Events[i].Canonical = true
		}
	}
	r.Services = []sim.ServiceOutages{
		{ID: "dynamodb", Name: "DynamoDB", Kind: sim.AWSService,
			Outages: []sim.Interval{{Start: sim.At(0, 23, 48), End: sim.At(1, 2, 40), Severity: sim.Down}}},
		{ID: "lambda", Name: "Lambda", Kind: sim.AWSService,
			Outages: []sim.Interval{{Start: sim.At(0, 23, 51), End: sim.At(1, 14, 15), Severity: sim.Down}}},
		{ID: "snapchat", Name: "Snapchat", Kind: sim.App,
			Outages: []sim.Interval{{Start: sim.At(0, 23, 48), End: sim.At(1, 3, 0), Severity: sim.Down}}},
	}
	r.Impact.End = sim.At(1, 14, 20) + shift
	return r
}

func sortEvents(es []sim.Event) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].At < es[j-1].At; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// without returns r without the events of the given kinds.
func without(r *sim.Result, kinds ...string) *sim.Result {
	out := *r
	out.Events = nil
	for _, e := range r.Events {
		drop := false
		for _, k := range kinds {
			drop = drop || e.Kind == k
		}
		if !drop {
			out.Events = append(out.Events, e)
		}
	}
	return &out
}

// checkShape asserts what every resolved story must satisfy.
func checkShape(t *testing.T, chs []Chapter) {
	t.Helper()
	require.Len(t, chs, len(script))
	prev := sim.Time(0)
	for i, c := range chs {
		assert.Equal(t, script[i].id, c.ID)
		assert.Equal(t, prev, c.Start, "chapter %s starts where the previous ended", c.ID)
		assert.Greater(t, c.End, c.Start, "chapter %s has a positive span", c.ID)
		require.NotEmpty(t, c.Beats)
		assert.Equal(t, c.Start, c.Beats[0].Start)
		assert.Equal(t, c.End, c.Beats[len(c.Beats)-1].End)
		for j, b := range c.Beats {
			if j > 0 {
				assert.Equal(t, c.Beats[j-1].End, b.Start, "%s beat %d contiguous", c.ID, j)
			}
			assert.Greater(t, b.End, b.Start, "%s beat %d positive", c.ID, j)
			assert.Greater(t, b.Speed(), 0.0)
			for _, lang := range i18n.Langs() {
				text := b.Text(lang)
				assert.NotContains(t, text, "{", "%s %s: unfilled placeholder: %s", lang, b.Key, text)
				_, ok := i18n.Lookup(lang, b.Key)
				assert.True(t, ok, "%s: missing %s", lang, b.Key)
			}
		}
		prev = c.End
	}
}

func TestChaptersAnchoredToTheRun(t *testing.T) {
	shift := 2 * sim.Minute // the run's canonical events are 2 min late
	r := night(shift)
	chs := Chapters(r, 0)
	checkShape(t, chs)
	byID := map[string]Chapter{}
	for _, c := range chs {
		byID[c.ID] = c
		assert.Empty(t, c.Missing, c.ID)
	}
	empty := sec(0, 23, 47, 51)
	tests := []struct {
		chapter    string
		start, end sim.Time
	}{
		{"normal-night", 0, sec(0, 23, 38, 4)}, // a minute before A first lost a lock
		{"race", sec(0, 23, 38, 4), empty + sim.Minute},
		{"stuck", empty + sim.Minute, empty + 6*sim.Minute},
		{"dynamodb-dark", empty + 6*sim.Minute, sim.At(1, 1, 15) + shift},
		{"leases", sim.At(1, 1, 15) + shift, sim.At(1, 2, 25) + shift},
		{"collapse", sim.At(1, 2, 25) + shift, sim.At(1, 5, 28) + shift},
		{"network-backlog", sim.At(1, 5, 28) + shift, sim.At(1, 6, 52) + shift},
		{"health-checks", sim.At(1, 6, 52) + shift, sim.At(1, 9, 56) + shift},
		{"long-tail", sim.At(1, 9, 56) + shift, sim.At(1, 14, 20) + shift},
		{"what-if", sim.At(1, 14, 20) + shift, sim.At(1, 15, 0)},
	}
	for _, tt := range tests {
		c := byID[tt.chapter]
		assert.Equal(t, tt.start.Wall().Format("15:04:05"), c.Start.Wall().Format("15:04:05"), tt.chapter+" start")
		assert.Equal(t, tt.end.Wall().Format("15:04:05"), c.End.Wall().Format("15:04:05"), tt.chapter+" end")
	}
	race := byID["race"].Beats
	assert.Equal(t, sec(0, 23, 47, 30), race[2].Start, "B's pickup, a second early")
	assert.Equal(t, sec(0, 23, 47, 49), race[3].Start, "A's overwrite, a second early")
	assert.Equal(t, empty-sim.Second/2, race[4].Start, "the deletion")
	assert.Less(t, race[3].Speed(), 1.0, "the overwrite plays slower than real time")
	dark := byID["dynamodb-dark"].Beats
	assert.Equal(t, sim.At(1, 0, 38)+shift, dark[3].Start, "the root cause beat starts at the event")
}

func TestRealNightCaptionsStatePESTimes(t *testing.T) {
	chs := Chapters(night(2*sim.Minute), 0)
	at := func(id string, beat int) Beat { return chs[Index(id)].Beats[beat] }
	assert.Equal(t, "At 00:38, 50 minutes in, engineers identified DynamoDB's DNS state as the source.",
		at("dynamodb-dark", 3).Text("en"))
	assert.Equal(t, "Pukul 00.38, 50 menit setelah gangguan dimulai, para insinyur menemukan bahwa sumbernya adalah keadaan DNS DynamoDB.",
		at("dynamodb-dark", 3).Text("id"))
	assert.Contains(t, at("long-tail", 1).Text("en"), "At 14:20,")
	assert.Contains(t, at("long-tail", 1).Text("en"), "about 14.5 hours")
	assert.Contains(t, at("long-tail", 1).Text("id"), "sekitar 14,5 jam")
	assert.Contains(t, at("race", 0).Text("en"), "Shortly before 23:48,")
	for _, c := range chs {
		for _, b := range c.Beats {
			assert.Equal(t, 2, strings.Count(b.Key, "."), "the real night uses main captions: %s", b.Key)
		}
	}
}

func TestWhatIfCaptionsStateTheRunsTimes(t *testing.T) {
	set := safeguard.Set(0).With(safeguard.MultiRegionApps)
	chs := Chapters(night(2*sim.Minute), set)
	assert.Equal(t, "At 00:40, 52 minutes in, engineers identified DynamoDB's DNS state as the source.",
		chs[Index("dynamodb-dark")].Beats[3].Text("en"))
	assert.Equal(t, "story.dynamodb-dark.3.failover", chs[Index("dynamodb-dark")].Beats[2].Key)
	last := chs[len(chs)-1].Beats[2]
	assert.Equal(t, "story.what-if.3.whatif", last.Key)
	assert.Contains(t, last.Text("en"), "Multi-Region apps")
	assert.Contains(t, last.Text("id"), "Aplikasi multi-Region")
}

func TestPreventedRaceFallsBackToRealTimes(t *testing.T) {
	// A run where the race never emptied the record: only the DNS model
	// events remain, plus the slow Enactor.
	r := night(0)
	r = without(r, "dns.record_empty", "zone.plan_deleted", "zone.endpoint_empty", "enactor.apply_failed",
		"dns.automation_stuck")
	var evs []sim.Event
	for _, e := range r.Events {
		if !e.Canonical {
			evs = append(evs, e)
		}
	}
	r.Events, r.Services, r.Impact = evs, nil, sim.Impact{}
	set := safeguard.Set(0).With(safeguard.SpareActivePlan)
	chs := Chapters(r, set)
	checkShape(t, chs)
	race := chs[Index("race")]
	assert.Equal(t, []string{"dns.record_empty"}, race.Missing)
	assert.Equal(t, sec(0, 23, 48, 50), race.End, "a minute after A's overwrite, where the race would have struck")
	assert.Equal(t, sim.At(1, 1, 15), chs[Index("dynamodb-dark")].End, "PES time of the partial mitigation")
	keys := func(id string) []string {
		var out []string
		for _, b := range chs[Index(id)].Beats {
			out = append(out, b.Key)
		}
		return out
	}
	assert.Equal(t, []string{"story.race.1", "story.race.2.spare-active-plan", "story.race.3.none",
		"story.race.4.overwrote", "story.race.5.spared"}, keys("race"))
	assert.Equal(t, []string{"story.stuck.1.none", "story.stuck.2.none"}, keys("stuck"))
	assert.Equal(t, "story.dynamodb-dark.1.none", keys("dynamodb-dark")[0])
	assert.Equal(t, "story.long-tail.2.none", keys("long-tail")[1])
	assert.Equal(t, sec(0, 23, 47, 49), race.Beats[3].Start, "the overwrite still anchors its beat")
}

func TestPreventedRaceWithoutLandmarks(t *testing.T) {
	chs := Chapters(&sim.Result{Horizon: sim.At(2, 5, 0)}, safeguard.Set(0).With(safeguard.FewerPlans))
	checkShape(t, chs)
	race := chs[Index("race")]
	assert.Equal(t, sim.At(0, 23, 49), race.End, "PES 23:48 + 1 min")
	assert.Equal(t, "story.race.1.calm", race.Beats[0].Key)
	assert.Equal(t, "story.race.2.fewer-plans", race.Beats[1].Key)
	assert.Equal(t, "story.race.3.quiet", race.Beats[2].Key)
	// With a safeguard that removes the flaw beside it, the caption says
	// the race cannot happen, not that its flaw remains.
	both := Chapters(&sim.Result{Horizon: sim.At(2, 5, 0)}, safeguard.Set(0).With(safeguard.FewerPlans, safeguard.ApplyTimeCheck))
	assert.Equal(t, "story.race.2.apply-time-check", both[Index("race")].Beats[1].Key)
}

func TestNilResultFollowsRealTimes(t *testing.T) {
	chs := Chapters(nil, 0)
	checkShape(t, chs)
	assert.Equal(t, sim.At(0, 23, 45), chs[0].End, "three minutes before 23:48")
	assert.Equal(t, sim.At(1, 2, 25), chs[Index("collapse")].Start)
	assert.Equal(t, sim.At(1, 5, 28), chs[Index("collapse")].End)
}

func TestOutOfOrderAnchorsStayOrdered(t *testing.T) {
	r := night(0)
	// A what-if in which DNS is restored before the partial mitigation
	// and the leases come back before the DNS repair.
	for i := range r.Events {
		switch r.Events[i].Kind {
		case "dns.restored":
			r.Events[i].At = sim.At(1, 0, 50)
		case "dwfm.leases_restored":
			r.Events[i].At = sim.At(1, 0, 45)
		}
	}
	sortEvents(r.Events)
	checkShape(t, Chapters(r, safeguard.Set(0).With(safeguard.EmptyEndpointAlarm)))
}

func TestPlayback(t *testing.T) {
	chs := Chapters(night(0), 0)
	total := Seconds(chs)
	assert.InDelta(t, total, Elapsed(chs, chs[len(chs)-1].End), 1e-9)
	assert.Equal(t, 0.0, Elapsed(chs, -sim.Hour))
	assert.Equal(t, chs[0].Start, TimeAt(chs, -1))
	assert.Equal(t, chs[len(chs)-1].End, TimeAt(chs, total+10))
	for s := 0.0; s < total; s += 0.37 {
		tm := TimeAt(chs, s)
		assert.InDelta(t, s, Elapsed(chs, tm), 0.01, "Elapsed inverts TimeAt at %.2f s", s)
	}
	// Playing frame by frame, even at a quarter speed, crosses every beat
	// and never stalls; rewinding comes back.
	tm := chs[0].Start
	frames := 0
	for tm < chs[len(chs)-1].End {
		next := Advance(chs, tm, 0.25/60)
		require.Greater(t, next, tm, "stalled at %s", tm.Wall().Format("15:04:05.000"))
		tm = next
		frames++
	}
	assert.InDelta(t, total*60*4, float64(frames), total*60*4*0.02)
	back := Advance(chs, tm, -total)
	assert.Equal(t, chs[0].Start, back)
	assert.InDelta(t, 0.5, Progress(chs, TimeAt(chs, total/2)), 0.001)
}

func TestChapterAndCaptionAt(t *testing.T) {
	chs := Chapters(night(0), 0)
	race := Index("race")
	tests := []struct {
		at      sim.Time
		chapter int
		beat    int
	}{
		{-sim.Minute, 0, 0},
		{0, 0, 0},
		{chs[race].Start - 1, race - 1, len(chs[race-1].Beats) - 1},
		{chs[race].Start, race, 0},
		{chs[race].Beats[3].Start, race, 3},
		{chs[len(chs)-1].End, len(chs) - 1, 2},
		{48 * sim.Hour, len(chs) - 1, 2},
	}
	for _, tt := range tests {
		c, b := BeatAt(chs, tt.at)
		assert.Equal(t, tt.chapter, c, "chapter at %s", tt.at.Wall().Format("15:04:05.000"))
		assert.Equal(t, tt.beat, b, "beat at %s", tt.at.Wall().Format("15:04:05.000"))
		assert.Equal(t, tt.chapter, ChapterAt(chs, tt.at))
	}
	text, source := Caption("en", chs, chs[race].Beats[4].Start)
	assert.Contains(t, text, "every address for dynamodb.us-east-1.amazonaws.com vanished")
	assert.Equal(t, "Sources: AWS post-event summary (PES); AWS re:Invent 2025 talk DAT453", source)
	_, source = Caption("id", chs, chs[Index("dynamodb-dark")].Start)
	assert.Contains(t, source, "RFC 2308")
	assert.Equal(t, -1, ChapterAt(nil, 0))
	text, source = Caption("en", nil, 0)
	assert.Empty(t, text+source)
	assert.Equal(t, 0.0, SpeedAt(nil, 0))
	assert.Equal(t, sim.Time(5), Advance(nil, 5, 1))
}

// The whole story autoplays in a few minutes, and no caption asks to be
// read faster than about 250 words a minute.
func TestPace(t *testing.T) {
	chs := Chapters(night(0), 0)
	total := Seconds(chs)
	assert.GreaterOrEqual(t, total, 180.0)
	assert.LessOrEqual(t, total, 240.0)
	var report strings.Builder
	fmt.Fprintf(&report, "story: %.0f s at 1×\n", total)
	for _, c := range chs {
		fmt.Fprintf(&report, "%-16s %s–%s %5.0f s  %8.1f×\n", c.ID,
			ClockSeconds("en", c.Start), ClockSeconds("en", c.End), c.Seconds(), c.Speed())
		for _, b := range c.Beats {
			words := len(strings.Fields(b.Text("en")))
			assert.LessOrEqual(t, float64(words)/b.Seconds, 4.2, "%s: %d words in %.0f s", b.Key, words, b.Seconds)
		}
	}
	t.Log(report.String())
}

func TestFormats(t *testing.T) {
	assert.Equal(t, "02:25", Clock("en", sim.At(1, 2, 25)))
	assert.Equal(t, "02.25", Clock("id", sim.At(1, 2, 25)))
	assert.Equal(t, "23:47:51", ClockSeconds("en", sec(0, 23, 47, 51)))
	assert.Equal(t, "04:05 on 21 October", DateClock("en", sim.At(2, 4, 5)))
	assert.Equal(t, "04.05, 21 Oktober", DateClock("id", sim.At(2, 4, 5)))
	assert.Equal(t, "14.5", Number("en", 14.5))
	assert.Equal(t, "14,5", Number("id", 14.5))
	assert.Equal(t, "3", Number("en", 3))
	assert.Equal(t, "-0.3", Number("en", -0.26))
	assert.Equal(t, 14.5, hours(sim.At(1, 14, 20)-sim.At(0, 23, 48)))
	assert.Equal(t, "Check the plan at apply time, Never delete the active plan",
		Titles("en", safeguard.Set(0).With(safeguard.SpareActivePlan, safeguard.ApplyTimeCheck)))
	assert.False(t, math.IsNaN(Chapters(nil, 0)[0].Speed()))
}

func TestIDsAndIndex(t *testing.T) {
	ids := IDs()
	assert.Equal(t, []string{"normal-night", "race", "stuck", "dynamodb-dark", "leases", "collapse",
		"network-backlog", "health-checks", "long-tail", "what-if"}, ids)
	for i, id := range ids {
		assert.Equal(t, i, Index(id))
	}
	assert.Equal(t, -1, Index("nope"))
}

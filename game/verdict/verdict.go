// Package verdict compares a what-if run with the real night and ranks the
// safeguards: the answer to "which one would have stopped it?".
package verdict

import (
	"fmt"

	"github.com/outagelab/outage/game/i18n"
	"math"
	"sort"
	"strings"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// Kind grades a what-if against the baseline (DESIGN §4).
type Kind string

// The verdicts, best first.
const (
	Prevented Kind = "prevented" // no customer-visible disruption: the flaw is removed
	// Avoided: the race did not happen on this night, but the flaw is
	// still there (a safeguard that only changes rates or timing).
	Avoided   Kind = "avoided"
	Contained Kind = "contained" // the cascade stopped short: a whole layer was spared
	Shortened Kind = "shortened" // the same failure, over sooner or smaller
	Unchanged Kind = "unchanged"
	Worse     Kind = "worse"
	Baseline  Kind = "baseline" // no safeguards: the real night
)

// Rank orders kinds, best first.
func (k Kind) Rank() int {
	switch k {
	case Prevented:
		return 0
	case Avoided:
		return 1
	case Contained:
		return 2
	case Shortened:
		return 3
	case Unchanged, Baseline:
		return 4
	}
	return 5
}

// Kinds lists the verdict kinds a what-if can get, best first.
var Kinds = []Kind{Prevented, Avoided, Contained, Shortened, Unchanged, Worse}

// Verdict is the judgement of one run.
type Verdict struct {
	Kind Kind `json:"kind"`
	// Summary is one line in English for the command line and JSON.
	Summary string `json:"summary"`
	// Why explains it from what changed in the run.
	Why string `json:"why"`
	// Stopped is the first canonical event of the real chain that did not
	// happen in this run ("" when the chain ran to the end).
	Stopped string `json:"stopped,omitempty"`
	// SavedHours is AWS service-hours saved (negative: lost), the measure
	// verdicts rank by: it rests on the PES.
	SavedHours float64 `json:"saved_service_hours"`
	// SavedAppHours is app-hours saved; app dependencies are illustrative,
	// so it is shown beside SavedHours, never mixed into it.
	SavedAppHours float64 `json:"saved_app_hours"`
	// EndSavedMin is how much earlier the event ended (the last AWS
	// service recovered; Redshift's tail into the next day not counted).
	EndSavedMin float64 `json:"end_saved_min"`
	// Spared lists the layers disrupted on the night that were not here.
	Spared []string `json:"spared,omitempty"`
	// SavedShare is SavedHours as a share of the night's service-hours
	// caused by the chain that starts at the race.
	SavedShare float64 `json:"saved_share"`
	// IndependentHours is disruption with a cause of its own that the run
	// still has (Redshift's IAM-user defect): no safeguard here touches it.
	IndependentHours float64 `json:"independent_hours,omitempty"`
	// RaceHappened is whether the regional endpoint lost its addresses.
	RaceHappened bool `json:"race_happened"`
	// Changes lists the layers whose disruption changed by a minute or more.
	Changes []Change `json:"changes,omitempty"`
	// AppsBase and AppsRun are app-hours on the night and in the run.
	AppsBase float64 `json:"apps_base"`
	AppsRun  float64 `json:"apps_run"`
}

// chain is the real night's causal chain, in order: the first link that
// a run lacks says where a safeguard cut it (locale key verdict.stopped.<id>).
var chain = []string{
	"dns.record_empty",
	"ops.root_cause_identified",
	"dwfm.leases_lapsed",
	"dwfm.collapse",
	"netmgr.latency_high",
	"nlb.errors_start",
	"sts.errors_second_wave",
}

// layers are the parts whose disruption counts as the blast radius
// (locale key verdict.layer.<id>).
var layers = []string{"dynamodb", "ec2", "nlb"}

// Change is how long one layer was disrupted, in the run and on the night.
type Change struct {
	Layer   string  `json:"layer"`
	BaseMin float64 `json:"base_min"`
	RunMin  float64 `json:"run_min"`
}

// Base is what a verdict needs of the night a what-if is compared with.
// When many nights are judged (the plausible worlds) it is kept instead
// of the whole run, whose samples alone take about 0.2 MB.
type Base struct {
	Impact sim.Impact
	// Seen is, per event of the causal chain, whether the night had it;
	// LayerMin, per layer, how many minutes it was disrupted.
	Seen     []bool
	LayerMin []float64
}

// BaseOf keeps what Judge needs of the baseline run r.
func BaseOf(r *sim.Result) Base {
	b := Base{Impact: r.Impact, Seen: make([]bool, len(chain)), LayerMin: make([]float64, len(layers))}
	for k, id := range chain {
		_, b.Seen[k] = r.First(id)
	}
	for k, id := range layers {
		b.LayerMin[k] = minutes(r, id)
	}
	return b
}

// Judge compares run with the baseline (the run with no safeguards).
func Judge(base, run *sim.Result) Verdict { return JudgeBase(BaseOf(base), run) }

// JudgeBase compares run with the baseline base keeps.
func JudgeBase(base Base, run *sim.Result) Verdict {
	b, r := base.Impact, run.Impact
	v := Verdict{
		SavedHours:       b.ChainHours() - r.ChainHours(),
		SavedAppHours:    b.AppHours - r.AppHours,
		EndSavedMin:      (b.EventEnd - r.EventEnd).Minutes(),
		AppsBase:         b.AppHours,
		AppsRun:          r.AppHours,
		IndependentHours: r.IndependentHours,
	}
	_, v.RaceHappened = run.First("dns.record_empty")
	for k, id := range chain {
		inBase := base.Seen[k]
		_, inRun := run.First(id)
		if inBase && !inRun {
			v.Stopped = id
			break
		}
	}
	for k, id := range layers {
		bm, rm := base.LayerMin[k], minutes(run, id)
		if bm > 0 && rm == 0 {
			v.Spared = append(v.Spared, id)
		}
		if math.Abs(bm-rm) >= 1 {
			v.Changes = append(v.Changes, Change{id, bm, rm})
		}
	}
	rel := 0.0
	if b.ChainHours() > 0 {
		rel = v.SavedHours / b.ChainHours()
	}
	v.SavedShare = rel
	switch {
	case r.ChainHours() < 0.05 && r.AppHours < 0.05:
		v.Kind = Prevented
		if !v.RaceHappened && !removesFlaw(run.Safeguards) {
			// Nothing in the set makes the race impossible: it just did
			// not happen this time.
			v.Kind = Avoided
		}
	case rel >= 0.25 && len(v.Spared) > 0,
		b.AppHours > 0 && r.AppHours < 0.25*b.AppHours:
		// A whole layer spared, or the apps kept running though AWS's own
		// services were not spared (multi-Region apps).
		v.Kind = Contained
	case rel >= 0.01 || v.EndSavedMin >= 5 || (v.Stopped != "" && v.SavedHours > 0):
		v.Kind = Shortened
	case rel <= -0.01 || v.EndSavedMin <= -5:
		v.Kind = Worse
	default:
		v.Kind = Unchanged
	}
	v.Summary, v.Why = v.Text("en")
	return v
}

// removesFlaw reports whether a set holds a safeguard whose mechanism
// removes the race itself, in every interleaving (the checker's verdict).
func removesFlaw(set safeguard.Set) bool {
	for _, id := range set.IDs() {
		if in, ok := safeguard.Lookup(id); ok && in.Effect() == safeguard.RemovesFlaw {
			return true
		}
	}
	return false
}

// Text words the verdict in a language: a one-line summary and the why.
func (v Verdict) Text(lang string) (summary, why string) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	switch v.Kind {
	case Prevented:
		summary = t("verdict.summary.prevented")
	case Avoided:
		summary = t("verdict.summary.avoided")
	case Contained:
		var what []string
		for _, id := range v.Spared {
			what = append(what, t("verdict.layer."+id))
		}
		w := strings.Join(what, ", ")
		if w == "" && v.SavedShare < 0.01 {
			summary = t("verdict.summary.contained_apps")
			break
		}
		if w == "" {
			w = t("verdict.apps")
		}
		summary = t("verdict.summary.contained", "what", w, "pct", fmt.Sprintf("%.0f", 100*v.SavedShare))
	case Shortened:
		key := "verdict.summary.shortened"
		if v.EndSavedMin >= 1 {
			key = "verdict.summary.shortened_sooner"
		}
		summary = t(key, "hours", number(lang, v.SavedHours), "dur", duration(v.EndSavedMin))
	case Worse:
		summary = t("verdict.summary.worse", "hours", number(lang, -v.SavedHours))
	case Baseline:
		summary = t("verdict.summary.baseline")
	default:
		summary = t("verdict.summary.unchanged")
	}
	var parts []string
	if v.Stopped != "" {
		parts = append(parts, t("verdict.stopped."+v.Stopped))
	}
	if v.Kind != Prevented && v.Kind != Avoided {
		for _, c := range v.Changes {
			parts = append(parts, t("verdict.change", "layer", t("verdict.layer."+c.Layer),
				"run", duration(c.RunMin), "base", duration(c.BaseMin)))
		}
		if math.Abs(v.AppsBase-v.AppsRun) >= 0.5 {
			parts = append(parts, t("verdict.change_apps", "run", number(lang, v.AppsRun), "base", number(lang, v.AppsBase)))
		}
	}
	if v.Kind == Avoided {
		parts = append(parts, t("verdict.avoided_why"))
	}
	if len(parts) == 0 {
		parts = append(parts, t("verdict.nothing"))
	}
	if v.IndependentHours > 0 && (v.Kind == Prevented || v.Kind == Avoided) {
		// Said where it matters: "prevented" does not mean nothing failed.
		parts = append(parts, t("verdict.independent"))
	}
	if v.Kind == Baseline {
		parts = []string{t("verdict.baseline_why")}
	}
	return summary, upperFirst(strings.Join(parts, "; "))
}

// number formats hours with one decimal, with the language's decimal mark.
func number(lang string, x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if i18n.T(lang, "verdict.decimal") == "," {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func minutes(r *sim.Result, id string) float64 {
	if i := r.Service(id); i >= 0 {
		var m float64
		for _, o := range r.Services[i].Outages {
			m += (o.End - o.Start).Minutes()
		}
		return m
	}
	return 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func duration(min float64) string {
	m := int(math.Round(min))
	if m < 0 {
		m = -m
	}
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}

// Entry is one row of the scoreboard.
type Entry struct {
	Safeguards []safeguard.ID `json:"safeguards"`
	Verdict    Verdict        `json:"verdict"`
	Impact     sim.Impact     `json:"impact"`
}

// Board answers the mission's question.
type Board struct {
	Baseline sim.Impact `json:"baseline"`
	// Singles ranks every safeguard alone by disruption saved.
	Singles []Entry `json:"singles"`
	// Pairs holds every pair of safeguards, ranked the same way.
	Pairs []Entry `json:"pairs"`
	// Smallest lists the smallest sets that prevent the outage (removing
	// the flaw, not merely avoiding the race on this night): the single
	// safeguards that do, else the pairs that do.
	Smallest [][]safeguard.ID `json:"smallest"`
}

// Scoreboard runs every single safeguard and every pair against the
// baseline. Runs record no detail, so the whole board costs well under a
// second.
func Scoreboard(sc *scenario.Scenario, seed uint64) Board {
	lean := sim.Options{}
	base := sim.RunWith(sc, 0, seed, lean)
	ids := safeguard.IDs()
	entry := func(set safeguard.Set) Entry {
		r := sim.RunWith(sc, set, seed, lean)
		return Entry{Safeguards: set.IDs(), Verdict: Judge(base, r), Impact: r.Impact}
	}
	b := Board{Baseline: base.Impact}
	for _, id := range ids {
		b.Singles = append(b.Singles, entry(safeguard.Set(0).With(id)))
	}
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			b.Pairs = append(b.Pairs, entry(safeguard.Set(0).With(ids[i], ids[j])))
		}
	}
	rank(b.Singles)
	rank(b.Pairs)
	for _, e := range b.Singles {
		if e.Verdict.Kind == Prevented {
			b.Smallest = append(b.Smallest, e.Safeguards)
		}
	}
	if len(b.Smallest) == 0 {
		for _, e := range b.Pairs {
			if e.Verdict.Kind == Prevented {
				b.Smallest = append(b.Smallest, e.Safeguards)
			}
		}
	}
	return b
}

// rank orders entries by verdict, then disruption saved, then id, so the
// board is stable.
func rank(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if ra, rb := a.Verdict.Kind.Rank(), b.Verdict.Kind.Rank(); ra != rb {
			return ra < rb
		}
		if a.Verdict.SavedHours != b.Verdict.SavedHours {
			return a.Verdict.SavedHours > b.Verdict.SavedHours
		}
		return fmt.Sprint(a.Safeguards) < fmt.Sprint(b.Safeguards)
	})
}

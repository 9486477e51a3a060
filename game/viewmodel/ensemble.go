package viewmodel

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/verdict"
	"github.com/outagelab/outage/game/worlds"
)

// The app plays one world, the central one (the scenario's fitted
// values); each verdict is also judged over every plausible world. A
// single safeguard's and a pair's are stored with the ensemble, so they
// show at once; a set of three or more is judged a few worlds a tick,
// while the app keeps drawing.

var (
	ensOnce sync.Once
	ensFile *worlds.File
)

// StoredWorlds is the ensemble embedded in the build (nil if it cannot
// be read).
func StoredWorlds() *worlds.File {
	ensOnce.Do(func() {
		if f, err := worlds.Load(assets.Worlds); err == nil {
			ensFile = f
		}
	})
	return ensFile
}

// EnsembleView is the current safeguards' verdict over the plausible
// worlds, or how far its judging has got.
type EnsembleView struct {
	Set   safeguard.Set
	Done  int
	Total int
	// Summary is nil until every world is judged. Until then, SoFar is
	// the commonest verdict over the worlds judged so far and SoFarShare
	// its share of them (judged in an order that interleaves the walks
	// the worlds come from, so the first ones are spread over them).
	Summary    *worlds.Summary
	SoFar      verdict.Kind
	SoFarShare float64
}

// ensembleOrder is the i-th world to judge of n: a stride prime to n
// (the stored ensemble has 241 worlds, a prime), so that the first
// worlds judged come from both random walks and all along them.
func ensembleOrder(i, n int) int {
	const stride = 97
	if n%stride == 0 {
		return i
	}
	return i * stride % n
}

type ensembleJob struct {
	set   safeguard.Set
	out   []worlds.Outcome
	start time.Time
	busy  time.Duration
}

// Ensemble returns the view for the current safeguards (Total 0 for the
// real night, or when no ensemble is stored).
func (a *App) Ensemble() EnsembleView { return a.ensembleFor(a.Set) }

func (a *App) worlds() *worlds.File {
	if a.eng.Worlds == nil {
		return nil
	}
	return a.eng.Worlds()
}

// SingleOverWorlds is a single safeguard's stored verdict over the
// embedded ensemble (Total 0 for any other set).
func SingleOverWorlds(set safeguard.Set) EnsembleView {
	f := StoredWorlds()
	ids := set.IDs()
	if f == nil || len(ids) != 1 {
		return EnsembleView{Set: set}
	}
	v := EnsembleView{Set: set, Total: len(f.Worlds)}
	if s, ok := f.Single(ids[0]); ok {
		v.Done, v.Summary = v.Total, &s
	}
	return v
}

func (a *App) ensembleFor(set safeguard.Set) EnsembleView {
	if set == 0 {
		return EnsembleView{Set: set} // the real night: nothing to read yet
	}
	f := a.worlds()
	if f == nil {
		return EnsembleView{Set: set}
	}
	v := EnsembleView{Set: set, Total: len(f.Worlds)}
	if s, ok := f.Verdict(set); ok {
		v.Done, v.Summary = v.Total, &s
		return v
	}
	if s, ok := a.ensCache[set]; ok {
		v.Done, v.Summary = v.Total, s
		return v
	}
	if a.ensJob != nil && a.ensJob.set == set {
		v.Done = len(a.ensJob.out)
		for _, k := range verdict.Kinds {
			c := 0
			for _, o := range a.ensJob.out {
				if o.Kind == k {
					c++
				}
			}
			if v.Done > 0 && float64(c)/float64(v.Done) > v.SoFarShare {
				v.SoFar, v.SoFarShare = k, float64(c)/float64(v.Done)
			}
		}
	}
	return v
}

// StepEnsemble judges the current safeguards in more worlds, for at most
// budget of wall time (at least one world), and reports whether it did
// any work.
func (a *App) StepEnsemble(budget time.Duration) bool {
	v := a.ensembleFor(a.Set)
	if v.Total == 0 || v.Summary != nil {
		return false
	}
	f := a.worlds()
	if a.ens == nil {
		a.ens = worlds.NewEnsemble(f.Worlds)
	}
	start := time.Now()
	if a.ensJob == nil || a.ensJob.set != a.Set {
		a.ensJob = &ensembleJob{set: a.Set, start: start}
	}
	j := a.ensJob
	n := len(f.Worlds)
	for len(j.out) < n {
		j.out = append(j.out, a.ens.Judge(ensembleOrder(len(j.out), n), j.set))
		if time.Since(start) >= budget {
			break
		}
	}
	j.busy += time.Since(start)
	if len(j.out) == n {
		a.EnsembleMs = float64(j.busy.Microseconds()) / 1000
		a.EnsembleWallMs = float64(time.Since(j.start).Microseconds()) / 1000
		out := make([]worlds.Outcome, n)
		for i, o := range j.out {
			out[ensembleOrder(i, n)] = o
		}
		s := worlds.Summarise(f.Worlds, j.set, out)
		if a.ensCache == nil {
			a.ensCache = map[safeguard.Set]*worlds.Summary{}
		}
		a.ensCache[j.set] = &s
		a.ensJob = nil
	}
	return true
}

// EnsembleText says the current verdict over the plausible worlds in the
// reader's language ("" for the real night).
func (a *App) EnsembleText() string { return EnsembleWords(a.Lang, a.Ensemble()) }

// EnsembleWords says a view in lang.
func EnsembleWords(lang string, v EnsembleView) string {
	if v.Total == 0 {
		return ""
	}
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	if v.Summary == nil {
		if v.SoFar != "" && v.Done >= 10 {
			return t("worlds.checking_so_far", "done", v.Done, "n", v.Total, "kind", t("story.transcript.verdict."+string(v.SoFar)), "pct", fmt.Sprintf("%.0f", 100*v.SoFarShare))
		}
		return t("worlds.checking", "done", v.Done, "n", v.Total)
	}
	s := v.Summary
	kind := func(k verdict.Kind) string { return t("story.transcript.verdict." + string(k)) }
	pct := func(x float64) string { return fmt.Sprintf("%.0f", 100*x) }
	var b strings.Builder
	if s.Robust {
		b.WriteString(t("worlds.robust", "n", s.Worlds, "kind", kind(s.Majority), "pct", pct(s.Kinds[s.Majority])))
	} else {
		var parts []string
		for _, k := range verdict.Kinds {
			if sh, ok := s.Kinds[k]; ok {
				parts = append(parts, t("worlds.kind", "kind", kind(k), "pct", pct(sh)))
			}
		}
		kinds := strings.Join(parts, ", ")
		if d := s.DependsOn; d != nil {
			kinds += "; " + t("worlds.depends", "kind", kind(d.Above), "label", paramLabel(lang, d.Parameter, d.Label),
				"value", valueText(lang, d.Threshold, d.Unit))
		} else if s.NoSingleEstimate {
			kinds += "; " + t("worlds.nosingle")
		}
		b.WriteString(t("worlds.mixed", "n", s.Worlds, "kinds", kinds))
	}
	b.WriteString(" ")
	hb := s.SavedServiceHours
	b.WriteString(t("worlds.hours", "p50", hours(lang, hb.P50), "p10", hours(lang, hb.P10), "p90", hours(lang, hb.P90)))
	if s.Central != s.Majority || !s.Robust {
		b.WriteString(" ")
		b.WriteString(t("worlds.central", "kind", kind(s.Central)))
	}
	return b.String()
}

func paramLabel(lang, name, fallback string) string {
	if s, ok := i18n.Lookup(lang, "param."+name); ok {
		return s
	}
	return fallback
}

func hours(lang string, x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if i18n.T(lang, "verdict.decimal") == "," {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func valueText(lang string, v float64, unit string) string {
	s := worlds.FormatValue(v, unit)
	if i18n.T(lang, "verdict.decimal") == "," {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

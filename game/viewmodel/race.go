package viewmodel

import (
	"slices"
	"strconv"
	"strings"

	"github.com/outagelab/outage/game/check"
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
)

// RaceKind is what the race checker says about a set of safeguards.
type RaceKind int

// Race kinds.
const (
	// RacePossible: some interleaving empties the endpoint and leaves the
	// automation stuck, as on the night.
	RacePossible RaceKind = iota
	// RaceHealed: the endpoint can still go empty, but the automation never
	// gets stuck (the next batch repairs it).
	RaceHealed
	// RaceRarer: the race is still there, as on the night, and the only DNS
	// safeguards on change rates or timing (fewer-plans). The model is
	// untimed, so they remove no interleaving: on a real night they make
	// the race rarer, not impossible.
	RaceRarer
	// RaceImpossible: no interleaving within the bounds breaks it.
	RaceImpossible
)

var raceKindNames = [...]string{"possible", "healed", "rarer", "impossible"}

func (k RaceKind) String() string { return raceKindNames[k] }

// RaceCheck is the race checker's verdict on the DNS automation with a set
// of safeguards: every interleaving of the bounded model explored.
type RaceCheck struct {
	Set    safeguard.Set
	Kind   RaceKind
	Result check.Result
	// Steps is the shortest counterexample shown: the endpoint emptied.
	Steps []check.Step
	Err   error
}

// RaceConfig is the checked model: Younas's reference bounds.
func RaceConfig() check.Config { return check.DefaultConfig() }

// CheckRace runs the checker for set s (about a millisecond).
func CheckRace(s safeguard.Set) *RaceCheck {
	rc := &RaceCheck{Set: s}
	res, err := check.Run(RaceConfig(), s)
	if err != nil {
		rc.Err = err
		return rc
	}
	rc.Result = res
	empty, _ := res.Lookup(check.EndpointHasAddresses)
	stuck, _ := res.Lookup(check.Progress)
	switch {
	case empty.Violated && stuck.Violated && len(res.RateOnly) > 0:
		rc.Kind, rc.Steps = RaceRarer, empty.Counterexample
	case empty.Violated && stuck.Violated:
		rc.Kind, rc.Steps = RacePossible, empty.Counterexample
	case empty.Violated:
		rc.Kind, rc.Steps = RaceHealed, empty.Counterexample
	default:
		rc.Kind = RaceImpossible
	}
	return rc
}

// RaceCheck returns the checker's verdict for the selected safeguards,
// cached per set.
func (a *App) RaceCheck() *RaceCheck {
	if rc, ok := a.races[a.Set]; ok {
		return rc
	}
	if len(a.races) >= 32 {
		clear(a.races)
	}
	rc := CheckRace(a.Set)
	a.races[a.Set] = rc
	return rc
}

// actorName is a checker actor in words: the Planner, or Enactor A, B...
// (the checker numbers Enactors from 1; the first is the slow one, as A
// was on the night).
func actorName(lang, actor string) string {
	if n, ok := strings.CutPrefix(actor, "enactor-"); ok {
		if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= 4 {
			return i18n.T(lang, "ui.actor.enactor-"+string(rune('a'+i-1)))
		}
	}
	return i18n.T(lang, "ui.actor.planner")
}

// GenList is plan generations as a list in lang ("1, 2").
func GenList(lang string, gs []int) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = strconv.Itoa(g)
	}
	return strings.Join(parts, i18n.T(lang, "ui.race.list_sep"))
}

// StepText describes one step of a counterexample in lang.
func StepText(lang string, s check.Step) string {
	args := []any{"actor", actorName(lang, s.Actor), "plan", s.Plan, "alias", s.Alias, "rollback", s.Rollback}
	switch s.Action {
	case check.ActionIssue, check.ActionReceive, check.ActionCheck, check.ActionCheckStale, check.ActionApplyFailed:
		return i18n.T(lang, "ui.race.step."+s.Action, args...)
	case check.ActionApply:
		if s.Reason == check.ReasonSelfHealed {
			return i18n.T(lang, "ui.race.step.apply_healed", args...)
		}
		return i18n.T(lang, "ui.race.step.apply", args...)
	case check.ActionApplyRefused:
		if s.Reason == check.ReasonPlanDeleted {
			return i18n.T(lang, "ui.race.step.refused_deleted", args...)
		}
		return i18n.T(lang, "ui.race.step.refused_stale", args...)
	case check.ActionCleanup:
		args = append(args, "deleted", GenList(lang, s.Deleted))
		switch {
		case len(s.Deleted) == 0:
			return i18n.T(lang, "ui.race.step.cleanup_none", args...)
		case slices.Contains(s.Deleted, s.Alias):
			return i18n.T(lang, "ui.race.step.cleanup_active", args...)
		}
		return i18n.T(lang, "ui.race.step.cleanup", args...)
	}
	return s.String()
}

// Fatal reports whether a step is the one that breaks the endpoint or
// the automation.
func Fatal(s check.Step) bool {
	return (s.Action == check.ActionCleanup && !s.Addresses) || s.Action == check.ActionApplyFailed
}

// Summary is the checker's verdict in lang, in a sentence or two.
func (rc *RaceCheck) Summary(lang string) string {
	if rc.Err != nil {
		return rc.Err.Error()
	}
	r := rc.Result
	cfg := r.Config
	args := []any{"states", thousands(r.States), "enactors", cfg.Enactors, "plans", cfg.Plans,
		"threshold", cfg.Threshold, "steps", len(rc.Steps)}
	empty, _ := r.Lookup(check.EndpointHasAddresses)
	args = append(args, "bad", thousands(empty.ViolatingStates))
	return i18n.T(lang, "ui.race.summary."+rc.Kind.String(), args...)
}

// thousands writes a count (without separators: "2208" reads the same in
// English and Indonesian, which group digits differently).
func thousands(n int) string { return strconv.Itoa(n) }

package viewmodel

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/outagelab/outage/game/check"
)

// Replay steps through the race checker's shortest counterexample on the
// diagram's own DNS stages: the Planner's newest plan, what each Enactor
// holds and does, the plan trees, the alias and the rollback record after
// each step.
type Replay struct {
	Steps []check.Step
	// Step is the step shown, 1..len(Steps).
	Step int
	lane *Swimlane // made from Steps when first drawn
}

// StartReplay shows the current race check's counterexample in the
// diagram, from its first step; false when the checker found none.
func (a *App) StartReplay() bool {
	rc := a.RaceCheck()
	if rc.Err != nil || len(rc.Steps) == 0 {
		return false
	}
	a.closeOverlays()
	a.Playing = false
	a.replay = &Replay{Steps: rc.Steps, Step: 1}
	return true
}

// Replaying returns the replay in progress, or nil.
func (a *App) Replaying() *Replay { return a.replay }

// StepReplay moves the replay by d steps (clamped).
func (a *App) StepReplay(d int) {
	if r := a.replay; r != nil {
		r.Step = max(1, min(len(r.Steps), r.Step+d))
	}
}

// StopReplay ends the replay; the diagram shows the run again.
func (a *App) StopReplay() { a.replay = nil }

// enactorLane maps a checker actor ("enactor-1") to a diagram lane.
func enactorLane(actor string) int {
	if n, ok := strings.CutPrefix(actor, "enactor-"); ok {
		if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(Enactors) {
			return i - 1
		}
	}
	return -1
}

// Zone folds the steps up to the one shown into the zone the diagram
// draws. The checker's first plan is live when it starts.
func (r *Replay) Zone() *ZoneState {
	z := &ZoneState{Alias: []int{1}, Newest: 1}
	trees := map[int]bool{1: true}
	checkedAt := [3]int{}
	for i := range z.Enactors {
		z.Enactors[i].Received = -1
	}
	for k, s := range r.Steps[:r.Step] {
		lane := enactorLane(s.Actor)
		last := k == r.Step-1
		switch s.Action {
		case check.ActionIssue:
			z.Newest = max(z.Newest, s.Plan)
		case check.ActionReceive, check.ActionCheck:
			if lane >= 0 {
				z.Enactors[lane].Gen = s.Plan
				if s.Action == check.ActionCheck {
					checkedAt[lane] = s.N
				}
			}
		case check.ActionApply:
			trees[s.Plan] = true
		case check.ActionCleanup:
			for _, g := range s.Deleted {
				trees[g] = false
				z.Deleted = g
			}
		case check.ActionApplyRefused:
			if s.Plan < s.Alias {
				z.Refused, z.RefusedOver, z.RefusedBy = s.Plan, s.Alias, Enactors[max(0, lane)]
			}
		case check.ActionApplyFailed:
			z.Failures++
		}
		if lane >= 0 {
			e := &z.Enactors[lane]
			e.Kind, e.OK, e.Progress, e.Endpoint = "", true, 1, 0
			if last {
				e.Kind = replayActivity(s.Action)
				e.OK = s.Action != check.ActionApplyFailed && s.Action != check.ActionCheckStale
			}
			e.CheckedStep = checkedAt[lane]
		}
		z.Alias[0], z.Rollback = s.Alias, s.Rollback
		z.Empty = !s.Addresses
	}
	// A plan checked before a newer one went live is stale in hand.
	for i := range z.Enactors {
		e := &z.Enactors[i]
		e.Stale = e.Gen > 0 && e.Gen < z.Alias[0] && e.CheckedStep > 0
	}
	z.Trees = z.Trees[:0]
	for g, ok := range trees {
		if ok {
			z.Trees = append(z.Trees, g)
		}
	}
	sort.Ints(z.Trees)
	if z.Alias[0] > 0 && !slices.Contains(z.Trees, z.Alias[0]) {
		z.Empty = true
	}
	return z
}

func replayActivity(action string) string {
	switch action {
	case check.ActionCheck, check.ActionCheckStale:
		return "check"
	case check.ActionApply, check.ActionApplyRefused, check.ActionApplyFailed:
		return "apply"
	case check.ActionCleanup:
		return "cleanup"
	case check.ActionReceive:
		return "receive"
	}
	return ""
}

// Text is the step shown, in words.
func (r *Replay) Text(lang string) string { return StepText(lang, r.Steps[r.Step-1]) }

// Current is the step shown.
func (r *Replay) Current() check.Step { return r.Steps[r.Step-1] }

// Lanes of the replay's swimlane, top to bottom: the Planner, the three
// Enactors, then the alias.
const (
	ReplayLanePlanner = 0
	ReplayLaneAlias   = 4
	ReplayLanes       = 5
)

// ReplayCell is one step of the counterexample on the swimlane: a column
// per step, in the lane of the actor that took it.
type ReplayCell struct {
	Col, Lane int
	// Kind is the activity: issue, receive, check, apply, refused, failed
	// or cleanup.
	Kind string
	Plan int
	// Deleted lists the plans a clean-up deleted; Fatal marks the step
	// that breaks the endpoint or the automation.
	Deleted []int
	Fatal   bool
}

// ReplayPair is an Enactor's check of a plan and its use of it: Stale
// when a newer plan was live by the time of the use, the flaw the race
// turns on.
type ReplayPair struct {
	Lane, From, To, Plan int
	Stale                bool
}

// Swimlane is the whole counterexample laid out as cells and the
// check/use pairs; Alias[k] is what the alias names after step k (0:
// nothing), Empty[k] whether the endpoint then has no addresses. The view
// shows the columns up to the step in view.
type Swimlane struct {
	Cells []ReplayCell
	Pairs []ReplayPair
	Alias []int
	Empty []bool
}

// Swimlane returns the counterexample's swimlane, made once per replay.
func (r *Replay) Swimlane() *Swimlane {
	if r.lane != nil {
		return r.lane
	}
	sw := &Swimlane{}
	checked := [3]struct{ col, plan int }{{-1, 0}, {-1, 0}, {-1, 0}}
	live := 0
	for k, s := range r.Steps {
		lane := ReplayLanePlanner
		if e := enactorLane(s.Actor); e >= 0 {
			lane = 1 + e
		}
		c := ReplayCell{Col: k, Lane: lane, Plan: s.Plan, Deleted: s.Deleted, Fatal: Fatal(s)}
		switch s.Action {
		case check.ActionIssue:
			c.Kind = "issue"
		case check.ActionReceive:
			c.Kind = "receive"
		case check.ActionCheck, check.ActionCheckStale:
			c.Kind = "check"
			if lane > 0 {
				checked[lane-1] = struct{ col, plan int }{k, s.Plan}
			}
		case check.ActionApply, check.ActionApplyRefused, check.ActionApplyFailed:
			c.Kind = strings.TrimPrefix(s.Action, "apply-") // apply, refused, failed
			if lane > 0 && checked[lane-1].col >= 0 && checked[lane-1].plan == s.Plan {
				sw.Pairs = append(sw.Pairs, ReplayPair{Lane: lane, From: checked[lane-1].col, To: k, Plan: s.Plan, Stale: live > s.Plan})
				checked[lane-1].col = -1
			}
		case check.ActionCleanup:
			c.Kind = "cleanup"
		}
		sw.Cells = append(sw.Cells, c)
		sw.Alias = append(sw.Alias, s.Alias)
		sw.Empty = append(sw.Empty, !s.Addresses)
		live = s.Alias
	}
	r.lane = sw
	return sw
}

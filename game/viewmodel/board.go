package viewmodel

import (
	"sort"
	"time"

	"github.com/outagelab/outage/game/verdict"
	"github.com/outagelab/outage/game/worlds"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// BoardEntry is one safeguard set's outcome on the scoreboard.
type BoardEntry struct {
	Set     safeguard.Set
	Verdict Verdict
	Impact  sim.Impact
	// Saved is AWS service-hours saved against the real night, what the
	// board ranks by; SavedApps is app-hours saved (illustrative), shown
	// beside it and never mixed in.
	Saved, SavedApps float64
	// Worlds is a single safeguard's verdict over the plausible worlds
	// (nil for pairs, or when no ensemble is stored): the board then ranks
	// by its median service-hours saved.
	Worlds *worlds.Summary
}

// RankHours is what the board ranks an entry by: the median AWS
// service-hours saved over the plausible worlds, or in the central world.
func (e BoardEntry) RankHours() float64 {
	if e.Worlds != nil {
		return e.Worlds.SavedServiceHours.P50
	}
	return e.Saved
}

// Prevents reports whether the entry prevents the outage: in at least 90%
// of the plausible worlds when they are known, else in the central world.
func (e BoardEntry) Prevents() bool {
	if e.Worlds != nil {
		return e.Worlds.Kinds[verdict.Prevented] >= worlds.RobustShare
	}
	return e.Verdict.Kind == string(verdict.Prevented)
}

// Board answers "which one would have stopped it?": every single
// safeguard ranked by impact saved, and the smallest sets that prevent
// the outage. It is filled a few runs at a time so the app stays smooth.
type Board struct {
	Singles []BoardEntry
	// Preventing holds the smallest preventing sets found: singles if any
	// single prevents, else pairs.
	Preventing []BoardEntry
	// PairsTried counts pairs run so far; Done is set when the search is
	// over.
	PairsTried int
	Done       bool

	pending []safeguard.Set
	pairs   bool
}

// Board returns the scoreboard so far (nil until StepBoard first runs).
func (a *App) Board() *Board { return a.board }

// SingleVerdict returns the verdict of a single safeguard, if scored.
func (a *App) SingleVerdict(id safeguard.ID) (BoardEntry, bool) {
	if a.board == nil {
		return BoardEntry{}, false
	}
	s := safeguard.Set(0).With(id)
	for _, e := range a.board.Singles {
		if e.Set == s {
			return e, true
		}
	}
	return BoardEntry{}, false
}

// StepBoard runs pending scoreboard entries for at most budget of wall
// time (at least one run), and returns whether any work was done.
func (a *App) StepBoard(budget time.Duration) bool {
	if a.board == nil {
		a.board = &Board{}
		for _, id := range safeguard.IDs() {
			a.board.pending = append(a.board.pending, safeguard.Set(0).With(id))
		}
	}
	b := a.board
	if b.Done {
		return false
	}
	start := time.Now()
	for len(b.pending) > 0 {
		s := b.pending[0]
		b.pending = b.pending[1:]
		e := a.score(s)
		if b.pairs {
			b.PairsTried++
			if e.Prevents() {
				b.Preventing = append(b.Preventing, e)
			}
		} else {
			if f := a.worlds(); f != nil {
				if w, ok := f.Single(s.IDs()[0]); ok {
					e.Worlds = &w
				}
			}
			b.Singles = append(b.Singles, e)
			sort.SliceStable(b.Singles, func(i, j int) bool { return b.Singles[i].RankHours() > b.Singles[j].RankHours() })
			if e.Prevents() {
				b.Preventing = append(b.Preventing, e)
			}
		}
		if time.Since(start) >= budget {
			break
		}
	}
	if len(b.pending) == 0 {
		if !b.pairs && len(b.Preventing) == 0 {
			b.pairs = true
			ids := safeguard.IDs()
			for i := range ids {
				for j := i + 1; j < len(ids); j++ {
					b.pending = append(b.pending, safeguard.Set(0).With(ids[i], ids[j]))
				}
			}
		} else {
			b.Done = true
		}
	}
	sort.SliceStable(b.Preventing, func(i, j int) bool { return b.Preventing[i].RankHours() > b.Preventing[j].RankHours() })
	return true
}

// score runs a set for the scoreboard, using the cache when it holds the
// set but keeping only a summary otherwise.
func (a *App) score(s safeguard.Set) BoardEntry {
	var res *sim.Result
	var v Verdict
	if r, ok := a.cache[s]; ok {
		res, v = r.Result, r.Verdict
	} else {
		res = a.eng.Run(s)
		if a.eng.Judge != nil {
			v = a.eng.Judge(a.base.Result, res)
		}
	}
	return BoardEntry{Set: s, Verdict: v, Impact: res.Impact,
		Saved:     a.base.Result.Impact.ChainHours() - res.Impact.ChainHours(),
		SavedApps: a.base.Result.Impact.AppHours - res.Impact.AppHours}
}

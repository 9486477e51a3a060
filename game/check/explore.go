package check

import (
	"fmt"
)

// graph is the explored state graph. States are numbered in the order the
// breadth-first search finds them, so following parent pointers from any
// state gives a shortest path to it.
type graph struct {
	keys        []uint64 // packed state by number
	parent      []int32  // number of the state it was first reached from
	transitions int
	depth       int

	// Forward edges in compressed form: the successors of state i are
	// succ[off[i]:off[i+1]]. Kept only when a batch can fail, for Progress.
	off, succ []int32
	keepEdges bool

	hasApply []bool // a batch of some Enactor commits from this state

	firstEmpty int32 // first state without addresses, or -1
	nEmpty     int

	firstDelete [2]int32 // first clean-up that deleted the active plan: from, to
	deleteTo    []bool   // states entered by such a clean-up
	nDelete     int

	failures [][2]int32 // every failed batch: from, to
}

// explore runs the breadth-first search from s0.
func explore(m *model, s0 state, maxStates int) (*graph, error) {
	g := &graph{
		firstEmpty:  -1,
		firstDelete: [2]int32{-1, -1},
		keepEdges:   !m.selfHeal, // with self-healing no batch fails
	}
	index := make(map[uint64]int32, 1024)
	add := func(s state, key uint64, from int32) (int32, error) {
		if len(g.keys) >= maxStates {
			return 0, fmt.Errorf("check: more than %d states (enactors %d, generations %d); lower the bounds or raise MaxStates",
				maxStates, m.enactors, m.generations)
		}
		j := int32(len(g.keys))
		index[key] = j
		g.keys = append(g.keys, key)
		g.parent = append(g.parent, from)
		g.hasApply = append(g.hasApply, false)
		g.deleteTo = append(g.deleteTo, false)
		if !s.hasAddresses() {
			g.nEmpty++
			if g.firstEmpty < 0 {
				g.firstEmpty = j
			}
		}
		return j, nil
	}
	k0 := s0.pack()
	if _, err := add(s0, k0, -1); err != nil {
		return nil, err
	}

	var out [maxEnactors + 1]edge
	levelEnd := 1
	for i := 0; i < len(g.keys); i++ {
		if i == levelEnd {
			g.depth++
			levelEnd = len(g.keys)
		}
		if g.keepEdges {
			g.off = append(g.off, int32(len(g.succ)))
		}
		s := unpack(g.keys[i])
		n := m.successors(s, &out)
		g.transitions += n
		for _, e := range out[:n] {
			key := e.next.pack()
			j, seen := index[key]
			if !seen {
				var err error
				if j, err = add(e.next, key, int32(i)); err != nil {
					return nil, err
				}
			}
			if g.keepEdges {
				g.succ = append(g.succ, j)
			}
			switch {
			case e.act == actApply:
				g.hasApply[i] = true
			case e.act == actApplyFailed:
				g.failures = append(g.failures, [2]int32{int32(i), j})
			case deletesActive(s, e.move):
				if !g.deleteTo[j] {
					g.deleteTo[j] = true
					g.nDelete++
				}
				if g.firstDelete[0] < 0 {
					g.firstDelete = [2]int32{int32(i), j}
				}
			}
		}
	}
	if g.keepEdges {
		g.off = append(g.off, int32(len(g.succ)))
	}
	return g, nil
}

// canCommit marks the states from which some batch can still commit, by
// walking the edges backwards from the states where one commits.
func (g *graph) canCommit() []bool {
	n := len(g.keys)
	// Reverse edges, compressed like the forward ones.
	roff := make([]int32, n+1)
	for _, j := range g.succ {
		roff[j+1]++
	}
	for i := range n {
		roff[i+1] += roff[i]
	}
	pred := make([]int32, len(g.succ))
	fill := append([]int32(nil), roff[:n]...)
	for i := range n {
		for _, j := range g.succ[g.off[i]:g.off[i+1]] {
			pred[fill[j]] = int32(i)
			fill[j]++
		}
	}
	can := make([]bool, n)
	work := make([]int32, 0, 64)
	for i, ok := range g.hasApply {
		if ok {
			can[i] = true
			work = append(work, int32(i))
		}
	}
	for len(work) > 0 {
		j := work[len(work)-1]
		work = work[:len(work)-1]
		for _, i := range pred[roff[j]:roff[j+1]] {
			if !can[i] {
				can[i] = true
				work = append(work, i)
			}
		}
	}
	return can
}

// verdicts decides each invariant and rebuilds its shortest counterexample.
func (g *graph) verdicts(m *model) []InvariantResult {
	res := make([]InvariantResult, 0, len(Invariants))
	mk := func(name string) InvariantResult {
		return InvariantResult{Name: name, Description: invariantText[name], Counterexample: []Step{}}
	}

	r := mk(EndpointHasAddresses)
	if g.firstEmpty >= 0 {
		r.Violated, r.ViolatingStates = true, g.nEmpty
		r.Counterexample = g.steps(m, g.firstEmpty, -1)
	}
	res = append(res, r)

	r = mk(NeverDeleteActive)
	if g.firstDelete[0] >= 0 {
		r.Violated, r.ViolatingStates = true, g.nDelete
		r.Counterexample = g.steps(m, g.firstDelete[0], g.firstDelete[1])
	}
	res = append(res, r)

	r = mk(Progress)
	if len(g.failures) > 0 {
		can := g.canCommit()
		stuck := make(map[int32]bool)
		for _, f := range g.failures {
			if can[f[1]] {
				continue
			}
			if !r.Violated {
				// Failures are recorded in search order, so the first
				// one is at the least depth.
				r.Violated = true
				r.Counterexample = g.steps(m, f[0], f[1])
			}
			stuck[f[1]] = true
		}
		r.ViolatingStates = len(stuck)
	}
	res = append(res, r)
	return res
}

// steps is a shortest run to state `to` (if then < 0), or a shortest run to
// state `to` followed by the move from it to state `then`.
func (g *graph) steps(m *model, to, then int32) []Step {
	var path []int32
	for i := to; i >= 0; i = g.parent[i] {
		path = append(path, i)
	}
	for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
		path[a], path[b] = path[b], path[a]
	}
	if then >= 0 {
		path = append(path, then)
	}
	out := make([]Step, 0, len(path)-1)
	for k := 1; k < len(path); k++ {
		mv, next := findMove(m, unpack(g.keys[path[k-1]]), g.keys[path[k]])
		out = append(out, makeStep(k, mv, next))
	}
	return out
}

// findMove returns the move from s to the state packed as key. At most one
// exists: every move changes its own actor's part of the state.
func findMove(m *model, s state, key uint64) (move, state) {
	var out [maxEnactors + 1]edge
	n := m.successors(s, &out)
	for _, e := range out[:n] {
		if e.next.pack() == key {
			return e.move, e.next
		}
	}
	panic("check: no move between consecutive states of a path") // a bug in explore
}

func actorName(a uint8) string {
	if a == 0 {
		return "planner"
	}
	return fmt.Sprintf("enactor-%d", a)
}

func makeStep(n int, mv move, next state) Step {
	st := Step{
		N:         n,
		Actor:     actorName(mv.actor),
		Action:    mv.act.String(),
		Plan:      int(mv.plan),
		Reason:    mv.reason,
		Alias:     int(next.alias),
		Rollback:  int(next.rollback),
		Addresses: next.hasAddresses(),
	}
	if mv.deleted != 0 {
		st.Deleted = planList(mv.deleted)
	}
	return st
}

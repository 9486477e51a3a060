package check

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// String describes the step in words, e.g.
// "enactor-2 applies plan 4 → alias 4, rollback 1".
func (s Step) String() string {
	var b strings.Builder
	switch s.Action {
	case ActionIssue:
		fmt.Fprintf(&b, "%s issues plan %d", s.Actor, s.Plan)
	case ActionReceive:
		fmt.Fprintf(&b, "%s receives plan %d", s.Actor, s.Plan)
	case ActionCheck:
		fmt.Fprintf(&b, "%s checks plan %d: newer than alias %d, goes on", s.Actor, s.Plan, s.Alias)
	case ActionCheckStale:
		fmt.Fprintf(&b, "%s checks plan %d: not newer than alias %d, drops it", s.Actor, s.Plan, s.Alias)
	case ActionApply:
		fmt.Fprintf(&b, "%s applies plan %d", s.Actor, s.Plan)
		if s.Reason == ReasonSelfHealed {
			b.WriteString(" although its rollback target is gone (self-healing)")
		}
		fmt.Fprintf(&b, " → alias %d, rollback %d", s.Alias, s.Rollback)
	case ActionApplyRefused:
		switch s.Reason {
		case ReasonStale:
			fmt.Fprintf(&b, "%s's batch for plan %d is refused: alias already at %d (apply-time check)", s.Actor, s.Plan, s.Alias)
		case ReasonPlanDeleted:
			fmt.Fprintf(&b, "%s drops plan %d: clean-up deleted it before its batch went out", s.Actor, s.Plan)
		default:
			fmt.Fprintf(&b, "%s's batch for plan %d is refused (%s)", s.Actor, s.Plan, s.Reason)
		}
	case ActionApplyFailed:
		fmt.Fprintf(&b, "%s's batch for plan %d FAILS: its rollback target, plan %d, no longer exists", s.Actor, s.Plan, s.Alias)
	case ActionCleanup:
		fmt.Fprintf(&b, "%s cleans up after plan %d", s.Actor, s.Plan)
		if len(s.Deleted) == 0 {
			b.WriteString(", deleting nothing")
		} else {
			fmt.Fprintf(&b, ", deleting %s", plural("plan", s.Deleted))
		}
		if slices.Contains(s.Deleted, s.Alias) {
			fmt.Fprintf(&b, " → alias %d names a deleted plan: the endpoint has NO addresses", s.Alias)
		}
	default:
		fmt.Fprintf(&b, "%s %s plan %d", s.Actor, s.Action, s.Plan)
	}
	return b.String()
}

func plural(noun string, gens []int) string {
	parts := make([]string, len(gens))
	for i, g := range gens {
		parts[i] = strconv.Itoa(g)
	}
	if len(gens) == 1 {
		return noun + " " + parts[0]
	}
	return noun + "s " + strings.Join(parts, ", ")
}

// WriteText prints the result for people: the bounds, the size of the
// search, each invariant's verdict and the shortest counterexamples as
// numbered steps.
func (r Result) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	c := r.Config
	fmt.Fprintf(ew, "DNS race check: %d %s, %d plan generations, clean-up deletes plans %d+ generations older, 1 endpoint\n",
		c.Enactors, pluralWord(c.Enactors, "Enactor"), c.Plans, c.Threshold)
	if len(r.Safeguards) == 0 {
		fmt.Fprintln(ew, "Safeguards: none")
	} else {
		fmt.Fprintf(ew, "Safeguards: %s\n", strings.Join(r.Safeguards, ", "))
	}
	fmt.Fprintf(ew, "Explored %s states, %s transitions (depth %d) in %.3f ms",
		thousands(r.States), thousands(r.Transitions), r.Depth, r.ElapsedMS)
	if r.ElapsedMS > 0 {
		fmt.Fprintf(ew, ": %s states/s", thousands(int(float64(r.States)/(r.ElapsedMS/1000))))
	}
	fmt.Fprintln(ew)
	fmt.Fprintln(ew)

	width := 0
	for _, ir := range r.Invariants {
		width = max(width, len(ir.Name))
	}
	for _, ir := range r.Invariants {
		if ir.Violated {
			fmt.Fprintf(ew, "  %-*s  VIOLATED in %s %s; shortest counterexample %d steps\n",
				width, ir.Name, thousands(ir.ViolatingStates), pluralWord(ir.ViolatingStates, "state"), len(ir.Counterexample))
		} else {
			fmt.Fprintf(ew, "  %-*s  holds\n", width, ir.Name)
		}
	}
	if len(r.Unmodelled) > 0 {
		fmt.Fprintf(ew, "  Unmodelled safeguards (they act outside the DNS automation; no effect here): %s\n",
			strings.Join(r.Unmodelled, ", "))
	}
	if len(r.RateOnly) > 0 {
		fmt.Fprintf(ew, "  Rate-only safeguards (they change only rates or timing; the model is untimed, so they remove no interleaving and change nothing here): %s\n",
			strings.Join(r.RateOnly, ", "))
	}
	if r.Summary != "" {
		fmt.Fprintf(ew, "\nVerdict: %s.\n", r.Summary)
	}

	var shown []InvariantResult
	for _, ir := range r.Invariants {
		if !ir.Violated {
			continue
		}
		fmt.Fprintln(ew)
		if i := slices.IndexFunc(shown, func(p InvariantResult) bool {
			return slices.EqualFunc(p.Counterexample, ir.Counterexample, stepEqual)
		}); i >= 0 {
			fmt.Fprintf(ew, "%s: the same %d steps as %s.\n", ir.Name, len(ir.Counterexample), shown[i].Name)
			continue
		}
		shown = append(shown, ir)
		fmt.Fprintf(ew, "Shortest counterexample for %s (%d steps):\n", ir.Name, len(ir.Counterexample))
		for _, st := range ir.Counterexample {
			fmt.Fprintf(ew, "  %3d. %s\n", st.N, st)
		}
	}
	return ew.err
}

func stepEqual(a, b Step) bool {
	return a.N == b.N && a.Actor == b.Actor && a.Action == b.Action && a.Plan == b.Plan &&
		a.Reason == b.Reason && slices.Equal(a.Deleted, b.Deleted) &&
		a.Alias == b.Alias && a.Rollback == b.Rollback && a.Addresses == b.Addresses
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// thousands formats n with comma separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/verdict"
)

type jsonEntry struct {
	Safeguards []string        `json:"safeguards"`
	Verdict    verdict.Verdict `json:"verdict"`
	Impact     jsonImpact      `json:"impact"`
}

type jsonBoard struct {
	Seed      uint64      `json:"seed"`
	Baseline  jsonImpact  `json:"baseline"`
	Singles   []jsonEntry `json:"singles"`
	Pairs     []jsonEntry `json:"pairs"`
	Smallest  [][]string  `json:"smallest"`
	ElapsedMS float64     `json:"elapsed_ms"`
}

func ids(s []safeguard.ID) []string {
	out := make([]string, len(s))
	for i, id := range s {
		out[i] = string(id)
	}
	return out
}

func entriesJSON(es []verdict.Entry) []jsonEntry {
	out := make([]jsonEntry, len(es))
	for i, e := range es {
		out[i] = jsonEntry{ids(e.Safeguards), e.Verdict, impactJSON(e.Impact)}
	}
	return out
}

func cmdMatrix(args []string, out, errOut io.Writer) int {
	fs := newFlags("matrix", errOut)
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's)")
	asJSON := fs.Bool("json", false, "print JSON")
	pairs := fs.Int("pairs", 10, "how many of the best pairs to list in text output")
	overWorlds := fs.Bool("worlds", false, "judge every single safeguard over the plausible worlds")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *overWorlds {
		return matrixWorlds(*asJSON, out, errOut)
	}
	if *pairs < 0 {
		fmt.Fprintf(errOut, "outage-sim matrix: pairs = %d: must be 0 or more\n", *pairs)
		return 2
	}
	sc := scenario.Default()
	if *seed == 0 {
		*seed = sc.Seed
	}
	start := time.Now()
	b := verdict.Scoreboard(sc, *seed)
	elapsed := time.Since(start)
	if *asJSON {
		j := jsonBoard{Seed: *seed, Baseline: impactJSON(b.Baseline), Singles: entriesJSON(b.Singles),
			Pairs: entriesJSON(b.Pairs), Smallest: [][]string{}, ElapsedMS: float64(elapsed.Microseconds()) / 1000}
		for _, s := range b.Smallest {
			j.Smallest = append(j.Smallest, ids(s))
		}
		return writeJSON(out, j)
	}
	fmt.Fprintf(out, "Which safeguard would have stopped it? (seed %d; baseline %.1f service-hours, %.1f app-hours)\n\n",
		*seed, b.Baseline.ServiceHours, b.Baseline.AppHours)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  safeguard\tverdict\tsaved h\twhy\t")
	for _, e := range b.Singles {
		fmt.Fprintf(tw, "  %s\t%s\t%.1f\t%s\t\n", ids(e.Safeguards)[0], e.Verdict.Kind, e.Verdict.SavedHours, e.Verdict.Why)
	}
	tw.Flush()
	fmt.Fprintln(out, "\nSmallest sets that prevent the outage:")
	for _, s := range b.Smallest {
		fmt.Fprintf(out, "  %s\n", strings.Join(ids(s), " + "))
	}
	fmt.Fprintf(out, "\nBest pairs (of %d):\n", len(b.Pairs))
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for i, e := range b.Pairs {
		if i >= *pairs {
			break
		}
		fmt.Fprintf(tw, "  %s\t%s\t%.1f\t\n", strings.Join(ids(e.Safeguards), " + "), e.Verdict.Kind, e.Verdict.SavedHours)
	}
	tw.Flush()
	fmt.Fprintf(out, "\n%d runs in %s\n", 1+len(b.Singles)+len(b.Pairs), elapsed.Round(time.Millisecond))
	return 0
}

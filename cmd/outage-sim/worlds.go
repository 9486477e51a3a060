package main

import (
	"fmt"
	"io"

	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/worlds"
)

// ensemble loads the stored plausible worlds.
func ensemble(errOut io.Writer) (*worlds.File, bool) {
	f, err := worlds.Load(assets.Worlds)
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim: the stored plausible worlds cannot be read (%v); run make assets\n", err)
		return nil, false
	}
	return f, true
}

// cmdCalibrate finds the plausible worlds and reports how.
func cmdCalibrate(args []string, out, errOut io.Writer) int {
	fs := newFlags("calibrate", errOut)
	asJSON := fs.Bool("json", false, "print JSON")
	write := fs.String("write", "", "also write the ensemble to this file (assets/generated/worlds.json)")
	screen := fs.Int("screen", worlds.DefaultOptions.Screen, "worlds in the space-filling screen (0..100000)")
	steps := fs.Int("steps", worlds.DefaultOptions.Steps, "random-walk steps per chain (1..100000)")
	want := fs.Int("want", worlds.DefaultOptions.Want, "plausible worlds to keep (10..5000)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	for _, c := range []struct {
		name   string
		v      int
		lo, hi int
	}{{"screen", *screen, 0, 100000}, {"steps", *steps, 1, 100000}, {"want", *want, 10, 5000}} {
		if c.v < c.lo || c.v > c.hi {
			fmt.Fprintf(errOut, "outage-sim calibrate: %s = %d: valid range is %d..%d\n", c.name, c.v, c.lo, c.hi)
			return 2
		}
	}
	o := worlds.DefaultOptions
	o.Screen, o.Steps, o.Want = *screen, *steps, *want
	start := time.Now()
	c := worlds.Calibrate(o)
	elapsed := time.Since(start)
	f := worlds.NewFile(c)
	if *write != "" {
		b, err := f.JSON()
		if err == nil {
			err = writeIfChanged(*write, b, errOut)
		}
		if err != nil {
			fmt.Fprintf(errOut, "outage-sim calibrate: %v\n", err)
			return 1
		}
	}
	if *asJSON {
		return writeJSON(out, struct {
			worlds.Calibration
			ElapsedMS float64 `json:"elapsed_ms"`
		}{c, float64(elapsed.Microseconds()) / 1000})
	}
	writeCalibration(out, c, elapsed)
	return 0
}

func writeCalibration(out io.Writer, c worlds.Calibration, elapsed time.Duration) {
	fmt.Fprintf(out, "Plausible worlds: the estimated parameters' values under which the night matches the PES (every fitted event within ±%g min).\n", c.Tolerance)
	fmt.Fprintf(out, "Method: %s.\n\n", c.Method)
	for _, w := range c.Waves {
		fmt.Fprintf(out, "  %-16s tried %6d, plausible %5d\n", w.Kind, w.Tried, w.Plausible)
	}
	fmt.Fprintf(out, "  kept %d plausible worlds besides the central one, of %d tried, in %s\n\n", c.Kept, c.Tried, elapsed.Round(time.Millisecond))
	fmt.Fprintln(out, "What the PES constrains (the kept worlds' 10–90% spread as a share of the range; under 0.3: constrained):")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, s := range c.Spans {
		tag := "free"
		if s.Constrained {
			tag = "constrained"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%.2f\tkept %s–%s of %s–%s\t\n", s.Name, tag, s.Share,
			fmt.Sprintf("%.4g", s.KeptLo), fmt.Sprintf("%.4g", s.KeptHi), fmt.Sprintf("%.4g", s.Lo), fmt.Sprintf("%.4g", s.Hi))
	}
	tw.Flush()
	fmt.Fprintln(out, "\nHeld-out check (not used in the matching; the model predicts them):")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  check\treal\tmedian error\tworst error\tcentral world\tmissing\t")
	for _, m := range c.HeldOut {
		fmt.Fprintf(tw, "  %s\t%s\t%.0f min\t%.0f min\t%+.0f min\t%d\t\n", m.ID, m.Real, m.MedianMin, m.WorstMin, m.CentralMin, m.Missing)
	}
	tw.Flush()
}

// worldsEntry is one safeguard set over the plausible worlds.
type worldsEntry struct {
	worlds.Summary
	Words string `json:"words"`
}

func summarise(e *worlds.Ensemble, set safeguard.Set) worldsEntry {
	s := e.Summarise(set)
	return worldsEntry{s, s.Words()}
}

// runWorlds is `run --worlds`.
func runWorlds(set safeguard.Set, asJSON bool, out, errOut io.Writer) int {
	f, ok := ensemble(errOut)
	if !ok {
		return 1
	}
	e := worlds.NewEnsemble(f.Worlds)
	w := summarise(e, set)
	if asJSON {
		return writeJSON(out, w)
	}
	label := strings.Join(ids(set.IDs()), ",")
	if label == "" {
		label = "none (the real night)"
	}
	fmt.Fprintf(out, "Safeguards: %s, over %d plausible worlds\n", label, w.Worlds)
	fmt.Fprintf(out, "  %s\n", w.Words)
	fmt.Fprintf(out, "  AWS service-hours saved: median %.1f (10–90%%: %.1f–%.1f); app-hours (illustrative): median %.1f (%.1f–%.1f)\n",
		w.SavedServiceHours.P50, w.SavedServiceHours.P10, w.SavedServiceHours.P90,
		w.SavedAppHours.P50, w.SavedAppHours.P10, w.SavedAppHours.P90)
	fmt.Fprintf(out, "  in the central world (the one the app plays): %s\n", w.Central)
	return 0
}

// matrixWorlds is `matrix --worlds`: every single safeguard over the
// plausible worlds, ranked by median AWS service-hours saved.
func matrixWorlds(asJSON bool, out, errOut io.Writer) int {
	f, ok := ensemble(errOut)
	if !ok {
		return 1
	}
	start := time.Now()
	e := worlds.NewEnsemble(f.Worlds)
	var es []worldsEntry
	for _, id := range safeguard.IDs() {
		es = append(es, summarise(e, safeguard.Set(0).With(id)))
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].SavedServiceHours.P50, es[j].SavedServiceHours.P50
		if a != b {
			return a > b
		}
		return es[i].Majority.Rank() < es[j].Majority.Rank()
	})
	var smallest [][]string
	for _, x := range es {
		if x.Kinds["prevented"] >= worlds.RobustShare {
			smallest = append(smallest, ids(x.Safeguards))
		}
	}
	if smallest == nil {
		smallest = [][]string{}
	}
	elapsed := time.Since(start)
	if asJSON {
		return writeJSON(out, struct {
			Worlds    int           `json:"worlds"`
			Singles   []worldsEntry `json:"singles"`
			Smallest  [][]string    `json:"smallest"`
			ElapsedMS float64       `json:"elapsed_ms"`
		}{len(f.Worlds), es, smallest, float64(elapsed.Microseconds()) / 1000})
	}
	fmt.Fprintf(out, "Which safeguard would have stopped it, over %d plausible worlds? (ranked by median AWS service-hours saved)\n\n", len(f.Worlds))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  safeguard\tsaved h (10–50–90%)\tapp-h (median)\tverdict over the worlds\t")
	for _, x := range es {
		b := x.SavedServiceHours
		fmt.Fprintf(tw, "  %s\t%.1f–%.1f–%.1f\t%.1f\t%s\t\n", ids(x.Safeguards)[0], b.P10, b.P50, b.P90, x.SavedAppHours.P50, x.Words)
	}
	tw.Flush()
	fmt.Fprintf(out, "\nSmallest sets that prevent the outage in at least %.0f%% of plausible worlds:\n", 100*worlds.RobustShare)
	for _, s := range smallest {
		fmt.Fprintf(out, "  %s\n", strings.Join(s, " + "))
	}
	fmt.Fprintf(out, "\n%d runs in %s\n", len(f.Worlds)*(1+len(es)), elapsed.Round(time.Millisecond))
	return 0
}

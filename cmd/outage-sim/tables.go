package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/racerisk"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
	"github.com/outagelab/outage/game/worlds"
)

// The README's tables of results are made here, from the model's output,
// and written between markers:
//
//	<!-- outage-sim tables NAME -->
//	…
//	<!-- /outage-sim tables -->
//
// `outage-sim tables --write README.md` (make readme) rewrites them; a
// test fails when the README's differ from what the model gives today.

// arises says how each canonical event comes about in the model.
var arises = map[string]string{
	"redshift.errors_start":       "injected: Redshift's own IAM-user defect (PES)",
	"dns.record_empty":            "emerges: the race (trigger window fitted)",
	"lambda.errors_start":         "emerges (onset fitted)",
	"sts.errors_start":            "emerges (onset fitted)",
	"iam.errors_start":            "emerges (onset fitted)",
	"ops.root_cause_identified":   "operators: delay after DynamoDB fails",
	"ops.partial_mitigation":      "operators: delay after root cause",
	"sts.recovered":               "emerges (lag after mitigation, fitted)",
	"iam.recovered":               "emerges (lag after mitigation, fitted)",
	"dwfm.leases_lapsed":          "emerges (lease period, fitted)",
	"dns.restored":                "operators: delay after root cause",
	"dwfm.collapse":               "emerges: the collapse condition, dated from its stall",
	"ddb.global_tables_caught_up": "emerges (catch-up rate)",
	"ddb.recovered":               "emerges: negative caches expire",
	"ops.dwfm_throttle_restart":   "operators: delay after the collapse is seen",
	"lambda.sqs_restored":         "operators: delay after DynamoDB recovers",
	"dwfm.leases_restored":        "emerges (DWFM capacity, fitted)",
	"nlb.errors_start":            "emerges: pulled nodes pass 1% of capacity",
	"netmgr.latency_high":         "emerges (throttle rate, fitted)",
	"nlb.detected":                "operators: delay after NLB errors",
	"sts.errors_second_wave":      "emerges (failover rate and STS's tolerance, fitted)",
	"nlb.failover_disabled":       "operators: delay after detection",
	"sts.recovered_second_wave":   "emerges (lag, fitted)",
	"netmgr.recovered":            "emerges (Network Manager capacity)",
	"ec2.throttles_relaxed":       "operators: delay after Network Manager recovers",
	"ec2.recovered":               "operators lift throttles gradually (ramp fitted)",
	"nlb.failover_reenabled":      "operators: delay after EC2 recovers",
	"lambda.recovered":            "emerges (lag, fitted)",
	"event.end":                   "emerges (last AWS service)",
	"redshift.recovered":          "emerges: backlog drain, projected past 15:00 (rate fitted)",
}

// Tables makes every README table, by name.
func Tables() (map[string]string, error) {
	sc := scenario.Default()
	out := map[string]string{}
	var b strings.Builder

	// Calibration: every canonical event against the PES.
	r := sim.Run(sc, 0, sc.Seed)
	b.WriteString("| event | simulated | real (PES) | Δ min | how it arises |\n|---|---|---|---|---|\n")
	for _, m := range scenario.Timeline {
		e, ok := r.First(m.ID)
		if !ok {
			fmt.Fprintf(&b, "| `%s` | — | %s | did not happen | %s |\n", m.ID, m.Clock(), arises[m.ID])
			continue
		}
		real := sim.At(m.Day, m.Hour, m.Minute)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", m.ID, e.At.Wall().Format("15:04"), m.Clock(),
			deltaMin((e.At - real).Minutes()), arises[m.ID])
	}
	out["calibration"] = b.String()

	// The scoreboard of the central world.
	b.Reset()
	board := verdict.Scoreboard(sc, sc.Seed)
	fmt.Fprintf(&b, "| safeguard | verdict | AWS service-hours saved (of %.1f) | app-hours saved (illustrative, of %.1f) | why, first |\n|---|---|---:|---:|---|\n",
		board.Baseline.ChainHours(), board.Baseline.AppHours)
	for _, e := range board.Singles {
		why, _, _ := strings.Cut(e.Verdict.Why, "; ")
		fmt.Fprintf(&b, "| `%s` | **%s** | %.1f | %.1f | %s |\n", e.Safeguards[0], e.Verdict.Kind,
			e.Verdict.SavedHours, e.Verdict.SavedAppHours, why)
	}
	out["safeguards"] = b.String()

	// The race over many nights.
	var t racerisk.Table
	if err := json.Unmarshal(assets.RaceRisk, &t); err != nil {
		return nil, fmt.Errorf("race risk: %w", err)
	}
	b.Reset()
	fmt.Fprintf(&b, "| safeguards | nights the endpoint emptied (of %d) | about 1 night in | risk ratio (95%%) |\n|---|---:|---:|---|\n", t.Without.Nights)
	fmt.Fprintf(&b, "| none | %d | %d | — |\n", t.Without.Emptied, racerisk.OneIn(t.Without.Share))
	for _, e := range t.Entries {
		in := "—"
		if n := racerisk.OneIn(e.With.Share); n > 0 {
			in = fmt.Sprint(n)
		} else {
			in = fmt.Sprintf("fewer than %d", racerisk.OneIn(e.With.High))
		}
		fmt.Fprintf(&b, "| `%s` | %d | %s | %.3f (%.3f–%.3f) |\n", e.Safeguard, e.With.Emptied, in, e.RiskRatio, e.Low, e.High)
	}
	out["racerisk"] = b.String()

	// The plausible worlds: held out, and every single safeguard over them.
	f, err := worlds.Load(assets.Worlds)
	if err != nil {
		return nil, err
	}
	b.Reset()
	b.WriteString("| check | real (PES) | median error | worst error | central world |\n|---|---|---|---|---|\n")
	for _, m := range f.HeldOut {
		fmt.Fprintf(&b, "| `%s` | %s | %.0f min | %.0f min | %+.0f min |\n", m.ID, m.Real, m.MedianMin, m.WorstMin, m.CentralMin)
	}
	out["heldout"] = b.String()
	b.Reset()
	singles := append(f.Singles[:0:0], f.Singles...)
	sort.SliceStable(singles, func(i, j int) bool {
		return singles[i].SavedServiceHours.P50 > singles[j].SavedServiceHours.P50
	})
	fmt.Fprintf(&b, "| safeguard | AWS service-hours saved, 10–50–90%% | over the %d plausible worlds |\n|---|---|---|\n", len(f.Worlds))
	for _, s := range singles {
		h := s.SavedServiceHours
		words := strings.Replace(s.Words(), fmt.Sprintf(" of %d plausible worlds", s.Worlds), "", 1)
		fmt.Fprintf(&b, "| `%s` | %.1f–%.1f–%.1f | %s |\n", s.Safeguards[0], h.P10, h.P50, h.P90, words)
	}
	var prevent []string
	for _, s := range f.Singles {
		if s.Kinds[verdict.Prevented] >= 0.9 {
			prevent = append(prevent, "`"+string(s.Safeguards[0])+"`")
		}
	}
	fmt.Fprintf(&b, "\nThe smallest sets that prevent the outage in at least 90%% of plausible worlds: %s.\n", strings.Join(prevent, ", "))
	out["worlds"] = b.String()
	return out, nil
}

var tableBlock = regexp.MustCompile(`(?s)(<!-- outage-sim tables ([a-z]+) -->\n)(.*?)(<!-- /outage-sim tables -->)`)

// fillTables puts the tables into a document's marked blocks, and says
// which names it found.
func fillTables(doc []byte, tables map[string]string) ([]byte, []string, error) {
	var names []string
	var missing error
	out := tableBlock.ReplaceAllFunc(doc, func(m []byte) []byte {
		g := tableBlock.FindSubmatch(m)
		name := string(g[2])
		names = append(names, name)
		t, ok := tables[name]
		if !ok {
			missing = fmt.Errorf("no table named %q", name)
			return m
		}
		return append(append(append([]byte{}, g[1]...), t...), g[4]...)
	})
	return out, names, missing
}

func cmdTables(args []string, out, errOut io.Writer) int {
	fs := newFlags("tables", errOut)
	write := fs.String("write", "", "rewrite the marked tables of this file (README.md)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	tables, err := Tables()
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim tables: %v\n", err)
		return 1
	}
	if *write == "" {
		var names []string
		for n := range tables {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(out, "<!-- outage-sim tables %s -->\n%s<!-- /outage-sim tables -->\n\n", n, tables[n])
		}
		return 0
	}
	doc, err := os.ReadFile(*write)
	if err == nil {
		var b []byte
		b, _, err = fillTables(doc, tables)
		if err == nil && !bytes.Equal(b, doc) {
			err = os.WriteFile(*write, b, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim tables: %v\n", err)
		return 1
	}
	return 0
}

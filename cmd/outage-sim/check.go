package main

import (
	"fmt"
	"io"

	"github.com/outagelab/outage/game/check"
)

func cmdCheck(args []string, out, errOut io.Writer) int {
	def := check.DefaultConfig()
	fs := newFlags("check", errOut)
	enactors := fs.Int("enactors", def.Enactors, "number of Enactors (1..4)")
	plans := fs.Int("plans", def.Plans, "plan generations the Planner may issue (2..12)")
	threshold := fs.Int("threshold", def.Threshold, "clean-up deletes plans this many generations older (1..plans)")
	sgList := fs.String("safeguards", "", "comma-separated safeguard ids")
	asJSON := fs.Bool("json", false, "print JSON")
	script := fs.String("script", "", "also write the first counterexample as a replay script to this file")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	set, ok := parseSafeguards(*sgList, errOut)
	if !ok {
		return 2
	}
	cfg := def
	cfg.Enactors, cfg.Plans, cfg.Threshold = *enactors, *plans, *threshold
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(errOut, "outage-sim check: %v\n", err)
		return 2
	}
	r, err := check.Run(cfg, set)
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim check: %v\n", err)
		return 1
	}
	if *script != "" && r.Invariant == "" {
		fmt.Fprintf(errOut, "outage-sim check: every invariant holds in every interleaving of %s: no counterexample, %s not written\n", r.Bounds, *script)
	}
	if *script != "" && r.Invariant != "" {
		s, err := r.Script(r.Invariant)
		if err == nil {
			var b []byte
			if b, err = s.Encode(); err == nil {
				err = writeFile(*script, b)
			}
		}
		if err != nil {
			fmt.Fprintf(errOut, "outage-sim check: writing script: %v\n", err)
			return 1
		}
	}
	if *asJSON {
		return writeJSON(out, r)
	}
	if err := r.WriteText(out); err != nil {
		return 1
	}
	return 0
}

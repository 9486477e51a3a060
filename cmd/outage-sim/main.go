// Command outage-sim replays the us-east-1 outage of 19–20 October 2025
// headless and prints what the app shows: the timeline next to the real
// one, the outages, the impact and the verdict of a what-if; the
// scoreboard of safeguards; the exhaustive check of the DNS race; how
// often the same trigger empties the endpoint over many seeds; and a
// picture of the service timeline for articles.
//
//	outage-sim run [--safeguards a,b] [--seed N] [--detail] [--json]
//	outage-sim matrix [--seed N] [--pairs N] [--json]
//	outage-sim check [--enactors N] [--plans N] [--threshold N] [--safeguards a,b] [--script file] [--json]
//	outage-sim seeds [--safeguards a,b] [--n N] [--json]
//	outage-sim chart -o timeline.png [--safeguards a,b] [--seed N] [--width N]
//
// Exit status: 0 success, 1 failure (such as an unwritable file), 2 bad
// usage (unknown command, flag, value or safeguard).
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// commands maps subcommand names to their handlers, in help order.
var commands = []struct {
	name, help string
	fn         func(args []string, out, errOut io.Writer) int
}{
	{"run", "replay the incident and compare with the real timeline", cmdRun},
	{"matrix", "rank every safeguard and pair of safeguards", cmdMatrix},
	{"check", "explore every interleaving of the DNS automation", cmdCheck},
	{"seeds", "replay over many seeds: how often does the trigger empty the endpoint?", cmdSeeds},
	{"chart", "draw the service timeline as a PNG for articles", cmdChart},
	{"calibrate", "find the plausible worlds by history matching against the PES", cmdCalibrate},
	{"generate", "write the generated tables the app embeds (make assets)", cmdGenerate},
	{"tables", "the README's tables of results, from the model (make readme)", cmdTables},
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: outage-sim <command> [flags]")
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.help)
	}
	fmt.Fprintln(w, "Run 'outage-sim <command> -h' for a command's flags.")
}

func names() string {
	var n []string
	for _, c := range commands {
		n = append(n, c.name)
	}
	return strings.Join(n, ", ")
}

// run is main without the process: it returns the exit status (0 ok,
// 1 failure, 2 bad usage).
func run(args []string, out, errOut io.Writer) int {
	if len(args) == 0 {
		usage(errOut)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(out)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.fn(args[1:], out, errOut)
		}
	}
	fmt.Fprintf(errOut, "outage-sim: unknown command %q; valid commands: %s\n", args[0], names())
	return 2
}

func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }

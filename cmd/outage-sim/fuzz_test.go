package main

import (
	"bytes"
	"strings"
	"testing"
)

// guardFlag is a flag no command defines. Appended twice to an argument
// list it makes flag parsing fail after every earlier argument has been
// read (if a flag such as -o takes the first as its value, the second is
// still read as a flag), so the command's parser is exercised but its
// slow or file-writing work never starts.
const guardFlag = "--fuzz-guard-not-a-flag"

// cheap reports whether args may run for real in a fuzz iteration: replays
// (run) are a few milliseconds; the scoreboard, many seeds, charts, large
// race checks and anything that writes a file are not.
func cheap(args []string) bool {
	if len(args) == 0 {
		return true
	}
	switch args[0] {
	case "matrix", "seeds", "chart":
		return false
	}
	for _, a := range args[1:] {
		for _, risky := range []string{"enactors", "plans", "script", "matrix", "-o"} {
			if strings.Contains(a, risky) {
				return false
			}
		}
	}
	return true
}

// FuzzArgs feeds arbitrary argument lists (one argument per line) to the
// command line: it must never panic, and must exit 0, 1 or 2; usage
// problems are 2 and always explained on standard error.
func FuzzArgs(f *testing.F) {
	for _, s := range []string{
		"",
		"run",
		"run\n--json",
		"run\n--seed\n7",
		"run\n--seed\nx",
		"run\n--safeguards\nApply-Time-Check, serve-stale",
		"run\n--safeguards\nbogus,apply-time-check",
		"run\n--detail\n--json\n--seed\n3",
		"run\nextra",
		"run\n-h",
		"check",
		"check\n--threshold\n3\n--json",
		"check\n--enactors\n9",
		"check\n--plans\n1",
		"check\n--safeguards\nspare-active-plan",
		"matrix\n--pairs\n-1",
		"matrix\n--json",
		"seeds\n--n\n0",
		"seeds\n--n\n3",
		"chart\n-o\n-\n--width\n10",
		"chart",
		"--help",
		"bogus",
		"run\n--",
		"run\n-seed=18446744073709551615",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		var args []string
		if line != "" {
			args = strings.Split(line, "\n")
		}
		guarded := !cheap(args)
		if guarded {
			args = append(args, guardFlag, guardFlag)
		}
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut)
		switch code {
		case 0, 1:
		case 2:
			if errOut.Len() == 0 {
				t.Fatalf("exit 2 with no explanation for %q", args)
			}
		default:
			t.Fatalf("exit %d for %q", code, args)
		}
		if guarded && code == 1 {
			t.Fatalf("exit 1 before any work for %q", args)
		}
		if guarded && code == 0 && !helpAsked(args) {
			t.Fatalf("the guard did not stop %q", args)
		}
	})
}

// helpAsked reports whether flag parsing meets -h or -help before the
// guard (or the command is a request for help).
func helpAsked(args []string) bool {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help", "help":
			return true
		}
	}
	for _, a := range args {
		if a == "--" {
			return false
		}
		switch strings.SplitN(a, "=", 2)[0] {
		case "-h", "-help", "--h", "--help":
			return true
		}
	}
	return false
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/outagelab/outage/game/racerisk"
	"github.com/outagelab/outage/game/scenario"
)

// cmdGenerate writes the generated tables the app embeds (make assets).
func cmdGenerate(args []string, out, errOut io.Writer) int {
	fs := newFlags("generate", errOut)
	dir := fs.String("o", "assets/generated", "the folder to write to")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	b, err := RaceRiskJSON()
	if err == nil {
		err = writeIfChanged(filepath.Join(*dir, "racerisk.json"), b, out)
	}
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim generate: %v\n", err)
		return 1
	}
	return 0
}

// RaceRiskJSON is the race-risk table as the app embeds it.
func RaceRiskJSON() ([]byte, error) {
	t := racerisk.MakeTable(scenario.Default(), racerisk.DNSLayer(), racerisk.Default, racerisk.TableNights)
	b, err := json.MarshalIndent(t, "", "  ")
	return append(b, '\n'), err
}

func writeIfChanged(path string, b []byte, out io.Writer) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		fmt.Fprintf(out, "%s is up to date\n", path)
		return nil
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s\n", path)
	return nil
}

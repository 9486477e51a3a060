package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.wasm")
	os.WriteFile(file, bytes.Repeat([]byte("wasm"), 100), 0o644)
	tests := []struct {
		name   string
		f      func([]string, *bytes.Buffer, *bytes.Buffer) int
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"unknown flag", runBuf, []string{"-nope"}, 2, "", "flag provided but not defined"},
		{"stray argument", runBuf, []string{"web"}, 2, "", "usage"},
		{"bad port", runBuf, []string{"-port", "70000"}, 2, "", "usage"},
		{"no page in root", runBuf, []string{"-root", dir}, 1, "", "has no index.html"},
		{"precompress: no file", precompressBuf, nil, 2, "", "usage"},
		{"precompress: bad quality", precompressBuf, []string{"-quality", "12", file}, 2, "", "usage"},
		{"precompress: missing file", precompressBuf, []string{filepath.Join(dir, "nope")}, 1, "", "no such file"},
		{"precompress", precompressBuf, []string{"-quality", "1", file}, 0, "400 bytes", ""},
		{"precompress again", precompressBuf, []string{"-quality", "1", file}, 0, "up to date", ""},
		{"bad prefix", runBuf, []string{"-prefix", "explainers"}, 2, "", "usage"},
		{"prefix without the last slash", runBuf, []string{"-prefix", "/explainers"}, 2, "", "usage"},
		{"dist: stray argument", distBuf, []string{"web"}, 2, "", "usage"},
		{"dist: bad quality", distBuf, []string{"-quality", "-1"}, 2, "", "usage"},
		{"dist: nothing built", distBuf, []string{"-root", dir, "-out", filepath.Join(dir, "dist")}, 1, "", "web/outage.wasm is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			assert.Equal(t, tt.code, tt.f(tt.args, &out, &errb))
			assert.Contains(t, out.String(), tt.stdout)
			assert.Contains(t, errb.String(), tt.stderr)
		})
	}
}

func runBuf(args []string, out, errb *bytes.Buffer) int         { return run(args, out, errb) }
func precompressBuf(args []string, out, errb *bytes.Buffer) int { return precompress(args, out, errb) }
func distBuf(args []string, out, errb *bytes.Buffer) int        { return dist(args, out, errb) }

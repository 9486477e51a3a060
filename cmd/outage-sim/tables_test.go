package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMETablesAreCurrent: the README's tables of results are what the
// model gives today (make readme rewrites them), and every table is there.
func TestREADMETablesAreCurrent(t *testing.T) {
	doc, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	tables, err := Tables()
	require.NoError(t, err)
	got, names, err := fillTables(doc, tables)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"calibration", "heldout", "racerisk", "safeguards", "worlds"}, names)
	if string(got) != string(doc) {
		t.Error("the README's tables are stale: run make readme")
	}
}

func TestFillTables(t *testing.T) {
	doc := "a\n<!-- outage-sim tables x -->\nold\n<!-- /outage-sim tables -->\nb\n"
	got, names, err := fillTables([]byte(doc), map[string]string{"x": "new\n"})
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, names)
	assert.Equal(t, "a\n<!-- outage-sim tables x -->\nnew\n<!-- /outage-sim tables -->\nb\n", string(got))
	_, _, err = fillTables([]byte(doc), map[string]string{})
	assert.Error(t, err)
}

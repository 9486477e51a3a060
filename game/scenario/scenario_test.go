package scenario

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryParameterIsDocumented: each field of the parameter structs
// carries a comment naming its source or saying what it was fitted to.
func TestEveryParameterIsDocumented(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "scenario.go", nil, parser.ParseComments)
	require.NoError(t, err)
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		st, ok := node.(*ast.StructType)
		if !ok {
			return true
		}
		for _, fld := range st.Fields.List {
			n++
			name := "embedded"
			if len(fld.Names) > 0 {
				name = fld.Names[0].Name
			}
			assert.NotNilf(t, fld.Doc, "parameter %s has no comment", name)
		}
		return true
	})
	assert.Greater(t, n, 40)
}

func TestTimeline(t *testing.T) {
	seen := map[string]bool{}
	prev := -1.0
	for _, m := range Timeline {
		assert.False(t, seen[m.ID], "duplicate %s", m.ID)
		seen[m.ID] = true
		assert.GreaterOrEqual(t, m.MinutesFromEpoch(), prev, "%s out of order", m.ID)
		prev = m.MinutesFromEpoch()
	}
	m, ok := Lookup("dns.record_empty")
	require.True(t, ok)
	assert.Equal(t, 18.0, m.MinutesFromEpoch())
	assert.Equal(t, "23:48", m.Clock())
	_, ok = Lookup("nope")
	assert.False(t, ok)
}

// TestServiceGraph: every link names a signal or a service listed before,
// so one pass in order evaluates the whole graph.
func TestServiceGraph(t *testing.T) {
	signals := map[Signal]bool{SigDynamoDB: true, SigDynamoDBInternal: true, SigEC2Launch: true,
		SigNLB: true, SigLambdaSQS: true, SigRedshiftJobs: true, SigRedshiftIAM: true}
	before := map[string]bool{}
	sc := Default()
	for _, s := range sc.Services {
		assert.NotEmpty(t, s.Name)
		assert.NotEmpty(t, s.Links, s.ID)
		if s.App {
			assert.Equal(t, "illustrative", s.Note, s.ID)
		}
		for _, l := range s.Links {
			assert.Truef(t, signals[l.On] || before[string(l.On)], "%s depends on unknown %s", s.ID, l.On)
		}
		assert.False(t, before[s.ID], "duplicate %s", s.ID)
		before[s.ID] = true
	}
}

func TestDefaultIsSane(t *testing.T) {
	sc := Default()
	assert.Less(t, sc.DWFM.AdmitShare, 1.0, "admitted work must be able to finish")
	assert.Less(t, sc.Ops.DWFMThrottle, sc.DWFM.Capacity*sc.DWFM.TimeoutMin, "throttled work must be able to finish")
	assert.Greater(t, sc.DNS.Trigger.BatchSec, sc.DNS.LockTTLSec, "the trigger works by outlasting the lock")
	assert.Less(t, sc.DNS.BatchSec+sc.DNS.BatchJitterSec, sc.DNS.LockTTLSec, "normal batches fit in the lock")
	assert.Equal(t, "dynamodb.us-east-1.amazonaws.com", sc.DNS.Endpoints[0])
}

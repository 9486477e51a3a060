package sim

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/safeguard"
)

// owners names, for each safeguard, the one component (file and function)
// allowed to ask whether it is on: the decision point it changes. A
// safeguard read anywhere else would be a side door, an effect that does
// not come from its mechanism.
var owners = map[safeguard.ID]string{
	safeguard.ApplyTimeCheck:       "dns.go:onCommit",
	safeguard.SelfHealingRollback:  "dns.go:onCommit",
	safeguard.SpareActivePlan:      "dns.go:onCleanup",
	safeguard.FewerPlans:           "dns.go:newDNS",
	safeguard.EmptyEndpointAlarm:   "ops.go:opsTriggers",
	safeguard.ServeStale:           "resolvers.go:newResolvers",
	safeguard.ShortNegativeTTL:     "resolvers.go:newResolvers",
	safeguard.KeepLastGood:         "resolvers.go:newResolvers",
	safeguard.CellEndpoints:        "cells.go:newCells",
	safeguard.DWFMAdmissionControl: "ec2.go:newDWFM",
	safeguard.LeaseStaticStability: "ec2.go:newDWFM",
	safeguard.NetMgrQueueThrottle:  "netmgr.go:newNetMgr",
	safeguard.NLBReadinessGate:     "nlb.go:newNLB",
	safeguard.NLBVelocityControl:   "nlb.go:newNLB",
	safeguard.MultiRegionApps:      "services.go:initServices",
}

func TestEachSafeguardIsReadOnlyByItsOwner(t *testing.T) {
	// The constant names of the safeguard package, by id.
	consts := map[string]safeguard.ID{}
	fset := token.NewFileSet()
	pkg, err := parser.ParseFile(fset, filepath.Join("..", "safeguard", "safeguard.go"), nil, 0)
	require.NoError(t, err)
	for _, d := range pkg.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ID" {
				continue
			}
			for i, n := range vs.Names {
				lit := vs.Values[i].(*ast.BasicLit)
				consts[n.Name] = safeguard.ID(strings.Trim(lit.Value, `"`))
			}
		}
	}
	require.Len(t, consts, len(safeguard.Catalogue))
	for _, in := range safeguard.Catalogue {
		require.Contains(t, owners, in.ID, "%s has no owner in this table", in.ID)
	}

	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	reads := map[safeguard.ID][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		file, err := parser.ParseFile(fset, f, src, 0)
		require.NoError(t, err)
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			where := f + ":"
			if ok {
				where += fn.Name.Name
			}
			ast.Inspect(d, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "safeguard" {
					if id, ok := consts[sel.Sel.Name]; ok {
						reads[id] = append(reads[id], where)
					}
				}
				return true
			})
		}
	}
	for id, want := range owners {
		got := reads[id]
		sort.Strings(got)
		if assert.NotEmpty(t, got, "%s is never read: its mechanism is missing", id) {
			for _, w := range got {
				assert.Equal(t, want, w, "%s is read outside its owner", id)
			}
		}
	}
}

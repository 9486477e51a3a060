package scenario

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// notRanged names the fields whose comment says "estimate" or "fitted"
// but that are not a fact about the world the plausible worlds vary, with
// the reason.
var notRanged = map[string]string{
	"DNS.FirstGen":               "presentation only: the generation number shown for the first plan",
	"DNS.DetailUntilMin":         "presentation only: how long routine activity is recorded",
	"Resolvers.Count":            "how finely resolvers are sampled, not how many there are",
	"DWFM.StepSec":               "the lease model's time step",
	"DynamoDB.ErrorThreshold":    "a definition: what counts as disrupted",
	"Launch.SuccessThreshold":    "a definition: what counts as impaired",
	"NLB.ErrorThreshold":         "a definition: what counts as degraded",
	"NLB.DownErrors":             "a definition: what counts as down",
	"NLB.AZs":                    "the model's structure: three AZs per NLB",
	"Redshift.IAMDefectStartMin": "sourced: PES 23:47",
	"Redshift.IAMDefectEndMin":   "sourced: PES 01:20",
}

// TestEveryEstimateHasARange: each parameter whose comment calls it an
// estimate or fitted has a plausible range (or is listed above as not a
// fact about the world), and every range holds the central value.
func TestEveryEstimateHasARange(t *testing.T) {
	ranged := map[string]Param{}
	for _, p := range Params() {
		require.NotContains(t, ranged, p.Name, "duplicate")
		ranged[p.Name] = p
		assert.NotEmpty(t, p.Reason, p.Name)
		assert.NotEmpty(t, p.Label, p.Name)
		assert.Less(t, p.Lo, p.Hi, p.Name)
		v := p.Get(Default())
		assert.GreaterOrEqual(t, v, p.Lo, "%s: the central value %g is outside its range", p.Name, v)
		assert.LessOrEqual(t, v, p.Hi, "%s: the central value %g is outside its range", p.Name, v)
		if p.Log {
			assert.Greater(t, p.Lo, 0.0, p.Name)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "scenario.go", nil, parser.ParseComments)
	require.NoError(t, err)
	checked := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, sp := range g.Specs {
			ts, ok := sp.(*ast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok || ts.Name.Name == "Scenario" {
				continue
			}
			prefix := ts.Name.Name
			if prefix == "Trigger" {
				prefix = "DNS.Trigger"
			}
			for _, fld := range st.Fields.List {
				doc := strings.ToLower(fld.Doc.Text())
				if !strings.Contains(doc, "estimate") && !strings.Contains(doc, "fitted") {
					continue
				}
				for _, n := range fld.Names {
					name := prefix + "." + n.Name
					checked++
					if _, ok := ranged[name]; ok {
						continue
					}
					_, fixed := notRanged[name]
					assert.True(t, fixed, "%s is an estimate with no plausible range", name)
				}
			}
		}
	}
	assert.Greater(t, checked, 35)
	// Every service link whose tolerance or timing is fitted is ranged.
	for _, s := range Default().Services {
		for _, l := range s.Links {
			if l.Above > 0 {
				assert.Contains(t, ranged, "Services."+s.ID+"."+string(l.On)+".Above")
			}
		}
	}
}

func TestParamAtAndSet(t *testing.T) {
	for _, p := range Params() {
		for _, u := range []float64{0, 0.25, 0.5, 0.999999} {
			v := p.At(u)
			assert.GreaterOrEqual(t, v, p.Lo, p.Name)
			assert.LessOrEqual(t, v, p.Hi, p.Name)
			sc := Default()
			p.Set(sc, v)
			assert.InDelta(t, v, p.Get(sc), 1e-9, p.Name)
			if !p.Int {
				assert.InDelta(t, u, p.Position(v), 1e-9, p.Name)
			}
		}
	}
	c, ok := LookupParam("DNS.Cells")
	require.True(t, ok)
	seen := map[float64]bool{}
	for i := range 170 {
		seen[c.At(float64(i)/170)] = true
	}
	assert.Len(t, seen, 17, "every whole number of cells from 4 to 20")
}

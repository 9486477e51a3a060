package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fewer-plans changes only the Planner's rate, which the checker's untimed
// model does not have: at the reference bounds the race is still found,
// and both outputs say why.
func TestCheckFewerPlans(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		violations int
		text       []string
		summary    string
	}{
		{"fewer-plans alone", []string{"--safeguards", "fewer-plans"}, 3,
			[]string{
				"DNS race check: 2 Enactors, 5 plan generations, clean-up deletes plans 2+ generations older",
				"EndpointHasAddresses  VIOLATED",
				"Rate-only safeguards (they change only rates or timing; the model is untimed, so they remove no interleaving and change nothing here): fewer-plans",
				"Shortest counterexample for EndpointHasAddresses (10 steps):",
			},
			"possible: EndpointHasAddresses, NeverDeleteActive, Progress violated in some interleaving of 2 Enactors, 5 plans, clean-up threshold 2; " +
				"fewer-plans changes only rates and timing and removes no interleaving: on a real night it makes the race rarer, not impossible"},
		{"fewer-plans with apply-time-check", []string{"--safeguards", "fewer-plans,apply-time-check", "--enactors", "3", "--plans", "6"}, 0,
			[]string{"EndpointHasAddresses  holds", "Rate-only safeguards"},
			"impossible in every interleaving of 3 Enactors, 6 plans, clean-up threshold 2; fewer-plans changes only rates and timing and removes no interleaving"},
		{"no safeguard", nil, 3,
			[]string{"Safeguards: none"},
			"possible: EndpointHasAddresses, NeverDeleteActive, Progress violated in some interleaving of 2 Enactors, 5 plans, clean-up threshold 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(append([]string{"check"}, tt.args...)...)
			require.Equal(t, 0, code, errOut)
			for _, w := range tt.text {
				assert.Contains(t, out, w)
			}
			assert.Contains(t, out, "\nVerdict: "+tt.summary+".\n")
			if tt.violations == 0 {
				assert.NotContains(t, out, "counterexample")
			}

			code, out, errOut = call(append([]string{"check", "--json"}, tt.args...)...)
			require.Equal(t, 0, code, errOut)
			var doc struct {
				Violations int      `json:"violations"`
				RateOnly   []string `json:"rate_only"`
				Bounds     string   `json:"bounds"`
				Summary    string   `json:"summary"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &doc))
			assert.Equal(t, tt.violations, doc.Violations)
			assert.Equal(t, tt.summary, doc.Summary)
			assert.Contains(t, doc.Summary, doc.Bounds)
			if tt.args == nil {
				assert.Equal(t, []string{}, doc.RateOnly)
			} else {
				assert.Equal(t, []string{"fewer-plans"}, doc.RateOnly)
			}
		})
	}
}

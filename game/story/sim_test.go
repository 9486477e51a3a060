package story

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// sets are the runs the story is checked against: the real night, every
// single safeguard, and all of them.
func sets() []safeguard.Set {
	out := []safeguard.Set{0}
	for _, id := range safeguard.IDs() {
		out = append(out, safeguard.Set(0).With(id))
	}
	return append(out, safeguard.All())
}

// The story resolves against every run of the real simulation, and the
// feed has words for every event the simulation emits.
func TestAgainstSimulation(t *testing.T) {
	for _, set := range sets() {
		r := sim.Run(scenario.Default(), set, 1)
		name := set.String()
		if name == "" {
			name = "real night"
		}
		t.Run(name, func(t *testing.T) {
			chs := Chapters(r, set)
			checkShape(t, chs)
			for _, e := range r.Events {
				for _, lang := range i18n.Langs() {
					_, ok := i18n.Lookup(lang, "event."+e.Kind)
					if !assert.True(t, ok, "%s: no feed text for %q", lang, e.Kind) {
						break
					}
					assert.NotContains(t, EventText(lang, r, e), "{")
				}
			}
		})
	}
}

func TestTranscript(t *testing.T) {
	r := night(2 * sim.Minute)
	verdicts := []Verdict{
		{Safeguards: safeguard.Set(0).With(safeguard.ApplyTimeCheck), Kind: "prevented", Summary: "The race <never> happened."},
		{Safeguards: safeguard.Set(0).With(safeguard.ServeStale), Kind: "unchanged", Summary: "Answers were not failures."},
	}
	d := Transcript("en", r, 0, verdicts...)
	require.Len(t, d.Chapters, len(script))
	assert.Equal(t, "1. A normal night", d.Chapters[0].Title)
	assert.Equal(t, "23:30–23:38 PDT", d.Chapters[0].When)
	require.Len(t, d.Timeline, len(scenario.Timeline))
	assert.Equal(t, DocRow{"23:47 on 19 October", "23:49 on 19 October", "Redshift API and query errors begin"}, d.Timeline[0])
	assert.Equal(t, DocRow{"by 02:24", "02:26", "DWFM leases across the fleet have timed out"}, d.Timeline[9])
	last := d.Timeline[len(d.Timeline)-1]
	assert.Equal(t, "04:05 on 21 October", last[0])

	text := d.Text()
	for _, c := range d.Chapters {
		assert.Contains(t, text, c.Title)
		for _, cap := range c.Captions {
			assert.Contains(t, text, cap)
		}
	}
	assert.Contains(t, text, "Check the plan at apply time")
	assert.Contains(t, text, "https://aws.amazon.com/message/101925/")

	h := d.HTML()
	assert.True(t, strings.HasPrefix(h, `<article class="transcript" lang="en">`))
	assert.Contains(t, h, "The race &lt;never&gt; happened.")
	assert.NotContains(t, h, "<never>")
	assert.NotContains(t, h, "<script")
	assert.NotContains(t, h, "style=")
	assert.Contains(t, h, `<th scope="col">Real time (PES)</th>`)
	assert.Equal(t, strings.Count(h, "<section"), strings.Count(h, "</section>"))
	assert.Equal(t, strings.Count(h, "<tr>"), strings.Count(h, "</tr>"))

	id := Transcript("id", nil, 0)
	assert.Equal(t, "1. Malam yang biasa", id.Chapters[0].Title)
	assert.Equal(t, "—", id.Timeline[0][1])
	assert.Equal(t, "23.47, 19 Oktober", id.Timeline[0][0])
	assert.Empty(t, id.Verdicts)
	assert.NotContains(t, id.HTML(), `class="verdicts"`)

	whatif := Transcript("en", without(night(0), "dns.record_empty"), safeguard.Set(0).With(safeguard.SpareActivePlan))
	assert.Contains(t, whatif.Intro, "Never delete the active plan")
	assert.Equal(t, "did not happen", whatif.Timeline[1][1])
	assert.Equal(t, "en", Transcript("zz", nil, 0).Lang)
}

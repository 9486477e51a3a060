package story

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// The locale files this package owns.
var ownFiles = []string{"story.json", "events.json", "safeguards.json"}

func readLocale(t *testing.T, lang, file string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(assets.Locales, "locales/"+lang+"/"+file)
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(b, &m), "%s/%s", lang, file)
	return m
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	return p
}

func TestLocalesLoad(t *testing.T) {
	require.NoError(t, i18n.Err())
	assert.Contains(t, i18n.Langs(), "en")
	assert.Contains(t, i18n.Langs(), "id")
}

// Every key is in every language, with the same placeholders, and no
// text is blank.
func TestLocalesComplete(t *testing.T) {
	langs := i18n.Langs()
	for _, file := range ownFiles {
		ref := readLocale(t, i18n.Default, file)
		require.NotEmpty(t, ref, file)
		for _, lang := range langs {
			m := readLocale(t, lang, file)
			for k, v := range ref {
				got, ok := m[k]
				if !assert.True(t, ok, "%s/%s lacks %q", lang, file, k) {
					continue
				}
				assert.NotEmpty(t, strings.TrimSpace(got), "%s/%s: %q is blank", lang, file, k)
				assert.Equal(t, placeholders(v), placeholders(got), "%s/%s: placeholders of %q", lang, file, k)
				assert.Equal(t, strings.Count(v, "{"), strings.Count(got, "{"), "%s/%s: braces of %q", lang, file, k)
			}
			for k := range m {
				_, ok := ref[k]
				assert.True(t, ok, "%s/%s has %q, which %s lacks", lang, file, k, i18n.Default)
			}
		}
	}
}

// scriptKeys lists every locale key the script can use.
func scriptKeys() []string {
	keys := []string{srcPES, srcPESDAT, srcNegCache, srcPress, srcMetastable}
	for _, c := range script {
		keys = append(keys, "story."+c.id+".title", c.source)
		for _, b := range c.beats {
			keys = append(keys, b.key)
			for _, v := range b.variants {
				keys = append(keys, b.key+"."+v)
			}
			if b.source != "" {
				keys = append(keys, b.source)
			}
		}
	}
	return keys
}

func TestScriptKeysExist(t *testing.T) {
	keys := scriptKeys()
	for _, s := range sources {
		keys = append(keys, s.key)
	}
	for _, id := range safeguard.IDs() {
		keys = append(keys, "safeguard."+string(id)+".title", "safeguard."+string(id)+".mechanism",
			"safeguard."+string(id)+".source")
	}
	for _, l := range safeguard.Layers {
		keys = append(keys, "layer."+string(l))
	}
	for _, m := range scenario.Timeline {
		keys = append(keys, "event."+m.ID)
	}
	for _, k := range []string{"prevented", "contained", "shortened", "unchanged", "worse"} {
		keys = append(keys, "story.transcript.verdict."+k)
	}
	for _, lang := range i18n.Langs() {
		for _, k := range keys {
			_, ok := i18n.Lookup(lang, k)
			assert.True(t, ok, "%s lacks %q", lang, k)
			_, own := readAll(t, lang)[k]
			assert.True(t, own, "%s: %q is not in this package's files", lang, k)
		}
	}
}

var all = map[string]map[string]string{}

func readAll(t *testing.T, lang string) map[string]string {
	if m, ok := all[lang]; ok {
		return m
	}
	m := map[string]string{}
	for _, f := range ownFiles {
		for k, v := range readLocale(t, lang, f) {
			m[k] = v
		}
	}
	all[lang] = m
	return m
}

// Every variant a beat's text function picks is one it declares.
func TestVariantsDeclared(t *testing.T) {
	runs := []struct {
		r   *sim.Result
		set safeguard.Set
	}{{nil, 1}, {night(0), 1}, {night(0), safeguard.All()}}
	for _, id := range safeguard.IDs() {
		runs = append(runs, struct {
			r   *sim.Result
			set safeguard.Set
		}{night(0), safeguard.Set(0).With(id)})
	}
	for _, x := range runs {
		c := newRun(x.r, x.set)
		for _, cs := range script {
			for _, b := range cs.beats {
				if b.text == nil {
					continue
				}
				v, _ := b.text(c)
				if v != "" {
					assert.Contains(t, b.variants, v, "%s picks undeclared %q", b.key, v)
				}
			}
		}
	}
}

// Captions must not fall into the common errors of secondary reporting
// (FACTS.md §6): the Enactors do not generate plans, no firmware update
// was involved, and the NLB health checks were not the root cause.
func TestCaptionsAvoidKnownErrors(t *testing.T) {
	en := readAll(t, "en")
	for k, v := range en {
		low := strings.ToLower(v)
		assert.NotContains(t, low, "firmware", k)
		assert.NotRegexp(t, `enactors? (generates?|writes?|produces?) (a |the )?(new )?plans?`, low, k)
		if strings.Contains(low, "health check") && strings.Contains(low, "cause") {
			assert.Contains(t, low, "not the cause", k)
		}
	}
}

func TestEventText(t *testing.T) {
	r := night(0)
	r.Services = append(r.Services, sim.ServiceOutages{ID: "ec2", Name: "EC2 launches", Kind: sim.AWSService})
	tests := []struct {
		lang string
		e    sim.Event
		want string
	}{
		{"en", sim.Event{Kind: "planner.plan", Subject: "planner", Gen: 146}, "Planner writes plan 146"},
		{"en", sim.Event{Kind: "enactor.apply", Subject: "enactor-b", Gen: 146, Endpoint: 2, Value: 145},
			"Enactor B applies plan 146 to dynamodb-fips.us-east-1.amazonaws.com"},
		{"en", sim.Event{Kind: "enactor.apply", Subject: "enactor-a", Gen: 117, Endpoint: 0, Value: 135},
			"Enactor A applies old plan 117 to dynamodb.us-east-1.amazonaws.com, replacing newer plan 135"},
		{"id", sim.Event{Kind: "enactor.apply", Subject: "enactor-a", Gen: 117, Endpoint: 0, Value: 135},
			"Enactor A menerapkan rencana lama 117 ke dynamodb.us-east-1.amazonaws.com, menimpa rencana 135 yang lebih baru"},
		{"en", sim.Event{Kind: "enactor.cleanup", Subject: "enactor-b", Gen: 135, Value: 9},
			"Enactor B finishes clean-up (plans deleted: 9)"},
		{"en", sim.Event{Kind: "service.down", Subject: "snapchat"}, "Snapchat down (illustrative)"},
		{"id", sim.Event{Kind: "service.down", Subject: "snapchat"}, "Snapchat tidak berfungsi (ilustratif)"},
		{"en", sim.Event{Kind: "service.up", Subject: "lambda"}, "Lambda recovered"},
		{"id", sim.Event{Kind: "service.degraded", Subject: "ec2"}, "Peluncuran EC2 terganggu"},
		{"en", sim.Event{Kind: "dns.record_empty", Canonical: true},
			"DynamoDB's regional DNS record is empty: DynamoDB API errors; DWFM checks start failing"},
		{"en", sim.Event{Kind: "something.new", Subject: "x"}, "something.new"},
		{"xx", sim.Event{Kind: "ops.investigating"}, "Engineers start investigating"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, EventText(tt.lang, r, tt.e))
	}
	assert.Equal(t, "Enactor B applies plan 146 to endpoint 3",
		EventText("en", nil, sim.Event{Kind: "enactor.apply", Subject: "enactor-b", Gen: 146, Endpoint: 2, Value: 145}))
}

func TestEventLevel(t *testing.T) {
	assert.Equal(t, Detail, EventLevel(sim.Event{Kind: "planner.plan"}))
	assert.Equal(t, Detail, EventLevel(sim.Event{Kind: "enactor.apply", Gen: 5, Value: 4}))
	assert.Equal(t, Notable, EventLevel(sim.Event{Kind: "enactor.apply", Gen: 4, Value: 5}))
	assert.Equal(t, Notable, EventLevel(sim.Event{Kind: "enactor.apply_failed"}))
	assert.Equal(t, Notable, EventLevel(sim.Event{Kind: "service.down"}))
	assert.Equal(t, Key, EventLevel(sim.Event{Kind: "dns.record_empty", Canonical: true}))
}

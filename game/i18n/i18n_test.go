package i18n

import (
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLocalesLoad(t *testing.T) {
	require.NoError(t, Err())
	assert.Equal(t, []string{"en", "id"}, Langs())
}

var placeholder = regexp.MustCompile(`\{[a-zA-Z0-9_]+\}`)

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	// Deduplicate: a language may repeat a name the other uses once.
	out := p[:0]
	for i, x := range p {
		if i == 0 || x != p[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestEveryKeyInEveryLocale: no language is missing a string another has,
// and each translation fills the same placeholders.
func TestEveryKeyInEveryLocale(t *testing.T) {
	all := map[string]bool{}
	for _, l := range Langs() {
		for _, k := range Keys(l) {
			all[k] = true
		}
	}
	for _, l := range Langs() {
		for k := range all {
			s, ok := tables[l][k]
			if !assert.Truef(t, ok, "%s lacks %q", l, k) {
				continue
			}
			assert.NotEmptyf(t, s, "%s %q is empty", l, k)
			assert.Equalf(t, placeholders(tables[Default][k]), placeholders(s), "%s %q placeholders", l, k)
		}
	}
}

func TestT(t *testing.T) {
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"en", "lang.name", nil, "English"},
		{"id", "lang.name", nil, "Bahasa Indonesia"},
		{"xx", "lang.name", nil, "English"},       // unknown language: default
		{"en", "no.such.key", nil, "no.such.key"}, // missing key shows itself
	} {
		assert.Equal(t, tc.want, T(tc.lang, tc.key, tc.args...))
	}
	assert.True(t, Has("id"))
	assert.False(t, Has("fr"))
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{"id": "id", "id-ID": "id", "EN_gb": "en", " in ": "id", "fr": "", "": "", "-": ""} {
		got, ok := Match(in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, want != "", ok, in)
	}
}

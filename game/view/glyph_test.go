package view

import (
	"bytes"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/outagelab/outage/game/i18n"
)

// Every character of every string the app may draw is in the font it
// draws with: a missing glyph shows as an empty box, and the words
// around it lose their meaning ("◎ failover refused").
func TestLocalesHaveGlyphs(t *testing.T) {
	f, err := font.ParseTTF(bytes.NewReader(goregular.TTF))
	require.NoError(t, err)
	require.NoError(t, i18n.Err())
	require.Len(t, i18n.Langs(), 2, "both languages loaded")
	for _, lang := range i18n.Langs() {
		require.NotEmpty(t, i18n.Keys(lang))
		for _, k := range i18n.Keys(lang) {
			s, _ := i18n.Lookup(lang, k)
			for _, r := range s {
				if unicode.IsSpace(r) || unicode.IsControl(r) {
					continue
				}
				_, ok := f.NominalGlyph(r)
				if !ok {
					t.Errorf("%s %s: %q (%U) is not in the font: %q", lang, k, r, r, s)
				}
			}
		}
	}
}

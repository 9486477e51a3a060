package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/story"
)

var (
	dataOnce sync.Once
	data     Data
)

func computed() Data {
	dataOnce.Do(func() { data = Compute() })
	return data
}

func TestPages(t *testing.T) {
	d := computed()
	for _, lang := range []string{"en", "id"} {
		t.Run(lang, func(t *testing.T) {
			page, err := Page(d, lang, i18n.Langs())
			require.NoError(t, err)
			s := string(page)
			assert.Contains(t, s, `<html lang="`+lang+`">`)
			assert.Contains(t, s, `<link rel="stylesheet" href="transcript.css">`)
			assert.Contains(t, s, "<title>"+i18n.T(lang, "story.transcript.title")+"</title>")
			// Every chapter, the whole timeline, every safeguard's verdict.
			assert.Equal(t, len(story.IDs()), strings.Count(s, `<section class="chapter"`))
			for i, id := range story.IDs() {
				ch := story.Chapters(d.Run, 0)[i]
				assert.Contains(t, s, escape(ch.TitleText(lang)), "chapter %s", id)
			}
			timeline := section(t, s, "timeline")
			assert.Equal(t, len(scenario.Timeline), strings.Count(timeline, "<tr><td>"))
			verdicts := section(t, s, "verdicts")
			assert.GreaterOrEqual(t, strings.Count(verdicts, "<tr><td>"), len(safeguard.IDs()))
			for _, id := range safeguard.IDs() {
				assert.Contains(t, verdicts, escape(story.Titles(lang, safeguard.Set(0).With(id))), "safeguard %s", id)
			}
			// The strict CSP: no script, no inline style, no event handler.
			assert.NotContains(t, s, "<script")
			assert.NotContains(t, s, "style=")
			assert.NotRegexp(t, regexp.MustCompile(`(?i)\son[a-z]+=`), s)
			// Links to the app in this language and to the other transcript.
			if lang == "en" {
				assert.Contains(t, s, `href="../index.html"`)
				assert.Contains(t, s, `href="transcript.id.html" hreflang="id"`)
			} else {
				assert.Contains(t, s, `href="../index.html?lang=id"`)
				assert.Contains(t, s, `href="transcript.en.html" hreflang="en"`)
			}
		})
	}
}

// TestIndonesianHasNoEnglishVerdicts checks that the Indonesian page does
// not fall back on game/verdict's English sentences.
func TestIndonesianHasNoEnglishVerdicts(t *testing.T) {
	page, err := Page(computed(), "id", i18n.Langs())
	require.NoError(t, err)
	verdicts := section(t, string(page), "verdicts")
	for _, en := range []string{"Prevented:", "Contained:", "Shortened:", "Unchanged:", "Worse:", "disruption", "instead of"} {
		assert.NotContains(t, verdicts, en)
	}
	assert.Contains(t, verdicts, "terhemat")
}

func TestVerdictsRankedAsTheScoreboard(t *testing.T) {
	d := computed()
	vs := Verdicts(d, "en")
	require.GreaterOrEqual(t, len(vs), len(d.Board.Singles))
	for i, e := range d.Board.Singles {
		assert.Equal(t, safeguard.Set(0).With(e.Safeguards...), vs[i].Safeguards)
		assert.Equal(t, string(e.Verdict.Kind), vs[i].Kind)
		assert.NotEmpty(t, vs[i].Summary)
	}
}

func TestRunWritesOnlyWhenChanged(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	require.Equal(t, 0, run([]string{"-out", dir}, &out, &errs), errs.String())
	assert.Contains(t, out.String(), "written")
	for _, l := range i18n.Langs() {
		info, err := os.Stat(filepath.Join(dir, FileName(l)))
		require.NoError(t, err)
		assert.Greater(t, info.Size(), int64(5000))
	}
	out.Reset()
	require.Equal(t, 0, run([]string{"-out", dir, "-lang", "id"}, &out, &errs), errs.String())
	assert.Contains(t, out.String(), "up to date")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(i18n.Langs()), "no temporary files left behind")

	assert.Equal(t, 2, run([]string{"-out", dir, "-lang", "xx"}, &out, &errs))
	assert.Equal(t, 2, run([]string{"extra"}, &out, &errs))
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// section returns the <section class="class"> of page.
func section(t *testing.T, page, class string) string {
	t.Helper()
	start := strings.Index(page, `<section class="`+class+`">`)
	require.GreaterOrEqual(t, start, 0, "no %s section", class)
	end := strings.Index(page[start:], "</section>")
	require.Greater(t, end, 0)
	return page[start : start+end]
}

//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// rectOf is the bounding box of the element with id.
func (p *page) rectOf(id string) Rect {
	p.t.Helper()
	r, err := EvalJSON[Rect](p.ctx, `(() => { const r = document.getElementById('`+id+`').getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })()`)
	require.NoError(p.t, err)
	return r
}

func (p *page) eval(expr string) string {
	p.t.Helper()
	ctx, cancel := p.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	require.NoError(p.t, err, expr)
	return s
}

// TestBrowserEmbedMode checks ?embed=1 at the smallest supported size and,
// resized, at a typical one: the page's link covers the strip the app
// leaves for it and points to the full explainer at this moment, and
// nothing takes the focus.
func TestBrowserEmbedMode(t *testing.T) {
	p := open(t, 320, 240, "?embed=1&chapter=race&theme=light")
	p.call(`window.outage.pause()`)
	for i, sz := range []struct{ w, h int64 }{{320, 240}, {640, 400}} {
		if i > 0 {
			p.do(chromedp.EmulateViewport(sz.w, sz.h))
		}
		view := Rect{0, 0, float64(sz.w), float64(sz.h)}
		// The app lays itself out anew after a resize; the link follows.
		p.poll(fmt.Sprintf(`(() => { const r = %s['embed.link']; return r && r.x + r.w > %d - 2; })()`, layoutJS, sz.w))
		l := p.layout()
		strip, ok := l["embed.link"]
		require.True(t, ok, "no embed.link in layout(): %v", Names(l))
		p.poll(fmt.Sprintf(`(() => { const r = document.getElementById('open-full').getBoundingClientRect(); return !document.getElementById('open-full').hidden && Math.abs(r.x - %f) < 1 && Math.abs(r.width - %f) < 1; })()`, strip.X, strip.W))
		link := p.rectOf("open-full")
		assert.InDelta(t, strip.X, link.X, 1, "x")
		assert.InDelta(t, strip.Y, link.Y, 1, "y")
		assert.InDelta(t, strip.W, link.W, 1, "w")
		assert.InDelta(t, strip.H, link.H, 1, "h")
		assert.True(t, link.Inside(view, 0.5), "link %v outside the viewport %v", link, view)
		for _, problem := range LayoutProblems(l, view) {
			t.Error(problem)
		}
		// No bar under the canvas in embed mode: the canvas fills the frame.
		assert.GreaterOrEqual(t, p.rectOf("after").Y, float64(sz.h), "the bar is off-screen")
		assert.Equal(t, view, p.rectOfCanvas())
		assertContent(t, p.screenshot(fmt.Sprintf("embed-%dx%d", sz.w, sz.h)), "embed")
	}

	// The link: a new tab, at this moment, without embed.
	s, err := EvalJSON[embedState](p.ctx, `window.outage.state()`)
	require.NoError(t, err)
	want, err := url.ParseQuery(strings.TrimPrefix(s.URL, "?"))
	require.NoError(t, err)
	p.poll(`document.getElementById('open-full').href.includes('t=' + encodeURIComponent(` + jsString(want.Get("t")) + `))`)
	href := p.eval(`document.getElementById('open-full').href`)
	assert.Equal(t, "_blank", p.eval(`document.getElementById('open-full').target`))
	assert.Equal(t, "noopener", p.eval(`document.getElementById('open-full').rel`))
	u, err := url.Parse(href)
	require.NoError(t, err)
	assert.Equal(t, siteURL, u.Scheme+"://"+u.Host+u.Path)
	q := u.Query()
	assert.False(t, q.Has("embed"), "href %s", href)
	assert.False(t, q.Has("controls"), "href %s", href)
	assert.Equal(t, "race", q.Get("chapter"), "href %s", href)
	assert.Equal(t, want.Get("t"), q.Get("t"), "href %s", href)
	assert.Equal(t, "light", q.Get("theme"), "the reader's theme travels: %s", href)
	assert.Equal(t, 2, s.Chapter)
	assert.Equal(t, "Open the full explainer", p.eval(`document.getElementById('open-full').textContent`))

	// Nothing took the focus.
	assert.Equal(t, "BODY", p.eval(`document.activeElement.tagName`))
}

// rectOfCanvas is the canvas's bounding box.
func (p *page) rectOfCanvas() Rect {
	p.t.Helper()
	r, err := EvalJSON[Rect](p.ctx, `(() => { const r = document.querySelector('canvas').getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })()`)
	require.NoError(p.t, err)
	return r
}

// captionAt is the caption the story has at t in lang on the real night.
func captionAt(t *testing.T, lang, at string) string {
	t.Helper()
	tm, err := vm.ParseTime(at)
	require.NoError(t, err)
	sc := scenario.Default()
	text, _ := story.Caption(lang, story.Chapters(sim.Run(sc, 0, sc.Seed), 0), tm)
	return text
}

// TestBrowserLangID checks ?lang=id: Indonesian captions, the page's own
// text and the Indonesian transcript.
func TestBrowserLangID(t *testing.T) {
	p := open(t, 1280, 720, "?lang=id")
	p.call(`window.outage.pause()`)
	p.call(`window.outage.seek("02:00")`)
	s := p.state()
	assert.Equal(t, "id", s.Lang)
	want := captionAt(t, "id", s.T)
	require.NotEmpty(t, want)
	assert.Equal(t, want, s.Caption, "state().caption is the Indonesian caption")
	assert.NotEqual(t, captionAt(t, "en", s.T), s.Caption)

	assert.Equal(t, "id", p.eval(`document.documentElement.lang`))
	assert.Equal(t, "Transkrip", p.eval(`document.getElementById('after').textContent`))
	assert.True(t, strings.HasSuffix(p.eval(`document.getElementById('after').href`), "/web/transcript.id.html"))
	assert.Equal(t, "Penjelasan gangguan us-east-1, interaktif", p.eval(`document.querySelector('canvas').getAttribute('aria-label')`))

	// Switching the language in the app switches the page.
	p.call(`window.outage.setLang("en")`)
	p.poll(`document.getElementById('after').textContent === 'Transcript'`)
	assert.True(t, strings.HasSuffix(p.eval(`document.getElementById('after').href`), "/web/transcript.en.html"))
	p.screenshot("lang-id-then-en")
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// TestBrowserShareLinkRestores checks that the share link, state().url,
// opens a fresh page at the same moment: time, chapter, safeguards and
// language.
func TestBrowserShareLinkRestores(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	p.call(`window.outage.setSafeguards(["keep-last-good", "nlb-readiness-gate"])`)
	p.call(`window.outage.chapter("collapse")`)
	p.call(`window.outage.seek("03:17")`)
	p.call(`window.outage.setLang("id")`)
	s, err := EvalJSON[embedState](p.ctx, `window.outage.state()`)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(s.URL, "?"), "url %q", s.URL)
	t.Logf("share link: %s", s.URL)
	// Stop this app, so that the fresh page has the machine to itself.
	p.do(chromedp.Navigate("about:blank"))

	// The fresh page records its state at its first frame, before it
	// plays on.
	q := newPage(t)
	_, err = chromedp.Call(q.ctx, cdpage.AddScriptToEvaluateOnNewDocument, cdpage.AddScriptToEvaluateOnNewDocumentParams{
		Source: `addEventListener('outage:ready', () => { window.__first = window.outage.state(); window.outage.pause(); })`})
	require.NoError(t, err)
	q.load(siteURL+s.URL, 1280, 720)
	got, err := EvalJSON[embedState](q.ctx, `window.__first`)
	require.NoError(t, err)
	assert.Equal(t, s.Chapter, got.Chapter, "chapter")
	assert.Equal(t, s.Safeguards, got.Safeguards, "safeguards")
	assert.Equal(t, s.Lang, got.Lang, "lang")
	assert.Equal(t, s.Verdict, got.Verdict, "verdict")
	want, err := time.Parse(time.RFC3339, s.T)
	require.NoError(t, err)
	have, err := time.Parse(time.RFC3339, got.T)
	require.NoError(t, err)
	// One tick of play at the chapter's speed at most.
	assert.InDelta(t, 0, have.Sub(want).Seconds(), 120, "t: %s vs %s", got.T, s.T)
}

// TestBrowserTranscripts loads the plain transcript in both languages:
// every chapter, the timeline, the verdicts, under the strict CSP with no
// console errors.
func TestBrowserTranscripts(t *testing.T) {
	transcriptExists(t)
	for _, lang := range []string{"en", "id"} {
		t.Run(lang, func(t *testing.T) {
			p := newPage(t)
			ctx, cancel := context.WithTimeout(p.ctx, readyTimeout)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(800, 1000), chromedp.Navigate(siteURL+"web/transcript."+lang+".html")))
			p.poll(`document.readyState === 'complete'`)
			assert.Equal(t, lang, p.eval(`document.documentElement.lang`))
			want := map[string]string{"en": "transcript", "id": "transkrip"}[lang]
			assert.Contains(t, strings.ToLower(p.eval(`document.querySelector('h1').textContent`)), want)
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.chapter').length`))
			require.NoError(t, err)
			assert.Equal(t, len(story.IDs()), n, "chapters")
			rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.timeline tbody tr').length`))
			require.NoError(t, err)
			assert.Equal(t, len(scenario.Timeline), rows, "timeline rows")
			verdicts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.verdicts tbody tr').length`))
			require.NoError(t, err)
			assert.GreaterOrEqual(t, verdicts, 15, "verdict rows")
			// The style sheet applied (the CSP allows it).
			assert.Equal(t, "collapse", p.eval(`getComputedStyle(document.querySelector('table')).borderCollapse`))
			p.screenshot("transcript-" + lang)
			p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('section.verdicts').scrollIntoView()`))
			p.screenshot("transcript-" + lang + "-verdicts")
			// Back to the explainer, in the same language.
			href := p.eval(`document.querySelector('a.open').href`)
			if lang == "id" {
				assert.True(t, strings.HasSuffix(href, "/index.html?lang=id"), href)
			} else {
				assert.True(t, strings.HasSuffix(href, "/index.html"), href)
			}
		})
	}
}

// TestBrowserAccessibility checks the page around the canvas for the
// keyboard and for screen readers, on one page:
//
//   - keyboard: the canvas keeps Tab for itself (the app moves its own focus
//     with it); Escape then Tab leaves it, forwards to the transcript link
//     or backwards to the skip link, which is visible with the focus and
//     leads past the canvas; the canvas is labelled for screen readers.
//   - live region: the aria-live region follows the story when time
//     moves (the caption and the latest event), without repeating itself
//     or chattering.
func TestBrowserAccessibility(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	t.Run("keyboard", func(t *testing.T) {
		p.t = t
		assert.Equal(t, "application", p.eval(`document.querySelector('canvas').getAttribute('role')`))
		assert.Equal(t, "keys", p.eval(`document.querySelector('canvas').getAttribute('aria-describedby')`))
		assert.Contains(t, p.eval(`document.getElementById('keys').textContent`), "Escape, then Tab")

		active := func() string {
			return p.eval(`document.activeElement.id || document.activeElement.tagName`)
		}
		// The app takes the focus when it starts (outside embed mode).
		p.poll(`document.activeElement === document.querySelector('canvas')`)
		p.do(key(keyTab, 0))
		assert.Equal(t, "CANVAS", active(), "the app keeps Tab")
		p.do(key(keyEscape, 0), key(keyTab, 0))
		assert.Equal(t, "after", active(), "Escape, Tab: out to the transcript link")
		after := p.rectOf("after")
		assert.True(t, after.Inside(Rect{0, 0, 1280, 720}, 0), "the transcript link is on screen: %v", after)

		p.do(key(keyTab, modShift))
		assert.Equal(t, "CANVAS", active(), "Shift+Tab: back into the canvas")
		p.do(key(keyEscape, 0), key(keyTab, modShift))
		assert.Equal(t, "skip", active(), "Escape, Shift+Tab: out to the skip link before the canvas")
		skip := p.rectOf("skip")
		assert.True(t, skip.Inside(Rect{0, 0, 1280, 720}, 0), "the focused skip link is on screen: %v", skip)
		p.screenshot("keyboard-skip-link")

		p.do(key(keyTab, 0))
		assert.Equal(t, "CANVAS", active(), "Tab from the skip link: the canvas")
		p.do(key(keyEscape, 0), key(keyTab, modShift), key(keyEnter, 0))
		assert.Equal(t, "after", active(), "the skip link leads past the canvas")
		assert.Equal(t, siteURL, p.eval(`location.href`), "the skip link left the address alone")
	})
	t.Run("live region", func(t *testing.T) {
		p.t = t
		assert.Equal(t, "polite", p.eval(`document.getElementById('live').getAttribute('aria-live')`))
		p.call(`window.outage.pause()`)
		live := `document.getElementById('live').textContent`
		// The first state event brings the opening caption.
		p.poll(live + `.length > 0`)
		first := p.eval(live)
		assert.Contains(t, first, p.state().Caption)

		p.call(`window.outage.seek("06:00")`)
		p.poll(live + ` !== ` + jsString(first))
		s, err := EvalJSON[embedState](p.ctx, `window.outage.state()`)
		require.NoError(t, err)
		text := p.eval(live)
		t.Logf("live region at %s: %q", s.T, text)
		assert.Contains(t, text, s.Caption)
		assert.Contains(t, text, s.Feed, "the latest event")

		// Playing through the race, where events come fast: the region keeps
		// up, at most once every 1.5 s.
		p.call(`window.outage.seek("23:46")`)
		p.call(`window.outage.play()`)
		raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`new Promise(resolve => {
			let m = 0, e = 0, u = 0, last = document.getElementById('live').textContent;
			const live = document.getElementById('live');
			const mo = new MutationObserver(() => { m++; if (live.textContent !== last) { last = live.textContent; u++; } });
			mo.observe(live, {childList: true, subtree: true, characterData: true});
			const count = () => e++;
			addEventListener('outage:state', count);
			setTimeout(() => { mo.disconnect(); removeEventListener('outage:state', count); resolve(JSON.stringify({mutations: m, events: e, updates: u})); }, 4000);
		})`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		var counts struct{ Mutations, Events, Updates int }
		require.NoError(t, json.Unmarshal([]byte(raw), &counts))
		p.call(`window.outage.pause()`)
		t.Logf("in 4 s of play: %d outage:state events, %d updates of the live region (%d mutations)", counts.Events, counts.Updates, counts.Mutations)
		assert.Positive(t, counts.Updates, "the live region did not follow the story")
		assert.LessOrEqual(t, counts.Updates, 3, "the live region is too chatty")
	})
}

var (
	keyTab    = Key{Key: "Tab", Code: "Tab", KeyCode: 9}
	keyEscape = Key{Key: "Escape", Code: "Escape", KeyCode: 27}
	keyEnter  = Key{Key: "Enter", Code: "Enter", KeyCode: 13, Text: "\r"}
	modShift  = int64(8)
)

// key presses k with modifiers (input.Modifier bits) and releases it.
func key(k Key, mods int64) chromedp.Action[chromedp.Void] { return PressWith(k, mods) }

// transcriptExists checks that the build made the transcripts.
func transcriptExists(t *testing.T) {
	t.Helper()
	for _, l := range []string{"en", "id"} {
		_, err := os.Stat(filepath.Join(site, "web", "transcript."+l+".html"))
		require.NoError(t, err, "the transcripts are made by make wasm")
	}
}

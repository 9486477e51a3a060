//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The site under test: the repository root, unless OUTAGE_SITE names
// another directory with index.html and web/ (the harness itself is
// developed against bench/minimal that way).
var (
	site      string
	artifacts string

	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser = func() {}
	siteURL     string
	stopServer  = func() {}
)

// Generous limits: the first frame takes about 2 s on a 2-core machine.
const (
	readyTimeout = 90 * time.Second
	stepTimeout  = 10 * time.Second
)

func TestMain(m *testing.M) {
	root, _ := filepath.Abs("..")
	site = root
	if s := os.Getenv("OUTAGE_SITE"); s != "" {
		site, _ = filepath.Abs(s)
	}
	artifacts = filepath.Join(root, "artifacts")
	code := m.Run()
	stopBrowser()
	stopFirefox()
	stopServer()
	os.Exit(code)
}

// inCI reports whether a missing tool must fail the tests, not skip them.
func inCI() bool { return os.Getenv("CI") == "true" }

// unavailable skips the test, or fails it in CI.
func unavailable(t *testing.T, err error) {
	t.Helper()
	if inCI() {
		t.Fatalf("CI=true, and %v", err)
	}
	t.Skipf("skipped: %v", err)
}

// browser starts one Chromium and one server for all the browser tests.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(site, "web", "outage.wasm")); err != nil {
			browserErr = fmt.Errorf("%s/web/outage.wasm is missing: run `make wasm` (make e2e does)", site)
			return
		}
		if _, err := os.Stat(filepath.Join(site, "web", "wasm_exec.js")); err != nil {
			browserErr = fmt.Errorf("%s/web/wasm_exec.js is missing: run `make wasm`", site)
			return
		}
		siteURL, stopServer, browserErr = Serve(site)
		if browserErr != nil {
			return
		}
		browserCtx, stopBrowser, browserErr = NewBrowser(context.Background(), FramesInProcess...)
	})
	if browserErr != nil {
		if errors.Is(browserErr, ErrNoChromium) {
			unavailable(t, browserErr)
		}
		t.Fatal(browserErr)
	}
	return browserCtx
}

// JavaScript expressions for the parsed state() and layout(), which may
// come back as objects or as JSON text.
const (
	stateJS  = `(() => { const s = window.outage.state(); return typeof s === 'string' ? JSON.parse(s) : s; })()`
	layoutJS = `(() => { const l = window.outage.layout(); return typeof l === 'string' ? JSON.parse(l) : l; })()`
)

// page is one tab with its console and network recorded.
type page struct {
	t   *testing.T
	ctx context.Context
	mu  sync.Mutex
	log []string // console errors, exceptions, requests leaving the allowed origins
	// warnings are the console warnings, in order.
	warnings []string
}

// newPage opens a tab that records its console and its requests (the
// frames' too: see FramesInProcess). At the end of the test it fails on
// any console error (CSP violations included), uncaught exception, or
// request to an origin other than siteURL and allowed.
func newPage(t *testing.T, allowed ...string) *page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx), "open a tab")
	p := &page{t: t, ctx: ctx}
	origins := append([]string{siteURL}, allowed...)
	messages := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			u := ev.Request.URL
			ok := strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
			for _, o := range origins {
				ok = ok || strings.HasPrefix(u, o)
			}
			if !ok {
				p.mu.Lock()
				p.log = append(p.log, "request to another origin: "+u)
				p.mu.Unlock()
			}
		}
	}()
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			p.mu.Lock()
			switch {
			case m.IsException() || m.Type == chromedp.ConsoleError:
				p.log = append(p.log, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			case m.Type == chromedp.ConsoleWarning:
				p.warnings = append(p.warnings, m.String())
			}
			p.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, l := range p.log {
			t.Errorf("page: %s", l)
		}
	})
	return p
}

// open loads the app in a new tab at w×h CSS pixels and waits for its first
// frame. At the end of the test it fails on any console error, uncaught
// exception, or request to another origin that the page made.
func open(t *testing.T, w, h int64, query string) *page {
	t.Helper()
	p := newPage(t)
	p.load(siteURL+query, w, h)
	return p
}

// load navigates the tab to the app at url and waits for its first frame
// and for the loading screen to go.
func (p *page) load(url string, w, h int64) {
	t := p.t
	t.Helper()
	tctx, tcancel := context.WithTimeout(p.ctx, readyTimeout)
	defer tcancel()
	require.NoError(t, Open(tctx, url, w, h))
	l, err := WaitReady(p.ctx, readyTimeout)
	require.NoError(t, err)
	t.Logf("first frame at %v ms (downloaded %v, compiled %v; %d bytes)", l.Timings["ready"], l.Timings["downloaded"], l.Timings["compiled"], l.Loaded)
	// The loading screen fades out after the first frame.
	p.poll(`document.getElementById('loader').hidden`)
}

// consoleWarnings returns the console warnings so far.
func (p *page) consoleWarnings() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.warnings)
}

// step returns a context for one action.
func (p *page) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.ctx, stepTimeout)
}

// poll waits until expr is truthy.
func (p *page) poll(expr string) {
	p.t.Helper()
	ctx, cancel := p.step()
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+expr+")", chromedp.WithPollingInterval(20*time.Millisecond)))
	require.NoError(p.t, err, "waiting for %s", expr)
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := p.step()
	defer cancel()
	require.NoError(p.t, chromedp.Do(ctx, actions...))
}

// call runs a window.outage method and fails if it returns an error object.
func (p *page) call(expr string) {
	p.t.Helper()
	ctx, cancel := p.step()
	defer cancel()
	res, err := EvalJSON[map[string]any](ctx, `(() => { const r = `+expr+`; return (r && typeof r === 'object') ? r : {}; })()`)
	require.NoError(p.t, err, expr)
	if e, ok := res["error"]; ok && e != nil && e != false && e != "" {
		p.t.Fatalf("%s returned an error: %v", expr, e)
	}
}

func (p *page) state() State {
	p.t.Helper()
	s, err := AppState(p.ctx)
	require.NoError(p.t, err)
	return s
}

func (p *page) layout() map[string]Rect {
	p.t.Helper()
	l, err := Layout(p.ctx)
	require.NoError(p.t, err)
	require.NotEmpty(p.t, l, "layout() is empty")
	return l
}

// screenshot saves the viewport under artifacts/ and returns the PNG.
func (p *page) screenshot(name string) []byte {
	p.t.Helper()
	// Two animation frames, so that the picture shows the latest state.
	ctx, cancel := p.step()
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise))
	require.NoError(p.t, err)
	png, err := Screenshot(ctx)
	require.NoError(p.t, err)
	require.NoError(p.t, os.MkdirAll(artifacts, 0o755))
	file := filepath.Join(artifacts, name+".png")
	require.NoError(p.t, os.WriteFile(file, png, 0o644))
	p.t.Logf("screenshot: %s", file)
	return png
}

func assertContent(t *testing.T, png []byte, what string) {
	t.Helper()
	colours, dominant, err := Content(png)
	require.NoError(t, err)
	t.Logf("%s: %d colours, most common %.0f%%", what, colours, dominant*100)
	assert.GreaterOrEqual(t, colours, 8, "%s: too few colours: a blank or flat picture", what)
	assert.Less(t, dominant, 0.97, "%s: one colour covers almost everything", what)
}

func TestBrowserFirstFrame(t *testing.T) {
	p := open(t, 1280, 720, "")
	ready, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`window.outage.ready === true`))
	require.NoError(t, err)
	assert.True(t, ready, "window.outage.ready")

	// The canvas fills the viewport above the page's bar.
	canvas, err := EvalJSON[Rect](p.ctx, `(() => { const r = document.querySelector('canvas').getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })()`)
	require.NoError(t, err)
	bar, err := EvalJSON[Rect](p.ctx, `(() => { const r = document.getElementById('bar').getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })()`)
	require.NoError(t, err)
	assert.Equal(t, Rect{0, 0, 1280, bar.Y}, canvas)
	assert.Equal(t, Rect{0, 680, 1280, 40}, bar, "the bar under the canvas")

	assertContent(t, p.screenshot("first-frame-1280x720"), "first frame")

	if baseline, _ := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`window.outage.baseline === true`)); baseline {
		t.Skip("the baseline program has no state()")
	}
	s := p.state()
	assert.Positive(t, s.Chapters, "chapters")
	assert.Contains(t, []string{"story", "explore"}, s.Mode)
	assert.Equal(t, "en", s.Lang)
	_, err = time.Parse(time.RFC3339, s.T)
	assert.NoError(t, err, "state().t is RFC 3339")
	assert.NotEmpty(t, s.Verdict.Kind, "verdict.kind")
}

func TestBrowserSpaceTogglesPlaying(t *testing.T) {
	p := open(t, 1280, 720, "")
	before := p.state().Playing
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('canvas').focus()`))
	for i, want := range []bool{!before, before} {
		p.do(Press(KeySpace))
		p.poll(fmt.Sprintf(`%s.playing === %v`, stateJS, want))
		assert.Equal(t, want, p.state().Playing, "after Space #%d", i+1)
	}
}

// safeguardWidget is the layout() name prefix of a safeguard's toggle.
const safeguardWidget = "panel.safeguard."

func TestBrowserSafeguardClickChangesVerdict(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	p.call(`window.outage.setSafeguards([])`)
	before := p.state()
	require.Empty(t, before.Safeguards)

	l := p.layout()
	toggle := func(l map[string]Rect) (string, Rect, bool) {
		for _, id := range []string{"apply-time-check", "spare-active-plan"} {
			if r, ok := l[safeguardWidget+id]; ok && r.W > 0 && r.H > 0 {
				return id, r, true
			}
		}
		return "", Rect{}, false
	}
	id, r, ok := toggle(l)
	if !ok {
		// The panel is a sheet at this size: open it with its button.
		btn, has := l["controls.safeguards"]
		require.True(t, has, "no safeguard toggle and no controls.safeguards in layout(): %v", Names(l))
		p.do(Click(btn.Center()))
		p.poll(`JSON.stringify(` + layoutJS + `).includes('` + safeguardWidget + `')`)
		id, r, ok = toggle(p.layout())
		require.True(t, ok, "no safeguard toggle in layout() after opening the panel")
	}
	x, y := r.Center()
	t.Logf("clicking %s%s at (%.0f, %.0f)", safeguardWidget, id, x, y)
	p.do(Click(x, y))
	p.poll(fmt.Sprintf(`(%s.safeguards || []).includes(%q)`, stateJS, id))
	after := p.state()
	assert.Equal(t, []string{id}, after.Safeguards)
	assert.NotEqual(t, before.Verdict, after.Verdict, "the verdict did not change")
	t.Logf("verdict: %q %q -> %q %q", before.Verdict.Kind, before.Verdict.Summary, after.Verdict.Kind, after.Verdict.Summary)
	assertContent(t, p.screenshot("safeguard-"+id), "after the click")
}

func TestBrowserSeekChangesPicture(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	shots := map[string][]byte{}
	states := map[string]State{}
	for _, at := range []string{"01:00", "16:00"} {
		p.call(fmt.Sprintf(`window.outage.seek(%q)`, at))
		states[at] = p.state()
		shots[at] = p.screenshot("seek-" + strings.ReplaceAll(at, ":", ""))
	}
	assert.NotEqual(t, states["01:00"].T, states["16:00"].T, "state().t")
	d, err := Difference(shots["01:00"], shots["16:00"])
	require.NoError(t, err)
	t.Logf("01:00 vs 16:00: %.1f%% of pixels differ (t = %s, %s)", d*100, states["01:00"].T, states["16:00"].T)
	assert.Greater(t, d, 0.005, "the pictures at 01:00 and 16:00 are the same")
}

// TestBrowserLayout checks layout() at the narrow phone size, the smallest
// supported size and the wide default: every widget inside the viewport, no
// overlapping siblings, touch targets of at least 44 CSS px.
func TestBrowserLayout(t *testing.T) {
	sizes := []struct {
		w, h    int64
		targets bool // check touch target sizes
	}{
		{360, 640, true},
		{320, 240, false},
		{1280, 720, true},
	}
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			p := open(t, sz.w, sz.h, "")
			p.call(`window.outage.pause()`)
			l := p.layout()
			p.screenshot(fmt.Sprintf("layout-%dx%d", sz.w, sz.h))
			for _, problem := range LayoutProblems(l, Rect{0, 0, float64(sz.w), float64(sz.h)}) {
				t.Error(problem)
			}
			t.Logf("%d widgets: %s", len(l), strings.Join(Names(l), " "))
			if !sz.targets {
				return
			}
			for _, n := range Names(l) {
				r := l[n]
				target := strings.HasPrefix(n, safeguardWidget) ||
					(strings.HasPrefix(n, "controls.") && n != "controls.clock")
				if target && r.W > 0 && r.H > 0 && (r.W < 44 || r.H < 44) {
					t.Errorf("touch target %s is %.0f×%.0f CSS px, under 44", n, r.W, r.H)
				}
			}
		})
	}
}

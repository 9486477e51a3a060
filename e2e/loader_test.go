//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/internal/serve"
)

// tab opens a bare tab (no console checks) that closes at the end of the test.
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx))
	tctx, tcancel := context.WithTimeout(ctx, readyTimeout)
	t.Cleanup(tcancel)
	return tctx
}

// TestBrowserLoaderProgress throttles the network and checks that the bar
// counts decoded bytes against the size in the build's manifest, while the
// server sends a compressed copy.
func TestBrowserLoaderProgress(t *testing.T) {
	ctx := tab(t)
	js, err := os.ReadFile(filepath.Join(site, "web", "outage.wasm.json"))
	require.NoError(t, err, "the manifest is written by make wasm")
	var m serve.Manifest
	require.NoError(t, json.Unmarshal(js, &m))

	throttle := func(bytesPerSecond float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
				MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: bytesPerSecond, UploadThroughput: -1}},
			})
			return err
		})
	}
	// A fresh cache: a copy from earlier tests would skip the throttle.
	noCache := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
	require.NoError(t, chromedp.Do(ctx, noCache, throttle(1.5e6), chromedp.EmulateViewport(1280, 720), chromedp.Navigate(siteURL)))
	// One snapshot of the loader and the bar, taken in the page.
	snap, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const l = window.outageLoader;
		if (!(l && l.phase === 'download' && l.loaded > 2e6 && l.total > 0)) return false;
		return JSON.stringify({loader: l, bar: document.getElementById('progress').position,
			text: document.getElementById('progress-text').textContent});
	})()`, chromedp.WithPollingInterval(20*time.Millisecond)))
	require.NoError(t, err)
	var got struct {
		Loader Loader
		Bar    float64
		Text   string
	}
	require.NoError(t, json.Unmarshal([]byte(snap), &got))
	l, bar, text := got.Loader, got.Bar, got.Text
	png, err := Screenshot(ctx)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(artifacts, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(artifacts, "loading.png"), png, 0o644))
	t.Logf("%s: %q, bar at %.2f, served as %s", "artifacts/loading.png", text, bar, l.Encoding)

	assert.Equal(t, m.Bytes, l.Total, "total is the decoded size from the manifest")
	assert.NotEqual(t, "identity", l.Encoding, "the server sent a compressed copy")
	assert.Greater(t, bar, 0.0)
	assert.Less(t, bar, 1.0)
	assert.Contains(t, text, "Downloading")
	// It says what travels, the compressed size, not the decoded bytes.
	wire := map[string]int64{"br": m.Brotli, "gzip": m.Gzip}[l.Encoding]
	if wire > 0 {
		assert.Contains(t, text, fmt.Sprintf("of %.1f MB", float64(wire)/1e6))
	}

	// Lift the limit and let it finish.
	require.NoError(t, chromedp.Do(ctx, throttle(-1)))
	l, err = WaitReady(ctx, readyTimeout)
	require.NoError(t, err)
	assert.Equal(t, m.Bytes, l.Loaded, "every decoded byte counted")
}

// TestBrowserUnsupported checks the message the page shows when the browser
// lacks what the app needs, or the module cannot be downloaded.
func TestBrowserUnsupported(t *testing.T) {
	// A site with the page but no .wasm.
	empty := t.TempDir()
	for _, f := range []string{"index.html", "web/app.js", "web/page.js", "web/app.css", "web/icon.svg", "web/wasm_exec.js"} {
		data, err := os.ReadFile(filepath.Join(site, f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(empty, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(empty, f), data, 0o644))
	}
	browser(t)
	emptyURL, stop, err := Serve(empty)
	require.NoError(t, err)
	defer stop()

	tests := []struct {
		name, url, script, want string
	}{
		{"no WebAssembly", siteURL, `delete window.WebAssembly;`, "does not support WebAssembly"},
		{"no WebGL 2", siteURL, `HTMLCanvasElement.prototype.getContext = function () { return null; };`, "WebGL 2"},
		{"module missing", emptyURL, ``, "HTTP 404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tab(t)
			if tt.script != "" {
				_, err := chromedp.Call(ctx, cdpage.AddScriptToEvaluateOnNewDocument, cdpage.AddScriptToEvaluateOnNewDocumentParams{Source: tt.script})
				require.NoError(t, err)
			}
			require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(640, 400), chromedp.Navigate(tt.url)))
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.outageLoader && window.outageLoader.phase === 'error'`))
			require.NoError(t, err)
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('error-text').textContent`))
			require.NoError(t, err)
			visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById('error').hidden && document.getElementById('loader').hidden`))
			require.NoError(t, err)
			assert.Contains(t, text, tt.want)
			assert.True(t, visible, "the error screen replaces the loading screen")
			// It offers the plain transcript instead.
			link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.getElementById('error-transcript'); const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? a.getAttribute('href') : ''; })()`))
			require.NoError(t, err)
			assert.Equal(t, "web/transcript.en.html", link, "a visible link to the transcript")
			png, err := Screenshot(ctx)
			require.NoError(t, err)
			name := "error-" + map[string]string{"no WebAssembly": "no-wasm", "no WebGL 2": "no-webgl2", "module missing": "404"}[tt.name] + ".png"
			require.NoError(t, os.WriteFile(filepath.Join(artifacts, name), png, 0o644))
			if tt.url != siteURL {
				return
			}
			// Follow it: the transcript opens, whole.
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("error-transcript"))))
			// The page changes under the poll: retry until the new one answers.
			assert.Eventually(t, func() bool {
				ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.pathname.endsWith('/web/transcript.en.html') && document.readyState === 'complete' && document.querySelectorAll('section.chapter').length > 0`))
				return err == nil && ok
			}, stepTimeout, 50*time.Millisecond, "the transcript did not open")
		})
	}
}

// TestBrowserCSPBlocksInline checks that the server's policy is in force in
// the browser, and that a violation reaches the console, where the other
// tests would see it as an error.
func TestBrowserCSPBlocksInline(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "index.html"),
		[]byte(`<!doctype html><title>csp</title><script>window.inlineRan = true</script>`), 0o644))
	ctx := tab(t)
	u, stop, err := Serve(root)
	require.NoError(t, err)
	defer stop()
	messages := chromedp.Console(ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(u)))
	ran, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.inlineRan === true`))
	require.NoError(t, err)
	assert.False(t, ran, "an inline script ran despite the CSP")
	for m, err := range messages {
		require.NoError(t, err)
		if m.Type == chromedp.ConsoleError {
			assert.Contains(t, m.Text, "Content Security Policy")
			break
		}
	}
}

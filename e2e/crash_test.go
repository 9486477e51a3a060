//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The crash tests run a build of the app with -tags crashtest, which
// panics (or exits) where the page address's fragment says
// (#crashtest=update, draw, call:seek, exit, goroutine): nothing in the
// normal build can do that.
var (
	crashOnce sync.Once
	crashURL  string
	crashErr  error
)

// copySite copies the page, its scripts and styles and the transcripts of
// the site under test to dir (without the module).
func copySite(dir string) error {
	files := []string{"index.html", "web/app.js", "web/page.js", "web/app.css", "web/icon.svg", "web/wasm_exec.js",
		"web/transcript.en.html", "web/transcript.id.html", "web/transcript.css"}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(site, f))
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// crashSite builds the crashtest module into a copy of the site and serves
// it; it returns the site's address.
func crashSite(t *testing.T) string {
	t.Helper()
	browser(t)
	crashOnce.Do(func() {
		dir, err := os.MkdirTemp("", "outage-crash-")
		if err != nil {
			crashErr = err
			return
		}
		if crashErr = copySite(dir); crashErr != nil {
			return
		}
		build := exec.Command("go", "build", "-tags", "crashtest", "-trimpath", "-ldflags=-s -w",
			"-o", filepath.Join(dir, "web", "outage.wasm"), "./cmd/outage")
		build.Dir = ".."
		build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := build.CombinedOutput(); err != nil {
			crashErr = fmt.Errorf("go build -tags crashtest: %v\n%s", err, out)
			return
		}
		var stop func()
		crashURL, stop, crashErr = Serve(dir)
		_ = stop // lives as long as the test binary
	})
	require.NoError(t, crashErr)
	return crashURL
}

// crashTab opens a tab; console errors are expected in it (a crash logs
// one), so it does not fail on them.
func crashTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx))
	return ctx
}

func evalIn[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

func pollIn(t *testing.T, ctx context.Context, expr string, timeout time.Duration) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := chromedp.Run(sctx, chromedp.Poll[bool]("!!("+expr+")", chromedp.WithPollingInterval(20*time.Millisecond)))
	require.NoError(t, err, "waiting for %s", expr)
}

// crashScreen is what the error screen shows.
type crashScreen struct {
	Title, Text, Link, Transcript string
	Reload, Visible, LoaderHidden bool
	Phase, Reason                 string
	Stopped                       bool
}

const crashScreenJS = `(() => {
  const $ = (id) => document.getElementById(id);
  const shown = (el) => { const r = el.getBoundingClientRect(); return !el.closest('[hidden]') && r.width > 0 && r.height > 0; };
  let stopped = false;
  try { const r = window.outage.state(); stopped = !!(r && r.error); } catch (e) { stopped = true; }
  return JSON.stringify({
    Title: $('error-title').textContent, Text: $('error-text').textContent,
    Link: shown($('error-link')) ? $('error-link').href : '',
    Transcript: shown($('error-transcript')) ? $('error-transcript').getAttribute('href') : '',
    Reload: shown($('error-reload')), Visible: !$('error').hidden, LoaderHidden: $('loader').hidden,
    Phase: window.outageLoader.phase, Reason: window.outageLoader.reason || '', Stopped: stopped,
  });
})()`

func readCrashScreen(t *testing.T, ctx context.Context) crashScreen {
	t.Helper()
	s, err := EvalJSON[crashScreen](ctx, crashScreenJS)
	require.NoError(t, err)
	return s
}

// TestBrowserCrash makes the app panic in each place a panic can happen
// (Update, Draw, a window.outage call) and end (an exit, a panic on a
// goroutine of its own), and checks that each ends in the error screen:
// one sentence, a Reload button that works, the transcript, and the link
// of the moment it stopped; and that the program is gone, not frozen.
func TestBrowserCrash(t *testing.T) {
	base := crashSite(t)
	tests := []struct {
		mode   string
		reason string
		text   string
	}{
		{"update", "crash", "Something went wrong inside the explainer, and it stopped. (Update: injected crash (crashtest))"},
		{"draw", "crash", "Something went wrong inside the explainer, and it stopped. (Draw: injected crash (crashtest))"},
		{"call:seek", "crash", "Something went wrong inside the explainer, and it stopped. (window.outage.seek(): injected crash (crashtest))"},
		{"exit", "exit", "The explainer’s program ended unexpectedly."},
		{"goroutine", "exit", "The explainer’s program ended unexpectedly."},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.mode, ":", "-"), func(t *testing.T) {
			ctx := crashTab(t)
			tctx, cancel := context.WithTimeout(ctx, readyTimeout)
			defer cancel()
			require.NoError(t, Open(tctx, base+"?t=02:25&autoplay=0&safeguards=serve-stale", 960, 600))
			_, err := WaitReady(ctx, readyTimeout)
			require.NoError(t, err)
			evalIn[bool](t, ctx, `(location.hash = 'crashtest=`+tt.mode+`', true)`)
			if tt.mode == "call:seek" {
				r := evalIn[string](t, ctx, `JSON.stringify(window.outage.seek('02:40'))`)
				assert.Contains(t, r, "stopped after an internal error", "the call answers with an error")
			}
			pollIn(t, ctx, `!document.getElementById('error').hidden`, 20*time.Second)
			// The Go program ends once the screen is up.
			pollIn(t, ctx, `(() => { try { const r = window.outage.state(); return !!(r && r.error); } catch (e) { return true; } })()`, 10*time.Second)
			s := readCrashScreen(t, ctx)
			t.Logf("%+v", s)
			assert.Equal(t, "The explainer stopped", s.Title)
			assert.Equal(t, tt.text, s.Text)
			assert.Equal(t, "error", s.Phase)
			assert.True(t, s.Visible && s.LoaderHidden, "the error screen is up")
			assert.True(t, s.Reload, "a Reload button")
			assert.Equal(t, "web/transcript.en.html", s.Transcript, "the transcript link")
			assert.True(t, strings.HasPrefix(s.Link, base+"?"), "the link of the moment starts with the page's address: %q", s.Link)
			assert.Contains(t, s.Link, "t=02", "the link of the moment has its time: %q", s.Link)
			assert.Contains(t, s.Link, "safeguards=serve-stale", "the link of the moment has its safeguards: %q", s.Link)
			assert.True(t, s.Stopped, "window.outage answers with errors")
			sctx, scancel := context.WithTimeout(ctx, stepTimeout)
			png, err := Screenshot(sctx)
			scancel()
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(artifacts, 0o755))
			name := filepath.Join(artifacts, "crash-"+strings.ReplaceAll(tt.mode, ":", "-")+".png")
			require.NoError(t, os.WriteFile(name, png, 0o644))
			t.Logf("screenshot: %s", name)
			if tt.mode != "update" {
				return
			}
			// Reload starts the app again (the fragment is dropped first, as a
			// reader's reload would not crash again).
			evalIn[bool](t, ctx, `(history.replaceState(null, '', location.pathname + location.search), true)`)
			rctx, rcancel := context.WithTimeout(ctx, stepTimeout)
			require.NoError(t, chromedp.Do(rctx, chromedp.Click(chromedp.ID("error-reload"))))
			rcancel()
			time.Sleep(200 * time.Millisecond)
			_, err = WaitReady(ctx, readyTimeout)
			require.NoError(t, err, "after Reload")
			assert.True(t, evalIn[bool](t, ctx, `document.getElementById('error').hidden`), "no error screen after Reload")
		})
	}
}

// TestBrowserCrashEmbedded crashes the app inside a sandboxed iframe on
// another origin through a postMessage command, and checks that the host
// gets outage:error with fatal: true, the reason and the link.
func TestBrowserCrashEmbedded(t *testing.T) {
	base := crashSite(t)
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	require.NoError(t, err)
	src := base + "?embed=1&t=02:25&autoplay=0#crashtest=call:seek"
	page := `<!doctype html><title>host</title>
<iframe id="explainer" src="` + src + `" width="720" height="480" sandbox="allow-scripts"></iframe>
<script>
window.__msgs = [];
addEventListener('message', function (e) {
  var f = document.getElementById('explainer');
  if (e.source !== f.contentWindow) return;
  window.__msgs.push(e.data);
  if (e.data && e.data.type === 'outage:ready') f.contentWindow.postMessage({type: 'outage:command', cmd: 'seek', t: '02:40', id: 1}, '*');
});
</script>`
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	ctx := crashTab(t)
	tctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	require.NoError(t, Open(tctx, "http://"+ln.Addr().String()+"/", 900, 600))
	pollIn(t, ctx, `window.__msgs.some(m => m.type === 'outage:error' && m.fatal)`, readyTimeout)
	type fatalMsg struct {
		Type, Reason, Error, URL string
		Fatal                    bool
	}
	msgs, err := EvalJSON[[]fatalMsg](ctx, `window.__msgs.filter(m => m.type === 'outage:error' && m.fatal)`)
	require.NoError(t, err)
	require.NotEmpty(t, msgs)
	m := msgs[0]
	t.Logf("host got %+v", m)
	assert.True(t, m.Fatal)
	assert.Equal(t, "crash", m.Reason)
	assert.Contains(t, m.Error, "Something went wrong inside the explainer")
	assert.Contains(t, m.Error, "window.outage.seek()")
	assert.True(t, strings.HasPrefix(m.URL, base+"?"), "the link of the moment: %q", m.URL)
	assert.Len(t, msgs, 1, "one fatal error, not one per later event")
	// The command that crashed it is answered too, as refused.
	refused, err := EvalJSON[[]fatalMsg](ctx, `window.__msgs.filter(m => m.type === 'outage:error' && !m.fatal)`)
	require.NoError(t, err)
	if assert.Len(t, refused, 1) {
		assert.Contains(t, refused[0].Error, "stopped after an internal error")
	}
}

// TestDesktopCrash runs the desktop crashtest build under Xvfb with a
// panic in Update and in Draw: it writes the error and the link to stderr
// and exits with status 1.
func TestDesktopCrash(t *testing.T) {
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		unavailable(t, errors.New("xvfb-run is not installed (apt-get install xvfb xauth)"))
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "outage")
	build := exec.Command("go", "build", "-tags", "crashtest", "-trimpath", "-o", bin, "./cmd/outage")
	build.Dir = ".."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build -tags crashtest ./cmd/outage:\n%s", out)
	for _, mode := range []string{"update", "draw"} {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			// The shell reports the app's own status: xvfb-run's may be its
			// own (it sometimes fails to clean up after a fast exit).
			run := exec.CommandContext(ctx, xvfb, "-a", "-s", "-screen 0 1280x800x24",
				"sh", "-c", `"$0" "$@"; echo "exit status $?" >&2`, bin, "-size", "960x600", "-t", "02:25", "-safeguards", "serve-stale")
			run.Env = append(os.Environ(), "LIBGL_ALWAYS_SOFTWARE=1", "OUTAGE_CRASH="+mode)
			var stderr strings.Builder
			run.Stderr = &stderr
			_ = run.Run()
			s := stderr.String()
			assert.Contains(t, s, "exit status 1\n", "the app exits with status 1; stderr:\n%s", s)
			name := map[string]string{"update": "Update", "draw": "Draw"}[mode]
			assert.Contains(t, s, "outage: The explainer stopped because of an internal error in "+name+": injected crash (crashtest).")
			assert.Contains(t, s, "outage: the moment it stopped: http://127.0.0.1:8080/?")
			assert.Contains(t, s, "safeguards=serve-stale")
			assert.Contains(t, s, "goroutine ", "the stack")
		})
	}
}

//go:build e2e

package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/internal/serve"
)

// The core browser checks in a second engine: Firefox ESR, under Xvfb
// (headless Firefox has no WebGL 2 here), with WebGL forced on in a fresh
// profile because Mesa's software renderer is on its blocklist. chromedp
// drives only Chromium, so these tests speak WebDriver BiDi (bidi.go).

// firefoxPrefs go into the fresh profile's user.js: WebGL on, and no
// first-run pages, updates, telemetry or other network noise.
const firefoxPrefs = `user_pref("webgl.force-enabled", true);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.page", 0);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("startup.homepage_welcome_url", "about:blank");
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("app.update.auto", false);
user_pref("app.update.enabled", false);
user_pref("app.normandy.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.topsites.contile.enabled", false);
user_pref("browser.ping-centre.telemetry", false);
user_pref("intl.accept_languages", "en-US");
user_pref("remote.prefs.recommended", true);
`

// firefoxPath finds Firefox ESR: $FIREFOX, or firefox-esr, firefox.
func firefoxPath() (string, error) {
	if p := os.Getenv("FIREFOX"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Firefox found (apt-get install firefox-esr, or set FIREFOX)")
}

// firefox is one Firefox with one tab, driven over BiDi.
type firefox struct {
	b       *bidi
	tab     string
	mu      sync.Mutex
	console []string // console errors and uncaught exceptions
	version string
}

var (
	ffOnce sync.Once
	ffInst *firefox
	ffErr  error
)

// startFirefox starts Firefox ESR under Xvfb once for all the tests.
func startFirefox(t *testing.T) *firefox {
	t.Helper()
	ffOnce.Do(func() { ffInst, ffErr = launchFirefox() })
	if ffErr != nil {
		var missing interface{ Missing() bool }
		if errors.As(ffErr, &missing) {
			unavailable(t, ffErr)
		}
		t.Fatal(ffErr)
	}
	return ffInst
}

type missingTool struct{ error }

func (missingTool) Missing() bool { return true }

var stopFirefox = func() {}

func launchFirefox() (*firefox, error) {
	bin, err := firefoxPath()
	if err != nil {
		return nil, missingTool{err}
	}
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		return nil, missingTool{errors.New("xvfb-run is not installed (apt-get install xvfb xauth)")}
	}
	profile, err := os.MkdirTemp("", "outage-firefox-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs), 0o644); err != nil {
		return nil, err
	}
	ver, _ := exec.Command(bin, "--version").Output()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(xvfb, "-a", "-s", "-screen 0 1400x1000x24", bin,
		"--no-remote", "--profile", profile, "--remote-debugging-port", fmt.Sprint(port), "--width", "1300", "--height", "900", "about:blank")
	cmd.Env = append(os.Environ(), "LIBGL_ALWAYS_SOFTWARE=1", "MOZ_CRASHREPORTER_DISABLE=1")
	// Its own process group, so that stopping it ends Firefox and its X
	// server together, and nothing else.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stopFirefox = func() {
		// xvfb-run's process group: Firefox and its X server.
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
		os.RemoveAll(profile)
	}
	// Firefox says where BiDi listens.
	found := make(chan string, 1)
	var logMu sync.Mutex
	var log strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	var ws string
	select {
	case ws = <-found:
	case <-exited:
		logMu.Lock()
		defer logMu.Unlock()
		return nil, fmt.Errorf("firefox exited: %s", log.String())
	case <-time.After(60 * time.Second):
		stopFirefox()
		logMu.Lock()
		defer logMu.Unlock()
		return nil, fmt.Errorf("firefox did not start BiDi within 60 s: %s", log.String())
	}
	f := &firefox{version: strings.TrimSpace(string(ver))}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	f.b, err = dialBiDi(ctx, strings.TrimSuffix(ws, "/")+"/session", f.event)
	if err != nil {
		stopFirefox()
		return nil, err
	}
	if err := f.b.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		stopFirefox()
		return nil, err
	}
	if err := f.b.call(ctx, "session.subscribe", map[string]any{"events": []string{"log.entryAdded"}}, nil); err != nil {
		stopFirefox()
		return nil, err
	}
	var tree struct {
		Contexts []struct {
			Context string `json:"context"`
		} `json:"contexts"`
	}
	if err := f.b.call(ctx, "browsingContext.getTree", nil, &tree); err != nil || len(tree.Contexts) == 0 {
		stopFirefox()
		return nil, fmt.Errorf("no tab: %v", err)
	}
	f.tab = tree.Contexts[0].Context
	return f, nil
}

func (f *firefox) event(method string, params json.RawMessage) {
	if method != "log.entryAdded" {
		return
	}
	var e struct {
		Level string `json:"level"`
		Text  string `json:"text"`
		Type  string `json:"type"`
	}
	if json.Unmarshal(params, &e) != nil {
		return
	}
	if e.Level == "error" {
		f.mu.Lock()
		f.console = append(f.console, e.Type+": "+e.Text)
		f.mu.Unlock()
	}
}

func (f *firefox) consoleErrors() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.console...)
}

// open navigates the tab to url at w×h CSS pixels and waits for the app's
// first frame.
func (f *firefox) open(t *testing.T, url string, w, h int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	require.NoError(t, f.b.call(ctx, "browsingContext.setViewport", map[string]any{
		"context": f.tab, "viewport": map[string]any{"width": w, "height": h}}, nil))
	require.NoError(t, f.b.call(ctx, "browsingContext.navigate", map[string]any{"context": f.tab, "url": url, "wait": "complete"}, nil))
}

func (f *firefox) eval(t *testing.T, expr string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	v, err := f.b.eval(ctx, f.tab, expr)
	require.NoError(t, err)
	return v
}

func (f *firefox) poll(t *testing.T, expr string, timeout time.Duration) {
	t.Helper()
	require.NoError(t, f.b.poll(context.Background(), f.tab, expr, timeout))
}

func (f *firefox) screenshot(t *testing.T, name string) []byte {
	t.Helper()
	f.eval(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	png, err := f.b.screenshot(ctx, f.tab)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(artifacts, 0o755))
	file := filepath.Join(artifacts, name+".png")
	require.NoError(t, os.WriteFile(file, png, 0o644))
	t.Logf("screenshot: %s", file)
	return png
}

// ffSite serves the site under test and a second origin with a host page
// that frames it in <iframe sandbox="allow-scripts">, for Firefox.
func ffSite(t *testing.T) (site, hostPage string) {
	t.Helper()
	h, err := serve.New(siteRoot())
	require.NoError(t, err)
	t.Cleanup(func() { h.Close() })
	base := serveHTTP(t, h) + "/"
	return base, embedHost(t, base+"?embed=1&t=02:25&autoplay=0")
}

// siteRoot is the site the browser tests serve (see TestMain).
func siteRoot() string { return site }

// TestFirefoxCore runs the core browser checks in Firefox ESR: the first
// frame (with content), a what-if toggle changing the verdict, a seek
// changing the picture, and no console errors.
func TestFirefoxCore(t *testing.T) {
	f := startFirefox(t)
	t.Logf("%s", f.version)
	base, _ := ffSite(t)
	before := len(f.consoleErrors())
	f.open(t, base+"?t=23:47&autoplay=0", 1280, 720)
	f.poll(t, `window.outageLoader && (window.outageLoader.phase === 'ready' || window.outageLoader.phase === 'error')`, readyTimeout)
	var l Loader
	require.NoError(t, json.Unmarshal([]byte(f.eval(t, `window.outageLoader`)), &l))
	require.Equal(t, "ready", l.Phase, "loader: %+v", l)
	t.Logf("first frame at %v ms (downloaded %v, compiled %v; %d bytes, %s)", l.Timings["ready"], l.Timings["downloaded"], l.Timings["compiled"], l.Loaded, l.Encoding)
	f.poll(t, `document.getElementById('loader').hidden`, stepTimeout)
	first := f.screenshot(t, "firefox-first-frame")
	assertContent(t, first, "Firefox first frame")

	state := func() State {
		var s State
		require.NoError(t, json.Unmarshal([]byte(f.eval(t, `window.outage.state()`)), &s))
		return s
	}
	s0 := state()
	assert.NotEqual(t, "prevented", s0.Verdict.Kind)
	assert.Contains(t, f.eval(t, `window.outage.setSafeguards(['apply-time-check'])`), `"ok":true`)
	s1 := state()
	assert.Equal(t, "prevented", s1.Verdict.Kind, "a what-if toggle changes the verdict")
	assert.NotEqual(t, s0.Verdict.Summary, s1.Verdict.Summary)

	assert.Contains(t, f.eval(t, `window.outage.setSafeguards([])`), `"ok":true`)
	a := f.screenshot(t, "firefox-23-47")
	assert.Contains(t, f.eval(t, `window.outage.seek('06:30')`), `"ok":true`)
	assert.Contains(t, state().T, "06:30")
	b := f.screenshot(t, "firefox-06-30")
	d, err := Difference(a, b)
	require.NoError(t, err)
	t.Logf("the seek changed %.1f%% of the pixels", d*100)
	assert.Greater(t, d, 0.02, "seeking changes the picture")
	assertContent(t, b, "Firefox after a seek")
	assert.Empty(t, f.consoleErrors()[before:], "console errors in Firefox")
}

// TestFirefoxEmbed frames the explainer in <iframe sandbox="allow-scripts">
// on another origin in Firefox and checks that the embed commands round
// trip: outage:ready, then a command answered with the new state.
func TestFirefoxEmbed(t *testing.T) {
	f := startFirefox(t)
	_, hostPage := ffSite(t)
	before := len(f.consoleErrors())
	f.open(t, hostPage, 1000, 700)
	f.poll(t, `window.__msgs.some(m => m.data.type === 'outage:ready')`, readyTimeout)
	var ready embedMsg
	require.NoError(t, json.Unmarshal([]byte(f.eval(t, `window.__msgs.find(m => m.data.type === 'outage:ready')`)), &ready))
	assert.Equal(t, "null", ready.Origin, "the frame's origin is opaque: the sandbox is in force")
	f.poll(t, `window.__msgs.some(m => m.data.id === 'sg')`, stepTimeout)
	var reply embedMsg
	require.NoError(t, json.Unmarshal([]byte(f.eval(t, `window.__msgs.find(m => m.data.id === 'sg')`)), &reply))
	require.Equal(t, "outage:state", reply.Data.Type, "%+v", reply.Data)
	var st embedState
	require.NoError(t, json.Unmarshal(reply.Data.State, &st))
	assert.Equal(t, "prevented", st.Verdict.Kind, "the command changed the verdict")
	assert.True(t, st.Embed)
	// A second command from the host: seek, answered with the time.
	f.eval(t, `(document.getElementById('explainer').contentWindow.postMessage({type: 'outage:command', cmd: 'seek', t: '04:00', id: 'seek'}, '*'), true)`)
	f.poll(t, `window.__msgs.some(m => m.data.id === 'seek')`, stepTimeout)
	var seek embedMsg
	require.NoError(t, json.Unmarshal([]byte(f.eval(t, `window.__msgs.find(m => m.data.id === 'seek')`)), &seek))
	require.NoError(t, json.Unmarshal(seek.Data.State, &st))
	assert.Contains(t, st.T, "04:00")
	f.screenshot(t, "firefox-embed")
	assert.Empty(t, f.consoleErrors()[before:], "console errors in Firefox")
}

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
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/internal/serve"
)

// The published folder (make dist) as hosts serve it: from a sub-path,
// by a plain static file server (no special headers), and with each
// documented configuration in deploy/: the _headers file (applied as
// Netlify and Cloudflare Pages do: every matching rule's headers), nginx
// with the snippets, and Caddy with the snippet.

// subPath is where the tests publish the folder.
const subPath = "/explainers/outage/"

// distDir is the folder make dist wrote: $OUTAGE_DIST, or dist/.
func distDir(t *testing.T) string {
	t.Helper()
	root, _ := filepath.Abs("..")
	dir := filepath.Join(root, "dist")
	if d := os.Getenv("OUTAGE_DIST"); d != "" {
		dir, _ = filepath.Abs(d)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		unavailable(t, fmt.Errorf("%s/index.html is missing: run `make dist` (make e2e does)", dir))
	}
	return dir
}

func deployDir() string {
	root, _ := filepath.Abs("..")
	return filepath.Join(root, "deploy")
}

// listen returns a listener on a fresh loopback port of addr ("127.0.0.1").
func listen(t *testing.T, addr string) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", addr+":0")
	require.NoError(t, err)
	return ln
}

// serveHTTP serves h on a loopback port until the test ends and returns
// its origin ("http://127.0.0.1:port").
func serveHTTP(t *testing.T, h http.Handler) string {
	t.Helper()
	ln := listen(t, "127.0.0.1")
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// plainServer is a static file server with no configuration: Go's
// http.FileServer, which sends a type by extension and nothing else.
func plainServer(t *testing.T, dir string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), http.FileServer(http.Dir(dir))))
	return serveHTTP(t, mux)
}

// headersRule is one block of a _headers file.
type headersRule struct {
	pattern *regexp.Regexp
	headers [][2]string
}

// parseHeadersFile reads a _headers file: a path pattern on its own line
// ("*" matches anything), then indented "Name: value" lines; # comments.
func parseHeadersFile(t *testing.T, file, prefix string) []headersRule {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	var rules []headersRule
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
			require.True(t, strings.HasPrefix(trimmed, "/"), "%s:%d: a path must start with /", file, n)
			quoted := strings.ReplaceAll(regexp.QuoteMeta(strings.TrimSuffix(prefix, "/")+trimmed), `\*`, `.*`)
			rules = append(rules, headersRule{pattern: regexp.MustCompile("^" + quoted + "$")})
			continue
		}
		require.NotEmpty(t, rules, "%s:%d: a header before any path", file, n)
		name, value, ok := strings.Cut(trimmed, ":")
		require.True(t, ok, "%s:%d: want Name: value", file, n)
		r := &rules[len(rules)-1]
		r.headers = append(r.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	require.NoError(t, sc.Err())
	return rules
}

// headersServer serves dir under subPath with a plain file server and the
// headers of every rule of deploy/_headers that matches (repeated headers
// joined with ", ", as both platforms merge them).
func headersServer(t *testing.T, dir string) string {
	t.Helper()
	rules := parseHeadersFile(t, filepath.Join(deployDir(), "_headers"), subPath)
	files := http.StripPrefix(strings.TrimSuffix(subPath, "/"), http.FileServer(http.Dir(dir)))
	mux := http.NewServeMux()
	mux.Handle(subPath, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		merged := map[string][]string{}
		for _, rule := range rules {
			if rule.pattern.MatchString(r.URL.Path) {
				for _, h := range rule.headers {
					merged[h[0]] = append(merged[h[0]], h[1])
				}
			}
		}
		for k, v := range merged {
			w.Header().Set(k, strings.Join(v, ", "))
		}
		files.ServeHTTP(w, r)
	}))
	return serveHTTP(t, mux)
}

// freePort returns a loopback port that was free a moment ago, for a
// server started as another process.
func freePort(t *testing.T) int {
	t.Helper()
	ln := listen(t, "127.0.0.1")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// startProcess runs a server until the test ends and waits for its port.
func startProcess(t *testing.T, port int, logFile string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return "http://" + addr
		}
		select {
		case <-done:
			log, _ := os.ReadFile(logFile)
			t.Fatalf("%s exited: %s\n%s", name, out.String(), log)
		default:
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logFile)
			t.Fatalf("%s did not listen on %s: %s\n%s", name, addr, out.String(), log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// nginxServer runs nginx on a loopback port with deploy/nginx's snippets,
// serving dir under subPath as the snippet's comment shows.
func nginxServer(t *testing.T, dir string) string {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		unavailable(t, errors.New("nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static)"))
	}
	module := ""
	for _, dir := range []string{"/usr/lib/nginx/modules", "/usr/share/nginx/modules", "/usr/local/nginx/modules"} {
		if m := filepath.Join(dir, "ngx_http_brotli_static_module.so"); module == "" {
			if _, err := os.Stat(m); err == nil {
				module = m
			}
		}
	}
	if module == "" {
		unavailable(t, errors.New("nginx's brotli_static module is not installed (apt-get install libnginx-mod-http-brotli-static)"))
	}
	tmp := t.TempDir()
	port := freePort(t)
	conf := fmt.Sprintf(`daemon off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
load_module %[6]s;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[2]s/nginx/outage-http.conf;
    server {
        listen 127.0.0.1:%[3]d;
        location %[4]s {
            alias %[5]s/;
            include %[2]s/nginx/outage-location.conf;
        }
    }
}
`, tmp, deployDir(), port, subPath, dir, module)
	file := filepath.Join(tmp, "nginx.conf")
	require.NoError(t, os.WriteFile(file, []byte(conf), 0o644))
	test, err := exec.Command(bin, "-t", "-c", file, "-p", tmp).CombinedOutput()
	require.NoError(t, err, "nginx -t:\n%s", test)
	return startProcess(t, port, filepath.Join(tmp, "error.log"), bin, "-c", file, "-p", tmp)
}

// caddyServer runs Caddy on a loopback port with deploy/caddy's snippet,
// serving dir under subPath as deploy/Caddyfile does.
func caddyServer(t *testing.T, dir string) string {
	t.Helper()
	bin, err := exec.LookPath("caddy")
	if err != nil {
		unavailable(t, errors.New("caddy is not installed (apt-get install caddy)"))
	}
	// The example Caddyfile must at least be valid.
	out, err := exec.Command(bin, "adapt", "--config", filepath.Join(deployDir(), "Caddyfile")).CombinedOutput()
	require.NoError(t, err, "caddy adapt deploy/Caddyfile:\n%s", out)
	tmp := t.TempDir()
	port := freePort(t)
	conf := fmt.Sprintf(`{
	admin off
	auto_https off
}
import %[1]s/caddy/outage.caddy

http://127.0.0.1:%[2]d {
	handle_path %[3]s* {
		root * %[4]s
		import outage
	}
}
`, deployDir(), port, subPath, dir)
	file := filepath.Join(tmp, "Caddyfile")
	require.NoError(t, os.WriteFile(file, []byte(conf), 0o644))
	return startProcess(t, port, "", bin, "run", "--config", file, "--adapter", "caddyfile")
}

// distFiles are the published folder's module and page names.
type distFiles struct {
	wasm string // "web/outage.<hash>.wasm"
	js   string // "web/app.<hash>.js"
}

func readDist(t *testing.T, dir string) distFiles {
	t.Helper()
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	m := regexp.MustCompile(`<script src="(web/app\.[0-9a-f]{12}\.js)" data-wasm="(outage\.[0-9a-f]{12}\.wasm)" defer>`).FindSubmatch(page)
	require.NotNil(t, m, "dist/index.html names its hashed loader and module")
	return distFiles{wasm: "web/" + string(m[2]), js: string(m[1])}
}

// get fetches url with Accept-Encoding ae and returns the response with its
// body read.
func get(t *testing.T, url, ae string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	require.NoError(t, err)
	if ae != "" {
		req.Header.Set("Accept-Encoding", ae)
	}
	req.Header.Set("Origin", "null")
	// The transport must not decode: the test looks at what was sent.
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// checkHeaders checks what a configured host sends: the module's type and
// (if precompressed) its precompressed copies, the headers a sandboxed
// embed needs, the strict policy, framing from anywhere, and the cache
// policy by name. Netlify and Cloudflare Pages compress on their own, so
// their emulation here does not.
func checkHeaders(t *testing.T, base string, f distFiles, dir string, precompressed bool) {
	t.Helper()
	wasmSize := func(ext string) int {
		info, err := os.Stat(filepath.Join(dir, f.wasm+ext))
		require.NoError(t, err)
		return int(info.Size())
	}
	for _, tt := range []struct {
		ae, enc, ext string
	}{{"br, gzip", "br", ".br"}, {"gzip", "gzip", ".gz"}, {"", "", ""}} {
		if !precompressed {
			tt.enc, tt.ext = "", ""
		}
		res, body := get(t, base+subPath+f.wasm, tt.ae)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s (Accept-Encoding %q)", f.wasm, tt.ae)
		assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"), "Accept-Encoding %q", tt.ae)
		assert.Equal(t, tt.enc, res.Header.Get("Content-Encoding"), "Accept-Encoding %q", tt.ae)
		assert.Equal(t, wasmSize(tt.ext), len(body), "the %q copy is sent as it is", tt.ext)
		if tt.enc != "" {
			assert.Contains(t, res.Header.Get("Vary"), "Accept-Encoding")
		}
		assert.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"), "a hashed name")
		assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, res.Header.Get("Access-Control-Expose-Headers"), "Content-Encoding")
	}
	for _, p := range []string{"", "web/transcript.en.html", f.js} {
		res, _ := get(t, base+subPath+p, "")
		require.Equal(t, http.StatusOK, res.StatusCode, p)
		assert.Equal(t, serve.CSP, res.Header.Get("Content-Security-Policy"), "%s: the strict policy, framing from anywhere", p)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), p)
		assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"), p)
		assert.Empty(t, res.Header.Get("X-Frame-Options"), p)
		want := "no-cache"
		if serve.Hashed(p) {
			want = "public, max-age=31536000, immutable"
		}
		assert.Equal(t, want, res.Header.Get("Cache-Control"), "%s: one cache policy, not merged ones", p)
	}
}

// TestBrowserDistPlain serves dist/ from a sub-path with a plain static
// file server and checks that it works as a top-level page: first frame, a
// what-if changing the verdict, and share links built from where it is
// served.
func TestBrowserDistPlain(t *testing.T) {
	dir := distDir(t)
	f := readDist(t, dir)
	base := plainServer(t, dir)
	p := newPage(t, base)
	p.load(base+subPath+"?t=02:25&autoplay=0", 1280, 720)
	l, err := ReadLoader(p.ctx)
	require.NoError(t, err)
	assert.Equal(t, "identity", l.Encoding, "a plain server sends the module as it is")
	loaded, err := EvalJSON[[]string](p.ctx, `performance.getEntriesByType('resource').map(e => e.name)`)
	require.NoError(t, err)
	assert.Contains(t, loaded, base+subPath+f.wasm, "the content-hashed module")

	before := p.state()
	assert.NotEqual(t, "prevented", before.Verdict.Kind)
	p.call(`window.outage.setSafeguards(["apply-time-check"])`)
	after := p.state()
	assert.Equal(t, "prevented", after.Verdict.Kind, "a what-if changes the verdict")

	type share struct{ Link, Iframe string }
	s, err := EvalJSON[share](p.ctx, `window.outage.share()`)
	require.NoError(t, err)
	t.Logf("share link %s", s.Link)
	assert.True(t, strings.HasPrefix(s.Link, base+subPath+"?"), "the share link starts with the served address: %s", s.Link)
	assert.Contains(t, s.Iframe, `src="`+base+subPath+"?", "the embed snippet too: %s", s.Iframe)
	assert.Contains(t, s.Link, "safeguards=apply-time-check")
	assertContent(t, p.screenshot("dist-plain"), "dist/ from a plain server")
}

// embedHost serves a page on another origin that frames src in
// <iframe sandbox="allow-scripts"> and records the frame's messages in
// window.__msgs; it sends a state command once the frame is ready.
func embedHost(t *testing.T, src string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		ln = listen(t, "127.0.0.1")
	}
	page := `<!doctype html><meta charset="utf-8"><title>An article</title>
<h1>An article</h1>
<iframe id="explainer" src="` + src + `" width="720" height="480" title="The explainer" sandbox="allow-scripts"></iframe>
<script>
window.__msgs = [];
addEventListener('message', function (e) {
  var f = document.getElementById('explainer');
  if (e.source !== f.contentWindow) return;
  window.__msgs.push({origin: e.origin, data: e.data});
  if (e.data && e.data.type === 'outage:ready') {
    f.contentWindow.postMessage({type: 'outage:command', cmd: 'safeguards', ids: ['apply-time-check'], id: 'sg'}, '*');
  }
});
</script>`
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/favicon.ico":
			w.WriteHeader(http.StatusNoContent)
		default:
			http.NotFound(w, r)
		}
	}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// embedMsg is a message the host page recorded.
type embedMsg struct {
	Origin string `json:"origin"`
	Data   struct {
		Type   string          `json:"type"`
		ID     string          `json:"id"`
		Reply  string          `json:"reply"`
		Fatal  bool            `json:"fatal"`
		Reason string          `json:"reason"`
		Error  string          `json:"error"`
		Fix    string          `json:"fix"`
		State  json.RawMessage `json:"state"`
	} `json:"data"`
}

func waitEmbedMsg(t *testing.T, ctx context.Context, pred string, timeout time.Duration) embedMsg {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	raw, err := chromedp.Run(sctx, chromedp.Poll[string](
		`(() => { const m = (window.__msgs || []).find(m => `+pred+`); return m ? JSON.stringify(m) : false; })()`,
		chromedp.WithPollingInterval(20*time.Millisecond)))
	require.NoError(t, err, "waiting for a message with %s", pred)
	var m embedMsg
	require.NoError(t, json.Unmarshal([]byte(raw), &m))
	return m
}

// TestBrowserDistHosts serves dist/ from a sub-path with each documented
// configuration, checks the headers, and embeds it in
// <iframe sandbox="allow-scripts"> on another origin: it starts, and a
// command round-trips.
func TestBrowserDistHosts(t *testing.T) {
	dir := distDir(t)
	f := readDist(t, dir)
	browser(t)
	hosts := []struct {
		name          string
		start         func(*testing.T, string) string
		precompressed bool
	}{
		{"_headers", headersServer, false},
		{"nginx", nginxServer, true},
		{"caddy", caddyServer, true},
	}
	var mu sync.Mutex
	for _, h := range hosts {
		t.Run(h.name, func(t *testing.T) {
			base := h.start(t, dir)
			checkHeaders(t, base, f, dir, h.precompressed)
			mu.Lock()
			defer mu.Unlock()
			hu := embedHost(t, base+subPath+"?embed=1&t=02:25&autoplay=0")
			p := newPage(t, base, strings.TrimSuffix(hu, "/"))
			tctx, cancel := context.WithTimeout(p.ctx, readyTimeout)
			defer cancel()
			require.NoError(t, Open(tctx, hu, 1000, 700))
			ready := waitEmbedMsg(t, p.ctx, `m.data.type === 'outage:ready'`, readyTimeout)
			assert.Equal(t, "null", ready.Origin, "the frame's origin is opaque: the sandbox is in force")
			reply := waitEmbedMsg(t, p.ctx, `m.data.id === 'sg'`, stepTimeout)
			require.Equal(t, "outage:state", reply.Data.Type, "%+v", reply.Data)
			var st embedState
			require.NoError(t, json.Unmarshal(reply.Data.State, &st))
			assert.Equal(t, "prevented", st.Verdict.Kind, "the command changed the verdict")
			errs, err := EvalJSON[[]embedMsg](p.ctx, `window.__msgs.filter(m => m.data.type === 'outage:error')`)
			require.NoError(t, err)
			assert.Empty(t, errs)
			p.screenshot("dist-embed-" + strings.TrimPrefix(h.name, "_"))
		})
	}
}

// TestBrowserDistNoCORS embeds dist/ served without CORS headers in a
// sandboxed iframe: the frame's fetch of the module is refused, and the
// error screen and the host's outage:error name the header to send.
func TestBrowserDistNoCORS(t *testing.T) {
	dir := distDir(t)
	base := plainServer(t, dir)
	browser(t)
	hu := embedHost(t, base+subPath+"?embed=1")
	// The refused fetch is a console error: this tab expects it.
	ctx := crashTab(t)
	tctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	require.NoError(t, Open(tctx, hu, 1000, 700))
	m := waitEmbedMsg(t, ctx, `m.data.type === 'outage:error'`, readyTimeout)
	t.Logf("host got %+v", m.Data)
	assert.True(t, m.Data.Fatal)
	assert.Equal(t, "cors", m.Data.Reason)
	assert.Contains(t, m.Data.Error, "sandboxed frame")
	assert.Contains(t, m.Data.Fix, "Access-Control-Allow-Origin: *")
	time.Sleep(300 * time.Millisecond)
	sctx, scancel := context.WithTimeout(ctx, stepTimeout)
	png, err := Screenshot(sctx)
	scancel()
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(artifacts, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(artifacts, "dist-embed-no-cors.png"), png, 0o644))
}

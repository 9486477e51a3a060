//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/outagelab/outage/internal/serve"
)

// The host: a second loopback origin (127.0.0.2, or another port of
// 127.0.0.1 where that address is missing) serving the embedding example,
// web/embed-demo.html, as a stranger's article would: its own strict CSP
// (framing only the explainer's origin), and the explainer in an
// <iframe sandbox="allow-scripts">, the strictest sandbox it works in.
var (
	hostOnce sync.Once
	hostURL  string
	hostErr  error
)

func host(t *testing.T) string {
	t.Helper()
	browser(t)
	hostOnce.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.2:0")
		if err != nil {
			ln, err = net.Listen("tcp", "127.0.0.1:0")
		}
		if err != nil {
			hostErr = err
			return
		}
		h, err := serve.New(site)
		if err != nil {
			hostErr = err
			return
		}
		frameOrigin := strings.TrimSuffix(siteURL, "/")
		csp := serve.CSP + "; frame-src " + frameOrigin
		mux := http.NewServeMux()
		mux.HandleFunc("/web/embed-demo.html", func(w http.ResponseWriter, r *http.Request) {
			b, err := os.ReadFile(filepath.Join(site, "web", "embed-demo.html"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			s := strings.Replace(string(b), `src="../index.html?`, `src="`+siteURL+`index.html?`, 1)
			s = strings.Replace(s, `sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"`, `sandbox="allow-scripts"`, 1)
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			fmt.Fprint(w, s)
		})
		// The README's host page, as printed there but for the address.
		mux.HandleFunc("/example/", func(w http.ResponseWriter, r *http.Request) {
			name := map[string]string{"/example/": "index.html", "/example/host.js": "host.js"}[r.URL.Path]
			if name == "" {
				http.NotFound(w, r)
				return
			}
			b, err := os.ReadFile(filepath.Join("testdata", "readme-host", name))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			ctype := "text/javascript; charset=utf-8"
			if name == "index.html" {
				ctype = "text/html; charset=utf-8"
				b = []byte(strings.Replace(string(b), "https://outage.example/", siteURL, 1))
			}
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("Content-Type", ctype)
			w.Header().Set("Cache-Control", "no-store")
			w.Write(b)
		})
		// A real site has an icon; the example page names none.
		mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
		mux.Handle("/", cspHandler{h, csp})
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		hostURL = "http://" + ln.Addr().String() + "/"
	})
	require.NoError(t, hostErr)
	return hostURL
}

// cspHandler serves with outage-serve's handler, under the host's policy.
type cspHandler struct {
	h   http.Handler
	csp string
}

func (c cspHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.h.ServeHTTP(cspWriter{w, c.csp}, r)
}

type cspWriter struct {
	http.ResponseWriter
	csp string
}

func (w cspWriter) WriteHeader(code int) {
	w.Header().Set("Content-Security-Policy", w.csp)
	w.ResponseWriter.WriteHeader(code)
}

func (w cspWriter) Write(b []byte) (int, error) {
	w.Header().Set("Content-Security-Policy", w.csp)
	return w.ResponseWriter.Write(b)
}

// recorder keeps every message the top window receives, from any source,
// in window.__msgs (installed by the test, so it is not subject to the CSP).
const recorder = `if (window.top === window) {
  window.__msgs = [];
  addEventListener('message', function (e) {
    var f = document.getElementById('explainer');
    window.__msgs.push({fromFrame: !!f && e.source === f.contentWindow, origin: e.origin, data: e.data});
  });
}`

// hostMsg is a message the host received.
type hostMsg struct {
	FromFrame bool   `json:"fromFrame"`
	Origin    string `json:"origin"`
	Data      struct {
		Type     string          `json:"type"`
		Protocol int             `json:"protocol"`
		State    json.RawMessage `json:"state"`
		Visible  *bool           `json:"visible"`
		Reply    string          `json:"reply"`
		ID       any             `json:"id"`
		Cmd      *string         `json:"cmd"`
		Error    string          `json:"error"`
	} `json:"data"`
}

// embedState is the state in outage:state messages: state() plus the
// fields the host uses.
type embedState struct {
	State
	Feed  string `json:"feed"`
	URL   string `json:"url"`
	Embed bool   `json:"embed"`
}

func (m hostMsg) state(t *testing.T) embedState {
	t.Helper()
	var s embedState
	require.NoError(t, json.Unmarshal(m.Data.State, &s), "state of %+v", m.Data)
	return s
}

// post sends a message from the host to the explainer's frame; msg is a
// JavaScript expression.
func (p *page) post(msg string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('explainer').contentWindow.postMessage(` + msg + `, '*')`))
}

// waitMsg waits for a message from the frame that matches the JavaScript
// predicate on m (a recorded message) and returns it.
func (p *page) waitMsg(pred string, timeout time.Duration) hostMsg {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(() => { const m = (window.__msgs || []).find(m => m.fromFrame && (`+pred+`)); return m ? JSON.stringify(m) : false; })()`,
		chromedp.WithPollingInterval(20*time.Millisecond)))
	require.NoError(p.t, err, "waiting for a message with %s", pred)
	var m hostMsg
	require.NoError(p.t, json.Unmarshal([]byte(raw), &m))
	return m
}

// command posts an outage:command with the given id and fields and waits
// for its answer.
func (p *page) command(id, fields string) hostMsg {
	p.t.Helper()
	p.post(`{type: 'outage:command', id: '` + id + `', ` + fields + `}`)
	return p.waitMsg(`m.data.id === '`+id+`'`, stepTimeout)
}

// openHost loads the embedding example from the host origin and waits for
// outage:ready from the frame.
func openHost(t *testing.T, w, h int64) (*page, hostMsg) {
	t.Helper()
	return openDemo(t, host(t), w, h)
}

// openDemo loads web/embed-demo.html from the site at base and waits for
// outage:ready from the frame.
func openDemo(t *testing.T, hu string, w, h int64) (*page, hostMsg) {
	t.Helper()
	p := newPage(t, hu)
	_, err := chromedp.Call(p.ctx, cdpage.AddScriptToEvaluateOnNewDocument, cdpage.AddScriptToEvaluateOnNewDocumentParams{Source: recorder})
	require.NoError(t, err)
	tctx, cancel := context.WithTimeout(p.ctx, readyTimeout)
	defer cancel()
	require.NoError(t, Open(tctx, hu+"web/embed-demo.html", w, h))
	ready := p.waitMsg(`m.data.type === 'outage:ready'`, readyTimeout)
	return p, ready
}

// TestBrowserEmbedHost drives the explainer in a sandboxed iframe from a
// page on another origin with the postMessage API: outage:ready arrives,
// every command answers, malformed messages are ignored with a warning,
// the article's scrolling drives it, and nothing errs or leaves the two
// origins.
func TestBrowserEmbedHost(t *testing.T) {
	p, ready := openHost(t, 1200, 800)
	assert.Equal(t, "null", ready.Origin, "the frame's origin is opaque: the sandbox is in force")
	assert.Equal(t, 1, ready.Data.Protocol)
	assert.True(t, ready.state(t).Embed, "state.embed")
	assert.Equal(t, "en", ready.state(t).Lang)

	// The article applies its first section once the frame is ready: let
	// it finish (its commands have ids "demo-…"; "play" is the last).
	p.waitMsg(`m.data.reply === 'play' && String(m.data.id).startsWith('demo-')`, stepTimeout)
	focused, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.activeElement.tagName`))
	require.NoError(t, err)
	assert.Equal(t, "BODY", focused, "the explainer took the focus from the host page")

	t.Run("commands", func(t *testing.T) {
		p.t = t
		s := p.command("c1", `cmd: 'pause'`)
		assert.Equal(t, "pause", s.Data.Reply)
		assert.False(t, s.state(t).Playing)
		require.NotNil(t, s.Data.Visible)
		assert.True(t, *s.Data.Visible)

		s = p.command("c2", `cmd: 'seek', t: '01:00'`)
		assert.Contains(t, s.state(t).T, "T01:00:00", "seek 01:00")

		s = p.command("c3", `cmd: 'chapter', n: 2`)
		assert.Equal(t, 2, s.state(t).Chapter)
		s = p.command("c4", `cmd: 'chapter', n: 'collapse'`)
		assert.Equal(t, 6, s.state(t).Chapter)

		s = p.command("c5", `cmd: 'safeguards', ids: ['apply-time-check']`)
		assert.Equal(t, []string{"apply-time-check"}, s.state(t).Safeguards)
		assert.Equal(t, "prevented", s.state(t).Verdict.Kind)

		en := p.command("c6", `cmd: 'state'`).state(t)
		s = p.command("c7", `cmd: 'lang', lang: 'id'`)
		id := s.state(t)
		assert.Equal(t, "id", id.Lang)
		assert.NotEqual(t, en.Caption, id.Caption, "the caption is in Indonesian")
		assert.Equal(t, en.T, id.T)

		s = p.command("c8", `cmd: 'play'`)
		assert.True(t, s.state(t).Playing)
		s = p.command("c9", `cmd: 'state'`)
		assert.Equal(t, "state", s.Data.Reply)
		p.command("c10", `cmd: 'pause'`)
		p.command("c11", `cmd: 'lang', lang: 'en'`)

		// Numeric ids come back as numbers.
		p.post(`{type: 'outage:command', cmd: 'state', id: 42}`)
		n := p.waitMsg(`m.data.id === 42`, stepTimeout)
		assert.Equal(t, 42.0, n.Data.ID)

		// The article shows what came back.
		p.poll(`document.getElementById('r-safeguards').textContent.includes('apply-time-check')`)
	})

	t.Run("malformed", func(t *testing.T) {
		p.t = t
		before := p.command("m0", `cmd: 'state'`).state(t)
		warnings := len(p.consoleWarnings())
		// Not commands: ignored, with a warning, and no answer.
		ignored := []string{`'just a string'`, `null`, `[1, 2, 3]`, `{type: 'outage:hello'}`, `{cmd: 'play'}`}
		for _, msg := range ignored {
			p.post(msg)
		}
		// Commands with bad parts: outage:error, with the id when it is valid.
		bad := []struct{ id, fields, cmd, want string }{
			{"b1", `cmd: 'explode'`, "explode", "unknown cmd"},
			{"b2", `cmd: 'seek', t: 5`, "seek", "t must be"},
			{"b3", `cmd: 'seek'`, "seek", `needs "t"`},
			{"b4", `cmd: 'play', extra: 1`, "play", `unknown field "extra"`},
			{"b5", `cmd: 'safeguards', ids: ['x'.repeat(100)]`, "safeguards", "ids must"},
			{"b6", `cmd: 'safeguards', ids: 'apply-time-check'`, "safeguards", "ids must"},
			{"b7", `cmd: 'safeguards', ids: new Array(33).fill('a')`, "safeguards", "ids must"},
			{"b8", `cmd: 'chapter', n: 2.5`, "chapter", "n must"},
			{"b9", `cmd: 'lang', lang: 'not a language'`, "lang", "lang must"},
			{"b10", `cmd: 'seek', t: 'x'.repeat(1000)`, "seek", "t must"},
			// Well-formed, but the app refuses the value: its message.
			{"a1", `cmd: 'chapter', n: 99`, "chapter", "chapter"},
			{"a2", `cmd: 'safeguards', ids: ['no-such-safeguard']`, "safeguards", "no-such-safeguard"},
			{"a3", `cmd: 'seek', t: '25:99'`, "seek", ""},
			{"a4", `cmd: 'lang', lang: 'fr'`, "lang", ""},
		}
		for _, b := range bad {
			m := p.command(b.id, b.fields)
			assert.Equal(t, "outage:error", m.Data.Type, b.id)
			if assert.NotNil(t, m.Data.Cmd, b.id) {
				assert.Equal(t, b.cmd, *m.Data.Cmd, b.id)
			}
			assert.Contains(t, m.Data.Error, b.want, b.id)
			assert.NotEmpty(t, m.Data.Error, b.id)
		}
		// An id that is not a string or number: answered without it.
		p.post(`{type: 'outage:command', cmd: 'play', id: {}}`)
		m := p.waitMsg(`m.data.type === 'outage:error' && m.data.error.startsWith('id must')`, stepTimeout)
		assert.Nil(t, m.Data.ID)

		after := p.command("m1", `cmd: 'state'`).state(t)
		assert.Equal(t, before.T, after.T, "a malformed message changed the time")
		assert.Equal(t, before.Safeguards, after.Safeguards)
		assert.Equal(t, before.Chapter, after.Chapter)
		assert.Equal(t, before.Playing, after.Playing)

		// Every ignored or malformed message left a warning (not an error:
		// the page's cleanup fails the test on any console error).
		var ours []string
		for _, w := range p.consoleWarnings()[warnings:] {
			if strings.Contains(w, "outage: ") {
				ours = append(ours, w)
			}
		}
		// The app's refusals (a1…a4) are answered, not warned about.
		assert.GreaterOrEqual(t, len(ours), len(ignored)+(len(bad)-4)+1, "warnings: %q", ours)
		t.Logf("%d warnings, e.g. %q", len(ours), ours[0])
	})

	t.Run("pauses when hidden", func(t *testing.T) {
		p.t = t
		require.True(t, p.command("h1", `cmd: 'play'`).state(t).Playing)
		// Move the frame out of the viewport (as scrolling would).
		p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('explainer').style.transform = 'translateY(-5000px)'`))
		var s hostMsg
		require.Eventually(t, func() bool {
			s = p.command(fmt.Sprintf("h2-%d", time.Now().UnixNano()), `cmd: 'state'`)
			return s.Data.Visible != nil && !*s.Data.Visible
		}, stepTimeout, 100*time.Millisecond, "the frame never noticed it was hidden")
		assert.False(t, s.state(t).Playing, "paused while hidden")
		// A play while hidden only decides what happens on return.
		assert.False(t, p.command("h3", `cmd: 'play'`).state(t).Playing)
		p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('explainer').style.transform = ''`))
		require.Eventually(t, func() bool {
			s = p.command(fmt.Sprintf("h4-%d", time.Now().UnixNano()), `cmd: 'state'`)
			return s.Data.Visible != nil && *s.Data.Visible
		}, stepTimeout, 100*time.Millisecond, "the frame never noticed it was back")
		assert.True(t, s.state(t).Playing, "playing again on return")
		p.command("h5", `cmd: 'pause'`)
	})

	t.Run("scrollytelling", func(t *testing.T) {
		p.t = t
		p.screenshot("embed-demo-1200x800")
		for _, step := range []struct {
			id      string
			chapter int
			sg      []string
		}{
			{"step-collapse", 6, nil},
			{"step-whatif", 10, []string{"apply-time-check"}},
			{"step-race", 2, nil},
		} {
			n := p.msgCount()
			p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('` + step.id + `').scrollIntoView({block: 'center'})`))
			m := p.waitMsgAfter(n, `m.data.reply === 'chapter' && String(m.data.id).startsWith('demo-')`, stepTimeout)
			s := m.state(t)
			assert.Equal(t, step.chapter, s.Chapter, step.id)
			if step.sg == nil {
				assert.Empty(t, s.Safeguards, step.id)
			} else {
				assert.Equal(t, step.sg, s.Safeguards, step.id)
			}
			p.poll(fmt.Sprintf(`document.getElementById('r-chapter').textContent.startsWith('%d of ')`, step.chapter))
			if step.id == "step-whatif" {
				p.screenshot("embed-demo-whatif")
			}
		}
	})
}

// msgCount is how many messages the host has received.
func (p *page) msgCount() int {
	p.t.Helper()
	n, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](`(window.__msgs || []).length`))
	require.NoError(p.t, err)
	return n
}

// waitMsgAfter is waitMsg among the messages after the first n.
func (p *page) waitMsgAfter(n int, pred string, timeout time.Duration) hostMsg {
	p.t.Helper()
	return p.waitMsg(fmt.Sprintf(`window.__msgs.indexOf(m) >= %d && (%s)`, n, pred), timeout)
}

// TestBrowserEmbedPhone shows the example as shipped (served with the
// explainer, its own sandbox attribute) at a phone's size: the explainer
// above the text.
func TestBrowserEmbedPhone(t *testing.T) {
	browser(t)
	p, ready := openDemo(t, siteURL, 390, 844)
	assert.Equal(t, "null", ready.Origin, "sandboxed: an opaque origin")
	p.waitMsg(`m.data.reply === 'play' && String(m.data.id).startsWith('demo-')`, stepTimeout)
	p.command("p1", `cmd: 'pause'`)
	p.screenshot("embed-demo-390x844")
}

// TestBrowserEmbedValidatorFuzz throws random values at the page's
// message validator: it never throws, accepts only well-formed commands,
// and answers "ignore" for anything that is not a command.
func TestBrowserEmbedValidatorFuzz(t *testing.T) {
	p := newPage(t)
	ctx, cancel := context.WithTimeout(p.ctx, readyTimeout)
	defer cancel()
	// The page's script runs without the app (no WebGL needed): the
	// validator is pure.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(320, 240), chromedp.Navigate(siteURL+"?embed=1")))
	p.poll(`window.outagePage && typeof window.outagePage.validate === 'function'`)
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		let seed = 20251020;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pick = a => a[Math.floor(rnd() * a.length)];
		const cmds = ['seek', 'play', 'pause', 'chapter', 'safeguards', 'lang', 'state', 'nope', '', 'constructor', '__proto__', 'toString'];
		const keys = ['type', 'cmd', 'id', 't', 'n', 'ids', 'lang', 'x', '__proto__', 'constructor'];
		function value(d) {
			switch (Math.floor(rnd() * (d > 2 ? 6 : 9))) {
			case 0: return Math.floor(rnd() * 200) - 50;
			case 1: return pick(['01:00', '23:48', '2025-10-20T01:00:00-07:00', 'race', 'id', 'en', 'apply-time-check', '', 'x'.repeat(100)]);
			case 2: return pick([null, undefined, true, false, NaN, Infinity, 1.5, -0]);
			case 3: return pick(cmds);
			case 4: return 'outage:command';
			case 5: return String.fromCharCode(Math.floor(rnd() * 65536)).repeat(Math.floor(rnd() * 50));
			case 6: { const a = []; for (let i = Math.floor(rnd() * 40); i > 0; i--) a.push(value(d + 1)); return a; }
			case 7: case 8: { const o = {}; for (let i = Math.floor(rnd() * 5); i > 0; i--) o[pick(keys)] = value(d + 1); return o; }
			}
		}
		const out = {ok: 0, error: 0, ignore: 0, threw: 0, bad: []};
		for (let i = 0; i < 5000; i++) {
			let m = value(0);
			if (rnd() < 0.6) { m = {type: 'outage:command', cmd: pick(cmds)}; for (let j = Math.floor(rnd() * 3); j > 0; j--) m[pick(keys)] = value(1); }
			let v;
			try { v = window.outagePage.validate(m); } catch (e) { out.threw++; continue; }
			const kinds = ['ok', 'error', 'ignore'].filter(k => v[k]);
			if (kinds.length !== 1) { out.bad.push(JSON.stringify(m) + ' -> ' + JSON.stringify(v)); continue; }
			out[kinds[0]]++;
			if (v.ok) {
				// An accepted command has only known fields of the right types.
				const allowed = {seek: ['t'], play: [], pause: [], chapter: ['n'], safeguards: ['ids'], lang: ['lang'], state: []}[m.cmd];
				const extra = Object.keys(m).filter(k => !['type', 'cmd', 'id'].includes(k) && !allowed.includes(k));
				const missing = allowed.filter(k => !(k in m));
				if (extra.length || missing.length || m.type !== 'outage:command') out.bad.push('accepted ' + JSON.stringify(m));
			}
			if (v.error && typeof v.error !== 'string') out.bad.push('error not a string for ' + JSON.stringify(m));
		}
		return JSON.stringify(out);
	})()`))
	require.NoError(t, err)
	var out struct {
		OK, Error, Ignore, Threw int
		Bad                      []string
	}
	require.NoError(t, json.Unmarshal([]byte(res), &out))
	t.Logf("5000 messages: %d accepted, %d refused with an error, %d ignored", out.OK, out.Error, out.Ignore)
	assert.Zero(t, out.Threw, "the validator threw")
	assert.Empty(t, out.Bad)
	assert.Positive(t, out.OK)
	assert.Positive(t, out.Error)
	assert.Positive(t, out.Ignore)
}

// TestBrowserReadmeExample runs the host page the README prints
// (e2e/testdata/readme-host): its buttons drive the explainer and its
// caption follows.
func TestBrowserReadmeExample(t *testing.T) {
	hu := host(t)
	p := newPage(t, hu)
	_, err := chromedp.Call(p.ctx, cdpage.AddScriptToEvaluateOnNewDocument, cdpage.AddScriptToEvaluateOnNewDocumentParams{Source: recorder})
	require.NoError(t, err)
	tctx, cancel := context.WithTimeout(p.ctx, readyTimeout)
	defer cancel()
	require.NoError(t, Open(tctx, hu+"example/", 900, 700))
	p.waitMsg(`m.data.type === 'outage:ready'`, readyTimeout)
	p.poll(`document.getElementById('caption').textContent.startsWith('Chapter 1 of ')`)

	n := p.msgCount()
	p.do(chromedp.Click(chromedp.ID("fix")))
	m := p.waitMsgAfter(n, `m.data.reply === 'play'`, stepTimeout)
	s := m.state(t)
	assert.Equal(t, []string{"apply-time-check"}, s.Safeguards)
	assert.Equal(t, "prevented", s.Verdict.Kind)
	p.poll(`document.getElementById('caption').textContent.includes('(prevented)')`)

	n = p.msgCount()
	p.do(chromedp.Click(chromedp.ID("race")))
	m = p.waitMsgAfter(n, `m.data.reply === 'play'`, stepTimeout)
	assert.Equal(t, 2, m.state(t).Chapter)
	assert.Empty(t, m.state(t).Safeguards)
	p.poll(`document.getElementById('caption').textContent.startsWith('Chapter 2 of ')`)
	p.call0(`document.getElementById('explainer').contentWindow.postMessage({type: 'outage:command', cmd: 'pause'}, '*')`)
	p.screenshot("readme-example")
}

// call0 evaluates expr for its effect.
func (p *page) call0(expr string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](expr))
}

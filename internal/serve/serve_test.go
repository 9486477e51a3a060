package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// site builds a root with the allowed files, a precompressed .wasm, and
// things that must never be served.
func site(t *testing.T) (root string, wasm []byte) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "root")
	wasm = bytes.Repeat([]byte("\x00asm wasm body "), 500)
	files := map[string][]byte{
		"index.html":         []byte("<!doctype html><title>outage</title>"),
		"web/app.js":         []byte("'use strict';"),
		"web/app.css":        []byte("body{}"),
		"web/outage.wasm":    wasm,
		"web/sub/x.txt":      []byte("nested"),
		"web/.hidden":        []byte("dot"),
		"web/data.bin":       []byte("bin"),
		"secret.txt":         []byte("not on the allow-list"),
		"../outside/secret":  []byte("outside the root"),
		"web/stale.js":       []byte("fresh source"),
		"web/stale.js.br":    []byte("old copy"),
		"web/outage.wasm.gz": nil, // filled below
	}
	var gz, br bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write(wasm)
	gw.Close()
	bw := brotli.NewWriter(&br)
	bw.Write(wasm)
	bw.Close()
	files["web/outage.wasm.gz"] = gz.Bytes()
	files["web/outage.wasm.br"] = br.Bytes()
	for name, data := range files {
		p := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
		// Siblings are written after their sources; stale.js.br is older.
		mtime := time.Now().Add(-time.Hour)
		switch filepath.Ext(name) {
		case ".gz", ".br":
			mtime = mtime.Add(time.Minute)
		}
		if name == "web/stale.js.br" {
			mtime = mtime.Add(-time.Hour)
		}
		require.NoError(t, os.Chtimes(p, mtime, mtime))
	}
	require.NoError(t, os.Symlink("../../outside/secret", filepath.Join(root, "web/escape.txt")))
	require.NoError(t, os.Symlink("app.js", filepath.Join(root, "web/inside.js")))
	return root, wasm
}

func TestHandler(t *testing.T) {
	root, wasm := site(t)
	h, err := New(root)
	require.NoError(t, err)
	defer h.Close()

	tests := []struct {
		name, method, path, ae string
		code                   int
		ctype, encoding        string
		body                   []byte // checked after decoding, if set
	}{
		{name: "root is the page", path: "/", code: 200, ctype: "text/html; charset=utf-8"},
		{name: "index.html", path: "/index.html", code: 200, ctype: "text/html; charset=utf-8"},
		{name: "query ignored", path: "/?embed=1&t=01:00", code: 200, ctype: "text/html; charset=utf-8"},
		{name: "script", path: "/web/app.js", code: 200, ctype: "text/javascript; charset=utf-8", body: []byte("'use strict';")},
		{name: "style", path: "/web/app.css", code: 200, ctype: "text/css; charset=utf-8"},
		{name: "unknown extension", path: "/web/data.bin", code: 200, ctype: "application/octet-stream"},
		{name: "wasm raw", path: "/web/outage.wasm", code: 200, ctype: "application/wasm", body: wasm},
		{name: "wasm brotli", path: "/web/outage.wasm", ae: "gzip, deflate, br, zstd", code: 200, ctype: "application/wasm", encoding: "br", body: wasm},
		{name: "wasm gzip", path: "/web/outage.wasm", ae: "gzip", code: 200, ctype: "application/wasm", encoding: "gzip", body: wasm},
		{name: "brotli refused by q=0", path: "/web/outage.wasm", ae: "br;q=0, gzip;q=0.5", code: 200, encoding: "gzip", body: wasm},
		{name: "star", path: "/web/outage.wasm", ae: "*", code: 200, encoding: "br", body: wasm},
		{name: "identity only", path: "/web/outage.wasm", ae: "identity", code: 200, body: wasm},
		{name: "stale sibling ignored", path: "/web/stale.js", ae: "br", code: 200, body: []byte("fresh source")},
		{name: "nested file", path: "/web/sub/x.txt", code: 200, ctype: "text/plain; charset=utf-8"},
		{name: "symlink inside root", path: "/web/inside.js", code: 200, body: []byte("'use strict';")},
		{name: "HEAD", method: "HEAD", path: "/web/app.js", code: 200, ctype: "text/javascript; charset=utf-8"},
		{name: "no listing of web/", path: "/web/", code: 404},
		{name: "no listing of a folder", path: "/web/sub", code: 404},
		{name: "not on the allow-list", path: "/secret.txt", code: 404},
		{name: "dot-dot", path: "/web/../secret.txt", code: 404},
		{name: "encoded dot-dot", path: "/web/%2e%2e/secret.txt", code: 404},
		{name: "double slash", path: "/web//app.js", code: 404},
		{name: "backslash", path: "/web/..%5csecret.txt", code: 404},
		{name: "dot-file", path: "/web/.hidden", code: 404},
		{name: "sibling not served directly", path: "/web/outage.wasm.br", code: 404},
		{name: "missing", path: "/web/nope.js", code: 404},
		{name: "symlink out of root", path: "/web/escape.txt", code: 403},
		{name: "POST", method: "POST", path: "/", code: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			req := httptest.NewRequest(method, "http://127.0.0.1"+tt.path, nil)
			if tt.ae != "" {
				req.Header.Set("Accept-Encoding", tt.ae)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			assert.Equal(t, tt.code, res.StatusCode)
			assert.Equal(t, CSP, res.Header.Get("Content-Security-Policy"))
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
			assert.Empty(t, res.Header.Get("X-Frame-Options"), "any origin may frame the page")
			assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"), "sandboxed embeds fetch with an opaque origin")
			if tt.code != 200 {
				assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
				assert.NotContains(t, rec.Body.String(), "outside the root")
				if tt.code == 405 {
					assert.Equal(t, "GET, HEAD", res.Header.Get("Allow"))
				}
				return
			}
			assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
			assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"))
			assert.NotEmpty(t, res.Header.Get("ETag"))
			if tt.ctype != "" {
				assert.Equal(t, tt.ctype, res.Header.Get("Content-Type"))
			}
			assert.Equal(t, tt.encoding, res.Header.Get("Content-Encoding"))
			assert.NotEmpty(t, res.Header.Get("Content-Length"))
			if method == "HEAD" {
				assert.Zero(t, rec.Body.Len())
			}
			if tt.body != nil {
				var r io.Reader = rec.Body
				switch tt.encoding {
				case "br":
					r = brotli.NewReader(r)
				case "gzip":
					r, err = gzip.NewReader(r)
					require.NoError(t, err)
				}
				got, err := io.ReadAll(r)
				require.NoError(t, err)
				assert.True(t, bytes.Equal(tt.body, got), "decoded body: %d bytes", len(got))
			}
		})
	}
}

func TestConditionalAndRange(t *testing.T) {
	root, wasm := site(t)
	h, err := New(root)
	require.NoError(t, err)
	defer h.Close()
	get := func(hdr map[string]string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/web/outage.wasm", nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	raw, br := get(nil), get(map[string]string{"Accept-Encoding": "br"})
	assert.NotEqual(t, raw.Header().Get("ETag"), br.Header().Get("ETag"), "each encoding has its own ETag")

	tests := []struct {
		name string
		hdr  map[string]string
		code int
		body []byte
	}{
		{"matching ETag", map[string]string{"If-None-Match": raw.Header().Get("ETag")}, http.StatusNotModified, nil},
		{"ETag of another encoding", map[string]string{"If-None-Match": br.Header().Get("ETag")}, http.StatusOK, wasm},
		{"range", map[string]string{"Range": "bytes=0-3"}, http.StatusPartialContent, wasm[:4]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(tt.hdr)
			assert.Equal(t, tt.code, rec.Code)
			if tt.body != nil {
				assert.True(t, bytes.Equal(tt.body, rec.Body.Bytes()), "body: %d bytes", rec.Body.Len())
			}
		})
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"/", "index.html", true},
		{"/index.html", "index.html", true},
		{"/web/outage.wasm", "web/outage.wasm", true},
		{"/web/a/b.js", "web/a/b.js", true},
		{"", "", false},
		{"/web", "", false},
		{"/web/", "", false},
		{"/web/a/", "", false},
		{"/web/../index.html", "", false},
		{"/web/./app.js", "", false},
		{"/web/a\\b", "", false},
		{"/web/a\x00", "", false},
		{"/web/outage.wasm.gz", "", false},
		{"/go.mod", "", false},
		{"/.git/config", "", false},
		{"//web/app.js", "", false},
	}
	for _, tt := range tests {
		got, ok := Resolve(tt.path)
		assert.Equal(t, tt.ok, ok, tt.path)
		assert.Equal(t, tt.want, got, tt.path)
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, token string
		want          bool
	}{
		{"", "br", false},
		{"br", "br", true},
		{"gzip, deflate, br", "br", true},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br;q=0.0, *", "br", false},
		{"br; q=0.8", "br", true},
		{"*", "gzip", true},
		{"*;q=0", "gzip", false},
		{"gzip;q=bad", "gzip", false},
		{"brotli", "br", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, accepts(tt.header, tt.token), "%q %s", tt.header, tt.token)
	}
}

func TestPrecompress(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "outage.wasm")
	data := bytes.Repeat([]byte("droplet lease expired; "), 4000)
	require.NoError(t, os.WriteFile(file, data, 0o644))

	m, fresh, err := Precompress(file, 5)
	require.NoError(t, err)
	assert.True(t, fresh)
	assert.Equal(t, "outage.wasm", m.File)
	assert.Equal(t, int64(len(data)), m.Bytes)
	assert.Equal(t, 5, m.BrotliQuality)
	assert.Len(t, m.SHA256, 64)

	br, err := os.ReadFile(file + ".br")
	require.NoError(t, err)
	assert.Equal(t, m.Brotli, int64(len(br)))
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	require.NoError(t, err)
	assert.Equal(t, data, got)
	gz, err := os.Open(file + ".gz")
	require.NoError(t, err)
	defer gz.Close()
	zr, err := gzip.NewReader(gz)
	require.NoError(t, err)
	got, err = io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, data, got)
	js, err := os.ReadFile(file + ".json")
	require.NoError(t, err)
	assert.Contains(t, string(js), `"bytes": 92000`)

	steps := []struct {
		name    string
		change  func()
		quality int
		fresh   bool
	}{
		{"same content and quality", func() {}, 5, false},
		{"other quality", func() {}, 6, true},
		{"new content", func() { os.WriteFile(file, append(data, 'x'), 0o644) }, 6, true},
		{"sibling removed", func() { os.Remove(file + ".gz") }, 6, true},
	}
	for _, s := range steps {
		s.change()
		_, fresh, err := Precompress(file, s.quality)
		require.NoError(t, err, s.name)
		assert.Equal(t, s.fresh, fresh, s.name)
	}
}

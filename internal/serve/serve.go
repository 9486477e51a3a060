// Package serve is the static file handler behind cmd/outage-serve and the
// browser tests: it serves the page (index.html) and the web/ folder of a
// root directory, and nothing else.
//
// It picks a precompressed sibling (name.br, name.gz) by Accept-Encoding,
// sends application/wasm for .wasm, never lists a directory, refuses paths
// that leave the root (.., absolute paths, symlinks pointing outside, via
// os.Root), and sets cache and security headers, including the strict CSP
// that the page is written for and permission for any origin to frame it.
package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
)

// CSP is the Content-Security-Policy sent with every response. The page has
// no inline scripts or styles; 'wasm-unsafe-eval' lets it compile the
// WebAssembly module; frame-ancestors * lets any page embed it.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors *"

// types maps the extensions the site uses to their media types; anything
// else is sent as application/octet-stream (never sniffed).
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".wasm":  "application/wasm",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".svg":   "image/svg+xml",
	".ico":   "image/x-icon",
	".txt":   "text/plain; charset=utf-8",
	".woff2": "font/woff2",
}

// encodings are the precompressed siblings, in order of preference.
var encodings = []struct{ token, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// Handler serves index.html and web/** from a root directory.
type Handler struct {
	root *os.Root
}

// New returns a handler for the directory dir. Call Close when done.
func New(dir string) (*Handler, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &Handler{root: r}, nil
}

// Close releases the root directory.
func (h *Handler) Close() error { return h.root.Close() }

// Resolve maps a URL path to a file name relative to the root, or reports
// false if the path is outside the allow-list: "/" and "/index.html" name
// index.html; "/web/<file>" names a file under web/. Dot-files, "..",
// empty or doubled segments, backslashes, NULs and the compressed siblings
// themselves are refused.
func Resolve(urlPath string) (string, bool) {
	switch urlPath {
	case "/", "/index.html":
		return "index.html", true
	}
	rest, ok := strings.CutPrefix(urlPath, "/web/")
	if !ok || rest == "" || strings.ContainsAny(rest, "\\\x00") {
		return "", false
	}
	for seg := range strings.SplitSeq(rest, "/") {
		if seg == "" || seg[0] == '.' {
			return "", false
		}
	}
	for _, e := range encodings {
		if strings.HasSuffix(rest, e.ext) {
			return "", false
		}
	}
	return "web/" + rest, true
}

// accepts reports whether an Accept-Encoding header value allows token
// (present with a q-value above zero, or "*" is).
func accepts(header, token string) bool {
	star := false
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != token && name != "*" {
			continue
		}
		ok := true
		for p := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				ok = err == nil && q > 0
			}
		}
		if name == token {
			return ok
		}
		star = ok
	}
	return star
}

func setSecurityHeaders(w http.ResponseWriter) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", CSP)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	// Public static files: an embed in a sandboxed iframe has an opaque
	// origin, so its fetch of the .wasm is a CORS request.
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("Access-Control-Expose-Headers", "Content-Encoding")
	hd.Set("Cross-Origin-Resource-Policy", "cross-origin")
}

func fail(w http.ResponseWriter, code int) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, http.StatusText(code), code)
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		fail(w, http.StatusMethodNotAllowed)
		return
	}
	name, ok := Resolve(r.URL.Path)
	if !ok {
		fail(w, http.StatusNotFound)
		return
	}
	f, info, err := h.open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotRegular) {
			fail(w, http.StatusNotFound)
		} else {
			// os.Root refuses names that escape the root, symlinks included.
			fail(w, http.StatusForbidden)
		}
		return
	}
	defer f.Close()

	hd := w.Header()
	ctype, ok := types[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	hd.Set("Content-Type", ctype)
	// A name without a content hash is revalidated every time (the ETag
	// turns that into a cheap 304); one with a hash (make dist) never
	// changes.
	if Hashed(name) {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	hd.Set("Vary", "Accept-Encoding")

	body, binfo, enc := f, info, ""
	ae := r.Header.Get("Accept-Encoding")
	for _, e := range encodings {
		if !accepts(ae, e.token) {
			continue
		}
		cf, cinfo, err := h.open(name + e.ext)
		if err != nil {
			continue
		}
		// A sibling older than its source is stale: ignore it.
		if cinfo.ModTime().Before(info.ModTime()) {
			cf.Close()
			continue
		}
		defer cf.Close()
		body, binfo, enc = cf, cinfo, e.token
		break
	}
	etag := fmt.Sprintf(`"%x-%x`, info.ModTime().UnixNano(), info.Size())
	if enc != "" {
		hd.Set("Content-Encoding", enc)
		etag += "-" + enc
		// ServeContent leaves the length out when the body is encoded.
		if r.Header.Get("Range") == "" {
			hd.Set("Content-Length", strconv.FormatInt(binfo.Size(), 10))
		}
	}
	hd.Set("ETag", etag+`"`)
	http.ServeContent(w, r, "", binfo.ModTime(), body)
}

var errNotRegular = errors.New("not a regular file")

// open opens name inside the root and checks that it is a regular file.
func (h *Handler) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, errNotRegular
	}
	return f, info, nil
}

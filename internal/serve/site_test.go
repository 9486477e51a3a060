package serve

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildOutputs are made by `make wasm`; a fresh checkout lacks them.
var buildOutputs = map[string]bool{
	"web/wasm_exec.js":       true,
	"web/outage.wasm":        true,
	"web/transcript.en.html": true,
	"web/transcript.id.html": true,
}

var attr = regexp.MustCompile(`\s(?:src|href)="([^"]*)"`)

// TestSitePages serves the repository's own pages and checks that every
// file they refer to is on the allow-list and served with its media type,
// and that none of them carries an inline script, style or handler that
// the CSP would block.
func TestSitePages(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	h, err := New(root)
	require.NoError(t, err)
	defer h.Close()

	get := func(p string) *http.Response {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1"+p, nil))
		return rec.Result()
	}
	pages := []string{"/index.html", "/web/embed-demo.html", "/web/transcript.en.html", "/web/transcript.id.html"}
	for _, page := range pages {
		t.Run(page, func(t *testing.T) {
			name := strings.TrimPrefix(page, "/")
			data, err := os.ReadFile(filepath.Join(root, name))
			if os.IsNotExist(err) && buildOutputs[name] {
				t.Skipf("%s is made by make wasm", name)
			}
			require.NoError(t, err)
			res := get(page)
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
			html := string(data)
			// The strict CSP: scripts and styles from files only.
			assert.NotRegexp(t, `<script(\s[^>]*)?>\s*[^<\s]`, html, "inline script")
			assert.NotContains(t, html, "<style")
			assert.NotRegexp(t, `\sstyle=`, html, "inline style")
			assert.NotRegexp(t, `(?i)\son[a-z]+=`, html, "inline event handler")

			base, _ := url.Parse("http://127.0.0.1" + page)
			for _, m := range attr.FindAllStringSubmatch(html, -1) {
				ref, err := base.Parse(m[1])
				require.NoError(t, err, m[1])
				if ref.Host != "127.0.0.1" {
					continue // links to sources elsewhere (anchors only, never loaded)
				}
				if m[1] == "" || strings.HasPrefix(m[1], "#") {
					continue
				}
				p := ref.Path
				file, ok := Resolve(p)
				require.True(t, ok, "%s refers to %s, which is not on the allow-list", page, m[1])
				if _, err := os.Stat(filepath.Join(root, file)); os.IsNotExist(err) && buildOutputs[file] {
					continue
				}
				res := get(p)
				assert.Equal(t, http.StatusOK, res.StatusCode, "%s refers to %s", page, m[1])
				if ct, ok := types[path.Ext(file)]; ok {
					assert.Equal(t, ct, res.Header.Get("Content-Type"), m[1])
				}
			}
		})
	}
}

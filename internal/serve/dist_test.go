package serve

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHashed(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"web/app.0123456789ab.js", true},
		{"/explainers/outage/web/outage.0123456789ab.wasm", true},
		{"web/outage.0123456789ab.wasm.br", true},
		{"web/outage.0123456789ab.wasm.json", true},
		{"web/app.0123456789ab.css", true},
		{"web/app.js", false},
		{"web/outage.wasm", false},
		{"web/app.0123456789a.js", false},           // too short
		{"web/app.0123456789AB.js", false},          // not lower-case hex
		{"web/transcript.0123456789ab.html", false}, // never hashed
		{"index.html", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, Hashed(tt.name)) })
	}
}

// fakeSite is a built site: the repository's page with small stand-ins for
// the build outputs.
func fakeSite(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	root := t.TempDir()
	files := map[string][]byte{
		"web/outage.wasm":        bytes.Repeat([]byte("\x00asm wasm module "), 4096),
		"web/wasm_exec.js":       []byte("// wasm_exec\n"),
		"web/transcript.en.html": []byte("<!doctype html><title>en</title>"),
		"web/transcript.id.html": []byte("<!doctype html><title>id</title>"),
	}
	for _, f := range []string{"index.html", "web/app.js", "web/page.js", "web/app.css", "web/icon.svg", "web/transcript.css"} {
		b, err := os.ReadFile(filepath.Join(repo, f))
		require.NoError(t, err)
		files[f] = b
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	// Files that must not be published.
	require.NoError(t, os.WriteFile(filepath.Join(root, "web", "embed-demo.html"), []byte("demo"), 0o644))
	return root
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	}))
	sort.Strings(out)
	return out
}

func TestDist(t *testing.T) {
	root := fakeSite(t)
	out := filepath.Join(t.TempDir(), "dist")
	res, err := Dist(root, out, 1)
	require.NoError(t, err)
	assert.True(t, res.Compressed)

	// Exactly the page, its files and the transcripts.
	files := listFiles(t, out)
	h := `[0-9a-f]{12}`
	want := []string{`index\.html`, `web/app\.` + h + `\.css`, `web/app\.` + h + `\.js`, `web/icon\.svg`,
		`web/outage\.` + h + `\.wasm`, `web/outage\.` + h + `\.wasm\.br`, `web/outage\.` + h + `\.wasm\.gz`, `web/outage\.` + h + `\.wasm\.json`,
		`web/page\.` + h + `\.js`, `web/transcript\.css`, `web/transcript\.en\.html`, `web/transcript\.id\.html`, `web/wasm_exec\.` + h + `\.js`}
	require.Len(t, files, len(want), "%v", files)
	for _, w := range want {
		n := 0
		for _, f := range files {
			if regexp.MustCompile("^" + w + "$").MatchString(f) {
				n++
			}
		}
		assert.Equal(t, 1, n, "%s in %v", w, files)
	}
	var names []string
	for _, f := range res.Files {
		names = append(names, f.Name)
	}
	assert.Equal(t, files, names, "the result lists what is on disk")

	// The page names the hashed files, and the module through data-wasm.
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	html := string(page)
	for _, old := range []string{`"web/app.js"`, `"web/page.js"`, `"web/wasm_exec.js"`, `"web/app.css"`} {
		assert.NotContains(t, html, old)
	}
	for _, m := range regexp.MustCompile(`(?:src|href)="(web/[^"]+)"`).FindAllStringSubmatch(html, -1) {
		assert.FileExists(t, filepath.Join(out, m[1]), "index.html refers to %s", m[1])
	}
	assert.Contains(t, html, `data-wasm="`+filepath.Base(res.Wasm)+`" defer>`)
	assert.Contains(t, html, `<meta http-equiv="Content-Security-Policy" content="`+MetaCSP+`">`)
	assert.True(t, Hashed(res.Wasm))

	// The copies decode to the module; the manifest describes it.
	wasm, err := os.ReadFile(filepath.Join(root, "web", "outage.wasm"))
	require.NoError(t, err)
	brf, err := os.Open(filepath.Join(out, res.Wasm+".br"))
	require.NoError(t, err)
	defer brf.Close()
	got, err := io.ReadAll(brotli.NewReader(brf))
	require.NoError(t, err)
	assert.Equal(t, wasm, got, "brotli copy")
	gzb, err := os.ReadFile(filepath.Join(out, res.Wasm+".gz"))
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(gzb))
	require.NoError(t, err)
	got, err = io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, wasm, got, "gzip copy")
	var m Manifest
	js, err := os.ReadFile(filepath.Join(out, res.Wasm+".json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &m))
	assert.Equal(t, filepath.Base(res.Wasm), m.File)
	assert.Equal(t, int64(len(wasm)), m.Bytes)
	assert.Equal(t, 1, m.BrotliQuality)

	// A second run reuses the copies and replaces the folder.
	again, err := Dist(root, out, 1)
	require.NoError(t, err)
	assert.False(t, again.Compressed, "same module, same quality: nothing to compress")
	assert.Equal(t, files, listFiles(t, out))
	// Another quality compresses again.
	q2, err := Dist(root, out, 2)
	require.NoError(t, err)
	assert.True(t, q2.Compressed)

	// A new build changes the module's name.
	require.NoError(t, os.WriteFile(filepath.Join(root, "web", "outage.wasm"), append(wasm, 1), 0o644))
	next, err := Dist(root, out, 1)
	require.NoError(t, err)
	assert.NotEqual(t, res.Wasm, next.Wasm)
	assert.NoFileExists(t, filepath.Join(out, res.Wasm), "the old module is gone")
}

func TestDistRefuses(t *testing.T) {
	root := fakeSite(t)
	t.Run("a folder that is not a dist", func(t *testing.T) {
		out := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644))
		_, err := Dist(root, out, 1)
		require.ErrorContains(t, err, "not a folder make dist wrote")
		assert.FileExists(t, filepath.Join(out, "notes.txt"), "left alone")
	})
	t.Run("the current directory", func(t *testing.T) {
		_, err := Dist(root, ".", 1)
		require.ErrorContains(t, err, "refusing")
	})
	t.Run("a bad quality", func(t *testing.T) {
		_, err := Dist(root, filepath.Join(t.TempDir(), "d"), 12)
		require.ErrorContains(t, err, "quality")
	})
	t.Run("no module", func(t *testing.T) {
		require.NoError(t, os.Remove(filepath.Join(root, "web", "outage.wasm")))
		_, err := Dist(root, filepath.Join(t.TempDir(), "d"), 1)
		require.ErrorContains(t, err, "web/outage.wasm is missing")
		assert.True(t, strings.Contains(err.Error(), "make wasm"))
	})
}

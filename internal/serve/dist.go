package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The published folder (make dist) holds the page, the files it loads and
// the transcripts, and nothing else:
//
//	index.html                       the page (revalidated: Cache-Control no-cache)
//	web/outage.<hash>.wasm           the module, and its .br, .gz, .json siblings
//	web/app.<hash>.js, page.<hash>.js, wasm_exec.<hash>.js, app.<hash>.css
//	web/transcript.{en,id}.html, web/transcript.css, web/icon.svg
//
// The files whose names carry a content hash never change, so a host can
// let browsers keep them for a year (Cache-Control: immutable); everything
// else keeps its stable name (the transcripts are linked from outside) and
// is revalidated with its ETag or Last-Modified. A new build changes the
// hashes, and the revalidated page names the new files.

// HashLen is the number of hex digits of SHA-256 in a hashed name.
const HashLen = 12

// hashedName matches a name with a content hash: "app.0123456789ab.js",
// "outage.0123456789ab.wasm.br".
var hashedName = regexp.MustCompile(`\.[0-9a-f]{12}\.(js|css|wasm)(\.br|\.gz|\.json)?$`)

// Hashed reports whether a file name (or URL path) carries a content hash,
// so that it may be cached for ever.
func Hashed(name string) bool { return hashedName.MatchString(name) }

// distHashed are the files the page loads, renamed with their hash; the
// module's siblings follow its name.
var distHashed = []string{"web/app.js", "web/page.js", "web/wasm_exec.js", "web/app.css"}

// distPlain keep their names.
var distPlain = []string{"web/transcript.en.html", "web/transcript.id.html", "web/transcript.css", "web/icon.svg"}

// MetaCSP is the policy the published page carries in a <meta> element too,
// for hosts that cannot send headers (GitHub Pages). frame-ancestors is
// left out: it works only as a header, and the page may be framed anyway.
const MetaCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; base-uri 'none'; form-action 'none'"

// DistFile is one file written by Dist.
type DistFile struct {
	Name  string // relative to the folder, with / separators
	Bytes int64
}

// DistResult is what Dist wrote.
type DistResult struct {
	Files    []DistFile
	Wasm     string // "web/outage.<hash>.wasm"
	Manifest Manifest
	// Compressed is false when the brotli and gzip copies were reused
	// (same content at the same quality).
	Compressed bool
}

// hashName inserts the first HashLen hex digits of data's SHA-256 before
// the extension of name: web/app.js -> web/app.0123456789ab.js.
func hashName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:HashLen] + ext
}

// Dist writes the published folder out from the built site at root (the
// repository: index.html and web/ after make wasm). The brotli copy of the
// module is made at quality (11 to publish), unless web/outage.wasm.br or
// the previous folder already has it at that quality. out must not exist,
// or be a previous Dist folder (index.html and web/ only), which is
// replaced whole.
func Dist(root, out string, quality int) (DistResult, error) {
	var res DistResult
	if quality < 0 || quality > MaxQuality {
		return res, fmt.Errorf("dist: brotli quality %d out of 0..%d", quality, MaxQuality)
	}
	if err := checkOut(out); err != nil {
		return res, err
	}
	read := func(name string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("dist: %s is missing in %s (run make wasm)", name, root)
		}
		return b, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), ".dist-*")
	if err != nil {
		return res, fmt.Errorf("dist: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return res, err
	}
	if err := os.Mkdir(filepath.Join(tmp, "web"), 0o755); err != nil {
		return res, err
	}
	write := func(name string, data []byte) error {
		res.Files = append(res.Files, DistFile{Name: name, Bytes: int64(len(data))})
		return os.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), data, 0o644)
	}

	// The module and its compressed copies.
	wasm, err := read("web/outage.wasm")
	if err != nil {
		return res, err
	}
	res.Wasm = hashName("web/outage.wasm", wasm)
	gz, br, m, reused := reuseCompressed(wasm, quality,
		filepath.Join(root, "web", "outage.wasm"), filepath.Join(out, filepath.FromSlash(res.Wasm)))
	if !reused {
		if gz, br, err = Compress(wasm, quality); err != nil {
			return res, fmt.Errorf("dist: compress: %w", err)
		}
		m = Manifest{Bytes: int64(len(wasm)), Gzip: int64(len(gz)), Brotli: int64(len(br)), BrotliQuality: quality}
		sum := sha256.Sum256(wasm)
		m.SHA256 = hex.EncodeToString(sum[:])
	}
	res.Compressed = !reused
	m.File = path.Base(res.Wasm)
	res.Manifest = m
	js, _ := json.MarshalIndent(m, "", "  ")
	for _, f := range []struct {
		name string
		data []byte
	}{{res.Wasm, wasm}, {res.Wasm + ".br", br}, {res.Wasm + ".gz", gz}, {res.Wasm + ".json", append(js, '\n')}} {
		if err := write(f.name, f.data); err != nil {
			return res, err
		}
	}

	// The page's scripts and style, hashed, and the page naming them.
	page, err := read("index.html")
	if err != nil {
		return res, err
	}
	html := string(page)
	renamed := map[string]string{}
	for _, name := range distHashed {
		data, err := read(name)
		if err != nil {
			return res, err
		}
		hn := hashName(name, data)
		renamed[name] = hn
		if err := write(hn, data); err != nil {
			return res, err
		}
		if html, err = replaceRef(html, name, hn); err != nil {
			return res, err
		}
	}
	app := `<script src="` + renamed["web/app.js"] + `"`
	if !strings.Contains(html, app+" defer>") {
		return res, errors.New("dist: index.html has no <script src=\"web/app.js\" defer>")
	}
	html = strings.Replace(html, app+" defer>", app+` data-wasm="`+path.Base(res.Wasm)+`" defer>`, 1)
	const charset = `<meta charset="utf-8">`
	if !strings.Contains(html, charset) {
		return res, errors.New("dist: index.html has no <meta charset=\"utf-8\">")
	}
	html = strings.Replace(html, charset, charset+"\n"+`<meta http-equiv="Content-Security-Policy" content="`+MetaCSP+`">`, 1)
	if err := write("index.html", []byte(html)); err != nil {
		return res, err
	}
	for _, name := range distPlain {
		data, err := read(name)
		if err != nil {
			return res, err
		}
		if err := write(name, data); err != nil {
			return res, err
		}
	}

	// One time for every file, so that no compressed copy looks older than
	// the module (the local server ignores stale copies).
	now := time.Now()
	for _, f := range res.Files {
		if err := os.Chtimes(filepath.Join(tmp, filepath.FromSlash(f.Name)), now, now); err != nil {
			return res, err
		}
	}
	if err := os.RemoveAll(out); err != nil {
		return res, fmt.Errorf("dist: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return res, fmt.Errorf("dist: %w", err)
	}
	slices.SortFunc(res.Files, func(a, b DistFile) int { return strings.Compare(a.Name, b.Name) })
	return res, nil
}

// replaceRef replaces the page's reference to name ("web/app.js" in an src
// or href attribute) with hashed; it is an error if there is none.
func replaceRef(html, name, hashed string) (string, error) {
	n := 0
	for _, attr := range []string{`src="`, `href="`} {
		n += strings.Count(html, attr+name+`"`)
		html = strings.ReplaceAll(html, attr+name+`"`, attr+hashed+`"`)
	}
	if n == 0 {
		return html, fmt.Errorf("dist: index.html does not load %s", name)
	}
	return html, nil
}

// reuseCompressed returns the compressed copies of wasm at quality from
// next to one of the files given (the build's web/outage.wasm, the previous
// folder's hashed module), if one has them.
func reuseCompressed(wasm []byte, quality int, files ...string) (gz, br []byte, m Manifest, ok bool) {
	sum := sha256.Sum256(wasm)
	digest := hex.EncodeToString(sum[:])
	for _, f := range files {
		js, err := os.ReadFile(f + ".json")
		if err != nil || json.Unmarshal(js, &m) != nil || m.SHA256 != digest || m.BrotliQuality != quality {
			continue
		}
		gz, err1 := os.ReadFile(f + ".gz")
		br, err2 := os.ReadFile(f + ".br")
		if err1 != nil || err2 != nil || int64(len(gz)) != m.Gzip || int64(len(br)) != m.Brotli {
			continue
		}
		return gz, br, m, true
	}
	return nil, nil, Manifest{}, false
}

// checkOut refuses to replace a directory that is not a previous Dist
// folder.
func checkOut(out string) error {
	if filepath.Clean(out) == "." || filepath.Clean(out) == "/" {
		return fmt.Errorf("dist: refusing to write to %q", out)
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	for _, e := range entries {
		if e.Name() != "index.html" && e.Name() != "web" {
			return fmt.Errorf("dist: %s holds %s, so it is not a folder make dist wrote; remove it or choose another", out, e.Name())
		}
	}
	return nil
}

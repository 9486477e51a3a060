// Command outage-transcript writes the explainer's story as plain HTML
// pages, one per language, for readers who cannot or would rather not use
// the animated explainer (screen readers, no WebGL, no WebAssembly, print):
//
//	outage-transcript [-out web] [-lang en,id]
//
// writes web/transcript.en.html and web/transcript.id.html. Each page
// holds every chapter's captions, the timeline of the canonical events
// (the real time next to the time in the simulation), the verdict of every
// safeguard on its own (ranked as the app's scoreboard ranks them, plus the
// smallest pairs that prevent the outage when no single one does), notes
// and sources. The text comes from game/story (story.Transcript) and the
// verdicts from game/verdict; the pages carry no script and no inline
// style (web/transcript.css styles them), so they pass the site's strict
// Content-Security-Policy. A page is rewritten only when its content
// changed.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
	"github.com/outagelab/outage/game/verdict"
	vm "github.com/outagelab/outage/game/viewmodel"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("outage-transcript", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "web", "directory to write transcript.<lang>.html into")
	langs := fs.String("lang", strings.Join(i18n.Langs(), ","), "comma-separated languages")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "outage-transcript: usage: outage-transcript [-out DIR] [-lang en,id]")
		return 2
	}
	if err := i18n.Err(); err != nil {
		fmt.Fprintln(stderr, "outage-transcript:", err)
		return 1
	}
	var list []string
	for l := range strings.SplitSeq(*langs, ",") {
		l = strings.TrimSpace(l)
		if !i18n.Has(l) {
			fmt.Fprintf(stderr, "outage-transcript: no locale %q (have %s)\n", l, strings.Join(i18n.Langs(), ", "))
			return 2
		}
		list = append(list, l)
	}
	data := Compute()
	for _, l := range list {
		page, err := Page(data, l, i18n.Langs())
		if err != nil {
			fmt.Fprintln(stderr, "outage-transcript:", err)
			return 1
		}
		name := filepath.Join(*out, FileName(l))
		changed, err := writeIfChanged(name, page)
		if err != nil {
			fmt.Fprintln(stderr, "outage-transcript:", err)
			return 1
		}
		note := "up to date"
		if changed {
			note = "written"
		}
		fmt.Fprintf(stdout, "%s: %d bytes (%s)\n", name, len(page), note)
	}
	return 0
}

// FileName is the transcript page of lang, relative to web/.
func FileName(lang string) string { return "transcript." + lang + ".html" }

// Data is what the pages are made of: the real night's run and the
// scoreboard, computed once for every language.
type Data struct {
	Run   *sim.Result
	Board verdict.Board
}

// Compute runs the calibrated scenario and scores every safeguard.
func Compute() Data {
	sc := scenario.Default()
	return Data{Run: sim.Run(sc, 0, sc.Seed), Board: verdict.Scoreboard(sc, sc.Seed)}
}

// Verdicts turns the scoreboard into the transcript's rows in lang: every
// single safeguard, best first, then the pairs that prevent the outage
// when no single safeguard does.
func Verdicts(d Data, lang string) []story.Verdict {
	entries := append([]verdict.Entry(nil), d.Board.Singles...)
	single := false
	for _, e := range d.Board.Singles {
		single = single || e.Verdict.Kind == verdict.Prevented
	}
	if !single {
		for _, e := range d.Board.Pairs {
			if e.Verdict.Kind == verdict.Prevented {
				entries = append(entries, e)
			}
		}
	}
	out := make([]story.Verdict, 0, len(entries))
	for _, e := range entries {
		out = append(out, story.Verdict{
			Safeguards: safeguard.Set(0).With(e.Safeguards...),
			Kind:       string(e.Verdict.Kind),
			Summary:    why(lang, d.Board.Baseline, e),
		})
	}
	return out
}

// why is the verdict's summary and explanation in lang, with how often
// the race happens over many nights (for a safeguard that acts on it) and
// what the plausible worlds make of the verdict.
func why(lang string, _ sim.Impact, e verdict.Entry) string {
	summary, why := e.Verdict.Text(lang)
	out := summary + " " + why + "."
	set := safeguard.Set(0).With(e.Safeguards...)
	if r := vm.RaceRiskFor(set, lang); r != nil {
		out += " " + r.Text
	}
	if w := vm.EnsembleWords(lang, vm.SingleOverWorlds(set)); w != "" {
		out += " " + w
	}
	return out
}

// chrome is the page's own text around the transcript, by language.
var chrome = map[string]struct{ Open, Nav, Footer string }{
	"en": {
		Open:   "Open the interactive explainer",
		Nav:    "Transcript pages",
		Footer: "This page is made from the same story and simulation as the interactive explainer.",
	},
	"id": {
		Open:   "Buka penjelasan interaktif",
		Nav:    "Halaman transkrip",
		Footer: "Halaman ini dibuat dari cerita dan simulasi yang sama dengan penjelasan interaktif.",
	},
}

type link struct{ Lang, Name, Href string }

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<meta name="description" content="{{.Intro}}">
<link rel="icon" href="icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="transcript.css">
</head>
<body>
<header class="bar">
<nav aria-label="{{.Nav}}">
<a class="open" href="{{.App}}">{{.Open}}</a>
{{range .Others}}<a class="lang" href="{{.Href}}" hreflang="{{.Lang}}" lang="{{.Lang}}">{{.Name}}</a>
{{end}}</nav>
</header>
<main id="main">
{{.Article}}</main>
<footer class="bar"><p>{{.Footer}}</p></footer>
</body>
</html>
`))

// Page is the whole transcript page of lang; all lists the languages to
// link to.
func Page(d Data, lang string, all []string) ([]byte, error) {
	doc := story.Transcript(lang, d.Run, 0, Verdicts(d, lang)...)
	c, ok := chrome[lang]
	if !ok {
		c = chrome["en"]
	}
	app := "../index.html"
	if lang != i18n.Default {
		app += "?lang=" + lang
	}
	var others []link
	for _, l := range all {
		if l != lang {
			others = append(others, link{Lang: l, Name: i18n.T(l, "lang.name"), Href: FileName(l)})
		}
	}
	var b bytes.Buffer
	err := pageTmpl.Execute(&b, map[string]any{
		"Lang": lang, "Title": doc.Title, "Intro": doc.Intro, "Nav": c.Nav, "Open": c.Open,
		"App": app, "Others": others, "Footer": c.Footer,
		// Doc.HTML escapes every text it writes.
		"Article": template.HTML(doc.HTML()),
	})
	return b.Bytes(), err
}

// writeIfChanged writes data to name through a temporary file (so that a
// server never sends half a page), unless name already holds it.
func writeIfChanged(name string, data []byte) (bool, error) {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return false, nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".transcript-*")
	if err != nil {
		return false, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return false, err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return false, err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return false, err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return false, err
	}
	return true, nil
}

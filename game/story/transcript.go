package story

import (
	"html"
	"strconv"
	"strings"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
)

// Verdict is one what-if's outcome for the transcript's table; the caller
// computes it (game/verdict) and passes its summary in the transcript's
// language.
type Verdict struct {
	Safeguards safeguard.Set
	// Kind is "prevented", "contained", "shortened", "unchanged" or "worse".
	Kind    string
	Summary string
}

// Doc is the whole story as plain text: every chapter's captions, the
// canonical timeline with real and simulated times, the verdicts, notes
// and sources. Text and HTML write it out.
type Doc struct {
	Lang     string
	Title    string
	Intro    string
	Chapters []DocChapter
	// Timeline is FACTS.md §3: the real time (PES) of each canonical
	// event and its time in the run.
	TimelineTitle string
	Columns       [3]string
	Timeline      []DocRow
	VerdictsTitle string
	VerdictCols   [3]string
	Verdicts      []DocRow
	NotesTitle    string
	Notes         []string
	SourcesTitle  string
	Sources       []DocSource
}

// DocChapter is one chapter of the transcript.
type DocChapter struct {
	Title    string
	When     string
	Captions []string
	Sources  []string
}

// DocRow is one row of a table, three cells.
type DocRow [3]string

// DocSource is one source, with its address.
type DocSource struct{ Text, URL string }

// sources are the references FACTS.md is built on.
var sources = []struct{ key, url string }{
	{"story.transcript.src.pes", "https://aws.amazon.com/message/101925/"},
	{"story.transcript.src.dat453", "https://www.youtube.com/watch?v=YZUNNzLDWb8"},
	{"story.transcript.src.rfc2308", "https://www.rfc-editor.org/rfc/rfc2308"},
	{"story.transcript.src.rfc8767", "https://www.rfc-editor.org/rfc/rfc8767"},
	{"story.transcript.src.younas", "https://github.com/wyounas/aws-dns-outage-oct-2025-modeling"},
	{"story.transcript.src.demirbas", "https://github.com/muratdem/TLA-seminar"},
	{"story.transcript.src.press", ""},
}

// Transcript builds the story of run r (made with the safeguards in set;
// the zero set is the real night) in lang. r may be nil: the chapters then
// follow the real times alone and the simulated column stays empty.
func Transcript(lang string, r *sim.Result, set safeguard.Set, verdicts ...Verdict) *Doc {
	if !i18n.Has(lang) {
		lang = i18n.Default
	}
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	d := &Doc{
		Lang:          lang,
		Title:         t("story.transcript.title"),
		Intro:         t("story.transcript.intro"),
		TimelineTitle: t("story.transcript.timeline"),
		Columns:       [3]string{t("story.transcript.col.real"), t("story.transcript.col.sim"), t("story.transcript.col.event")},
		VerdictsTitle: t("story.transcript.verdicts"),
		VerdictCols:   [3]string{t("story.transcript.col.safeguards"), t("story.transcript.col.verdict"), t("story.transcript.col.why")},
		NotesTitle:    t("story.transcript.notes"),
		Notes: []string{t("story.transcript.note.times"), t("story.transcript.note.illustrative"),
			t("story.transcript.note.uncertain"), t("story.transcript.note.model")},
		SourcesTitle: t("story.transcript.sources"),
	}
	if set != 0 {
		d.Intro += " " + t("story.transcript.whatif", "safeguards", Titles(lang, set))
	}
	for i, ch := range Chapters(r, set) {
		dc := DocChapter{
			Title: t("story.transcript.chapter", "n", i+1, "title", ch.TitleText(lang)),
			When:  t("story.transcript.when", "start", Clock(lang, ch.Start), "end", Clock(lang, ch.End)),
		}
		seen := map[string]bool{}
		for _, b := range ch.Beats {
			dc.Captions = append(dc.Captions, b.Text(lang))
			if !seen[b.Source] {
				seen[b.Source] = true
				dc.Sources = append(dc.Sources, t(b.Source))
			}
		}
		d.Chapters = append(d.Chapters, dc)
	}
	c := newRun(r, set)
	for _, m := range scenario.Timeline {
		real := dayClock(lang, sim.At(m.Day, m.Hour, m.Minute))
		if m.Note == "by" {
			real = t("story.transcript.by", "time", real)
		}
		got := "—"
		if r != nil {
			got = t("story.transcript.absent")
			if at, ok := c.at(m.ID); ok {
				got = dayClock(lang, at)
			}
		}
		d.Timeline = append(d.Timeline, DocRow{real, got, EventText(lang, r, sim.Event{Kind: m.ID, Canonical: true})})
	}
	for _, v := range verdicts {
		name := Titles(lang, v.Safeguards)
		if ids := v.Safeguards.IDs(); len(ids) == 1 {
			// A single safeguard with its one-line mechanism, as the app
			// shows it where the reader decides.
			name += " — " + t("safeguard."+string(ids[0])+".mechanism")
		}
		if v.Safeguards == 0 {
			name = t("story.transcript.none")
		}
		d.Verdicts = append(d.Verdicts, DocRow{name, t("story.transcript.verdict." + v.Kind), v.Summary})
	}
	for _, s := range sources {
		d.Sources = append(d.Sources, DocSource{t(s.key), s.url})
	}
	return d
}

// dayClock is Clock on 20 October, the main day, and DateClock otherwise.
func dayClock(lang string, t sim.Time) string {
	if t.Wall().Day() == 20 {
		return Clock(lang, t)
	}
	return DateClock(lang, t)
}

// Text writes the transcript as plain text.
func (d *Doc) Text() string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	heading := func(s string, under byte) {
		line(s)
		line(strings.Repeat(string(under), len([]rune(s))))
	}
	heading(d.Title, '=')
	line("")
	line(d.Intro)
	for _, ch := range d.Chapters {
		line("")
		heading(ch.Title, '-')
		line(ch.When)
		line("")
		for _, c := range ch.Captions {
			line(c)
		}
		line("(" + strings.Join(ch.Sources, " · ") + ")")
	}
	table := func(title string, cols [3]string, rows []DocRow) {
		if len(rows) == 0 {
			return
		}
		line("")
		heading(title, '-')
		var w [2]int
		for _, r := range append([]DocRow{cols}, rows...) {
			for i := range w {
				w[i] = max(w[i], len([]rune(r[i])))
			}
		}
		for _, r := range append([]DocRow{cols}, rows...) {
			line(pad(r[0], w[0]) + "  " + pad(r[1], w[1]) + "  " + r[2])
		}
	}
	table(d.TimelineTitle, d.Columns, d.Timeline)
	table(d.VerdictsTitle, d.VerdictCols, d.Verdicts)
	line("")
	heading(d.NotesTitle, '-')
	for _, n := range d.Notes {
		line("- " + n)
	}
	line("")
	heading(d.SourcesTitle, '-')
	for _, s := range d.Sources {
		if s.URL != "" {
			line("- " + s.Text + ": " + s.URL)
		} else {
			line("- " + s.Text)
		}
	}
	return b.String()
}

func pad(s string, w int) string {
	if n := len([]rune(s)); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// HTML writes the transcript as an HTML fragment: an <article> with
// headings, paragraphs and tables, every text escaped, no scripts and no
// inline styles (it must pass a strict Content-Security-Policy). Classes
// are there for the page's style sheet.
func (d *Doc) HTML() string {
	var b strings.Builder
	e := html.EscapeString
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	w(`<article class="transcript" lang="`, e(d.Lang), `">`, "\n")
	w("<h1>", e(d.Title), "</h1>\n<p>", e(d.Intro), "</p>\n")
	for i, ch := range d.Chapters {
		w(`<section class="chapter" id="chapter-`, strconv.Itoa(i+1), `">`, "\n")
		w("<h2>", e(ch.Title), "</h2>\n", `<p class="when">`, e(ch.When), "</p>\n")
		for _, c := range ch.Captions {
			w("<p>", e(c), "</p>\n")
		}
		w(`<p class="source">`, e(strings.Join(ch.Sources, " · ")), "</p>\n</section>\n")
	}
	table := func(class, title string, cols [3]string, rows []DocRow) {
		if len(rows) == 0 {
			return
		}
		w(`<section class="`, class, `">`, "\n<h2>", e(title), "</h2>\n<table>\n<thead><tr>")
		for _, c := range cols {
			w(`<th scope="col">`, e(c), "</th>")
		}
		w("</tr></thead>\n<tbody>\n")
		for _, r := range rows {
			w("<tr><td>", e(r[0]), "</td><td>", e(r[1]), "</td><td>", e(r[2]), "</td></tr>\n")
		}
		w("</tbody>\n</table>\n</section>\n")
	}
	table("timeline", d.TimelineTitle, d.Columns, d.Timeline)
	table("verdicts", d.VerdictsTitle, d.VerdictCols, d.Verdicts)
	w(`<section class="notes">`, "\n<h2>", e(d.NotesTitle), "</h2>\n<ul>\n")
	for _, n := range d.Notes {
		w("<li>", e(n), "</li>\n")
	}
	w("</ul>\n</section>\n", `<section class="sources">`, "\n<h2>", e(d.SourcesTitle), "</h2>\n<ul>\n")
	for _, s := range d.Sources {
		if s.URL != "" {
			w("<li>", e(s.Text), `: <a href="`, e(s.URL), `">`, e(s.URL), "</a></li>\n")
		} else {
			w("<li>", e(s.Text), "</li>\n")
		}
	}
	w("</ul>\n</section>\n</article>\n")
	return b.String()
}

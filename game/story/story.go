// Package story is the explainer's story mode: the chapters of the night
// of 19–20 October 2025, their captions and source lines, the pace at
// which each plays, the wording of the event feed, and a plain transcript.
//
// Chapters are anchored to events of a simulation Result, so the story
// follows the run being shown: the race chapter ends just after the
// regional record went empty in that run, the congestive-collapse chapter
// spans from DNS repair to the last lease. When a what-if run lacks an
// anchor (a safeguard prevented it), the chapter falls back to the real
// time from AWS's post-event summary (PES) and its captions switch to a
// variant that says what happened instead, never describing something the
// run did not do.
//
// Each chapter is a sequence of beats: one caption shown over a stretch of
// simulated time, played in a fixed number of real seconds. The speed of a
// beat (simulated seconds per real second) follows from the two, so the
// race plays in slow motion and the cascade in hours per minute, and the
// whole story autoplays in the same time whatever the run (Seconds).
//
// Captions for the real night (no safeguards) state the PES times; for a
// what-if they state the simulated times of that run. All text comes from
// the locale files (assets/locales/<lang>/story.json and events.json).
//
// The package is pure Go: no Ebitengine, no syscall/js.
package story

import (
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// Chapter is one chapter of the story, resolved against a run.
type Chapter struct {
	// ID is the chapter's stable id, as used in URLs ("race").
	ID string
	// Title and Source are locale keys.
	Title, Source string
	// Start and End bound the chapter in simulated time; chapters are
	// contiguous: each starts where the previous one ended.
	Start, End sim.Time
	// Beats split the chapter; they are contiguous too.
	Beats []Beat
	// Missing lists the anchor events the run lacked; the chapter used
	// their real (PES) times instead.
	Missing []string
}

// Beat is one caption over a stretch of a chapter.
type Beat struct {
	// Key is the caption's locale key, the variant already chosen.
	Key string
	// Args fills the caption's placeholders: name, value pairs. Values
	// of type sim.Time are written as a clock time in the reader's
	// language, float64 as a number, safeguard.Set as a list of titles.
	Args []any
	// Source is the locale key of the source line.
	Source string
	Start  sim.Time
	End    sim.Time
	// Seconds is how long the beat plays at 1×, in real seconds.
	Seconds float64
}

// Speed is the beat's pace in simulated seconds per real second.
func (b Beat) Speed() float64 {
	return float64(b.End-b.Start) / float64(sim.Second) / b.Seconds
}

// Text is the beat's caption in lang.
func (b Beat) Text(lang string) string { return render(lang, b.Key, b.Args) }

// Seconds is how long the chapter plays at 1×, in real seconds.
func (c Chapter) Seconds() float64 {
	s := 0.0
	for _, b := range c.Beats {
		s += b.Seconds
	}
	return s
}

// Speed is the chapter's average pace in simulated seconds per real second.
func (c Chapter) Speed() float64 {
	return float64(c.End-c.Start) / float64(sim.Second) / c.Seconds()
}

// IDs lists the chapter ids in story order. It does not depend on a run.
func IDs() []string {
	out := make([]string, len(script))
	for i, c := range script {
		out[i] = c.id
	}
	return out
}

// Index returns the position of chapter id in the story, or -1.
func Index(id string) int {
	for i, c := range script {
		if c.id == id {
			return i
		}
	}
	return -1
}

// Chapters resolves the story against run r, made with the safeguards in
// set. The zero set is the real night: its captions tell it as the PES
// does. r may be nil: every anchor then takes its PES time (useful for a
// transcript without a run).
func Chapters(r *sim.Result, set safeguard.Set) []Chapter {
	c := newRun(r, set)
	out := make([]Chapter, len(script))
	prev := sim.Time(0)
	for i, cs := range script {
		e := cs.end(c)
		end := e.at
		// A what-if can bring events in another order; a chapter whose
		// anchor came before its start keeps the real span instead, so
		// that it still shows something.
		if minEnd := prev + sim.Time(len(cs.beats))*minBeat; end < minEnd {
			end = max(e.real, minEnd)
		}
		ch := Chapter{ID: cs.id, Title: "story." + cs.id + ".title", Source: cs.source,
			Start: prev, End: end}
		if e.missing != "" {
			ch.Missing = append(ch.Missing, e.missing)
		}
		ch.Beats = c.beats(cs, prev, end)
		out[i] = ch
		prev = end
	}
	return out
}

// minBeat is the shortest stretch of simulated time a beat may cover, so
// that every beat has a positive speed.
const minBeat = 500 * sim.Millisecond

// beats lays a chapter's beats over [start, end]: anchored beats start at
// their event (kept in order and inside the chapter), the others share the
// time between anchors in proportion to their playing time, so the pace is
// steady between anchors.
func (c *run) beats(cs chapterSpec, start, end sim.Time) []Beat {
	n := len(cs.beats)
	at := make([]sim.Time, n+1)
	fixed := make([]bool, n+1)
	at[0], fixed[0] = start, true
	at[n], fixed[n] = end, true
	last := 0
	for j := 1; j < n; j++ {
		a := cs.beats[j].at
		if a == nil {
			continue
		}
		t, ok := a(c)
		if !ok || t <= start || t >= end {
			continue // an anchor outside the chapter: share the time instead
		}
		lo := at[last] + sim.Time(j-last)*minBeat
		hi := end - sim.Time(n-j)*minBeat
		at[j], fixed[j] = max(lo, min(t, hi)), true
		last = j
	}
	// Spread the unanchored beats between the fixed points.
	for p := 0; p < n; {
		q := p + 1
		for !fixed[q] {
			q++
		}
		total := 0.0
		for j := p; j < q; j++ {
			total += cs.beats[j].secs
		}
		acc := 0.0
		for j := p + 1; j < q; j++ {
			acc += cs.beats[j-1].secs
			at[j] = at[p] + sim.Time(float64(at[q]-at[p])*acc/total)
		}
		p = q
	}
	out := make([]Beat, n)
	for j, bs := range cs.beats {
		key, args := bs.key, []any(nil)
		if bs.text != nil {
			var variant string
			variant, args = bs.text(c)
			if variant != "" && !c.real {
				key += "." + variant
			}
		}
		src := cs.source
		if bs.source != "" {
			src = bs.source
		}
		out[j] = Beat{Key: key, Args: args, Source: src, Start: at[j], End: at[j+1], Seconds: bs.secs}
	}
	return out
}

// Seconds is how long the whole story plays at 1×, in real seconds.
func Seconds(chs []Chapter) float64 {
	s := 0.0
	for _, c := range chs {
		s += c.Seconds()
	}
	return s
}

// ChapterAt returns the index of the chapter holding t: chapters are
// half-open [Start, End), except that times before the story belong to
// the first chapter and times after it to the last. It returns -1 only
// when chs is empty.
func ChapterAt(chs []Chapter, t sim.Time) int {
	if len(chs) == 0 {
		return -1
	}
	for i, c := range chs {
		if t < c.End {
			return i
		}
	}
	return len(chs) - 1
}

// BeatAt returns the chapter and beat holding t, or -1, -1 when chs is
// empty.
func BeatAt(chs []Chapter, t sim.Time) (chapter, beat int) {
	i := ChapterAt(chs, t)
	if i < 0 {
		return -1, -1
	}
	bs := chs[i].Beats
	for j, b := range bs {
		if t < b.End {
			return i, j
		}
	}
	return i, len(bs) - 1
}

// Caption returns the caption and source line in lang for the moment t.
func Caption(lang string, chs []Chapter, t sim.Time) (text, source string) {
	i, j := BeatAt(chs, t)
	if i < 0 || j < 0 {
		return "", ""
	}
	b := chs[i].Beats[j]
	return b.Text(lang), i18n.T(lang, b.Source)
}

// TitleText returns the chapter's title in lang.
func (c Chapter) TitleText(lang string) string { return i18n.T(lang, c.Title) }

// SpeedAt returns the story's pace at t, in simulated seconds per real
// second.
func SpeedAt(chs []Chapter, t sim.Time) float64 {
	i, j := BeatAt(chs, t)
	if i < 0 {
		return 0
	}
	return chs[i].Beats[j].Speed()
}

// Elapsed returns how many real seconds the story takes at 1× to reach
// t from its start (clamped to the story).
func Elapsed(chs []Chapter, t sim.Time) float64 {
	s := 0.0
	for _, c := range chs {
		for _, b := range c.Beats {
			switch {
			case t >= b.End:
				s += b.Seconds
			case t > b.Start:
				return s + b.Seconds*float64(t-b.Start)/float64(b.End-b.Start)
			default:
				return s
			}
		}
	}
	return s
}

// TimeAt is the inverse of Elapsed: the simulated time the story shows
// after s real seconds at 1× (clamped to the story).
func TimeAt(chs []Chapter, s float64) sim.Time {
	if len(chs) == 0 {
		return 0
	}
	if s <= 0 {
		return chs[0].Start
	}
	for _, c := range chs {
		for _, b := range c.Beats {
			if s < b.Seconds {
				return b.Start + sim.Time(float64(b.End-b.Start)*s/b.Seconds)
			}
			s -= b.Seconds
		}
	}
	return chs[len(chs)-1].End
}

// Advance moves the playhead from t by secs real seconds of playing time
// (at 1×; scale it for faster or slower play, negative to rewind),
// crossing beats and chapters at their own speeds.
func Advance(chs []Chapter, t sim.Time, secs float64) sim.Time {
	if len(chs) == 0 {
		return t
	}
	next := TimeAt(chs, Elapsed(chs, t)+secs)
	// In the slowest beats one frame may be worth less than a simulated
	// millisecond: still move, so playing never stalls.
	if next == t {
		switch {
		case secs > 0 && t < chs[len(chs)-1].End:
			next++
		case secs < 0 && t > chs[0].Start:
			next--
		}
	}
	return next
}

// Progress is how far through the story t is, from 0 to 1, by playing
// time.
func Progress(chs []Chapter, t sim.Time) float64 {
	total := Seconds(chs)
	if total <= 0 {
		return 0
	}
	return Elapsed(chs, t) / total
}

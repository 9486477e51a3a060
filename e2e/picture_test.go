//go:build e2e

package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	vm "github.com/outagelab/outage/game/viewmodel"
)

var stageIDs = []string{"dns", "zone", "resolvers", "dwfm", "netmgr", "nlb", "services", "apps"}

// TestBrowserChapters opens every chapter at the desktop and phone sizes,
// in both languages and with a safeguard on, and checks through
// window.outage that the chapter's stages are the ones drawn and take
// most of the diagram, that each stage has words for the live region,
// that nothing overlaps or leaves the screen, and saves a screenshot of
// each (artifacts/chapter-*.png).
func TestBrowserChapters(t *testing.T) {
	for _, sz := range []struct{ w, h int64 }{{1280, 720}, {360, 640}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			p := open(t, sz.w, sz.h, "")
			p.call(`window.outage.pause()`)
			view := Rect{0, 0, float64(sz.w), float64(sz.h)}
			looked := 0 // chapters whose night to come was looked at
			for _, v := range []struct {
				lang       string
				safeguards string
			}{{"en", ""}, {"id", ""}, {"en", "apply-time-check"}} {
				p.call(`window.outage.setLang('` + v.lang + `')`)
				p.call(`window.outage.setSafeguards([` + map[bool]string{true: `'` + v.safeguards + `'`, false: ``}[v.safeguards != ""] + `])`)
				n := p.state().Chapters
				require.Equal(t, 10, n)
				for c := 1; c <= n; c++ {
					p.call(fmt.Sprintf(`window.outage.chapter(%d)`, c))
					p.call(`window.outage.pause()`)
					s := p.state()
					require.Equal(t, c, s.Chapter)
					require.NotEmpty(t, s.Spotlight, "chapter %d names its stages", c)
					// The layout follows on the next frame.
					for _, id := range s.Spotlight {
						p.poll(`'stage.` + id + `' in ` + layoutJS)
					}
					l := p.layout()
					diagram := l["diagram"]
					area := 0.0
					for _, id := range s.Spotlight {
						r, ok := l["stage."+id]
						require.True(t, ok, "chapter %d %s %s: stage.%s in layout(): %v", c, v.lang, v.safeguards, id, Names(l))
						assert.True(t, r.Inside(diagram, 0.5), "chapter %d: stage.%s inside the diagram", c, id)
						area += r.W * r.H
					}
					assert.Greater(t, area, 0.5*diagram.W*diagram.H, "chapter %d: the spotlight takes most of the diagram", c)
					for _, id := range stageIDs {
						if !slicesContains(s.Spotlight, id) {
							assert.NotContains(t, l, "stage."+id, "chapter %d: %s is a chip only", c, id)
						}
						assert.NotEmpty(t, s.Stages[id], "chapter %d %s: words for %s", c, v.lang, id)
						assert.NotContains(t, s.Stages[id], "{", "chapter %d: %s", c, s.Stages[id])
					}
					assert.NotEmpty(t, s.Caption)
					if v.safeguards != "" {
						assert.Equal(t, "prevented", s.Verdict.Kind)
						assert.NotEmpty(t, s.Verdict.Summary)
					}
					for _, problem := range LayoutProblems(l, view) {
						t.Errorf("chapter %d %s: %s", c, v.lang, problem)
					}
					name := fmt.Sprintf("chapter-%02d-%dx%d-%s", c, sz.w, sz.h, v.lang)
					if v.safeguards != "" {
						name += "-" + v.safeguards
					}
					shot := p.screenshot(name)
					assertContent(t, shot, name)
					if nothingPastPlayhead(t, shot, l, s.T, fmt.Sprintf("chapter %d %s %s", c, v.lang, v.safeguards)) {
						looked++
					}
				}
			}
			// The night to come was looked at in most chapters, at this
			// size too (not in the last ones: little is left to come).
			assert.GreaterOrEqual(t, looked, 15, "chapters whose bands past the playhead were checked")
		})
	}
}

// nothingPastPlayhead checks that story mode keeps the night to come
// hidden: no band colours past the playhead (beyond the key rows' labels)
// in the timeline, nor where the timeline used to be, down to the
// controls. It reports whether there was anything to look at.
func nothingPastPlayhead(t *testing.T, shot []byte, l map[string]Rect, now, what string) bool {
	t.Helper()
	plot, ok := l["timeline.plot"]
	require.True(t, ok, "%s: the timeline's plot in layout()", what)
	at, err := vm.ParseTime(now)
	require.NoError(t, err)
	ts := vm.TimeScale{T0: vm.TimelineStart, T1: vm.TimelineEnd, X0: plot.X, X1: plot.Right()}
	// From under the race strip, which has warm colours of its own.
	top := l["timeline"].Y
	if z, ok := l["timeline.zoom"]; ok {
		top = z.Bottom() + 2
	}
	// Down to the controls (whose buttons have colours of their own).
	bottom := plot.Bottom() - 18
	if c, ok := l["controls"]; ok && c.Y > plot.Bottom() {
		bottom = c.Y
	}
	// Right of the key rows' labels. The timeline's key sits at the right
	// of the markers' row, so that row is only looked at left of it.
	x0 := ts.X(at) + math.Min(260, 0.5*plot.W)
	below := plot.Y + 14
	n := bandPixels(t, shot, Rect{x0, below, plot.Right() - 4 - x0, bottom - below}) +
		bandPixels(t, shot, Rect{x0, top, plot.Right() - 400 - x0, below - top})
	assert.Zero(t, n, "%s: %d pixels of bands past the playhead", what, n)
	return plot.Right()-4 > x0
}

// bandPixels counts the pixels in r (CSS pixels) of the warm colours the
// bands use for down and degraded services.
func bandPixels(t *testing.T, shot []byte, r Rect) int {
	t.Helper()
	if r.W <= 0 || r.H <= 0 {
		return 0
	}
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	n := 0
	for y := int(r.Y); y < int(r.Bottom()); y++ {
		for x := int(r.X); x < int(r.Right()); x++ {
			c, g, b, _ := img.At(x, y).RGBA()
			if c>>8 > 150 && int(c>>8)-int(b>>8) > 90 && g>>8 < 200 {
				n++
			}
		}
	}
	return n
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

var keyDown = Key{Key: "ArrowDown", Code: "ArrowDown", KeyCode: 40}

// TestBrowserScoreboardRows opens the scoreboard from the keyboard and
// scrolls it with the arrow key until every safeguard's row has been on
// screen, at the desktop and phone sizes, and checks that serve-stale's
// row is among them and that the focus lands on a row that is drawn.
func TestBrowserScoreboardRows(t *testing.T) {
	for _, sz := range []struct{ w, h int64 }{{1280, 720}, {360, 640}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			p := open(t, sz.w, sz.h, "")
			p.call(`window.outage.pause()`)
			p.do(key(Key{Key: "b", Code: "KeyB", KeyCode: 66, Text: "b"}, 0))
			p.poll(`window.outage.state().overlay === 'scoreboard'`)
			// Every single safeguard scored.
			p.poll(`Object.keys(` + layoutJS + `).filter(k => k.startsWith('scoreboard.row.set.')).length > 0`)
			seen := map[string]bool{}
			view := Rect{0, 0, float64(sz.w), float64(sz.h)}
			for range 20 {
				l := p.layout()
				for k, r := range l {
					if id, ok := strings.CutPrefix(k, "scoreboard.row."); ok && !strings.HasPrefix(id, "set.") {
						assert.True(t, r.Inside(view, 0.5), "%s on screen", k)
						seen[id] = true
					}
				}
				if len(seen) == 15 {
					break
				}
				p.do(key(keyDown, 0))
			}
			p.screenshot(fmt.Sprintf("scoreboard-scrolled-%dx%d", sz.w, sz.h))
			assert.Len(t, seen, 15, "every safeguard's row reachable: %v", seen)
			// The wheel scrolls it back up to the first row.
			before := p.layout()
			top := ""
			for k, r := range before {
				if strings.HasPrefix(k, "scoreboard.row.") && !strings.HasPrefix(k, "scoreboard.row.set.") && (top == "" || r.Y < before[top].Y) {
					top = k
				}
			}
			cx, cy := before[top].Center()
			for range 20 {
				p.do(Wheel(cx, cy, -120), chromedp.Sleep(40*time.Millisecond))
			}
			p.poll(`'scoreboard.row.apply-time-check' in ` + layoutJS)
			assert.True(t, seen["serve-stale"], "serve-stale's row")
			// A finger dragged up the rows scrolls them down to the last
			// safeguard and back, as on a phone.
			for range 4 {
				p.do(TouchDrag(cx, cy+float64(sz.h)/4, -float64(sz.h)/3, 8)...)
				if l := p.layout(); l["scoreboard.row.serve-stale"].W > 0 {
					break
				}
			}
			p.poll(`'scoreboard.row.serve-stale' in ` + layoutJS)
			p.do(TouchDrag(cx, cy, float64(sz.h)/2, 8)...)
			p.do(TouchDrag(cx, cy, float64(sz.h)/2, 8)...)
			p.poll(`'scoreboard.row.apply-time-check' in ` + layoutJS)
			// Tab puts the focus ring on a row that is on screen.
			p.do(key(keyTab, 0))
			p.screenshot(fmt.Sprintf("scoreboard-focus-%dx%d", sz.w, sz.h))
			p.do(key(keyEscape, 0))
			p.poll(`window.outage.state().overlay === ''`)
		})
	}
}

// TestBrowserNextPrompt plays to the end of a chapter: story mode waits
// there with a Next button, and Space goes on to the next chapter.
func TestBrowserNextPrompt(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	p.call(`window.outage.chapter(2)`)
	start := p.state().T
	p.call(`window.outage.chapter(1)`)
	p.call(`window.outage.seek(new Date(Date.parse(` + jsString(start) + `) - 2000).toISOString())`)
	require.Equal(t, 1, p.state().Chapter)
	p.call(`window.outage.play()`)
	p.poll(`window.outage.state().waiting`)
	s := p.state()
	assert.Equal(t, 1, s.Chapter, "waits at the end of chapter 1")
	assert.False(t, s.Playing)
	next, ok := p.layout()["caption.next"]
	require.True(t, ok, "the Next button is laid out")
	assert.True(t, next.Inside(Rect{0, 0, 1280, 720}, 0.5))
	p.screenshot("next-prompt-1280x720")
	p.do(Press(KeySpace))
	p.poll(`window.outage.state().chapter === 2 && window.outage.state().playing`)
	assert.NotContains(t, p.layout(), "caption.next")
}

// TestBrowserEscapeClosesOnly checks that an Escape that closes a dialog
// does not also arm leaving the canvas: the Tab after it stays in the app.
func TestBrowserEscapeClosesOnly(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	p.poll(`document.activeElement === document.querySelector('canvas')`)
	p.do(key(Key{Key: "?", Code: "Slash", KeyCode: 191, Text: "?"}, modShift))
	p.poll(`window.outage.state().overlay === 'help'`)
	p.do(key(keyEscape, 0))
	p.poll(`window.outage.state().overlay === ''`)
	p.do(key(keyTab, 0))
	assert.Equal(t, "CANVAS", p.eval(`document.activeElement.tagName`), "the Escape closed help only")
	p.do(key(keyEscape, 0), key(keyTab, 0))
	assert.Equal(t, "after", p.eval(`document.activeElement.id || document.activeElement.tagName`), "Escape on the bare canvas, then Tab, leaves")
}

var keyRight = Key{Key: "ArrowRight", Code: "ArrowRight", KeyCode: 39}

// TestBrowserReplayCounterexample opens the race checker from the
// keyboard, replays its counterexample in the diagram and steps it to the
// step that empties the endpoint, with the DNS stages spotlighted.
func TestBrowserReplayCounterexample(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	p.poll(`document.activeElement === document.querySelector('canvas')`)
	p.do(key(Key{Key: "r", Code: "KeyR", KeyCode: 82, Text: "r"}, 0))
	p.poll(`window.outage.state().overlay === 'race'`)
	// Opened from the keyboard, the dialog's focus is on its replay button.
	p.do(key(keyEnter, 0))
	p.poll(`window.outage.state().replay_step === 1`)
	s := p.state()
	require.Positive(t, s.ReplaySteps)
	assert.Equal(t, "", s.Overlay)
	l := p.layout()
	for _, id := range []string{"stage.dns", "stage.zone", "caption.replay_prev", "caption.replay_next", "caption.replay_exit"} {
		assert.Contains(t, l, id)
	}
	p.screenshot("replay-step-1")
	for range s.ReplaySteps - 1 {
		p.do(key(keyRight, 0))
	}
	p.poll(fmt.Sprintf(`window.outage.state().replay_step === %d`, s.ReplaySteps))
	assert.Contains(t, p.state().Stages["zone"], "deleted", "the last step leaves the endpoint on a deleted plan")
	p.screenshot("replay-last-step")
	p.do(key(keyEscape, 0))
	p.poll(`window.outage.state().replay_step === 0`)
}

// TestBrowserMechanismTip points at a safeguard's toggle: its one-line
// mechanism appears beside it (the picture changes) and goes when the
// pointer leaves.
func TestBrowserMechanismTip(t *testing.T) {
	p := open(t, 1280, 720, "")
	p.call(`window.outage.pause()`)
	r, ok := p.layout()[safeguardWidget+"apply-time-check"]
	require.True(t, ok)
	// Inside the canvas first: a pointer that has not moved shows no hover.
	p.do(chromedp.MouseEvent(chromedp.MouseMoved, 400, 300), chromedp.Sleep(100*time.Millisecond), chromedp.MouseEvent(chromedp.MouseMoved, 410, 310))
	before := p.screenshot("tip-before")
	x, y := r.Center()
	p.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y), chromedp.Sleep(200*time.Millisecond))
	with := p.screenshot("tip-apply-time-check")
	d, err := Difference(before, with)
	require.NoError(t, err)
	assert.Greater(t, d, 0.01, "the mechanism shows beside the toggle")
}

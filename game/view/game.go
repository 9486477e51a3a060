// Package view draws the explainer with Ebitengine and turns mouse,
// touch and keyboard input into commands on the app state
// (game/viewmodel). It is the only package tree, besides cmd/outage, that
// imports Ebitengine.
package view

import (
	"errors"
	"image"
	"image/png"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// Options configure a Game.
type Options struct {
	// Screenshot, when set, is a PNG path: after Frames frames, once the
	// screen is complete (text fills in over the first frames), the game
	// saves its own screen there and ends.
	Screenshot string
	Frames     int
	// DPR overrides the device scale factor when above zero.
	DPR float64
	// Palette defaults to vm.Dark.
	Palette *vm.Palette
	// Boot, when New is given no app, builds it: on the first tick after
	// the first frame, or earlier when EnsureApp asks. Until then the
	// frames show the background only, so the page gets its first frame
	// before the app's set-up (the baseline run, the story, the locales).
	Boot func() *vm.App
	// BootPalette colours the frames before Boot has built the app
	// (default vm.Dark), so they match the reader's theme.
	BootPalette *vm.Palette
}

// ErrDone ends the game after a screenshot.
var ErrDone = errors.New("screenshot saved")

// Stats are frame and simulation timings, for the bridge's stats().
// UpdateMs and DrawMs are means over the last 60 ticks and frames (the
// first frames, until the screen is complete, are left out of DrawMs).
type Stats struct {
	FPS       float64 `json:"fps"`
	TPS       float64 `json:"tps"`
	UpdateMs  float64 `json:"update_ms"`
	DrawMs    float64 `json:"draw_ms"`
	ResimMs   float64 `json:"resim_ms"`
	HeapBytes uint64  `json:"heap_bytes"`
	// EnsembleMs is the compute time of the last verdict over the
	// plausible worlds judged in the app (a set of several safeguards),
	// EnsembleWallMs from its first world to its last, frames between.
	EnsembleMs     float64 `json:"ensemble_ms"`
	EnsembleWallMs float64 `json:"ensemble_wall_ms"`
}

// Game is the ebiten.Game of the explainer.
type Game struct {
	// Mu guards App: the bridge takes it to call App from JavaScript.
	Mu  sync.Mutex
	App *vm.App
	// OnFirstFrame, if set, is called once after the first frame is drawn.
	OnFirstFrame func()
	// AfterUpdate, if set, is called after every tick, without the lock
	// held (the bridge tells the page about changes from here).
	AfterUpdate func()
	// Copy, if set, puts text on the clipboard and later calls done with
	// whether it worked; box is where the text is shown (device pixels),
	// for a fallback the host may draw there. Without it, copying prints
	// the text on standard output (the desktop app).
	Copy func(text string, box vm.Rect, done func(ok bool))

	opt    Options
	pal    vm.Palette
	fonts  *fonts
	p      painter
	lay    *vm.Layout
	layIn  vm.Input
	lang   string
	w, h   float64
	dpr    float64
	frames int

	in input

	// Folded state of the current run, rebuilt when the run changes.
	run   *vm.Run
	zone  *vm.ZoneFolder
	board *vm.Board

	tl timelineCache
	// reports caches the "What you may have read" dialog's wording.
	reports reportsText
	// verdict caches the verdict card's words' line count.
	verdict struct {
		body  string
		width float64
		lines int
	}
	// stale caches the run's check/use pair (the race's flaw).
	stale struct {
		res *sim.Result
		sp  vm.StalePair
		ok  bool
	}
	titles stageTitles
	theme  vm.Theme
	focus  []vm.WidgetID
	// copied says how the last copy went, per share box.
	copied [2]copyState
	race   raceText
	// lastKeyboard is set while the keyboard, not the pointer, was used
	// last (a dialog opened from the keyboard puts the focus in it).
	lastKeyboard bool
	keys         []ebiten.Key

	clock              clockText
	feed               map[int]string
	capKey             captionKey
	capText, capSource string

	updAvg, drawAvg window
	// filled is set once a frame has drawn everything.
	filled bool
	// shaped is set once a frame of the app has been drawn (the first
	// one draws no text).
	shaped bool
	err    error
}

// New makes a Game over app; app may be nil when opt.Boot builds it.
func New(app *vm.App, opt Options) *Game {
	g := &Game{App: app, opt: opt, pal: vm.Dark, fonts: newFonts(), feed: map[int]string{}}
	g.p.f = g.fonts
	g.p.at = newTextAtlas()
	g.setPalette()
	return g
}

func (g *Game) setPalette() {
	if g.App == nil && g.opt.BootPalette != nil {
		g.pal = *g.opt.BootPalette
	}
	if g.App != nil {
		g.theme = g.App.Theme
		g.pal = *g.App.Theme.Palette()
	}
	if g.opt.Palette != nil {
		g.pal = *g.opt.Palette
	}
}

// EnsureApp builds the app with Options.Boot if it is not built yet, and
// returns it (nil without Boot). The caller holds g.Mu.
func (g *Game) EnsureApp() *vm.App {
	if g.App == nil && g.opt.Boot != nil {
		g.App = g.opt.Boot()
		g.setPalette()
		g.tl.invalidate()
		if g.w > 0 && g.h > 0 {
			g.ensureLayout()
		}
	}
	return g.App
}

// LayoutF sizes the screen in device pixels, so drawing is crisp on
// high-DPI screens.
func (g *Game) LayoutF(ow, oh float64) (float64, float64) {
	dpr := g.opt.DPR
	if dpr <= 0 {
		dpr = ebiten.Monitor().DeviceScaleFactor()
	}
	if dpr <= 0 {
		dpr = 1
	}
	g.dpr = dpr
	return max(1, ow*dpr), max(1, oh*dpr)
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(ow, oh int) (int, int) {
	w, h := g.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

// Update advances the app by one tick and handles input.
func (g *Game) Update() error {
	if g.err != nil {
		return g.err
	}
	start := time.Now()
	g.Mu.Lock()
	// The app is built after the first frame, which needs none of it.
	if g.frames == 0 && g.App == nil || g.EnsureApp() == nil {
		g.Mu.Unlock()
		return nil
	}
	g.update()
	g.Mu.Unlock()
	g.updAvg.add(time.Since(start))
	if g.AfterUpdate != nil {
		g.AfterUpdate()
	}
	return nil
}

func (g *Game) update() {
	g.ensureLayout()
	g.handleInput()
	tps := ebiten.TPS()
	if tps <= 0 {
		tps = 60
	}
	g.App.Tick(time.Second / time.Duration(tps))
	if g.App.FullscreenRequested {
		g.App.FullscreenRequested = false
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	// The scoreboard fills in the background while it is on view or the
	// story has reached its last chapter, a little each tick.
	if g.App.Scoreboard || (g.App.Mode == vm.ModeStory && g.App.Chapter == len(g.App.Chapters())-1) || g.App.Mode == vm.ModeExplore {
		g.App.StepBoard(2 * time.Millisecond)
	}
	// A set of several safeguards is judged over the plausible worlds a
	// few worlds a tick: 8 ms of the 16.7 ms frame, so the answer comes in
	// about as many seconds as its computing takes while the picture
	// still moves at 60 Hz (Draw takes 2–5 ms; make bench reports both).
	g.App.StepEnsemble(8 * time.Millisecond)
}

// window is the mean of the last len(ms) timings.
type window struct {
	ms [60]float64
	n  int
}

func (w *window) add(d time.Duration) {
	v := float64(d.Microseconds()) / 1000
	w.ms[w.n%len(w.ms)] = v
	w.n++
}

func (w *window) mean() float64 {
	n := min(w.n, len(w.ms))
	if n == 0 {
		return 0
	}
	sum := 0.0
	for _, v := range w.ms[:n] {
		sum += v
	}
	return sum / float64(n)
}

// ensureLayout recomputes the layout when the size or sheet changes, and
// the run's derived state when the run changes.
func (g *Game) ensureLayout() {
	a := g.App
	replay := a.Replaying() != nil
	race := !a.Embed && !replay && (a.Mode == vm.ModeExplore || vm.StageForChapter(a.CurrentChapter().ID) <= vm.StageZone)
	in := vm.Input{W: g.w, H: g.h, DPR: g.dpr, SheetOpen: a.SheetOpen, Embed: a.Embed, Chrome: a.Chrome,
		Banner: a.BannerShown(), Race: race}
	in.Focus, in.Second = a.SpotlightStages()
	in.SecondSet = true
	in.Spotlight = a.Mode == vm.ModeStory && !a.Embed
	in.NextPrompt = a.Mode == vm.ModeStory && a.AwaitNext && !a.Embed
	if replay {
		// The counterexample plays on the DNS stages.
		in.Replay, in.Spotlight, in.NextPrompt = true, !a.Embed, false
		in.Focus, in.Second = vm.StageAutomation, vm.StageZone
	}
	// The race strip is retired once the story has moved past the race.
	in.NoRaceStrip = a.Mode == vm.ModeStory && vm.StageForChapter(a.CurrentChapter().ID) > vm.StageZone && !replay
	if a.Theme != g.theme && g.opt.Palette == nil {
		g.theme = a.Theme
		g.pal = *a.Theme.Palette()
		g.tl.invalidate()
	}
	in.VerdictLines = g.layIn.VerdictLines
	if g.lay == nil || in != g.layIn {
		if g.lay == nil || in.W != g.layIn.W || in.H != g.layIn.H || in.DPR != g.layIn.DPR {
			g.fonts.reset()
			g.tl.invalidate()
		}
		g.setLayout(in)
	}
	// The verdict card grows to hold its words.
	if n := g.verdictLines(); n != in.VerdictLines {
		in.VerdictLines = n
		g.setLayout(in)
	}
	if g.lang != g.App.Lang {
		g.lang = g.App.Lang
		g.fonts.reset()
		g.tl.invalidate()
		clear(g.feed)
	}
	if cur := g.App.Current(); cur != g.run {
		g.run = cur
		g.zone = vm.NewZoneFolder(cur.Result)
		g.tl.invalidate()
		clear(g.feed)
	}
}

// setLayout lays the screen out for in. The bands are drawn once per run
// and geometry, so they are drawn again when the timeline moves or changes
// size (the race strip retired, a chapter's spotlight, the sheet), even
// when the screen's size stays the same.
func (g *Game) setLayout(in vm.Input) {
	old := g.lay
	g.layIn = in
	g.lay = vm.Compute(in)
	g.App.PanelScroll = vm.Clamp(g.App.PanelScroll, 0, g.lay.MaxScroll())
	if old == nil || old.Timeline != g.lay.Timeline || old.Labels != g.lay.Labels || old.Bands != g.lay.Bands || old.Axis != g.lay.Axis {
		g.tl.invalidate()
	}
}

// Draw draws the whole screen.
func (g *Game) Draw(screen *ebiten.Image) {
	start := time.Now()
	g.Mu.Lock()
	b := screen.Bounds()
	if float64(b.Dx()) != g.w || float64(b.Dy()) != g.h {
		g.w, g.h = float64(b.Dx()), float64(b.Dy())
	}
	if g.frames > 0 {
		g.EnsureApp()
	}
	if g.App == nil {
		// The first frame, before the app is built: the background.
		screen.Fill(col(g.pal.Bg))
		g.Mu.Unlock()
		g.frames++
		if g.frames == 1 && g.OnFirstFrame != nil {
			g.OnFirstFrame()
		}
		return
	}
	g.ensureLayout()
	g.p.dst = screen
	g.p.at.nextFrame()
	g.p.deadline = start.Add(textBudget)
	g.p.deferred = false
	screen.Fill(col(g.pal.Bg))
	if !g.shaped {
		g.shaped = true
		g.drawShapes()
	} else {
		g.drawAll()
	}
	g.p.flush()
	if !g.p.deferred {
		g.filled = true
	}
	g.Mu.Unlock()
	g.frames++
	// The frames until the screen is first complete are timed by the
	// page's first-frame mark instead.
	if g.filled {
		g.drawAvg.add(time.Since(start))
	}
	if g.frames == 1 && g.OnFirstFrame != nil {
		g.OnFirstFrame()
	}
	if g.opt.Screenshot != "" && g.frames >= max(1, g.opt.Frames) && g.filled && g.err == nil {
		g.err = g.save(screen)
	}
}

func (g *Game) save(screen *ebiten.Image) error {
	b := screen.Bounds()
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	f, err := os.Create(g.opt.Screenshot)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return ErrDone
}

// Stats reports frame and simulation timings. The caller holds no lock.
func (g *Game) Stats() Stats {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	g.Mu.Lock()
	defer g.Mu.Unlock()
	s := Stats{FPS: ebiten.ActualFPS(), TPS: ebiten.ActualTPS(), UpdateMs: g.updAvg.mean(), DrawMs: g.drawAvg.mean(),
		HeapBytes: ms.HeapAlloc}
	if g.App != nil {
		s.ResimMs = g.App.ResimMs
		s.EnsembleMs, s.EnsembleWallMs = g.App.EnsembleMs, g.App.EnsembleWallMs
	}
	return s
}

// LayoutCSS returns every named widget's rectangle in CSS pixels. The
// caller holds g.Mu.
func (g *Game) LayoutCSS() map[vm.WidgetID]vm.Rect {
	out := map[vm.WidgetID]vm.Rect{}
	if g.lay == nil || g.dpr <= 0 || g.App == nil {
		return out
	}
	for k, r := range g.lay.Named(g.App.PanelScroll) {
		out[k] = r.Scale(1 / g.dpr)
	}
	// The scoreboard's rows on screen, as last drawn.
	if g.App.Overlay() == vm.OverScoreboard {
		for _, b := range g.in.board {
			out[b.ID] = b.Rect.Scale(1 / g.dpr)
		}
	}
	if g.App.Overlay() == vm.OverReports {
		for _, b := range g.in.claims {
			out[b.ID] = b.Rect.Scale(1 / g.dpr)
		}
	}
	return out
}

// tr is a user-facing string by locale key.
func (g *Game) tr(key string, args ...any) string { return i18n.T(g.App.Lang, key, args...) }

// trIn is a string in another language.
func (g *Game) trIn(lang, key string) string { return i18n.T(lang, key) }

// now is the playhead.
func (g *Game) now() sim.Time { return g.App.T }

// DPR is the device scale factor in use. The caller holds no lock.
func (g *Game) DPR() float64 {
	if g.dpr <= 0 {
		return 1
	}
	return g.dpr
}

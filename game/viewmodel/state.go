package viewmodel

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
	"github.com/outagelab/outage/game/urlstate"
	"github.com/outagelab/outage/game/worlds"
)

// Mode is story (guided, autoplaying) or explore (free).
type Mode int

// Modes.
const (
	ModeStory Mode = iota
	ModeExplore
)

func (m Mode) String() string {
	if m == ModeExplore {
		return "explore"
	}
	return "story"
}

// Verdict is how a what-if run compares with the real night.
type Verdict struct {
	// Kind is "prevented", "avoided", "contained", "shortened",
	// "unchanged" or "worse".
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
	Why     string `json:"why"`
	// Words holds summary and why per language, when the judge provides
	// them; Summary and Why are the fallback.
	Words map[string][2]string `json:"-"`
}

// In returns the summary and why in lang.
func (v Verdict) In(lang string) (summary, why string) {
	if w, ok := v.Words[lang]; ok {
		return w[0], w[1]
	}
	return v.Summary, v.Why
}

// Engine runs the simulation and judges runs. Run must be a pure function
// of the set (same set, same Result).
type Engine struct {
	Run   func(safeguard.Set) *sim.Result
	Judge func(base, run *sim.Result) Verdict
	// CollapseLine is DWFM's capacity × timeout as a share of the fleet:
	// the most lease work that can be in flight and still finish (0 when
	// unknown; the DWFM picture then draws no line).
	CollapseLine float64
	// LeaseTimeoutMin is how long a lease work item may run before DWFM
	// abandons it and queues it again (0 when unknown).
	LeaseTimeoutMin float64
	// Worlds, if set, gives the plausible worlds of the scenario Run
	// plays (StoredWorlds for the real one), over which every verdict is
	// also judged.
	Worlds func() *worlds.File
}

// Run is one cached what-if: its result, verdict and how long it took.
type Run struct {
	Set     safeguard.Set
	Result  *sim.Result
	Verdict Verdict
	Ms      float64
}

// ExploreSpeeds are the explore mode's speeds in simulated seconds per
// real second.
var ExploreSpeeds = []float64{1, 10, 60, 300, 900, 1800, 3600}

// StorySpeedFactors scale a chapter's own speed in story mode.
var StorySpeedFactors = []float64{0.25, 0.5, 1, 2, 4}

const (
	defaultExploreSpeed = 4 // 900×: the night in about a minute
	defaultStoryFactor  = 2 // 1×
	maxCachedResults    = 24
)

// App is the state of the explainer: everything that input changes and
// drawing reads. It is not safe for concurrent use; the caller serialises
// access.
type App struct {
	eng Engine

	Mode    Mode
	T       sim.Time
	Playing bool
	Chapter int
	Set     safeguard.Set
	Lang    string
	// PauseAtChapterEnd stops story mode at the end of each chapter with
	// a "Next" prompt (on unless embedded: the reader sets the pace);
	// AwaitNext is set while it waits there.
	PauseAtChapterEnd, AwaitNext bool
	// Tried holds every safeguard the reader has switched on: story mode
	// shows a safeguard's verdict mark only once it has been tried.
	Tried safeguard.Set

	// Overlays and the narrow layout's sheet.
	Help, Scoreboard, SheetOpen bool
	// PanelScroll is the safeguard list's scroll offset in device pixels;
	// BoardScroll the scoreboard's first row shown.
	PanelScroll float64
	BoardScroll int
	// FullscreenRequested is set by the F command for the view to act on.
	FullscreenRequested bool
	// Share and Race are the Share / Embed dialog and the race checker's
	// panel; Reports the "What you may have read" dialog, ReportsScroll
	// its first claim shown.
	Share, Race, Reports bool
	ReportsScroll        int

	// Reader settings: embedding and its chrome, theme, reduced motion.
	Embed        bool
	Chrome       Chrome
	Theme        Theme
	ReduceMotion bool
	// System is what the host said about the reader's preferences.
	System System
	// LangFromLink is set when the link chose the language.
	LangFromLink bool
	// Notices are the parts of the link that were ignored; BannerOpen
	// until the reader dismisses them.
	Notices    []urlstate.Notice
	BannerOpen bool
	// Base is the page's address (origin and path) for share links.
	Base string
	// Focus is the widget the keyboard focus ring is on (WNone: none).
	Focus WidgetID

	customSpeed float64
	pin         Stage // the stage a compact diagram was asked to show
	pinChapter  int
	races       map[safeguard.Set]*RaceCheck

	speedIdx  int // explore
	factorIdx int // story
	chapters  []story.Chapter
	base      *Run
	cur       *Run
	cache     map[safeguard.Set]*Run
	order     []safeguard.Set // cache use order, oldest first
	keyEvents []sim.Time
	keyIdx    []int
	board     *Board
	zone      *ZoneFolder // for the stages' descriptions
	replay    *Replay     // the checker's counterexample shown in the diagram
	// The verdicts over the plausible worlds of sets of several
	// safeguards, judged a few worlds a tick.
	ens      *worlds.Ensemble
	ensJob   *ensembleJob
	ensCache map[safeguard.Set]*worlds.Summary
	// EnsembleMs and EnsembleWallMs are the compute and wall time of the
	// last such judging.
	EnsembleMs, EnsembleWallMs float64
	// ResimMs is how long the last simulation run took.
	ResimMs float64
}

// NewApp runs the baseline and starts story mode at the first chapter,
// playing.
func NewApp(eng Engine, lang string) *App {
	a := &App{eng: eng, Lang: lang, speedIdx: defaultExploreSpeed, factorIdx: defaultStoryFactor,
		cache: map[safeguard.Set]*Run{}, pin: -1, races: map[safeguard.Set]*RaceCheck{}}
	a.base = a.run(0)
	a.cur = a.base
	a.chapters = story.Chapters(a.base.Result, 0)
	a.indexEvents()
	a.Playing = true
	a.PauseAtChapterEnd = true
	a.T = a.chapters[0].Start
	return a
}

func (a *App) run(s safeguard.Set) *Run {
	if r, ok := a.cache[s]; ok {
		a.touch(s)
		return r
	}
	start := time.Now()
	res := a.eng.Run(s)
	ms := float64(time.Since(start).Microseconds()) / 1000
	a.ResimMs = ms
	r := &Run{Set: s, Result: res, Ms: ms}
	if a.base != nil && a.eng.Judge != nil {
		r.Verdict = a.eng.Judge(a.base.Result, res)
	} else if a.eng.Judge != nil {
		r.Verdict = a.eng.Judge(res, res)
	}
	a.cache[s] = r
	a.touch(s)
	for len(a.order) > maxCachedResults {
		old := a.order[0]
		a.order = a.order[1:]
		if old != 0 && old != a.Set {
			delete(a.cache, old)
		}
	}
	return r
}

func (a *App) touch(s safeguard.Set) {
	for i, o := range a.order {
		if o == s {
			a.order = append(a.order[:i], a.order[i+1:]...)
			break
		}
	}
	a.order = append(a.order, s)
}

// Baseline is the real night's run (no safeguards).
func (a *App) Baseline() *Run { return a.base }

// Current is the run for the selected safeguards.
func (a *App) Current() *Run { return a.cur }

// Chapters lists story mode's chapters, resolved against the current run.
func (a *App) Chapters() []story.Chapter { return a.chapters }

// CurrentChapter is the chapter the playhead is in.
func (a *App) CurrentChapter() story.Chapter { return a.chapters[a.Chapter] }

// Beat returns the indices of the chapter and beat at the playhead.
func (a *App) Beat() (int, int) { return story.BeatAt(a.chapters, a.T) }

// Speed is the effective playback speed in simulated seconds per real
// second.
func (a *App) Speed() float64 {
	if a.Mode == ModeStory {
		return story.SpeedAt(a.chapters, a.T) * a.SpeedFactor()
	}
	if a.customSpeed > 0 {
		return a.customSpeed
	}
	return ExploreSpeeds[a.speedIdx]
}

// SpeedFactor is story mode's speed factor (1 = as the chapter plays).
func (a *App) SpeedFactor() float64 {
	if a.customSpeed > 0 && a.Mode == ModeStory {
		return a.customSpeed
	}
	return StorySpeedFactors[a.factorIdx]
}

// Tick advances playback by a real-time step. Story mode crosses beats
// and chapters at their own speeds and stops at the end of the story;
// explore mode plays at a fixed speed to the end of the timeline.
func (a *App) Tick(dt time.Duration) {
	if !a.Playing || dt <= 0 {
		return
	}
	sec := dt.Seconds()
	if a.Mode == ModeExplore {
		a.T += sim.Time(math.Round(sec * a.Speed() * 1000))
		if a.T >= TimelineEnd {
			a.T = TimelineEnd
			a.Playing = false
		}
		a.Chapter = a.chapterAt(a.T)
		return
	}
	if a.OverlayOpen() {
		// A dialog over the story holds it until it closes.
		return
	}
	ch := a.Chapter
	a.T = story.Advance(a.chapters, a.T, sec*a.SpeedFactor())
	if a.PauseAtChapterEnd && !a.Embed && ch < len(a.chapters)-1 && a.T >= a.chapters[ch].End {
		// The chapter's last moment, and a prompt for the next.
		a.T = a.chapters[ch].End - 1
		a.Playing, a.AwaitNext = false, true
		a.Chapter = ch
		return
	}
	end := a.chapters[len(a.chapters)-1].End
	if a.T >= end {
		a.T = end
		a.Playing = false
	}
	a.Chapter = a.chapterAt(a.T)
}

func (a *App) chapterAt(t sim.Time) int { return max(0, story.ChapterAt(a.chapters, t)) }

func (a *App) goChapter(n int) {
	a.AwaitNext = false
	n = max(0, min(n, len(a.chapters)-1))
	a.Chapter = n
	a.T = a.chapters[n].Start
}

// Seek moves the playhead; in story mode the chapter follows.
func (a *App) Seek(t sim.Time) {
	a.AwaitNext = false
	a.T = clampTime(t)
	a.Chapter = a.chapterAt(a.T)
}

// SetChapter jumps to the start of chapter n (story mode).
func (a *App) SetChapter(n int) {
	a.goChapter(n)
}

// SetSafeguards selects a safeguard set and re-runs (cached). The story
// is resolved again against the new run, so its captions tell what this
// run did; the playhead stays where it is.
func (a *App) SetSafeguards(s safeguard.Set) {
	a.Set = s
	a.Tried |= s
	a.cur = a.run(s)
	a.chapters = story.Chapters(a.cur.Result, s)
	a.Chapter = a.chapterAt(a.T)
	a.indexEvents()
}

// Toggle flips one safeguard. In story mode's last chapter ("your
// turn"), switching one on replays the night from the chapter it
// changes.
func (a *App) Toggle(id safeguard.ID) {
	on := !a.Set.Has(id)
	last := a.Mode == ModeStory && a.Chapter == len(a.chapters)-1
	a.SetSafeguards(a.Set.Toggle(id))
	if on && last {
		if n := slices.Index(story.IDs(), ChapterChangedBy(id)); n >= 0 && n < len(a.chapters) {
			a.goChapter(n)
			a.Playing = true
		}
	}
}

// ChapterChangedBy is the chapter of the story where safeguard id first
// changes the course of the night: where it acts.
func ChapterChangedBy(id safeguard.ID) string {
	switch id {
	case safeguard.EmptyEndpointAlarm, safeguard.SelfHealingRollback:
		return "stuck"
	case safeguard.ServeStale, safeguard.KeepLastGood, safeguard.ShortNegativeTTL, safeguard.MultiRegionApps:
		return "dynamodb-dark"
	case safeguard.LeaseStaticStability:
		return "leases"
	case safeguard.DWFMAdmissionControl:
		return "collapse"
	case safeguard.NetMgrQueueThrottle:
		return "network-backlog"
	case safeguard.NLBReadinessGate, safeguard.NLBVelocityControl:
		return "health-checks"
	}
	// The DNS automation and cell-based endpoints act in the race.
	return "race"
}

// SetMode switches mode; the playhead stays.
func (a *App) SetMode(m Mode) {
	if m != a.Mode {
		a.customSpeed = 0
	}
	a.Mode = m
	a.Chapter = a.chapterAt(a.T)
}

// indexEvents collects the times ←/→ step between: canonical events and
// the model's notable events (the race's regression, failed batches,
// services going down and up).
func (a *App) indexEvents() {
	a.keyEvents = a.keyEvents[:0]
	a.keyIdx = a.keyIdx[:0]
	for i, e := range a.cur.Result.Events {
		if IsKeyEvent(e) {
			a.keyEvents = append(a.keyEvents, e.At)
			a.keyIdx = append(a.keyIdx, i)
		}
	}
	sort.Slice(a.keyEvents, func(i, j int) bool { return a.keyEvents[i] < a.keyEvents[j] })
	sort.SliceStable(a.keyIdx, func(i, j int) bool {
		ev := a.cur.Result.Events
		return ev[a.keyIdx[i]].At < ev[a.keyIdx[j]].At
	})
}

// LatestKeyEvent returns the index in the current run's events of the
// latest notable or key event at or before t (-1 if none).
func (a *App) LatestKeyEvent(t sim.Time) int {
	ev := a.cur.Result.Events
	i := sort.Search(len(a.keyIdx), func(i int) bool { return ev[a.keyIdx[i]].At > t })
	if i == 0 {
		return -1
	}
	return a.keyIdx[i-1]
}

// IsKeyEvent reports whether e is a step for ←/→ and a marker on the
// timeline.
func IsKeyEvent(e sim.Event) bool { return story.EventLevel(e) >= story.Notable }

// KeyEvents returns the sorted times ←/→ step between.
func (a *App) KeyEvents() []sim.Time { return a.keyEvents }

// NextEventAfter returns the first key event strictly after t.
func (a *App) NextEventAfter(t sim.Time) (sim.Time, bool) {
	i := sort.Search(len(a.keyEvents), func(i int) bool { return a.keyEvents[i] > t })
	if i < len(a.keyEvents) {
		return a.keyEvents[i], true
	}
	return 0, false
}

// PrevEventBefore returns the last key event strictly before t.
func (a *App) PrevEventBefore(t sim.Time) (sim.Time, bool) {
	i := sort.Search(len(a.keyEvents), func(i int) bool { return a.keyEvents[i] >= t })
	if i > 0 {
		return a.keyEvents[i-1], true
	}
	return 0, false
}

// Do carries out a command. It returns false when the command does
// nothing here (so the view can let the key through).
func (a *App) Do(c Command) bool {
	if a.replay != nil {
		// The checker's counterexample in the diagram: the keys step it.
		switch c {
		case CmdPrevEvent, CmdPrevChapter:
			a.StepReplay(-1)
			return true
		case CmdNextEvent, CmdNextChapter, CmdTogglePlay:
			a.StepReplay(1)
			return true
		case CmdClose:
			a.StopReplay()
			return true
		case CmdReplay:
			a.StopReplay()
			return true
		}
	}
	switch c {
	case CmdReplay:
		return a.StartReplay()
	case CmdReplayPrev:
		a.StepReplay(-1)
	case CmdReplayNext:
		a.StepReplay(1)
	case CmdTogglePlay:
		if a.AwaitNext && !a.Playing {
			// Next: on to the following chapter.
			a.goChapter(a.Chapter + 1)
			a.Playing = true
			return true
		}
		if a.Playing {
			a.Playing = false
			return true
		}
		if a.Mode == ModeExplore && a.T >= TimelineEnd {
			a.T = TimelineStart
		}
		if a.Mode == ModeStory && a.Chapter == len(a.chapters)-1 && a.T >= a.chapters[a.Chapter].End {
			a.goChapter(0)
		}
		a.Playing = true
	case CmdPrevEvent:
		if t, ok := a.PrevEventBefore(a.T); ok {
			a.Seek(t)
		} else {
			a.Seek(TimelineStart)
		}
	case CmdNextEvent:
		if t, ok := a.NextEventAfter(a.T); ok {
			a.Seek(t)
		} else {
			a.Seek(TimelineEnd)
		}
	case CmdPrevChapter:
		a.goChapter(a.Chapter - 1)
	case CmdNextChapter:
		wasWaiting := a.AwaitNext
		a.goChapter(a.Chapter + 1)
		if wasWaiting {
			a.Playing = true
		}
	case CmdPace:
		a.PauseAtChapterEnd = !a.PauseAtChapterEnd
	case CmdSlower:
		a.customSpeed = 0
		if a.Mode == ModeStory {
			a.factorIdx = max(0, a.factorIdx-1)
		} else {
			a.speedIdx = max(0, a.speedIdx-1)
		}
	case CmdFaster:
		a.customSpeed = 0
		if a.Mode == ModeStory {
			a.factorIdx = min(len(StorySpeedFactors)-1, a.factorIdx+1)
		} else {
			a.speedIdx = min(len(ExploreSpeeds)-1, a.speedIdx+1)
		}
	case CmdHome:
		if a.Mode == ModeStory {
			a.goChapter(0)
		} else {
			a.Seek(TimelineStart)
		}
	case CmdEnd:
		if a.Mode == ModeStory {
			a.goChapter(len(a.chapters) - 1)
		} else {
			a.Seek(TimelineEnd)
			a.Playing = false
		}
	case CmdSafeguards:
		a.toggleOverlay(&a.SheetOpen)
	case CmdHelp:
		a.toggleOverlay(&a.Help)
	case CmdScoreboard:
		a.toggleOverlay(&a.Scoreboard)
	case CmdShare:
		a.toggleOverlay(&a.Share)
	case CmdRace:
		a.toggleOverlay(&a.Race)
	case CmdReports:
		a.toggleOverlay(&a.Reports)
	case CmdLang:
		a.SetLang(a.NextLang())
		a.LangFromLink = true
	case CmdMotion:
		a.ReduceMotion = !a.ReduceMotion
	case CmdTheme:
		a.Theme = (a.Theme + 1) % numThemes
	case CmdContrast:
		if a.Theme == ThemeHighContrast {
			a.Theme = ThemeDark
			if a.System.PrefersLight {
				a.Theme = ThemeLight
			}
		} else {
			a.Theme = ThemeHighContrast
		}
	case CmdDismiss:
		if !a.BannerShown() {
			return false
		}
		a.BannerOpen = false
	case CmdStoryMode:
		a.SetMode(ModeStory)
	case CmdExploreMode:
		a.SetMode(ModeExplore)
	case CmdFullscreen:
		a.FullscreenRequested = true
	case CmdMode:
		if a.Mode == ModeStory {
			a.SetMode(ModeExplore)
		} else {
			a.SetMode(ModeStory)
		}
	case CmdClose:
		switch {
		case a.OverlayOpen() || a.SheetOpen:
			a.closeOverlays()
		case a.Focus != WNone:
			a.Focus = WNone
		case a.BannerShown():
			a.BannerOpen = false
		default:
			return false
		}
	case CmdClearSafeguards:
		a.SetSafeguards(0)
	default:
		return false
	}
	return true
}

// OverlayOpen reports whether help, the scoreboard, the share dialog or
// the race checker covers the screen.
func (a *App) OverlayOpen() bool { return a.Help || a.Scoreboard || a.Share || a.Race || a.Reports }

func (a *App) closeOverlays() {
	a.Help, a.Scoreboard, a.SheetOpen, a.Share, a.Race, a.Reports = false, false, false, false, false, false
}

// FocusStage is the stage a compact diagram shows: the one the reader
// picked in this chapter, else the one the chapter is about.
func (a *App) FocusStage() Stage {
	if a.pin >= 0 && a.pinChapter == a.Chapter {
		return a.pin
	}
	return StageForChapter(a.CurrentChapter().ID)
}

// PinStage shows stage s in a compact diagram until the chapter changes.
func (a *App) PinStage(s Stage) {
	if s >= 0 && s < NumStages {
		a.pin, a.pinChapter = s, a.Chapter
	}
}

// SpotlightStages is the stage or pair of stages the diagram spotlights
// in story mode: the chapter's, or the one the reader picked from the
// chips with its companion. second is NoStage for a single stage.
func (a *App) SpotlightStages() (first, second Stage) {
	if a.pin >= 0 && a.pinChapter == a.Chapter {
		c := Companion(a.pin)
		return min(a.pin, c), max(a.pin, c)
	}
	return Spotlight(a.CurrentChapter().ID)
}

// CollapseLine is DWFM's capacity × timeout (0 when unknown).
func (a *App) CollapseLine() float64 { return a.eng.CollapseLine }

// DWFM is DWFM's gauges at the playhead.
func (a *App) DWFM() DWFMGauges {
	return a.DWFMWith(a.cur.Result, a.T, a.cur.GaugesWith(a.T, a.Zone()))
}

// DWFMWith is DWFM's picture of run res at t, given its gauges g there
// (per frame the view has them already: no second fold of the night).
func (a *App) DWFMWith(res *sim.Result, t sim.Time, g Gauges) DWFMGauges {
	d := DWFMAt(res, t, g, a.eng.CollapseLine)
	d.TimeoutMin = a.eng.LeaseTimeoutMin
	return d
}

// Zone is the Route 53 zone of the current run at the playhead.
func (a *App) Zone() *ZoneState {
	if a.zone == nil || a.zone.Result() != a.cur.Result {
		a.zone = NewZoneFolder(a.cur.Result)
	}
	return a.zone.At(a.T)
}

// DescribeStage says in words what stage s shows at the playhead.
func (a *App) DescribeStage(s Stage) string {
	if s == StageDWFM {
		return a.DWFM().Describe(a.Lang)
	}
	if r := a.replay; r != nil && s <= StageZone {
		return DescribeStage(a.Lang, s, a.cur.Result, a.T, r.Zone(), a.eng.CollapseLine)
	}
	return DescribeStage(a.Lang, s, a.cur.Result, a.T, a.Zone(), a.eng.CollapseLine)
}

// StageForChapter is the layer of the system a chapter is about.
func StageForChapter(id string) Stage {
	switch id {
	case "normal-night", "race":
		return StageAutomation
	case "stuck":
		return StageZone
	case "dynamodb-dark":
		return StageResolvers
	case "leases", "collapse":
		return StageDWFM
	case "network-backlog":
		return StageNetMgr
	case "health-checks":
		return StageNLB
	case "long-tail":
		return StageServices
	case "what-if":
		return StageApps
	}
	return StageAutomation
}

// Progress is how far the story has got, 0..1, by playing time.
func (a *App) Progress() float64 { return story.Progress(a.chapters, a.T) }

// ChapterShares returns each chapter's share of the story's playing time,
// for the progress indicator's segments.
func (a *App) ChapterShares(dst []float64) []float64 {
	dst = dst[:0]
	total := math.Max(story.Seconds(a.chapters), 1e-9)
	for _, c := range a.chapters {
		dst = append(dst, c.Seconds()/total)
	}
	return dst
}

// toggleOverlay opens the overlay *open names, closing the others, or
// closes it when it is open.
func (a *App) toggleOverlay(open *bool) {
	was := *open
	a.closeOverlays()
	*open = !was
}

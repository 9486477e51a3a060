// Command outage is the us-east-1 outage explainer: a replay of the
// 19–20 October 2025 incident with safeguards to switch on. The same
// program runs on the desktop and, compiled to WebAssembly, in the
// browser, where it also installs the window.outage API.
//
// Desktop flags (see -h): -safeguards, -t, -chapter, -mode, -lang,
// -fullscreen, -size, and for tests -screenshot out.png -frames N (or the
// environment variables OUTAGE_SCREENSHOT and OUTAGE_FRAMES), which save
// the app's own screen after N frames and exit.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
	"github.com/outagelab/outage/game/view"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// config is what the command line asks for.
type config struct {
	set        safeguard.Set
	t          sim.Time
	seek       bool
	chapter    int // -1: none
	mode       vm.Mode
	lang       string
	fullscreen bool
	w, h       int
	dpr        float64
	shot       string
	frames     int
	paused     bool
}

func parse(args []string) (config, error) {
	c := config{chapter: -1, lang: i18n.Default, w: 1280, h: 720}
	fs := flag.NewFlagSet("outage", flag.ContinueOnError)
	sg := fs.String("safeguards", "", "comma-separated safeguard ids to switch on (valid: "+strings.Join(ids(), ", ")+")")
	t := fs.String("t", "", `start at this moment: "HH:MM" PDT or RFC 3339`)
	ch := fs.String("chapter", "", "start at this chapter: a number from 1 or an id ("+strings.Join(story.IDs(), ", ")+")")
	mode := fs.String("mode", "story", "story or explore")
	lang := fs.String("lang", i18n.Default, "language ("+strings.Join(i18n.Langs(), ", ")+")")
	fs.BoolVar(&c.fullscreen, "fullscreen", false, "start full screen")
	size := fs.String("size", "1280x720", "window size in CSS pixels, WxH")
	fs.Float64Var(&c.dpr, "dpr", 0, "device scale factor override (0: the monitor's)")
	fs.StringVar(&c.shot, "screenshot", os.Getenv("OUTAGE_SCREENSHOT"), "save the screen to this PNG after -frames frames, then exit (env OUTAGE_SCREENSHOT)")
	fs.IntVar(&c.frames, "frames", envInt("OUTAGE_FRAMES", 30), "frames before the screenshot (env OUTAGE_FRAMES)")
	fs.BoolVar(&c.paused, "paused", false, "start paused")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.set, err = safeguard.Parse(*sg); err != nil {
		return c, err
	}
	if *t != "" {
		if c.t, err = vm.ParseTime(*t); err != nil {
			return c, err
		}
		c.seek = true
	}
	if *ch != "" {
		n, err := strconv.Atoi(*ch)
		switch {
		case err == nil && n >= 1 && n <= len(story.IDs()):
			c.chapter = n - 1
		case story.Index(*ch) >= 0:
			c.chapter = story.Index(*ch)
		default:
			return c, fmt.Errorf("unknown chapter %q; valid: 1–%d or %s", *ch, len(story.IDs()), strings.Join(story.IDs(), ", "))
		}
	}
	switch *mode {
	case "story":
		c.mode = vm.ModeStory
	case "explore":
		c.mode = vm.ModeExplore
	default:
		return c, fmt.Errorf("unknown mode %q; valid: story, explore", *mode)
	}
	if !i18n.Has(*lang) {
		return c, fmt.Errorf("unknown language %q; valid: %s", *lang, strings.Join(i18n.Langs(), ", "))
	}
	c.lang = *lang
	if _, err := fmt.Sscanf(*size, "%dx%d", &c.w, &c.h); err != nil || c.w < 160 || c.h < 120 || c.w > 8192 || c.h > 8192 {
		return c, fmt.Errorf("bad -size %q; want WxH, e.g. 1280x720 (160x120 to 8192x8192)", *size)
	}
	if c.dpr < 0 || c.dpr > 8 {
		return c, fmt.Errorf("bad -dpr %v; want 0 (auto) or up to 8", c.dpr)
	}
	if c.frames < 1 {
		return c, errors.New("-frames must be at least 1")
	}
	return c, nil
}

func envInt(k string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(k)); err == nil {
		return v
	}
	return def
}

func ids() []string {
	var out []string
	for _, id := range safeguard.IDs() {
		out = append(out, string(id))
	}
	return out
}

// newApp builds the app state over the calibrated scenario.
func newApp(c config) *vm.App {
	sc := scenario.Default()
	eng := vm.Engine{
		Run:   func(s safeguard.Set) *sim.Result { return sim.Run(sc, s, sc.Seed) },
		Judge: judge,
	}
	a := vm.NewApp(eng, c.lang)
	a.SetMode(c.mode)
	if c.set != 0 {
		a.SetSafeguards(c.set)
	}
	if c.chapter >= 0 {
		a.SetChapter(c.chapter)
	}
	if c.seek {
		a.Seek(c.t)
	}
	if c.paused {
		a.Playing = false
	}
	return a
}

func main() {
	c, err := parse(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "outage:", err)
		os.Exit(2)
	}
	g := view.New(newApp(c), view.Options{Screenshot: c.shot, Frames: c.frames, DPR: c.dpr})
	install(g)
	ebiten.SetWindowTitle(i18n.T(c.lang, "app.title"))
	ebiten.SetWindowSize(c.w, c.h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(c.fullscreen)
	err = ebiten.RunGame(g)
	if err != nil && !errors.Is(err, view.ErrDone) {
		fmt.Fprintln(os.Stderr, "outage:", err)
		os.Exit(1)
	}
}

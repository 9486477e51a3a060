// Command outage is the us-east-1 outage explainer: a replay of the
// 19–20 October 2025 incident with safeguards to switch on. The same
// program runs on the desktop and, compiled to WebAssembly, in the
// browser, where it also installs the window.outage API and reads its
// settings from the page's address (game/urlstate).
//
// Desktop flags (see -h) are the link's parameters — -mode, -chapter, -t,
// -speed, -safeguards, -lang, -embed, -autoplay, -controls, -theme,
// -motion, and -link for a whole share link — plus -fullscreen, -size,
// -scale (everything larger, for a projector), -dpr, -paused, -base (the
// address share links start with), and for
// tests -screenshot out.png -frames N (or the environment variables
// OUTAGE_SCREENSHOT and OUTAGE_FRAMES), which save the app's own screen
// after N frames and exit.
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
	"github.com/outagelab/outage/game/urlstate"
	"github.com/outagelab/outage/game/view"
	vm "github.com/outagelab/outage/game/viewmodel"
)

// DefaultBase is where share links point from the desktop app: the local
// server's default address (cmd/outage-serve).
const DefaultBase = "http://127.0.0.1:8080/"

// config is what the command line (or, in the browser, the page's
// address) asks for.
type config struct {
	st         urlstate.State
	notices    []urlstate.Notice
	sys        vm.System
	base       string
	fullscreen bool
	w, h       int
	dpr        float64
	scale      float64
	shot       string
	frames     int
	open       string
}

func parse(args []string) (config, error) {
	c := config{w: 1280, h: 720, base: DefaultBase, scale: 1}
	fs := flag.NewFlagSet("outage", flag.ContinueOnError)
	link := urlstate.RegisterFlags(fs)
	fs.BoolVar(&c.fullscreen, "fullscreen", false, "start full screen")
	size := fs.String("size", "1280x720", "window size in CSS pixels, WxH")
	fs.Float64Var(&c.dpr, "dpr", 0, "device scale factor override (0: the monitor's)")
	fs.Float64Var(&c.scale, "scale", 1, "draw everything this many times larger, 1 to 3 (for a projector: -scale 1.5)")
	fs.StringVar(&c.shot, "screenshot", os.Getenv("OUTAGE_SCREENSHOT"), "save the screen to this PNG after -frames frames, then exit (env OUTAGE_SCREENSHOT)")
	fs.IntVar(&c.frames, "frames", envInt("OUTAGE_FRAMES", 30), "frames before the screenshot (env OUTAGE_FRAMES)")
	paused := fs.Bool("paused", false, "start paused (the same as -autoplay=0)")
	fs.StringVar(&c.open, "open", "", "open a dialog at the start: help, scoreboard, share, race, reports or safeguards; or replay (the race checker's counterexample in the diagram)")
	fs.StringVar(&c.base, "base", DefaultBase, "the address share links and embed snippets start with")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.st, err = link.State(); err != nil {
		return c, err
	}
	if *paused {
		c.st.Autoplay = urlstate.Off
	}
	if _, err := fmt.Sscanf(*size, "%dx%d", &c.w, &c.h); err != nil || c.w < 160 || c.h < 120 || c.w > 8192 || c.h > 8192 {
		return c, fmt.Errorf("bad -size %q; want WxH, e.g. 1280x720 (160x120 to 8192x8192)", *size)
	}
	if c.dpr < 0 || c.dpr > 8 {
		return c, fmt.Errorf("bad -dpr %v; want 0 (auto) or up to 8", c.dpr)
	}
	if !(c.scale >= 1 && c.scale <= 3) {
		return c, fmt.Errorf("bad -scale %v; want 1 to 3", c.scale)
	}
	if c.frames < 1 {
		return c, errors.New("-frames must be at least 1")
	}
	if _, ok := openCommands[c.open]; !ok {
		return c, fmt.Errorf("bad -open %q; want help, scoreboard, share, race, reports, safeguards or replay", c.open)
	}
	c.sys.Lang = systemLang(os.Getenv("LC_ALL"), os.Getenv("LC_MESSAGES"), os.Getenv("LANG"))
	return c, nil
}

// systemLang is the first of the locale settings ("id_ID.UTF-8") whose
// language the app has, or "".
func systemLang(vars ...string) string {
	for _, v := range vars {
		v, _, _ = strings.Cut(v, ".")
		if v == "" {
			continue
		}
		if l, err := vm.ParseLang(v); err == nil {
			return l
		}
	}
	return ""
}

func envInt(k string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(k)); err == nil {
		return v
	}
	return def
}

var openCommands = map[string]vm.Command{"": vm.CmdNone, "help": vm.CmdHelp, "scoreboard": vm.CmdScoreboard,
	"share": vm.CmdShare, "race": vm.CmdRace, "reports": vm.CmdReports, "safeguards": vm.CmdSafeguards, "replay": vm.CmdReplay}

// newApp builds the app state over the calibrated scenario.
func newApp(c config) *vm.App {
	sc := scenario.Default()
	eng := vm.Engine{
		Run:          func(s safeguard.Set) *sim.Result { return sim.Run(sc, s, sc.Seed) },
		Judge:        judge,
		Worlds:       vm.StoredWorlds,
		CollapseLine: sc.DWFM.CollapseLine(), LeaseTimeoutMin: sc.DWFM.TimeoutMin,
	}
	a := vm.NewApp(eng, i18n.Default)
	a.Base = c.base
	a.ApplyURL(c.st, c.notices, c.sys)
	a.Do(openCommands[c.open])
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
	host(&c)
	if stop := profile(os.Getenv("OUTAGE_CPUPROFILE")); stop != nil {
		defer stop()
	}
	opt := view.Options{Screenshot: c.shot, Frames: c.frames, DPR: c.dpr, BootPalette: firstPalette(c.st.Theme)}
	if c.scale != 1 {
		// The layout sees a window c.scale times smaller at a device scale
		// factor c.scale times larger: the same pixels, everything larger.
		d := c.dpr
		if d <= 0 {
			d = ebiten.Monitor().DeviceScaleFactor()
		}
		opt.DPR = max(d, 1) * c.scale
	}
	boot := func() *vm.App {
		hostLate(&c)
		app := newApp(c)
		ebiten.SetWindowTitle(i18n.T(app.Lang, "app.title"))
		return app
	}
	var app *vm.App
	if lazyApp {
		// The app is built after the first frame (view.Options.Boot).
		opt.Boot = boot
	} else {
		app = boot()
	}
	g := view.New(app, opt)
	gd := newGuard(g, reportCrash)
	gd.scale = c.scale
	install(g, gd)
	if lazyApp {
		// In the browser, warm the re-run before the reader's first toggle,
		// in the ticks after the app is built.
		w := &warmer{g: g}
		after := g.AfterUpdate
		g.AfterUpdate = func() {
			if after != nil {
				after()
			}
			w.step()
		}
	}

	ebiten.SetWindowSize(c.w, c.h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(c.fullscreen)
	// Embedded, the app leaves the keyboard focus with the host page until
	// the reader clicks or taps it.
	err = ebiten.RunGameWithOptions(gd, &ebiten.RunGameOptions{InitUnfocused: c.st.Embed})
	if os.Getenv("OUTAGE_STATS") != "" && !gd.Stopped() {
		fmt.Fprintf(os.Stderr, "%+v\n", g.Stats())
	}
	if errors.Is(err, errCrashed) {
		// reportCrash has said what happened.
		os.Exit(1)
	}
	if err != nil && !errors.Is(err, view.ErrDone) {
		fmt.Fprintln(os.Stderr, "outage:", err)
		os.Exit(1)
	}
}

// firstPalette is the palette of the frames drawn before the app exists,
// so that a reader who prefers light does not see a dark frame first.
func firstPalette(t urlstate.Theme) *vm.Palette {
	switch {
	case t == urlstate.ThemeHighContrast:
		return &vm.HighContrast
	case t == urlstate.ThemeLight, t == urlstate.ThemeAuto && prefersLight():
		return &vm.Light
	}
	return &vm.Dark
}

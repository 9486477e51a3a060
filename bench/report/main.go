// Command report writes the budget report of `make bench` (DESIGN §8): the
// download size of web/outage.wasm (raw, gzip, brotli level 11), its time to
// first frame in headless Chromium against the bench/minimal baseline built
// and measured in the same run, the app's Update/Draw and re-run times from
// window.outage.stats() at 1280×720, the first re-run after a toggle in
// cold page loads, a soak of story play (heap, frame time and console
// errors over -soak, 10 minutes by default), and the Go benchmarks of
// ./game/....
//
//	go run ./bench/report [-gobench FILE] [-out bench/out/report.md] [-runs 5] [-cold 5] [-soak 10m]
//	go run ./bench/report -size-only
//
// The report goes to stdout and to -out. Brotli level 11 takes about 90 s
// for an 18 MB module, so sizes are cached by content digest in bench/out.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/outagelab/outage/e2e"
	"github.com/outagelab/outage/internal/serve"
)

// Budgets from DESIGN §8.
const (
	budgetBrotli     = 3.5e6 // bytes
	budgetFirstFrame = 1.25  // × the baseline
	budgetFrameMS    = 4.0   // Update+Draw per frame
	budgetResimMS    = 16.0  // one re-run in the browser
)

var (
	outDir    = filepath.Join("bench", "out")
	sizeCache = filepath.Join(outDir, "sizes.json")
)

func main() {
	gobench := flag.String("gobench", "", "output of go test -bench to include")
	out := flag.String("out", filepath.Join(outDir, "report.md"), "where to write the report")
	runs := flag.Int("runs", 5, "page loads per build for the first-frame time")
	sizeOnly := flag.Bool("size-only", false, "report only the download size of web/outage.wasm")
	cold := flag.Int("cold", 5, "cold page loads per delay for the first re-run after a toggle")
	soakFor := flag.Duration("soak", 10*time.Minute, "how long the soak plays the story (0: no soak)")
	flag.Parse()
	if *runs < 1 || *cold < 1 || *soakFor < 0 {
		fmt.Fprintln(os.Stderr, "report: -runs and -cold must be at least 1, -soak at least 0")
		os.Exit(2)
	}
	r := &report{coldRuns: *cold, soakFor: *soakFor}
	if err := r.run(*sizeOnly, *runs, *gobench); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	text := r.String()
	fmt.Print(text)
	if !*sizeOnly {
		if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "report:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "report: wrote %s\n", *out)
	}
}

type sizes struct {
	Raw, Gzip, Brotli int64
}

type loadTimes struct {
	Ready, Downloaded, Compiled float64 // ms since navigation start, medians
	Encoding                    string
	All                         []float64
}

type report struct {
	app, base          sizes
	baseLike           sizes // bench/minimal built with the app's WASM_GCFLAGS
	gcflags            []string
	appLoad, baseLoad  loadTimes
	stats              []e2e.Stats
	resim              []float64
	ensemble           []float64 // compute and wall ms of a set judged over the worlds
	statsErr, loadErr  string
	gobench            []benchLine
	machine, chromeVer string
	coldRuns           int
	cold               []coldResult
	soakFor            time.Duration
	soak               *soakResult
}

func (r *report) run(sizeOnly bool, runs int, gobench string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	r.machine = fmt.Sprintf("%s/%s, %d cores, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	var err error
	if r.app, err = sizeOf(filepath.Join("web", "outage.wasm")); err != nil {
		return fmt.Errorf("%w (run make wasm)", err)
	}
	if sizeOnly {
		return nil
	}
	baseRoot, err := buildBaseline()
	if err != nil {
		return err
	}
	if r.base, err = sizeOf(filepath.Join(baseRoot, "web", "outage.wasm")); err != nil {
		return err
	}
	// The engine built the way the app is, so that the share the explainer
	// adds is measured like with like.
	if r.gcflags = strings.Fields(os.Getenv("WASM_GCFLAGS")); len(r.gcflags) > 0 {
		like := filepath.Join(outDir, "baseline-like.wasm")
		if err := buildMinimal(like, r.gcflags); err != nil {
			return err
		}
		if r.baseLike, err = sizeOf(like); err != nil {
			return err
		}
	}
	if gobench != "" {
		if r.gobench, err = parseBench(gobench); err != nil {
			return err
		}
	}
	r.measure(baseRoot, runs)
	return nil
}

// buildBaseline builds bench/minimal into a site of its own that uses the
// app's page and loader, so that both load the same way.
func buildBaseline() (string, error) {
	root := filepath.Join(outDir, "baseline")
	web := filepath.Join(root, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		return "", err
	}
	if err := buildMinimal(filepath.Join(web, "outage.wasm"), nil); err != nil {
		return "", err
	}
	for _, f := range []string{"index.html", "web/app.js", "web/app.css", "web/icon.svg", "web/wasm_exec.js"} {
		if err := copyFile(f, filepath.Join(root, f)); err != nil {
			return "", err
		}
	}
	// Serve the same kinds of compressed copies as the app's site.
	q := 5
	var m serve.Manifest
	if js, err := os.ReadFile(filepath.Join("web", "outage.wasm.json")); err == nil && json.Unmarshal(js, &m) == nil {
		q = m.BrotliQuality
	}
	if _, _, err := serve.Precompress(filepath.Join(web, "outage.wasm"), q); err != nil {
		return "", err
	}
	return root, nil
}

// buildMinimal builds bench/minimal for js/wasm, with Go's default compiler
// flags when gcflags is empty (the baseline of DESIGN §8).
func buildMinimal(out string, gcflags []string) error {
	fmt.Fprintln(os.Stderr, "report: building bench/minimal for js/wasm", strings.Join(gcflags, " "))
	args := []string{"build", "-trimpath", "-ldflags=-s -w"}
	for _, f := range gcflags {
		args = append(args, "-gcflags="+f)
	}
	cmd := exec.Command("go", append(args, "-o", out, "./bench/minimal")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build bench/minimal: %w", err)
	}
	return nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// sizeOf returns the raw, gzip and brotli-11 sizes of file, from its
// manifest if that was made at level 11, else from the cache, else by
// compressing it.
func sizeOf(file string) (sizes, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return sizes{}, err
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	var m serve.Manifest
	if js, err := os.ReadFile(file + ".json"); err == nil && json.Unmarshal(js, &m) == nil &&
		m.SHA256 == digest && m.BrotliQuality == serve.MaxQuality {
		return sizes{m.Bytes, m.Gzip, m.Brotli}, nil
	}
	cache := map[string]sizes{}
	if js, err := os.ReadFile(sizeCache); err == nil {
		json.Unmarshal(js, &cache)
	}
	if s, ok := cache[digest]; ok {
		return s, nil
	}
	fmt.Fprintf(os.Stderr, "report: compressing %s at brotli level 11 (about 90 s)\n", file)
	gz, br, err := serve.Compress(data, serve.MaxQuality)
	if err != nil {
		return sizes{}, err
	}
	s := sizes{int64(len(data)), int64(len(gz)), int64(len(br))}
	cache[digest] = s
	js, _ := json.MarshalIndent(cache, "", "  ")
	return s, os.WriteFile(sizeCache, js, 0o644)
}

// measure loads both builds alternately in fresh browser contexts (cold
// caches), then samples the app's stats.
func (r *report) measure(baseRoot string, runs int) {
	ctx, stop, err := e2e.NewBrowser(context.Background())
	if err != nil {
		r.loadErr = err.Error()
		return
	}
	defer stop()
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`)); err == nil {
		if m := regexp.MustCompile(`Chrome/[\d.]+`).FindString(v); m != "" {
			r.chromeVer = m
		}
	}
	appURL, stopApp, err := e2e.Serve(".")
	if err != nil {
		r.loadErr = err.Error()
		return
	}
	defer stopApp()
	baseURL, stopBase, err := e2e.Serve(baseRoot)
	if err != nil {
		r.loadErr = err.Error()
		return
	}
	defer stopBase()

	var app, base []e2e.Loader
	for i := range runs {
		fmt.Fprintf(os.Stderr, "report: first frame, run %d of %d\n", i+1, runs)
		for _, c := range []struct {
			url string
			out *[]e2e.Loader
		}{{baseURL, &base}, {appURL, &app}} {
			l, err := load(ctx, c.url, nil)
			if err != nil {
				r.loadErr = err.Error()
				return
			}
			*c.out = append(*c.out, l)
		}
	}
	r.appLoad, r.baseLoad = summarise(app), summarise(base)

	fmt.Fprintln(os.Stderr, "report: frame and re-run times at 1280×720")
	if _, err := load(ctx, appURL, func(tab context.Context) error {
		return r.sample(tab)
	}); err != nil && r.statsErr == "" {
		r.statsErr = err.Error()
	}

	for _, delay := range []time.Duration{0, time.Second} {
		fmt.Fprintf(os.Stderr, "report: first re-run after a toggle %v after the first frame, %d cold loads\n", delay, r.coldRuns)
		r.cold = append(r.cold, coldRerun(ctx, appURL, delay, r.coldRuns))
	}
	if r.soakFor > 0 {
		fmt.Fprintf(os.Stderr, "report: soak of %v\n", r.soakFor)
		s := soak(ctx, appURL, r.soakFor)
		r.soak = &s
	}
}

// load opens url at 1280×720 in a new browser context, waits for the first
// frame, runs then (if any) on the tab, and closes it.
func load(parent context.Context, url string, then func(context.Context) error) (e2e.Loader, error) {
	tab, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return e2e.Loader{}, err
	}
	tctx, tcancel := context.WithTimeout(tab, 2*time.Minute)
	defer tcancel()
	if err := e2e.Open(tctx, url, 1280, 720); err != nil {
		return e2e.Loader{}, err
	}
	l, err := e2e.WaitReady(tab, 2*time.Minute)
	if err != nil {
		return l, fmt.Errorf("%s: %w", url, err)
	}
	if then != nil {
		return l, then(tctx)
	}
	return l, nil
}

// sample lets the story play, reads stats() a few times, then switches
// safeguards and reads the re-run time after each change.
func (r *report) sample(ctx context.Context) error {
	has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.outage.stats === 'function'`))
	if err != nil || !has {
		r.statsErr = "window.outage.stats() is missing"
		return nil
	}
	chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.outage.play && window.outage.play()`), chromedp.Sleep(2*time.Second))
	for range 6 {
		s, err := e2e.AppStats(ctx)
		if err != nil {
			r.statsErr = err.Error()
			return nil
		}
		r.stats = append(r.stats, s)
		chromedp.Do(ctx, chromedp.Sleep(500*time.Millisecond))
	}
	for _, set := range []string{`["apply-time-check"]`, `[]`, `["serve-stale","keep-last-good"]`, `["dwfm-admission-control"]`, `["multi-region-apps","nlb-readiness-gate"]`, `[]`} {
		if err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`window.outage.setSafeguards(`+set+`)`),
			chromedp.Sleep(300*time.Millisecond)); err != nil {
			return err
		}
		s, err := e2e.AppStats(ctx)
		if err != nil {
			return err
		}
		r.resim = append(r.resim, s.ResimMS)
	}
	// A set of three is judged over every plausible world in the app, a
	// few worlds a tick (singles and pairs are stored): how long until it
	// is there, and how much of that was computing.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`window.outage.setSafeguards(["keep-last-good","nlb-readiness-gate","short-negative-ttl"])`)); err != nil {
		return err
	}
	for range 300 {
		s, err := e2e.AppStats(ctx)
		if err != nil {
			return err
		}
		if s.EnsembleWallMS > 0 {
			r.ensemble = []float64{s.EnsembleMS, s.EnsembleWallMS}
			break
		}
		chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond))
	}
	return nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func summarise(ls []e2e.Loader) loadTimes {
	var t loadTimes
	var d, c []float64
	for _, l := range ls {
		t.All = append(t.All, l.Timings["ready"])
		d = append(d, l.Timings["downloaded"])
		c = append(c, l.Timings["compiled"])
		t.Encoding = l.Encoding
	}
	t.Ready, t.Downloaded, t.Compiled = median(t.All), median(d), median(c)
	return t
}

type benchLine struct {
	Name  string
	N     int64
	NsOp  float64
	Extra string
}

var benchRE = regexp.MustCompile(`^(Benchmark\S+)\s+(\d+)\s+([\d.]+) ns/op(.*)$`)

func parseBench(file string) ([]benchLine, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseBenchFrom(f)
}

func parseBenchFrom(rd io.Reader) ([]benchLine, error) {
	var out []benchLine
	pkg := ""
	sc := bufio.NewScanner(rd)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimPrefix(p, "github.com/outagelab/outage/")
			continue
		}
		m := benchRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.ParseInt(m[2], 10, 64)
		ns, _ := strconv.ParseFloat(m[3], 64)
		name := m[1]
		if pkg != "" {
			name = pkg + " " + name
		}
		out = append(out, benchLine{name, n, ns, strings.Join(strings.Fields(m[4]), " ")})
	}
	return out, sc.Err()
}

func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }

func verdict(ok bool) string {
	if ok {
		return "within budget"
	}
	return "**over budget**"
}

func (r *report) String() string {
	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	if r.base.Raw > 0 {
		w("# Budget report\n\n")
		w("%s; %s; %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), r.machine, or(r.chromeVer, "headless Chromium"))
	}

	w("## Download size (DESIGN §8: ≤ 3.5 MB brotli)\n\n")
	w("| build | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|\n")
	w("| web/outage.wasm | %s | %s | %s |\n", mb(r.app.Raw), mb(r.app.Gzip), mb(r.app.Brotli))
	if r.base.Raw > 0 {
		w("| bench/minimal (baseline, Go's default flags) | %s | %s | %s |\n", mb(r.base.Raw), mb(r.base.Gzip), mb(r.base.Brotli))
	}
	if r.baseLike.Raw > 0 {
		w("| bench/minimal built like the app | %s | %s | %s |\n", mb(r.baseLike.Raw), mb(r.baseLike.Gzip), mb(r.baseLike.Brotli))
	}
	w("\nApp brotli: %s, %s", mb(r.app.Brotli), verdict(float64(r.app.Brotli) <= budgetBrotli))
	if r.base.Brotli > 0 {
		w("; %+.0f%% over the baseline", 100*(float64(r.app.Brotli)/float64(r.base.Brotli)-1))
	}
	if r.baseLike.Brotli > 0 {
		w("; the app is built with `%s`, and the explainer adds %+.0f%% to the engine built the same way (DESIGN §8 aims at ~15%%)",
			strings.Join(r.gcflags, " "), 100*(float64(r.app.Brotli)/float64(r.baseLike.Brotli)-1))
	}
	w(".\n\n")
	if r.base.Raw == 0 {
		return b.String()
	}

	w("## First frame in headless Chromium (≤ 1.25× the baseline)\n\n")
	if r.loadErr != "" {
		w("Not measured: %s\n\n", r.loadErr)
	} else {
		w("Cold loads at 1280×720 from a loopback server, each in a fresh browser context, alternating; medians in ms since navigation start (wasm served as %s). Start-up is Go's initialisation, the game's set-up and its first Draw.\n\n", or(r.appLoad.Encoding, "?"))
		w("| build | downloaded | compiled | start-up to first frame | first frame | all runs |\n|---|---:|---:|---:|---:|---|\n")
		row := func(name string, t loadTimes) {
			var all []string
			for _, v := range t.All {
				all = append(all, strconv.FormatFloat(v, 'f', 0, 64))
			}
			w("| %s | %.0f | %.0f | %.0f | **%.0f** | %s |\n", name, t.Downloaded, t.Compiled, t.Ready-t.Compiled, t.Ready, strings.Join(all, ", "))
		}
		row("web/outage.wasm", r.appLoad)
		row("bench/minimal", r.baseLoad)
		ratio := r.appLoad.Ready / r.baseLoad.Ready
		w("\nRatio %.2f×, %s.\n\n", ratio, verdict(ratio <= budgetFirstFrame))
	}

	w("## Frame and re-run times at 1280×720 (Update+Draw ≤ 4 ms; re-run ≤ 16 ms)\n\n")
	switch {
	case r.statsErr != "":
		w("Not measured: %s\n\n", r.statsErr)
	case len(r.stats) == 0:
		w("Not measured.\n\n")
	default:
		var up, dr, fps, tps, heap []float64
		for _, s := range r.stats {
			up, dr = append(up, s.UpdateMS), append(dr, s.DrawMS)
			fps, tps, heap = append(fps, s.FPS), append(tps, s.TPS), append(heap, s.HeapBytes)
		}
		frame := median(up) + median(dr)
		w("From window.outage.stats(), %d samples while the story plays (medians): Update %.2f ms, Draw %.2f ms, **Update+Draw %.2f ms** (%s); %.0f FPS, %.0f TPS; heap %.1f MB.\n\n",
			len(r.stats), median(up), median(dr), frame, verdict(frame <= budgetFrameMS), median(fps), median(tps), median(heap)/1e6)
		if len(r.resim) > 0 {
			worst := slices.Max(r.resim)
			var all []string
			for _, v := range r.resim {
				all = append(all, strconv.FormatFloat(v, 'f', 2, 64))
			}
			w("Re-run after setSafeguards(): %s ms; worst **%.2f ms** (%s).\n\n", strings.Join(all, ", "), worst, verdict(worst <= budgetResimMS))
		}
		if len(r.ensemble) == 2 {
			w("Verdict over the plausible worlds of a set of three safeguards (singles and pairs are stored and show at once): **%.0f ms** from the toggle to the last world, %.0f ms of it computing, sliced over the frames (budget 1 s: %s).\n\n",
				r.ensemble[1], r.ensemble[0], verdict(r.ensemble[1] <= 1000))
		} else {
			w("Verdict over the plausible worlds of a set of three: not finished within 30 s.\n\n")
		}
	}

	if len(r.cold) > 0 {
		writeCold(w, r.cold)
	}
	if r.soak != nil {
		r.soak.write(w)
	}

	if len(r.gobench) > 0 {
		w("## Go benchmarks (native)\n\n| benchmark | runs | time/op | |\n|---|---:|---:|---|\n")
		for _, l := range r.gobench {
			w("| %s | %d | %s | %s |\n", l.Name, l.N, dur(l.NsOp), l.Extra)
		}
		w("\n")
	}
	return b.String()
}

func dur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

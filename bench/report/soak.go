package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/outagelab/outage/e2e"
)

// Budgets of the soak and the cold re-run (issue 11).
const (
	budgetSoakHeap = 0.10 // the end's heap within 10% of the first minute's
	budgetSoakDraw = 0.10 // no growth in frame time beyond noise
)

// soakSample is one reading of window.outage.stats() during the soak.
type soakSample struct {
	At    time.Duration
	Stats e2e.Stats
}

// soakResult is what the soak saw.
type soakResult struct {
	Duration time.Duration
	Samples  []soakSample
	Actions  int
	Console  []string // errors and uncaught exceptions
	Err      string
	// LoadStart and LoadEnd are the machine's load averages (1 min), which
	// say how far the times can be trusted on a shared machine.
	LoadStart, LoadEnd string
}

// soakActions are what the reader does every few seconds, in turn: switch
// a safeguard, seek, jump to a chapter.
var soakActions = []string{
	`window.outage.setSafeguards(['apply-time-check'])`,
	`window.outage.seek('02:25')`,
	`window.outage.chapter(3)`,
	`window.outage.setSafeguards([])`,
	`window.outage.seek('05:30')`,
	`window.outage.chapter(6)`,
	`window.outage.setSafeguards(['dwfm-admission-control', 'nlb-readiness-gate'])`,
	`window.outage.seek('23:48')`,
	`window.outage.chapter(9)`,
	`window.outage.setSafeguards(['keep-last-good'])`,
	`window.outage.seek('10:00')`,
	`window.outage.chapter(1)`,
}

// soak plays the story in the app at url for d in a fresh browser context,
// with an action every 3 s and stats() every 5 s.
func soak(parent context.Context, url string, d time.Duration) soakResult {
	res := soakResult{Duration: d}
	tab, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		res.Err = err.Error()
		return res
	}
	var mu sync.Mutex
	go func() {
		for m, err := range chromedp.Console(tab) {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				res.Console = append(res.Console, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}()
	tctx, tcancel := context.WithTimeout(tab, d+3*time.Minute)
	defer tcancel()
	if err := e2e.Open(tctx, url, 1280, 720); err != nil {
		res.Err = err.Error()
		return res
	}
	if _, err := e2e.WaitReady(tab, 2*time.Minute); err != nil {
		res.Err = err.Error()
		return res
	}
	res.LoadStart = loadAverage()
	start := time.Now()
	nextAction, nextSample := start, start
	for time.Since(start) < d {
		now := time.Now()
		if !now.Before(nextAction) {
			act := soakActions[res.Actions%len(soakActions)]
			if err := chromedp.Do(tctx, chromedp.Evaluate[chromedp.Void](act+`; window.outage.play()`)); err != nil {
				res.Err = err.Error()
				return res
			}
			res.Actions++
			nextAction = nextAction.Add(3 * time.Second)
		}
		if !now.Before(nextSample) {
			s, err := e2e.AppStats(tctx)
			if err != nil {
				res.Err = err.Error()
				return res
			}
			res.Samples = append(res.Samples, soakSample{At: time.Since(start), Stats: s})
			nextSample = nextSample.Add(5 * time.Second)
			if n := len(res.Samples); n%12 == 0 {
				fmt.Fprintf(os.Stderr, "report: soak %v of %v, heap %.1f MB\n", time.Since(start).Round(time.Second), d, s.HeapBytes/1e6)
			}
		}
		time.Sleep(time.Until(minTime(nextAction, nextSample)))
	}
	res.LoadEnd = loadAverage()
	mu.Lock()
	res.Console = slices.Clone(res.Console)
	mu.Unlock()
	return res
}

// loadAverage is the one-minute load average, or "?" where there is none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// window returns the samples with from <= At < to.
func (r soakResult) window(from, to time.Duration) []soakSample {
	var out []soakSample
	for _, s := range r.Samples {
		if s.At >= from && s.At < to {
			out = append(out, s)
		}
	}
	return out
}

func heapsOf(ss []soakSample) []float64 {
	var v []float64
	for _, s := range ss {
		v = append(v, s.Stats.HeapBytes)
	}
	return v
}

// liveOf is the live heap after the last collection, which does not swing
// with the garbage made between collections: the measure of a leak.
func liveOf(ss []soakSample) []float64 {
	var v []float64
	for _, s := range ss {
		v = append(v, s.Stats.HeapLive)
	}
	return v
}

func framesOf(ss []soakSample) []float64 {
	var v []float64
	for _, s := range ss {
		v = append(v, s.Stats.UpdateMS+s.Stats.DrawMS)
	}
	return v
}

// slope is the least-squares slope of y over x.
func slope(x, y []float64) float64 {
	n := float64(len(x))
	if n < 2 {
		return 0
	}
	var sx, sy, sxx, sxy float64
	for i := range x {
		sx, sy, sxx, sxy = sx+x[i], sy+y[i], sxx+x[i]*x[i], sxy+x[i]*y[i]
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / den
}

// write adds the soak's section to the report.
func (r soakResult) write(w func(string, ...any)) {
	w("## Soak: %v of story play (heap at the end within 10%% of minute 1; no growth in frame time; no console errors)\n\n", r.Duration)
	if r.Err != "" {
		w("Not measured: %s\n\n", r.Err)
		return
	}
	minute := time.Minute
	if r.Duration < 3*time.Minute {
		minute = r.Duration / 3 // a short soak by hand: thirds instead of minutes
	}
	first := r.window(minute, 2*minute)
	if len(first) == 0 {
		first = r.window(0, minute)
	}
	last := r.window(r.Duration-minute, r.Duration+time.Minute)
	if len(first) == 0 || len(last) == 0 {
		w("Not measured: too few samples (%d).\n\n", len(r.Samples))
		return
	}
	h1, h2 := median(liveOf(first)), median(liveOf(last))
	a1, a2 := median(heapsOf(first)), median(heapsOf(last))
	f1, f2 := median(framesOf(first)), median(framesOf(last))
	var x, y []float64
	for _, s := range r.window(minute, r.Duration+time.Minute) {
		x = append(x, s.At.Minutes())
		y = append(y, s.Stats.UpdateMS+s.Stats.DrawMS)
	}
	k := slope(x, y)
	heapOK := h2 <= h1*(1+budgetSoakHeap)
	frameOK := f2 <= f1*(1+budgetSoakDraw) || f2-f1 < 0.2
	w("Headless Chromium at 1280×720, the story playing; every 3 s one of: a safeguard switched, a seek, a chapter jump (%d actions); window.outage.stats() every 5 s (%d samples). Medians over the window after the first minute and over the last one.\n\n", r.Actions, len(r.Samples))
	w("| | after minute 1 (%v–%v) | last minute | change |\n|---|---:|---:|---:|\n", minute.Round(time.Second), (2 * minute).Round(time.Second))
	w("| Go heap live after GC | %.2f MB | %.2f MB | %+.1f%% (%s) |\n", h1/1e6, h2/1e6, 100*(h2/h1-1), verdict(heapOK))
	w("| Go heap allocated (HeapAlloc, with garbage) | %.1f MB | %.1f MB | %+.1f%% |\n", a1/1e6, a2/1e6, 100*(a2/a1-1))
	w("| Update+Draw | %.2f ms | %.2f ms | %+.2f ms (%s) |\n", f1, f2, f2-f1, verdict(frameOK))
	fps1, fps2 := 0.0, 0.0
	for _, s := range first {
		fps1 += s.Stats.FPS / float64(len(first))
	}
	for _, s := range last {
		fps2 += s.Stats.FPS / float64(len(last))
	}
	w("| FPS (mean) | %.0f | %.0f | |\n\n", fps1, fps2)
	var lx, ly []float64
	for _, s := range r.window(minute, r.Duration+time.Minute) {
		lx, ly = append(lx, s.At.Minutes()), append(ly, s.Stats.HeapLive/1e6)
	}
	w("Trends after minute 1 (least squares): Update+Draw %+.3f ms per minute, live heap %+.3f MB per minute. HeapAlloc range over the run: %.1f–%.1f MB. Load average of the machine at the start and the end: %s, %s.\n\n",
		k, slope(lx, ly), slices.Min(heapsOf(r.Samples))/1e6, slices.Max(heapsOf(r.Samples))/1e6, r.LoadStart, r.LoadEnd)
	var curve []string
	step := max(1, len(r.Samples)/20)
	for i := 0; i < len(r.Samples); i += step {
		s := r.Samples[i]
		curve = append(curve, fmt.Sprintf("%s %.2f/%.1f MB %.2f ms", s.At.Round(time.Second), s.Stats.HeapLive/1e6, s.Stats.HeapBytes/1e6, s.Stats.UpdateMS+s.Stats.DrawMS))
	}
	w("The curve (time, live/allocated heap, Update+Draw): %s.\n\n", strings.Join(curve, "; "))
	if len(r.Console) == 0 {
		w("Console errors: **0** (within budget).\n\n")
	} else {
		w("Console errors: **%d** (**over budget**):\n\n", len(r.Console))
		for _, c := range r.Console[:min(len(r.Console), 10)] {
			w("- %s\n", c)
		}
		w("\n")
	}
}

// coldResult is the first re-run after a toggle in fresh page loads.
type coldResult struct {
	Delay time.Duration // after the first frame
	Ms    []float64
	Err   string
	Load  string // the load average when it started
}

// coldRerun loads the app n times in fresh browser contexts and switches a
// safeguard delay after its first frame, reading the re-run's time.
func coldRerun(parent context.Context, url string, delay time.Duration, n int) coldResult {
	res := coldResult{Delay: delay, Load: loadAverage()}
	for range n {
		_, err := load(parent, url, func(tab context.Context) error {
			if err := chromedp.Do(tab, chromedp.Sleep(delay),
				chromedp.Evaluate[chromedp.Void](`window.outage.setSafeguards(['apply-time-check'])`)); err != nil {
				return err
			}
			s, err := e2e.AppStats(tab)
			if err != nil {
				return err
			}
			res.Ms = append(res.Ms, s.ResimMS)
			return nil
		})
		if err != nil {
			res.Err = err.Error()
			return res
		}
	}
	return res
}

func writeCold(w func(string, ...any), rs []coldResult) {
	w("## The first re-run after a toggle, cold (≤ 16 ms)\n\n")
	w("Each a fresh page load in a fresh browser context; setSafeguards(['apply-time-check']) at the given time after the first frame; the re-run's time from stats().resim_ms.\n\n")
	w("| toggle after the first frame | runs (ms) | median | worst | | load average |\n|---|---|---:|---:|---|---:|\n")
	for _, r := range rs {
		if r.Err != "" {
			w("| %v | not measured: %s | | | | |\n", r.Delay, r.Err)
			continue
		}
		var all []string
		for _, v := range r.Ms {
			all = append(all, fmt.Sprintf("%.1f", v))
		}
		worst := slices.Max(r.Ms)
		w("| %v | %s | %.1f | **%.1f** | %s | %s |\n", r.Delay, strings.Join(all, ", "), median(r.Ms), worst, verdict(worst <= budgetResimMS), r.Load)
	}
	w("\n")
}

// Package e2e tests the real built app: web/outage.wasm in headless Chromium,
// driven with chromedp, and the desktop build under Xvfb. The tests carry
// the build tag e2e (run them with `make e2e` and `make test-desktop`); in
// CI (CI=true) a missing browser or Xvfb fails them instead of skipping.
//
// This file is the harness the tests share with bench/report: the Chromium
// allocator, an in-process server, and typed access to the loader
// (window.outageLoader) and the app's window.outage API.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/outagelab/outage/internal/serve"
)

// ChromiumPath finds the browser: $CHROMIUM, or chromium, chromium-browser,
// google-chrome on PATH.
func ChromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// ErrNoChromium is the error of ChromiumPath when no browser is installed.
var ErrNoChromium = errors.New("no Chromium found (install chromium or set CHROMIUM)")

// FramesInProcess are browser options that keep every iframe in the
// process of its page (no site isolation), so that a tab's console and
// network events include those of its frames, cross-origin and sandboxed
// ones too: chromedp does not attach to out-of-process frames by itself,
// and attaching later misses their first events. Web-platform rules
// (origins, sandbox flags, CSP) are unchanged; only the process model is.
var FramesInProcess = []chromedp.ExecAllocatorOption{
	chromedp.Flag("disable-site-isolation-trials", true),
	chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,IsolateOrigins,site-per-process,IsolateSandboxedIframes"),
}

// NewBrowser starts headless Chromium and returns a context holding it.
// Make a tab with chromedp.NewContext(ctx); cancel stops the browser.
// extra options come after the defaults (e.g. FramesInProcess).
func NewBrowser(parent context.Context, extra ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, error) {
	path, err := ChromiumPath()
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
	)
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	cancel := func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancel()
		return nil, nil, fmt.Errorf("start %s: %w", path, err)
	}
	return ctx, cancel, nil
}

// Serve serves root (index.html and web/) on a random loopback port with the
// same handler as cmd/outage-serve, and returns its base URL ("http://…/").
func Serve(root string) (string, func(), error) {
	h, err := serve.New(root)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.Close()
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	stop := func() { srv.Close(); h.Close() }
	return "http://" + ln.Addr().String() + "/", stop, nil
}

// Open sets the viewport (before navigating, so the app starts at that
// size) and loads url in the tab of ctx.
func Open(ctx context.Context, url string, w, h int64) error {
	return chromedp.Do(ctx,
		chromedp.EmulateViewport(w, h),
		chromedp.Navigate(url),
	)
}

// Loader is window.outageLoader, written by web/app.js.
type Loader struct {
	Phase    string             `json:"phase"`
	Loaded   int64              `json:"loaded"`
	Total    int64              `json:"total"`
	Error    string             `json:"error"`
	Encoding string             `json:"encoding"` // Content-Encoding of the .wasm
	Timings  map[string]float64 `json:"timings"`  // ms since navigation start
}

// WaitReady waits until the loader saw the app's first frame (or reports an
// error), and returns the loader's state.
func WaitReady(ctx context.Context, timeout time.Duration) (Loader, error) {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := chromedp.Run(tctx, chromedp.Poll[bool](
		`!!window.outageLoader && (window.outageLoader.phase === 'ready' || window.outageLoader.phase === 'error')`,
		chromedp.WithPollingInterval(10*time.Millisecond)))
	l, lerr := ReadLoader(ctx)
	if err != nil {
		if lerr == nil {
			return l, fmt.Errorf("no first frame within %v (loader phase %q, %d of %d bytes): %w", timeout, l.Phase, l.Loaded, l.Total, err)
		}
		return l, fmt.Errorf("no first frame within %v: %w", timeout, err)
	}
	if lerr != nil {
		return l, lerr
	}
	if l.Phase == "error" {
		return l, fmt.Errorf("the page shows an error: %s", l.Error)
	}
	return l, nil
}

// ReadLoader returns window.outageLoader.
func ReadLoader(ctx context.Context) (Loader, error) {
	return EvalJSON[Loader](ctx, `window.outageLoader`)
}

// EvalJSON evaluates expr in the page and decodes its value as JSON into T.
// A string result is taken as JSON text, so that an API returning either an
// object or a JSON string reads the same.
func EvalJSON[T any](ctx context.Context, expr string) (T, error) {
	var v T
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`(() => { const v = (`+expr+`); return typeof v === 'string' ? v : JSON.stringify(v === undefined ? null : v); })()`))
	if err != nil {
		return v, fmt.Errorf("%s: %w", expr, err)
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return v, fmt.Errorf("%s: decode %.200q: %w", expr, raw, err)
	}
	return v, nil
}

// State is window.outage.state().
type State struct {
	T          string   `json:"t"`
	Playing    bool     `json:"playing"`
	Speed      float64  `json:"speed"`
	Chapter    int      `json:"chapter"`
	Chapters   int      `json:"chapters"`
	Mode       string   `json:"mode"`
	Safeguards []string `json:"safeguards"`
	Verdict    struct {
		Kind    string `json:"kind"`
		Summary string `json:"summary"`
	} `json:"verdict"`
	Caption string `json:"caption"`
	Lang    string `json:"lang"`
	// Spotlight names the stages the chapter is about; Stages says in
	// words what each shows; Overlay is the open dialog; Waiting is set
	// at a chapter's end, before Next.
	Spotlight []string          `json:"spotlight"`
	Stages    map[string]string `json:"stages"`
	Overlay   string            `json:"overlay"`
	Waiting   bool              `json:"waiting"`
	// ReplayStep and ReplaySteps follow the checker's counterexample
	// replayed in the diagram.
	ReplayStep  int `json:"replay_step"`
	ReplaySteps int `json:"replay_steps"`
}

// AppState returns window.outage.state().
func AppState(ctx context.Context) (State, error) {
	return EvalJSON[State](ctx, `window.outage.state()`)
}

// Stats is window.outage.stats().
type Stats struct {
	FPS      float64 `json:"fps"`
	TPS      float64 `json:"tps"`
	UpdateMS float64 `json:"update_ms"`
	DrawMS   float64 `json:"draw_ms"`
	ResimMS  float64 `json:"resim_ms"`
	// EnsembleMS and EnsembleWallMS: the last verdict over the plausible
	// worlds judged in the app (three safeguards or more).
	EnsembleMS     float64 `json:"ensemble_ms"`
	EnsembleWallMS float64 `json:"ensemble_wall_ms"`
	HeapBytes      float64 `json:"heap_bytes"`
	// HeapLive is the heap the last collection found live.
	HeapLive float64 `json:"heap_live_bytes"`
}

// AppStats returns window.outage.stats().
func AppStats(ctx context.Context) (Stats, error) {
	return EvalJSON[Stats](ctx, `window.outage.stats()`)
}

// Rect is a widget rectangle in CSS pixels.
type Rect struct {
	X, Y, W, H float64
}

// Right is the x just past the right edge; Bottom the y past the bottom.
func (r Rect) Right() float64  { return r.X + r.W }
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Overlaps reports whether r and o share any area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Inside reports whether r lies within o (to within eps).
func (r Rect) Inside(o Rect, eps float64) bool {
	return r.X >= o.X-eps && r.Y >= o.Y-eps && r.Right() <= o.Right()+eps && r.Bottom() <= o.Bottom()+eps
}

// Center is the middle of r.
func (r Rect) Center() (float64, float64) { return r.X + r.W/2, r.Y + r.H/2 }

// UnmarshalJSON accepts {x,y,w,h} and {x,y,width,height}, in any case.
func (r *Rect) UnmarshalJSON(b []byte) error {
	var v struct {
		X, Y, W, H, Width, Height *float64
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.X == nil || v.Y == nil {
		return fmt.Errorf("rect %s: no x, y", b)
	}
	r.X, r.Y = *v.X, *v.Y
	switch {
	case v.W != nil && v.H != nil:
		r.W, r.H = *v.W, *v.H
	case v.Width != nil && v.Height != nil:
		r.W, r.H = *v.Width, *v.Height
	default:
		return fmt.Errorf("rect %s: no size", b)
	}
	return nil
}

// Layout returns window.outage.layout(): widget name to rectangle. It
// accepts an object of name to rect, an array of rects with a name (or id),
// or either under a "widgets" key.
func Layout(ctx context.Context) (map[string]Rect, error) {
	raw, err := EvalJSON[json.RawMessage](ctx, `window.outage.layout()`)
	if err != nil {
		return nil, err
	}
	return decodeLayout(raw)
}

func decodeLayout(raw []byte) (map[string]Rect, error) {
	var wrapped struct {
		Widgets json.RawMessage `json:"widgets"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped.Widgets) > 0 {
		raw = wrapped.Widgets
	}
	out := map[string]Rect{}
	if err := json.Unmarshal(raw, &out); err == nil {
		return out, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("layout(): unexpected shape %.200s", raw)
	}
	for _, item := range list {
		var named struct{ Name, ID string }
		var r Rect
		if err := json.Unmarshal(item, &named); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(item, &r); err != nil {
			return nil, err
		}
		name := named.Name
		if name == "" {
			name = named.ID
		}
		out[name] = r
	}
	return out, nil
}

// Screenshot captures the viewport as PNG.
func Screenshot(ctx context.Context) ([]byte, error) {
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}

// Content summarises a picture: how many distinct colours it has (in a
// 4-bit-per-channel palette, to ignore anti-aliasing noise) and the share of
// pixels in the most common one.
func Content(pngData []byte) (colours int, dominant float64, err error) {
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return 0, 0, err
	}
	h, n := histogram(img)
	top := 0
	for _, c := range h {
		top = max(top, c)
	}
	if n == 0 {
		return 0, 1, nil
	}
	return len(h), float64(top) / float64(n), nil
}

func bucket(c color.Color) uint16 {
	r, g, b, _ := c.RGBA()
	return uint16(r>>12)<<8 | uint16(g>>12)<<4 | uint16(b>>12)
}

func histogram(img image.Image) (map[uint16]int, int) {
	h := map[uint16]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			h[bucket(img.At(x, y))]++
		}
	}
	return h, b.Dx() * b.Dy()
}

// Difference is the share of pixels that differ between two pictures of
// the same size (by more than a small tolerance per channel).
func Difference(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	if ia.Bounds() != ib.Bounds() {
		return 1, nil
	}
	bd := ia.Bounds()
	diff := 0
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, _ := ia.At(x, y).RGBA()
			r2, g2, b2, _ := ib.At(x, y).RGBA()
			d := math.Max(math.Abs(float64(r1)-float64(r2)), math.Max(math.Abs(float64(g1)-float64(g2)), math.Abs(float64(b1)-float64(b2))))
			if d > 0x0800 {
				diff++
			}
		}
	}
	return float64(diff) / float64(bd.Dx()*bd.Dy()), nil
}

// Hold is how long a key or button stays down: Ebitengine reads input once
// per tick (1/60 s), and misses a press and release that land in one tick.
const Hold = 100 * time.Millisecond

// Click presses the left mouse button at (x, y) in CSS pixels, holds it for
// Hold, and releases it.
func Click(x, y float64) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.MouseEvent(chromedp.MouseMoved, x, y),
		chromedp.Sleep(Hold/2),
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.Sleep(Hold),
		chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
}

// Key is a key as the DevTools protocol describes it.
type Key struct {
	Key, Code string
	KeyCode   int64
	Text      string
}

// Keys the tests press.
var (
	KeySpace = Key{Key: " ", Code: "Space", KeyCode: 32, Text: " "}
)

// Press sends a key down, holds it for Hold, and sends the key up, to the
// focused element.
func Press(k Key) chromedp.Action[chromedp.Void] { return PressWith(k, 0) }

// PressWith is Press with modifiers held (input.Modifier bits).
func PressWith(k Key, mods int64) chromedp.Action[chromedp.Void] {
	send := func(typ input.DispatchKeyEventType, text string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: k.Key, Code: k.Code, Text: text, Modifiers: mods,
				WindowsVirtualKeyCode: k.KeyCode, NativeVirtualKeyCode: k.KeyCode,
			})
			return err
		})
	}
	return chromedp.Steps(
		send(input.DispatchKeyEventTypeKeyDown, k.Text),
		chromedp.Sleep(Hold),
		send(input.DispatchKeyEventTypeKeyUp, ""),
	)
}

// LayoutProblems lists the widgets outside view and the siblings (same
// parent in the dotted names) that overlap. Empty widgets are ignored.
func LayoutProblems(l map[string]Rect, view Rect) []string {
	var out []string
	parent := func(name string) string {
		if i := strings.LastIndex(name, "."); i >= 0 {
			return name[:i]
		}
		return ""
	}
	ns := Names(l)
	for i, a := range ns {
		ra := l[a]
		if ra.W <= 0 || ra.H <= 0 {
			continue
		}
		if !ra.Inside(view, 0.5) {
			out = append(out, fmt.Sprintf("%s %v is not inside the viewport %v", a, ra, view))
		}
		for _, b := range ns[i+1:] {
			rb := l[b]
			if rb.W <= 0 || rb.H <= 0 || parent(a) != parent(b) {
				continue
			}
			if ra.Overlaps(rb) {
				out = append(out, fmt.Sprintf("%s %v overlaps %s %v", a, ra, b, rb))
			}
		}
	}
	return out
}

func Names(l map[string]Rect) []string {
	out := make([]string, 0, len(l))
	for k := range l {
		out = append(out, k)
	}
	sort.Strings(out)
	return slices.Clip(out)
}

// Wheel scrolls the mouse wheel by dy CSS pixels at (x, y) (positive:
// down the page).
func Wheel(x, y, dy float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			// DevTools wants both deltas; a zero would be left out of the call.
			Type: input.DispatchMouseEventTypeMouseWheel, X: x, Y: y, DeltaX: 1e-6, DeltaY: dy,
		})
		return err
	})
}

// Touch sends one touch event at (x, y) CSS pixels: "touchStart",
// "touchMove" or "touchEnd" (which carries no point).
func Touch(kind string, x, y float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := input.DispatchTouchEventParams{Type: input.DispatchTouchEventType(kind), TouchPoints: []*input.TouchPoint{}}
		if kind != "touchEnd" {
			p.TouchPoints = []*input.TouchPoint{{X: x, Y: y}}
		}
		_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, p)
		return err
	})
}

// TouchDrag drags a finger from (x, y) by dy CSS pixels in steps, each in
// a tick of its own (Ebitengine reads touches once a tick).
func TouchDrag(x, y, dy float64, steps int) []chromedp.Action[chromedp.Void] {
	acts := []chromedp.Action[chromedp.Void]{Touch("touchStart", x, y), chromedp.Sleep(100 * time.Millisecond)}
	for i := 1; i <= steps; i++ {
		acts = append(acts, Touch("touchMove", x, y+dy*float64(i)/float64(steps)), chromedp.Sleep(40*time.Millisecond))
	}
	return append(acts, chromedp.Sleep(60*time.Millisecond), Touch("touchEnd", 0, 0), chromedp.Sleep(100*time.Millisecond))
}

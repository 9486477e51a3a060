package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/verdict"
)

// Chart widths accepted by `chart --width`, in pixels.
const (
	minChartWidth = 480
	maxChartWidth = 4096
)

func cmdChart(args []string, out, errOut io.Writer) int {
	fs := newFlags("chart", errOut)
	output := fs.String("o", "", "write the PNG to this file ('-' for standard output); required")
	sgList := fs.String("safeguards", "", "comma-separated safeguard ids (none: the real night)")
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's, which reproduces the night)")
	width := fs.Int("width", 1200, fmt.Sprintf("image width in pixels (%d..%d)", minChartWidth, maxChartWidth))
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *output == "" {
		fmt.Fprintln(errOut, "outage-sim chart: missing -o FILE (where to write the PNG; '-' for standard output)")
		return 2
	}
	if *width < minChartWidth || *width > maxChartWidth {
		fmt.Fprintf(errOut, "outage-sim chart: width = %d: valid range is %d..%d\n", *width, minChartWidth, maxChartWidth)
		return 2
	}
	set, ok := parseSafeguards(*sgList, errOut)
	if !ok {
		return 2
	}
	sc := scenario.Default()
	if *seed == 0 {
		*seed = sc.Seed
	}
	lean := sim.Options{}
	base := sim.RunWith(sc, 0, *seed, lean)
	r := base
	v := verdict.Verdict{Kind: verdict.Baseline, Summary: "The real night: no safeguards."}
	if set != 0 {
		r = sim.RunWith(sc, set, *seed, lean)
		v = verdict.Judge(base, r)
	}
	img, err := drawChart(chartInput{Width: *width, Set: set, Seed: *seed, Run: r, Base: base, Verdict: v})
	if err != nil {
		fmt.Fprintf(errOut, "outage-sim chart: %v\n", err)
		return 1
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		fmt.Fprintf(errOut, "outage-sim chart: encoding PNG: %v\n", err)
		return 1
	}
	if *output == "-" {
		if _, err := out.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(errOut, "outage-sim chart: writing PNG: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeFile(*output, buf.Bytes()); err != nil {
		fmt.Fprintf(errOut, "outage-sim chart: writing PNG: %v\n", err)
		return 1
	}
	return 0
}

// chartInput is everything one chart shows.
type chartInput struct {
	Width int
	Set   safeguard.Set
	Seed  uint64
	// Run is the what-if; Base the real night (the same run when Set is
	// empty, and then no ghost is drawn).
	Run, Base *sim.Result
	Verdict   verdict.Verdict
}

// The palette: Okabe–Ito colours, which stay distinct under every common
// colour-vision deficiency, and never colour alone: down is solid,
// degraded is hatched, the real night is grey.
var (
	colBackground = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colStripe     = color.RGBA{0xf6, 0xf6, 0xf6, 0xff}
	colGrid       = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	colText       = color.RGBA{0x22, 0x22, 0x22, 0xff}
	colMuted      = color.RGBA{0x5a, 0x5a, 0x5a, 0xff}
	colDown       = color.RGBA{0xd5, 0x5e, 0x00, 0xff} // vermillion
	colDegraded   = color.RGBA{0xe6, 0x9f, 0x00, 0xff} // orange
	colDegradedBg = color.RGBA{0xfb, 0xe8, 0xbf, 0xff}
	colGhost      = color.RGBA{0xc4, 0xc4, 0xc4, 0xff}
	colGhostBg    = color.RGBA{0xea, 0xea, 0xea, 0xff}
	colMarker     = color.RGBA{0x00, 0x00, 0x00, 0xff}
	colKeyLine    = color.RGBA{0x7a, 0x7a, 0x7a, 0xff}
)

// Chart window: 23:30 on the 19th to 15:00 on the 20th, PDT.
var (
	chartFrom = sim.Time(0)
	chartTo   = sim.At(1, 15, 0)
)

// keyEvents are the canonical events labelled on the chart, with short
// captions; every other canonical event gets an unlabelled marker.
var keyEvents = map[string]string{
	"dns.record_empty":          "endpoint empty",
	"ops.root_cause_identified": "root cause found",
	"dns.restored":              "DNS restored",
	"dwfm.collapse":             "DWFM collapse",
	"dwfm.leases_restored":      "leases restored",
	"nlb.errors_start":          "NLB errors",
	"nlb.failover_disabled":     "NLB failover off",
	"ec2.recovered":             "EC2 normal",
	"event.end":                 "event ends",
}

type fonts struct {
	title, body, small font.Face
}

func loadFonts(scale float64) (fonts, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return fonts{}, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return fonts{}, err
	}
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	var fo fonts
	if fo.title, err = face(bold, math.Max(13, 20*scale)); err != nil {
		return fonts{}, err
	}
	if fo.body, err = face(reg, math.Max(10, 13*scale)); err != nil {
		return fonts{}, err
	}
	if fo.small, err = face(reg, math.Max(9, 11*scale)); err != nil {
		return fonts{}, err
	}
	return fo, nil
}

// canvas draws on an RGBA image.
type canvas struct{ img *image.RGBA }

func (c canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r.Intersect(c.img.Bounds()), image.NewUniform(col), image.Point{}, draw.Src)
}

// hatch fills r with diagonal stripes of fg on bg.
func (c canvas) hatch(r image.Rectangle, fg, bg color.RGBA, period int) {
	r = r.Intersect(c.img.Bounds())
	half := max(1, period/2)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if (x+y)%period < half {
				c.img.SetRGBA(x, y, fg)
			} else {
				c.img.SetRGBA(x, y, bg)
			}
		}
	}
}

// ghostDown draws the real night's "down": a pale fill between two lines.
func (c canvas) ghostDown(r image.Rectangle, line int) {
	c.fill(r, colGhostBg)
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+line), colGhost)
	c.fill(image.Rect(r.Min.X, r.Max.Y-line, r.Max.X, r.Max.Y), colGhost)
}

// vdots draws a dotted vertical line.
func (c canvas) vdots(x, y0, y1 int, col color.Color, dash int) {
	for y := y0; y < y1; y += 2 * dash {
		c.fill(image.Rect(x, y, x+1, min(y+dash, y1)), col)
	}
}

// triangle draws a filled triangle pointing down with its tip at (x, y).
func (c canvas) triangle(x, y, h int, col color.Color) {
	for i := 0; i < h; i++ {
		c.fill(image.Rect(x-i, y-i-1, x+i+1, y-i), col)
	}
}

// triangleRight draws a filled triangle pointing right, tip at (x, yc).
func (c canvas) triangleRight(x, yc, h int, col color.Color) {
	for i := 0; i < h; i++ {
		c.fill(image.Rect(x-i-1, yc-i, x-i, yc+i+1), col)
	}
}

func (c canvas) text(face font.Face, col color.Color, x, baseline int, s string) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, baseline)}
	d.DrawString(s)
	return d.Dot.X.Round()
}

func textWidth(face font.Face, s string) int { return font.MeasureString(face, s).Ceil() }

func lineHeight(face font.Face) int { return face.Metrics().Height.Ceil() }

// fit shortens s with an ellipsis until it fits in w pixels.
func fit(face font.Face, s string, w int) string {
	if textWidth(face, s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && textWidth(face, string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// wrap breaks s into lines no wider than w pixels.
func wrap(face font.Face, s string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && textWidth(face, try) > w {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// drawChart renders the service timeline.
func drawChart(in chartInput) (*image.RGBA, error) {
	W := in.Width
	s := float64(W) / 1200
	px := func(v float64) int { return max(1, int(math.Round(v*s))) }
	fo, err := loadFonts(s)
	if err != nil {
		return nil, fmt.Errorf("loading fonts: %w", err)
	}
	margin := px(18)
	labelW := max(px(200), 130)
	x0, x1 := margin+labelW, W-margin-px(22)
	xOf := func(t sim.Time) int {
		f := float64(t-chartFrom) / float64(chartTo-chartFrom)
		return x0 + int(math.Round(f*float64(x1-x0)))
	}
	ghost := in.Set != 0

	// Header text.
	title := "The real night: us-east-1, 19–20 October 2025"
	if ghost {
		title = "What if: " + strings.Join(ids(in.Set.IDs()), " + ") + "?"
	}
	titleLines := wrap(fo.title, title, W-2*margin)
	sub := "Verdict: " + in.Verdict.Summary
	if !ghost {
		sub = "Verdict: baseline — no safeguards switched on; this is what the model replays for the night."
	}
	subLines := wrap(fo.body, sub, W-2*margin)
	note := fmt.Sprintf("Simulated service timeline of the us-east-1 outage, PDT (seed %d).", in.Seed)
	if ghost {
		note += " Grey behind each band: the real night."
	}
	noteLines := wrap(fo.small, note, W-2*margin)
	tl, bl, sl := lineHeight(fo.title), lineHeight(fo.body), lineHeight(fo.small)

	// Rows: a header for AWS services, the services, a header for apps,
	// the apps.
	type row struct {
		header   string
		svc      int // index in Run.Services, -1 for a header
		baseline int // index in Base.Services
	}
	var rows []row
	addSection := func(header string, kind sim.Kind) {
		rows = append(rows, row{header: header, svc: -1})
		for i, so := range in.Run.Services {
			if so.Kind == kind {
				rows = append(rows, row{svc: i, baseline: in.Base.Service(so.ID)})
			}
		}
	}
	addSection("AWS services", sim.AWSService)
	addSection("Apps on the Internet (illustrative)", sim.App)

	// The legend, laid out in as many lines as the width needs.
	period := max(4, px(7))
	tri := max(3, px(5))
	sw, sh := px(26), max(8, px(12))
	type legendItem struct {
		draw  func(r image.Rectangle)
		label string
		w     int
	}
	var c canvas
	legend := []legendItem{
		{func(r image.Rectangle) { c.fill(r, colDown) }, "down (solid)", 0},
		{func(r image.Rectangle) { c.hatch(r, colDegraded, colDegradedBg, period) }, "degraded (hatched)", 0},
	}
	if ghost {
		legend = append(legend,
			legendItem{func(r image.Rectangle) { c.ghostDown(r, max(1, px(2))) }, "real night: down", 0},
			legendItem{func(r image.Rectangle) { c.hatch(r, colGhost, colBackground, period) }, "real night: degraded", 0})
	}
	legend = append(legend,
		legendItem{func(r image.Rectangle) { c.triangle(r.Min.X+sw/2, r.Max.Y, tri, colMarker) }, "event (FACTS §3)", 0},
		legendItem{func(r image.Rectangle) {
			c.triangleRight(r.Min.X+sw/2+tri/2, (r.Min.Y+r.Max.Y)/2, max(3, sh/2), colText)
		}, "continues after 15:00", 0})
	legendLine := max(sh, sl) + px(8)
	legendLines, lineW := 1, 0
	for i := range legend {
		legend[i].w = sw + px(6) + textWidth(fo.small, legend[i].label) + px(18)
		if lineW+legend[i].w > W-2*margin && lineW > 0 {
			legendLines++
			lineW = 0
		}
		lineW += legend[i].w
	}
	legendH := legendLines * legendLine

	rowH := max(12, px(20))
	stripLevels := 4
	stripH := stripLevels*sl + px(12)
	top := margin + len(titleLines)*tl + len(subLines)*bl + len(noteLines)*sl + px(10)
	stripTop := top
	bandsTop := stripTop + stripH
	bandsBottom := bandsTop + len(rows)*rowH
	axisBottom := bandsBottom + px(6) + sl + sl
	H := axisBottom + px(10) + legendH + margin

	img := image.NewRGBA(image.Rect(0, 0, W, H))
	c = canvas{img}
	c.fill(img.Bounds(), colBackground)
	lx, ly := margin, H-margin-legendH+px(6)

	// Header.
	y := margin
	for _, l := range titleLines {
		y += tl
		c.text(fo.title, colText, margin, y-tl/4, l)
	}
	for _, l := range subLines {
		y += bl
		c.text(fo.body, colText, margin, y-bl/4, l)
	}
	for _, l := range noteLines {
		y += sl
		c.text(fo.small, colMuted, margin, y-sl/4, l)
	}

	// Row backgrounds, the hour grid, and labels on top.
	for i, rw := range rows {
		if ry := bandsTop + i*rowH; rw.svc >= 0 && i%2 == 0 {
			c.fill(image.Rect(margin, ry, x1, ry+rowH), colStripe)
		}
	}
	for h := 0; h <= 15; h++ {
		t := sim.At(1, h, 0)
		x := xOf(t)
		c.fill(image.Rect(x, bandsTop, x+1, bandsBottom+px(4)), colGrid)
		label := fmt.Sprintf("%02d:00", h)
		if h%2 == 1 && W < 900 {
			continue
		}
		lw := textWidth(fo.small, label)
		c.text(fo.small, colMuted, x-lw/2, bandsBottom+px(6)+sl-sl/4, label)
	}
	c.fill(image.Rect(x0, bandsTop, x0+1, bandsBottom+px(4)), colGrid)
	if xOf(sim.At(1, 0, 0))-textWidth(fo.small, "00:00")/2 > x0+px(4) {
		// Room for the start of the window left of the first tick.
		c.text(fo.small, colMuted, x0-textWidth(fo.small, "23:30")-px(3), bandsBottom+px(6)+sl-sl/4, "23:30")
	}
	for i, rw := range rows {
		ry := bandsTop + i*rowH
		if rw.svc < 0 {
			c.fill(image.Rect(margin, ry+rowH-1, x1, ry+rowH), colGrid)
			c.text(fo.body, colText, margin, ry+rowH-rowH/4, rw.header)
			continue
		}
		name := in.Run.Services[rw.svc].Name
		c.text(fo.small, colText, margin+px(8), ry+rowH-rowH/3, fit(fo.small, name, labelW-px(14)))
	}
	dayY := bandsBottom + px(6) + 2*sl - sl/4
	c.text(fo.small, colMuted, x0, dayY, "Sun 19 Oct")
	c.text(fo.small, colMuted, xOf(0)+max(textWidth(fo.small, "Sun 19 Oct")+px(8), xOf(sim.At(1, 0, 0))-x0), dayY, "Mon 20 Oct (PDT)")

	// Outages: the real night as a ghost across the whole band, the
	// what-if in the middle of it.
	bar := func(o sim.Interval, ry0, ry1 int, isGhost bool) {
		if o.End <= chartFrom || o.Start >= chartTo {
			return
		}
		xa, xb := xOf(max(o.Start, chartFrom)), xOf(min(o.End, chartTo))
		if xb <= xa {
			xb = xa + 1
		}
		r := image.Rect(xa, ry0, xb, ry1)
		switch {
		case isGhost && o.Severity == sim.Down:
			c.ghostDown(r, max(1, px(2)))
		case isGhost:
			c.hatch(r, colGhost, colBackground, period)
		case o.Severity == sim.Down:
			c.fill(r, colDown)
		default:
			c.hatch(r, colDegraded, colDegradedBg, period)
		}
		if !isGhost && o.End > chartTo {
			// It goes on past the chart's right edge.
			c.triangleRight(x1+px(12), (ry0+ry1)/2, max(3, (ry1-ry0)/2), colText)
		}
	}
	for i, rw := range rows {
		if rw.svc < 0 {
			continue
		}
		ry := bandsTop + i*rowH
		pad := max(1, rowH/10)
		if ghost && rw.baseline >= 0 {
			for _, o := range in.Base.Services[rw.baseline].Outages {
				bar(o, ry+pad, ry+rowH-pad, true)
			}
		}
		inner := rowH / 4
		if !ghost {
			inner = pad + rowH/10
		}
		for _, o := range in.Run.Services[rw.svc].Outages {
			bar(o, ry+inner, ry+rowH-inner, false)
		}
	}

	// Canonical events: a marker for each, a caption and a dotted line
	// for the key ones. Captions are staggered over a few levels so they
	// do not overlap; one that finds no room keeps its line and marker.
	levelEnd := make([]int, stripLevels)
	for i := range levelEnd {
		levelEnd[i] = math.MinInt
	}
	for _, e := range in.Run.Events {
		if !e.Canonical || e.At < chartFrom || e.At > chartTo {
			continue
		}
		x := xOf(e.At)
		c.triangle(x, bandsTop-px(2), tri, colMarker)
		label, key := keyEvents[e.Kind]
		if !key {
			continue
		}
		c.vdots(x, bandsTop, bandsBottom, colKeyLine, max(2, px(3)))
		label = e.At.Wall().Format("15:04") + " " + label
		lw := textWidth(fo.small, label)
		lx := min(max(x-lw/2, margin), W-margin-lw)
		for lv := range stripLevels {
			if lx > levelEnd[lv]+px(6) {
				ly := stripTop + (lv+1)*sl - sl/4
				c.text(fo.small, colText, lx, ly, label)
				levelEnd[lv] = lx + lw
				break
			}
		}
	}

	// Legend.
	for _, it := range legend {
		if lx+it.w > W-margin && lx > margin {
			lx, ly = margin, ly+legendLine
		}
		it.draw(image.Rect(lx, ly, lx+sw, ly+sh))
		c.text(fo.small, colText, lx+sw+px(6), ly+sh-max(1, sh/8), it.label)
		lx += it.w
	}
	return img, nil
}

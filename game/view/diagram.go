package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/sim"
	vm "github.com/outagelab/outage/game/viewmodel"
)

var stageKeys = [vm.NumStages]string{
	"ui.stage.automation", "ui.stage.zone", "ui.stage.resolvers", "ui.stage.dwfm",
	"ui.stage.netmgr", "ui.stage.nlb", "ui.stage.services", "ui.stage.apps",
}

var stageShortKeys = [vm.NumStages]string{
	"ui.stage_short.automation", "ui.stage_short.zone", "ui.stage_short.resolvers", "ui.stage_short.dwfm",
	"ui.stage_short.netmgr", "ui.stage_short.nlb", "ui.stage_short.services", "ui.stage_short.apps",
}

// stageTitles are the stages' numbered titles in one language: long,
// short, the number alone and the short title without its number.
type stageTitles struct {
	lang string
	t    [vm.NumStages][4]string
}

func (g *Game) stageTitle(s vm.Stage) [4]string {
	if g.titles.lang != g.App.Lang {
		g.titles.lang = g.App.Lang
		for i := range vm.NumStages {
			n := strconv.Itoa(int(i) + 1)
			g.titles.t[i] = [4]string{n + "  " + g.tr(stageKeys[i]), n + "  " + g.tr(stageShortKeys[i]), n, g.tr(stageShortKeys[i])}
		}
	}
	return g.titles.t[s]
}

var genText = map[int]string{}

// gen is a plan generation as text, cached.
func gen(n int) string {
	if s, ok := genText[n]; ok {
		return s
	}
	if len(genText) > 4096 {
		clear(genText)
	}
	s := strconv.Itoa(n)
	genText[n] = s
	return s
}

// stageView is one stage of the diagram, in its own file: how it grades
// its state (the frame's corner mark and its chip) and how it draws its
// body at the playhead. Layout and words live in game/viewmodel's
// stage_*.go.
type stageView interface {
	severity(g *Game, f *frameState) sim.Severity
	draw(g *Game, body vm.Rect, f *frameState)
}

// frameState is what every stage reads at the playhead.
type frameState struct {
	z   *vm.ZoneState
	res *sim.Result
	t   sim.Time
	// g are the run's gauges at t, the numbers state().gauges reports.
	g vm.Gauges
}

var stageViews = [vm.NumStages]stageView{
	vm.StageAutomation: dnsStage{}, vm.StageZone: zoneStage{}, vm.StageResolvers: resolversStage{},
	vm.StageDWFM: dwfmStage{}, vm.StageNetMgr: netmgrStage{}, vm.StageNLB: nlbStage{},
	vm.StageServices: servicesStage{sim.AWSService}, vm.StageApps: servicesStage{sim.App},
}

// drawDiagram draws every layer from cause to effect, at the playhead.
func (g *Game) drawDiagram() {
	l := g.lay
	z := g.zone.At(g.now())
	f := &frameState{z: z, res: g.run.Result, t: g.now(), g: g.run.GaugesWith(g.now(), z)}
	if rp := g.App.Replaying(); rp != nil {
		f.z = rp.Zone()
	}
	if l.Compact {
		g.drawChips(f)
	}
	for s := range vm.NumStages {
		r := l.Stages[s]
		if r.Empty() {
			continue
		}
		body := g.stageFrame(s, r, stageViews[s].severity(g, f))
		if body.Empty() {
			continue
		}
		stageViews[s].draw(g, body, f)
	}
}

// stageFrame draws a stage's box, number, title and severity mark, and
// returns the body rectangle.
func (g *Game) stageFrame(s vm.Stage, r vm.Rect, sev sim.Severity) vm.Rect {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	g.panelBox(r)
	m := pal.SeverityMark(sev)
	if sev != sim.Healthy {
		p.roundStroke(r.Inset(0.5), 8*u, math.Max(1, 1.5*u), m.Color.WithAlpha(0xC0))
	}
	fs := l.FontStage
	hh := lineBox(fs) + 6*u
	if r.H < hh*1.8 {
		fs = math.Max(8*u, r.H/3.2)
		hh = lineBox(fs) + 2*u
	}
	pad := math.Min(8*u, r.W*0.05)
	head := vm.R(r.X+pad, r.Y+2*u, r.W-2*pad, hh)
	mr := fs * 0.4
	p.shape(m.Shape, head.Right()-mr, head.CY(), mr, m.Color)
	t := g.stageTitle(s)
	p.fitAny(bold, fs, vm.R(head.X, head.Y, head.W-3*mr, head.H), left, pal.TextDim, t[0], t[1], t[2])
	return vm.R(r.X+pad, head.Bottom(), r.W-2*pad, r.Bottom()-head.Bottom()-pad*0.7)
}

// drawChips draws a compact diagram's chips: every stage's number and
// state, the ones shown in full highlighted. A tap shows that stage.
func (g *Game) drawChips(f *frameState) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	for s, r := range l.Chips {
		if r.Empty() {
			continue
		}
		st := vm.Stage(s)
		shown := !l.Stages[s].Empty()
		bg := pal.Panel
		if shown {
			bg = pal.PanelHi
		}
		p.round(r, 5*u, bg)
		if shown {
			p.rect(vm.R(r.X+3*u, r.Bottom()-math.Max(2, 3*u), r.W-6*u, math.Max(2, 3*u)), pal.Accent)
		}
		sev := stageViews[st].severity(g, f)
		m := pal.SeverityMark(sev)
		fs := math.Min(l.FontSmall, r.H*0.5)
		mr := math.Min(r.H*0.2, fs*0.45)
		tt := g.stageTitle(st)
		if r.W > 2*r.H {
			p.shape(m.Shape, r.X+mr+4*u, r.CY(), mr, m.Color)
			p.fitAny(bold, fs, vm.R(r.X+2*mr+7*u, r.Y, r.W-2*mr-9*u, r.H), left, pal.Text, tt[1], tt[3], tt[2])
			continue
		}
		p.fitText(tt[2], bold, fs, vm.R(r.X, r.Y, r.W*0.55, r.H), center, pal.Text)
		p.shape(m.Shape, r.X+r.W*0.72, r.CY(), mr, m.Color)
	}
}

// card draws a plan card: a small rounded box with a generation number.
func (g *Game) card(r vm.Rect, n int, c, tc vm.RGBA) {
	p, u := &g.p, g.lay.U
	p.round(r, 3*u, c)
	fs := math.Min(g.lay.FontStage, r.H*0.8)
	p.fitText(gen(n), bold, fs, r, center, tc)
}

// scatter maps i to a fixed pseudo-random rank in [0, n), so cells change
// state scattered across a grid instead of in reading order.
func scatter(i, n int) int {
	if n <= 1 {
		return 0
	}
	// A multiplier coprime with n gives a permutation.
	m := 7
	for gcd(m, n) != 1 {
		m += 2
	}
	return (i*m + 3) % n
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

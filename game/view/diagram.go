package view

import (
	"math"
	"strconv"

	"github.com/outagelab/outage/game/i18n"
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
// short and the number alone.
type stageTitles struct {
	lang string
	t    [vm.NumStages][3]string
}

func (g *Game) stageTitle(s vm.Stage) [3]string {
	if g.titles.lang != g.App.Lang {
		g.titles.lang = g.App.Lang
		for i := range vm.NumStages {
			n := strconv.Itoa(int(i) + 1)
			g.titles.t[i] = [3]string{n + "  " + g.tr(stageKeys[i]), n + "  " + g.tr(stageShortKeys[i]), n}
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

// drawDiagram draws every layer from cause to effect, at the playhead.
func (g *Game) drawDiagram() {
	l := g.lay
	z := g.zone.At(g.now())
	res := g.run.Result
	t := g.now()
	if l.Compact {
		g.drawChips(z, res, t)
	}
	for s := range vm.NumStages {
		r := l.Stages[s]
		if r.Empty() {
			continue
		}
		body := g.stageFrame(s, r, g.stageSeverity(s, z, res, t))
		if body.Empty() {
			continue
		}
		switch s {
		case vm.StageAutomation:
			g.drawAutomation(body, z)
		case vm.StageZone:
			g.drawZone(body, z, res)
		case vm.StageResolvers:
			g.drawResolvers(body, z, res, t)
		case vm.StageDWFM:
			g.drawDWFM(body, res, t)
		case vm.StageNetMgr:
			g.drawNetMgr(body, res, t)
		case vm.StageNLB:
			g.drawNLB(body, res, t)
		case vm.StageServices:
			g.drawServices(body, res, t, sim.AWSService)
		case vm.StageApps:
			g.drawServices(body, res, t, sim.App)
		}
	}
}

// stageSeverity grades each stage for its corner mark.
func (g *Game) stageSeverity(s vm.Stage, z *vm.ZoneState, res *sim.Result, t sim.Time) sim.Severity {
	m := func(k sim.Metric) float64 { return res.Series.At(k, t) }
	switch s {
	case vm.StageAutomation:
		if z.Failures > 0 {
			return sim.Down
		}
		for _, e := range z.Enactors {
			if e.Stale || e.LockLost > 0 {
				return sim.Degraded
			}
		}
	case vm.StageZone:
		if z.Empty {
			return sim.Down
		}
	case vm.StageResolvers:
		return vm.HealthSeverity(1 - m(sim.DynamoDBErrorRate))
	case vm.StageDWFM:
		return vm.HealthSeverity(math.Min(m(sim.DropletsLeased)*1.02, m(sim.LaunchSuccess)*1.02))
	case vm.StageNetMgr:
		if m(sim.NetMgrLatency) > 10 {
			return sim.Down
		} else if m(sim.NetMgrLatency) > 2 {
			return sim.Degraded
		}
	case vm.StageNLB:
		return vm.HealthSeverity(math.Min(m(sim.NLBHealthyCapacity), 1-m(sim.NLBFlapping)) * 1.02)
	case vm.StageServices, vm.StageApps:
		worst := sim.Healthy
		kind := sim.AWSService
		if s == vm.StageApps {
			kind = sim.App
		}
		for i, svc := range res.Services {
			if svc.Kind == kind {
				worst = max(worst, vm.HealthSeverity(res.Series.HealthAt(i, t)))
			}
		}
		return worst
	}
	return sim.Healthy
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
	fs := l.FontSmall
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
func (g *Game) drawChips(z *vm.ZoneState, res *sim.Result, t sim.Time) {
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
		sev := g.stageSeverity(st, z, res, t)
		m := pal.SeverityMark(sev)
		fs := math.Min(l.FontSmall, r.H*0.5)
		mr := math.Min(r.H*0.2, fs*0.45)
		tt := g.stageTitle(st)
		if r.W > 2*r.H {
			p.shape(m.Shape, r.X+mr+4*u, r.CY(), mr, m.Color)
			p.fitAny(bold, fs, vm.R(r.X+2*mr+7*u, r.Y, r.W-2*mr-9*u, r.H), left, pal.Text, tt[1], tt[2])
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
	fs := math.Min(g.lay.FontSmall, r.H*0.8)
	p.fitText(gen(n), bold, fs, r, center, tc)
}

// drawAutomation: the Planner issuing plans, and the three Enactors with
// the plan each holds and what each is doing.
func (g *Game) drawAutomation(r vm.Rect, z *vm.ZoneState) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	pw := math.Min(r.W*0.3, 110*u)
	planner := vm.R(r.X, r.Y, pw, r.H)
	ens := vm.R(r.X+pw+math.Min(24*u, r.W*0.08), r.Y, r.W-pw-math.Min(24*u, r.W*0.08), r.H)
	// Planner box.
	pb := vm.R(planner.X, planner.CY()-math.Min(planner.H, 70*u)/2, planner.W, math.Min(planner.H, 70*u))
	p.round(pb, 5*u, pal.PanelHi)
	p.fitText(g.tr("ui.actor.planner"), bold, fs, vm.R(pb.X+4*u, pb.Y+2*u, pb.W-8*u, lineBox(fs)), center, pal.Text)
	ch := math.Min(lineBox(fs)+2*u, pb.H*0.4)
	cardW := math.Min(pb.W-8*u, g.fonts.width(bold, fs, "0000")+8*u)
	if z.Newest > 0 && pb.H > ch+lineBox(fs)+4*u {
		cr := vm.R(pb.CX()-cardW/2, pb.Bottom()-ch-4*u, cardW, ch)
		fresh := g.now()-z.NewestAt < 2*sim.Second
		c := pal.Plan
		if fresh {
			c = pal.Accent
		}
		g.card(cr, z.Newest, c, pal.Text)
	}
	// Enactors.
	rows := ens.Grid(1, 3, math.Min(4*u, ens.H*0.03))
	for i, rr := range rows {
		e := z.Enactors[i]
		p.round(rr, 5*u, pal.Lane)
		name := g.tr(enactorKeys[i][0])
		if g.fonts.width(bold, fs, name)+8*u > rr.W*0.34 {
			name = g.tr(enactorKeys[i][1])
		}
		nw := g.fonts.width(bold, fs, name) + 8*u
		lh := math.Min(rr.H, lineBox(fs)+2*u)
		p.fitText(name, bold, fs, vm.R(rr.X+4*u, rr.Y, nw-4*u, rr.H), left, pal.TextDim)
		rest := vm.R(rr.X+nw+2*u, rr.Y, rr.W-nw-4*u, rr.H)
		// The plan in hand; old plans are drawn in the "old" colour.
		cw := math.Min(cardW, rest.W*0.35)
		cr := vm.R(rest.X, rr.CY()-lh/2+1, cw, lh-2)
		if e.Gen > 0 {
			c := pal.Plan
			if z.Newest-e.Gen > 5 {
				c = pal.PlanOld
			}
			// Travel from the Planner when just received (a cut, with
			// reduced motion).
			if e.Received >= 0 && !g.App.ReduceMotion {
				if f := float64(g.now()-e.Received) / float64(g.travel()); f >= 0 && f < 1 {
					f = easeOut(f)
					sx, sy := pb.CX()-cw/2, pb.Bottom()-ch-4*u
					cr.X = vm.Lerp(sx, cr.X, f)
					cr.Y = vm.Lerp(sy, cr.Y, f)
				}
			}
			g.card(cr, e.Gen, c, pal.Text)
		}
		// Activity and progress.
		ax := rest.X + cw + 6*u
		aw := rest.Right() - ax
		if aw > 10*u && e.Kind != "" {
			c := pal.TextDim
			if !e.OK {
				c = pal.Warn
			}
			long, short := g.activity(e)
			if rr.H > 2*lineBox(fs) {
				p.fitAny(regular, fs, vm.R(ax, rr.CY()-lineBox(fs), aw, lineBox(fs)), left, c, long, short)
				bar := vm.R(ax, rr.CY()+2*u, aw, math.Max(2, 3*u))
				p.rect(bar, pal.Grid)
				p.rect(vm.R(bar.X, bar.Y, bar.W*e.Progress, bar.H), c)
			} else {
				p.fitAny(regular, fs, vm.R(ax, rr.Y, aw, rr.H), left, c, long, short)
				p.rect(vm.R(ax, rr.Bottom()-math.Max(1.5, 2*u), aw*e.Progress, math.Max(1.5, 2*u)), c)
			}
		}
		// Lock losses: a warning triangle with a count.
		if e.LockLost > 0 {
			p.shape(vm.ShapeTriangle, rr.Right()-8*u, rr.Y+7*u, 5*u, pal.Warn)
		}
		if e.Stale {
			p.roundStroke(rr, 5*u, 2*u, pal.PlanOld)
		}
	}
	// Arrows Planner → Enactors.
	for _, rr := range rows {
		p.arrow(pb.Right()+2*u, pb.CY(), rr.X-3*u, rr.CY(), math.Max(1, u), pal.Border)
	}
}

var enactorKeys = [3][2]string{
	{"ui.actor.enactor-a", "ui.actor.enactor-a.short"},
	{"ui.actor.enactor-b", "ui.actor.enactor-b.short"},
	{"ui.actor.enactor-c", "ui.actor.enactor-c.short"},
}

// activity is an Enactor's activity in a long and a short wording.
func (g *Game) activity(e vm.EnactorState) (string, string) {
	switch e.Kind {
	case "apply":
		if e.Endpoint >= 0 {
			return g.tr("ui.activity.apply_endpoint", "n", e.Endpoint+1), g.tr("ui.activity.apply_short", "n", e.Endpoint+1)
		}
		return g.tr("ui.activity.apply"), g.tr("ui.activity.apply")
	case "backoff":
		return g.tr("ui.activity.backoff"), g.tr("ui.activity.backoff_short")
	case "check":
		return g.tr("ui.activity.check"), g.tr("ui.activity.check_short")
	case "cleanup":
		return g.tr("ui.activity.cleanup"), g.tr("ui.activity.cleanup_short")
	case "plan":
		return g.tr("ui.activity.plan"), g.tr("ui.activity.plan")
	}
	return "", ""
}

// travel is how long, in simulated time, a plan card takes to fly from
// the Planner to an Enactor: about half a second of real time at the
// current speed.
func (g *Game) travel() sim.Time {
	return sim.Time(math.Max(200, g.App.Speed()*500))
}

func easeOut(f float64) float64 { return 1 - (1-f)*(1-f) }

// drawZone: the regional endpoint's root alias pointing at a plan tree,
// the rollback record, the trees that exist and the moment the alias
// points at nothing.
func (g *Game) drawZone(r vm.Rect, z *vm.ZoneState, res *sim.Result) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	lh := lineBox(fs) + 2*u
	// Root alias and rollback records on the left.
	col := math.Min(r.W*0.42, 150*u)
	alias := vm.R(r.X, r.Y, col, math.Min(lh*1.5, r.H*0.4))
	roll := vm.R(r.X, alias.Bottom()+math.Min(6*u, r.H*0.05), col, alias.H)
	p.round(alias, 4*u, pal.PanelHi)
	p.round(roll, 4*u, pal.PanelHi)
	p.fitAny(bold, fs, alias.InsetXY(4*u, 0), left, pal.Text, g.tr("ui.zone.alias"), g.tr("ui.zone.alias_short"))
	p.fitAny(regular, fs, roll.InsetXY(4*u, 0), left, pal.TextDim, g.tr("ui.zone.rollback"), g.tr("ui.zone.rollback_short"))
	// Trees on the right: newest ones, with the active one highlighted.
	tr := vm.R(r.X+col+16*u, r.Y, r.W-col-16*u, r.H)
	trees := z.Trees
	cw := math.Max(g.fonts.width(bold, fs, "0000")+6*u, 24*u)
	gap := 4 * u
	fitN := max(1, int((tr.W+gap)/(cw+gap)))
	rowsN := max(1, min(2, int(tr.H*0.62/(lh+gap))))
	maxN := max(1, fitN*rowsN)
	if len(trees) > maxN {
		trees = trees[len(trees)-maxN:]
	}
	a0 := -1
	if len(z.Alias) > 0 {
		a0 = z.Alias[0]
	}
	var aliasX, aliasY, rollX, rollY float64
	haveAlias, haveRoll := false, false
	for i, gnum := range trees {
		cx := tr.X + float64(i%fitN)*(cw+gap)
		cy := tr.Y + float64(i/fitN)*(lh+gap)
		cr := vm.R(cx, cy, cw, lh)
		c := pal.Lane
		tc := pal.TextDim
		if gnum == a0 {
			c, tc = pal.Plan, pal.Text
			aliasX, aliasY, haveAlias = cr.CX(), cr.Bottom(), true
		}
		if gnum == z.Rollback {
			rollX, rollY, haveRoll = cr.CX(), cr.Bottom(), true
			p.roundStroke(cr, 3*u, 1.5*u, pal.PlanOld)
		}
		g.card(cr, gnum, c, tc)
	}
	// A tree deleted moments ago: a crossed-out card fading out.
	if z.Deleted > 0 && g.now()-z.DeletedAt < 8*g.travel() {
		cr := vm.R(tr.Right()-cw, tr.Y+float64(rowsN)*(lh+gap), cw, lh)
		if cr.Bottom() <= r.Bottom() {
			g.card(cr, z.Deleted, pal.Bad.WithAlpha(0x90), pal.Text)
			p.shape(vm.ShapeCross, cr.CX(), cr.CY(), lh*0.45, pal.Text)
		}
	}
	// The alias arrow: to its tree, or, under the records, to nothing.
	ax, ay := alias.Right(), alias.CY()
	y := roll.Bottom() + 6*u
	switch {
	case z.Empty || a0 == 0:
		ny := y + lh/2
		x0 := alias.X + 3*u
		p.line(x0, alias.Bottom(), x0, ny, math.Max(1.5, 2*u), pal.Bad)
		p.shape(vm.ShapeCross, x0+lh*0.5, ny, lh*0.4, pal.Bad)
		p.fitAny(bold, fs, vm.R(x0+lh, ny-lh/2, col-lh, lh), left, pal.Bad, g.tr("ui.zone.nothing_long"), g.tr("ui.zone.nothing"))
		y += lh
	case haveAlias:
		p.arrow(ax, ay, aliasX, aliasY-lh, math.Max(1.5, 2*u), pal.Accent)
	}
	if haveRoll {
		p.arrow(roll.Right(), roll.CY(), rollX, rollY, math.Max(1, 1.2*u), pal.PlanOld)
	}
	// Other endpoints, one line each, and failed batches.
	for i := 1; i < len(z.Alias) && y+lh <= r.Bottom(); i++ {
		name := ""
		if i < len(res.Endpoints) {
			name = res.Endpoints[i]
		}
		s := g.tr("ui.zone.endpoint_alias", "name", name, "gen", aliasText(g, z.Alias[i]))
		p.fitText(s, regular, fs, vm.R(r.X, y, col, lh), left, pal.TextFaint)
		y += lh
	}
	if z.Failures > 0 && y+lh <= r.Bottom() {
		p.fitAny(bold, fs, vm.R(r.X, y, col, lh), left, pal.Bad, g.tr("ui.zone.failures", "n", z.Failures), g.tr("ui.zone.failures_short", "n", z.Failures))
	}
}

func aliasText(g *Game, n int) string {
	switch {
	case n == 0:
		return g.tr("ui.zone.nothing")
	case n < 0:
		return "–"
	}
	return gen(n)
}

// drawResolvers: resolvers holding good or empty answers, and DynamoDB's
// error rate.
func (g *Game) drawResolvers(r vm.Rect, z *vm.ZoneState, res *sim.Result, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	lh := lineBox(fs) + 2*u
	empty := res.Series.At(sim.ResolversEmpty, t)
	errRate := res.Series.At(sim.DynamoDBErrorRate, t)
	// Endpoint gauge at the bottom.
	gauge, top := r.CutBottom(math.Min(lh*2, r.H*0.45))
	// Resolver grid.
	n := 24
	cols := 8
	if top.W < top.H*1.6 {
		cols = 6
	}
	rows := (n + cols - 1) / cols
	cell := math.Min(top.W/float64(cols), top.H/float64(rows))
	ox := top.X + (top.W-cell*float64(cols))/2
	bad := int(math.Round(empty * float64(n)))
	for i := range n {
		cx := ox + (float64(i%cols)+0.5)*cell
		cy := top.Y + (float64(i/cols)+0.5)*cell
		rad := cell * 0.32
		if scatter(i, n) < bad {
			p.ring(cx, cy, rad, math.Max(1, rad*0.3), pal.Bad)
			p.shape(vm.ShapeCross, cx, cy, rad*0.6, pal.Bad)
		} else {
			p.circle(cx, cy, rad, pal.OK)
		}
	}
	// DynamoDB endpoint: error rate.
	pcts := strconv.Itoa(int(math.Round(errRate * 100)))
	pct := g.tr("ui.ddb.errors", "pct", pcts)
	if !p.fits(bold, fs, pct, gauge.W*0.45) {
		pct = g.tr("ui.pct", "pct", pcts)
	}
	pw := g.fonts.width(bold, fs, pct)
	c := pal.OK
	if errRate > 0.5 {
		c = pal.Bad
	} else if errRate > 0.05 {
		c = pal.Warn
	}
	p.fitAny(bold, fs, vm.R(gauge.X, gauge.Y, gauge.W-pw-6*u, lh), left, pal.Text, g.tr("ui.ddb.endpoint"), g.tr("ui.ddb.endpoint_short"))
	p.fitText(pct, bold, fs, vm.R(gauge.Right()-pw, gauge.Y, pw, lh), right, c)
	bar := vm.R(gauge.X, gauge.Y+lh, gauge.W, math.Max(3, math.Min(gauge.H-lh-2*u, 6*u)))
	p.rect(bar, pal.Grid)
	p.rect(vm.R(bar.X, bar.Y, bar.W*errRate, bar.H), c)
	if z.Empty && gauge.H > lh*2.2 {
		p.fitAny(regular, fs, vm.R(gauge.X, bar.Bottom()+u, gauge.W, lh), left, pal.Bad, g.tr("ui.ddb.noerror_empty"), g.tr("ui.ddb.noerror_empty_short"), g.tr("ui.ddb.noerror_empty_tiny"))
	}
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

// drawDWFM: the droplet grid losing and regaining leases, and the lease
// work queue with its goodput.
func (g *Game) drawDWFM(r vm.Rect, res *sim.Result, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	lh := lineBox(fs) + 2*u
	leased := res.Series.At(sim.DropletsLeased, t)
	queue := res.Series.At(sim.DWFMQueue, t)
	good := res.Series.At(sim.DWFMGoodput, t)
	launch := res.Series.At(sim.LaunchSuccess, t)
	grid, side := r.CutLeft(r.W * 0.55)
	// Droplets.
	cols, rows := 16, 8
	cell := math.Min(grid.W/float64(cols), (grid.H-lh)/float64(rows))
	if cell < 4*u {
		cols, rows = 8, 4
		cell = math.Min(grid.W/float64(cols), (grid.H-lh)/float64(rows))
	}
	n := cols * rows
	have := int(math.Round(leased * float64(n)))
	for i := range n {
		x := grid.X + float64(i%cols)*cell
		y := grid.Y + float64(i/cols)*cell
		c := vm.R(x+cell*0.12, y+cell*0.12, cell*0.76, cell*0.76)
		if scatter(i, n) < have {
			p.rect(c, pal.OK)
		} else {
			p.strokeRect(c, math.Max(1, cell*0.1), pal.Bad.WithAlpha(0xB0))
		}
	}
	lp := strconv.Itoa(int(math.Round(leased * 100)))
	p.fitAny(regular, fs, vm.R(grid.X, grid.Y+cell*float64(rows)+u, grid.W, lh), left, pal.TextDim,
		g.tr("ui.dwfm.leased", "pct", lp), g.tr("ui.dwfm.leased_short", "pct", lp), g.tr("ui.pct", "pct", lp))
	// Queue and goodput: a label at the left, the figure at the right,
	// a bar under both.
	side = side.InsetXY(6*u, 0)
	y := side.Y
	meter := func(long, short, pct string, v float64, c vm.RGBA) {
		if y+lh+4*u > side.Bottom() {
			return
		}
		pw := g.fonts.width(bold, fs, pct)
		p.fitText(pct, bold, fs, vm.R(side.Right()-pw, y, pw, lh), right, c)
		p.fitAny(regular, fs, vm.R(side.X, y, side.W-pw-4*u, lh), left, pal.TextDim, long, short)
		bar := vm.R(side.X, y+lh, side.W, math.Max(3, 5*u))
		p.rect(bar, pal.Grid)
		p.rect(vm.R(bar.X, bar.Y, bar.W*vm.Clamp(v, 0, 1), bar.H), c)
		y += lh + 6*u + 3*u
	}
	collapse := queue > 0.3 && good < queue*0.1
	qc := pal.Info
	if collapse {
		qc = pal.Bad
	}
	meter(g.tr("ui.dwfm.queue"), g.tr("ui.dwfm.queue_short"), g.tr("ui.pct", "pct", strconv.Itoa(int(math.Round(queue*100)))), queue, qc)
	meter(g.tr("ui.dwfm.launch"), g.tr("ui.dwfm.launch_short"), g.tr("ui.pct", "pct", strconv.Itoa(int(math.Round(launch*100)))), launch, sevColor(pal, launch))
	if collapse && y+lh <= side.Bottom() {
		p.fitAny(bold, fs, vm.R(side.X, y, side.W, lh), left, pal.Bad, g.tr("ui.dwfm.collapse"), g.tr("ui.dwfm.collapse_short"))
	}
}

func sevColor(pal vm.Palette, health float64) vm.RGBA {
	return pal.SeverityMark(vm.HealthSeverity(health)).Color
}

// drawNetMgr: Network Manager's propagation backlog and delay.
func (g *Game) drawNetMgr(r vm.Rect, res *sim.Result, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	lh := lineBox(fs) + 2*u
	backlog := res.Series.At(sim.NetMgrBacklog, t)
	lat := res.Series.At(sim.NetMgrLatency, t)
	// The backlog as a stack of blocks, log-scaled so both a few hundred
	// and hundreds of thousands show.
	peak := 0.0
	for _, v := range res.Series.Metrics[sim.NetMgrBacklog] {
		peak = math.Max(peak, float64(v))
	}
	f := 0.0
	if peak > 0 && backlog > 0 {
		f = math.Log1p(backlog) / math.Log1p(peak)
	}
	box, info := r.CutLeft(math.Min(r.W*0.35, 50*u))
	box = box.InsetXY(2*u, 0)
	p.roundStroke(box, 3*u, math.Max(1, u), pal.Border)
	c := pal.Info
	if lat > 10 {
		c = pal.Bad
	} else if lat > 2 {
		c = pal.Warn
	}
	fill := box.Inset(2 * u)
	h := fill.H * f
	p.rect(vm.R(fill.X, fill.Bottom()-h, fill.W, h), c)
	info = info.InsetXY(6*u, 0)
	y := info.Y
	vb := lineBox(l.FontBody)
	mins := g.tr("ui.netmgr.minutes", "n", strconv.Itoa(int(math.Round(lat))))
	if info.H >= 2*(lh+vb)+2*u {
		// Label over value, twice.
		p.fitAny(regular, fs, vm.R(info.X, y, info.W, lh), left, pal.TextDim, g.tr("ui.netmgr.backlog"), g.tr("ui.netmgr.backlog_short"))
		y += lh
		p.fitText(compact(backlog), bold, l.FontBody, vm.R(info.X, y, info.W, vb), left, pal.Text)
		y += vb + 2*u
		p.fitAny(regular, fs, vm.R(info.X, y, info.W, lh), left, pal.TextDim, g.tr("ui.netmgr.delay"), g.tr("ui.netmgr.delay_short"))
		y += lh
		p.fitText(mins, bold, l.FontBody, vm.R(info.X, y, info.W, vb), left, c)
		return
	}
	// Label and value on one line, twice.
	row := func(long, short, val string, vc vm.RGBA) {
		if y+lh > info.Bottom()+u {
			return
		}
		vw := g.fonts.width(bold, fs, val)
		p.fitText(val, bold, fs, vm.R(info.Right()-vw, y, vw, lh), right, vc)
		p.fitAny(regular, fs, vm.R(info.X, y, info.W-vw-4*u, lh), left, pal.TextDim, long, short)
		y += lh
	}
	row(g.tr("ui.netmgr.backlog"), g.tr("ui.netmgr.backlog_short"), compact(backlog), pal.Text)
	row(g.tr("ui.netmgr.delay"), g.tr("ui.netmgr.delay_short"), mins, c)
}

// compact writes a count as "1.2k", "340k", "1.1M".
func compact(v float64) string {
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 1, 64) + "M"
	case v >= 1e4:
		return strconv.Itoa(int(math.Round(v/1e3))) + "k"
	case v >= 1e3:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	}
	return strconv.Itoa(int(math.Round(v)))
}

// drawNLB: three Availability Zones of targets; flapping targets blink
// between healthy and failing, and capacity removed by AZ failover is
// drawn hollow.
func (g *Game) drawNLB(r vm.Rect, res *sim.Result, t sim.Time) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	lh := lineBox(fs) + 2*u
	flap := res.Series.At(sim.NLBFlapping, t)
	capy := res.Series.At(sim.NLBHealthyCapacity, t)
	grid, foot := r.CutTop(r.H - lh)
	azs := grid.Grid(3, 1, 6*u)
	per := 12
	inService := int(math.Round(capy * float64(3*per)))
	flapN := int(math.Round(flap * float64(3*per)))
	// Flapping alternates every 20 simulated seconds.
	phase := (t / (20 * sim.Second)) % 2
	for a, az := range azs {
		p.fitAny(regular, fs, vm.R(az.X, az.Y, az.W, lh), center, pal.TextFaint, g.tr(azKeys[a][0]), g.tr(azKeys[a][1]))
		cells := vm.R(az.X, az.Y+lh, az.W, az.H-lh)
		cols := 3
		rows := per / cols
		cell := math.Min(cells.W/float64(cols), cells.H/float64(rows))
		ox := cells.X + (cells.W-cell*float64(cols))/2
		for i := range per {
			k := a*per + i
			cx := ox + (float64(i%cols)+0.5)*cell
			cy := cells.Y + (float64(i/cols)+0.5)*cell
			rad := cell * 0.3
			rank := scatter(k, 3*per)
			switch {
			case rank < flapN:
				if (int(phase)+k)%2 == 0 {
					p.shape(vm.ShapeTriangle, cx, cy, rad, pal.Warn)
				} else {
					p.circle(cx, cy, rad, pal.OK)
				}
			case 3*per-rank <= 3*per-inService:
				p.ring(cx, cy, rad, math.Max(1, rad*0.3), pal.TextFaint)
			default:
				p.circle(cx, cy, rad, pal.OK)
			}
		}
	}
	cp := strconv.Itoa(int(math.Round(capy * 100)))
	c := sevColor(pal, math.Min(capy, 1-flap))
	if flapN > 0 {
		fp := strconv.Itoa(int(math.Round(flap * 100)))
		p.fitAny(regular, fs, foot, left, c,
			g.tr("ui.nlb.capacity", "pct", cp)+" · "+g.tr("ui.nlb.flapping", "pct", fp),
			g.tr("ui.nlb.capacity_short", "pct", cp)+" · "+g.tr("ui.nlb.flapping_short", "pct", fp),
			g.tr("ui.nlb.both_tiny", "cap", cp, "flap", fp))
		return
	}
	p.fitAny(regular, fs, foot, left, c, g.tr("ui.nlb.capacity", "pct", cp), g.tr("ui.nlb.capacity_short", "pct", cp), g.tr("ui.pct", "pct", cp))
}

var azKeys = [3][2]string{{"ui.nlb.az_a", "ui.nlb.az_a.short"}, {"ui.nlb.az_b", "ui.nlb.az_b.short"}, {"ui.nlb.az_c", "ui.nlb.az_c.short"}}

// drawServices: AWS services or apps as chips with a health mark. Apps'
// dependencies are illustrative, and the title says so.
func (g *Game) drawServices(r vm.Rect, res *sim.Result, t sim.Time, kind sim.Kind) {
	l, p, pal, u := g.lay, &g.p, g.pal, g.lay.U
	fs := l.FontSmall
	n := 0
	for _, s := range res.Services {
		if s.Kind == kind {
			n++
		}
	}
	if n == 0 {
		return
	}
	ch := lineBox(fs) + 4*u
	// The widest short name decides the columns: as many as fit it, then
	// fewer rows if the box is short.
	need := 0.0
	for _, s := range res.Services {
		if s.Kind == kind {
			need = math.Max(need, g.fonts.width(regular, fs, g.serviceShort(s)))
		}
	}
	need += fs*0.8 + 14*u
	cols := max(1, min(n, int(r.W/need)))
	rows := (n + cols - 1) / cols
	if float64(rows)*ch > r.H {
		// Not enough height: smaller text rather than cut names.
		ch = r.H / float64(rows)
		fs = math.Max(7*u, math.Min(fs, ch*0.78))
	}
	cw := r.W / float64(cols)
	i := 0
	for si, s := range res.Services {
		if s.Kind != kind {
			continue
		}
		x := r.X + float64(i%cols)*cw
		y := r.Y + float64(i/cols)*ch
		i++
		cr := vm.R(x, y, cw-3*u, ch-2*u)
		h := res.Series.HealthAt(si, t)
		m := pal.SeverityMark(vm.HealthSeverity(h))
		bg := pal.Lane
		if m.Shape != vm.ShapeCircle {
			bg = m.Color.WithAlpha(0x40)
		}
		p.round(cr, 3*u, bg)
		mr := math.Min(cr.H*0.28, fs*0.38)
		p.shape(m.Shape, cr.X+mr+3*u, cr.CY(), mr, m.Color)
		p.fitAny(regular, math.Min(fs, cr.H*0.85), vm.R(cr.X+2*mr+6*u, cr.Y, cr.W-2*mr-8*u, cr.H), left, pal.Text, g.serviceName(s), g.serviceShort(s))
	}
}

// serviceShort is a service's short name ("DynamoDB", "EC2", "IAM").
func (g *Game) serviceShort(s sim.ServiceOutages) string {
	if v, ok := i18n.Lookup(g.App.Lang, "ui.service_short."+s.ID); ok {
		return v
	}
	return g.serviceName(s)
}

// serviceName is a service's display name: from the locale when it has
// one, else the name the simulation gives.
func (g *Game) serviceName(s sim.ServiceOutages) string {
	if v, ok := i18n.Lookup(g.App.Lang, "ui.service."+s.ID); ok {
		return v
	}
	return s.Name
}

package view

import "time"

// In the browser the very first frame is the background only: the app
// state is built on the tick after it (Options.Boot), so the page shows
// the app before the baseline run, the story and the locales are ready.
// The first frame of the app is drawn without text: panels, bands, grids
// and icons only. It needs no fonts, glyphs or shaping (widths are estimated), so
// the page can show the app at once; the frames after it fill in the
// text, each spending at most textBudget on strings it has not drawn
// before (rasterising glyphs is most of a cold frame's cost, in
// WebAssembly especially). A language switch fills in the same way.

// textBudget is how long a frame may spend before it leaves strings it
// has not drawn before to the next frame: a few frames' worth, so that
// filling in takes a handful of frames even where each is slow (software
// GL), while none blocks input for long.
const textBudget = 40 * time.Millisecond

// drawShapes draws the whole screen but its text.
func (g *Game) drawShapes() {
	g.p.noText, g.fonts.estimate = true, true
	g.drawAll()
	g.p.noText, g.fonts.estimate = false, false
	g.p.deferred = true
}

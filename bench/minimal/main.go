// Command minimal is the start-up baseline for `make bench`: the smallest
// Ebitengine v2.10.4 program that draws a few lines of text with text/v2 and
// the Go fonts. The bench report compares the app's download size and time
// to first frame against this program, built and measured in the same run.
//
// It signals its first frame the way the app does: in the browser, after its
// first Draw it sets window.outage = {ready: true, baseline: true}, so the
// page, the loader and the harness treat both builds alike.
package main

import (
	"bytes"
	"image/color"
	"log"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/goregular"
)

var lines = []string{
	"us-east-1, 19 October 2025, 23:48 PDT",
	"DynamoDB endpoint: no addresses",
	"baseline: Ebitengine v2.10.4 + text/v2",
}

type game struct {
	face  *text.GoTextFace
	drawn bool
}

func (g *game) Update() error { return nil }

func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0x10, 0x18, 0x28, 0xff})
	for i, s := range lines {
		op := &text.DrawOptions{}
		op.GeoM.Translate(24, 24+float64(i)*36)
		op.ColorScale.ScaleWithColor(color.White)
		text.Draw(screen, s, g.face, op)
	}
	if !g.drawn {
		g.drawn = true
		signalReady()
	}
}

func (g *game) Layout(w, h int) (int, int) { return w, h }

func main() {
	src, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		log.Fatal(err)
	}
	ebiten.SetWindowTitle("outage baseline")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if err := ebiten.RunGame(&game{face: &text.GoTextFace{Source: src, Size: 24}}); err != nil {
		log.Fatal(err)
	}
}

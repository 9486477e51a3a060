// Package viewmodel is everything the explainer's screen needs that does
// not need a screen: the layout rectangles of every widget at any size,
// the timeline's time↔x scales and zoom inset, the colour-blind-safe
// palette with a shape per severity, hit-testing, keyboard command
// mapping, argument parsing for the JavaScript bridge, the zone and
// cascade state folded from a simulation Result at any moment, and the
// app state machine (mode, playhead, speed, chapter, safeguards and the
// cache of what-if results).
//
// It imports neither Ebitengine nor syscall/js, so it is tested natively
// and under GOOS=js GOARCH=wasm. Lengths are in device pixels unless a
// name says otherwise.
package viewmodel

// Package assets holds the data embedded in every build: locale strings
// and generated tables.
package assets

import "embed"

// Locales holds assets/locales/<lang>/*.json: flat objects of key to text.
//
//go:embed locales
var Locales embed.FS

// RaceRisk is assets/generated/racerisk.json: how often the race empties
// the regional endpoint over many nights, with each DNS-layer safeguard
// (written by `make assets`, checked by game/racerisk's tests).
//
//go:embed generated/racerisk.json
var RaceRisk []byte

// Worlds is assets/generated/worlds.json: the plausible worlds, found by
// history matching against the PES (written by `make assets`, checked by
// game/worlds's tests).
//
//go:embed generated/worlds.json
var Worlds []byte

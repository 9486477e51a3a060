// Package assets holds the data embedded in every build: locale strings.
package assets

import "embed"

// Locales holds assets/locales/<lang>/*.json: flat objects of key to text.
//
//go:embed locales
var Locales embed.FS

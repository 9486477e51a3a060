// Package i18n looks up user-facing text by key in the embedded locale
// files (assets/locales/<lang>/*.json). Every file of a locale is merged
// into one flat table, so separate parts of the app keep separate files.
// Text may carry named placeholders, {name}, filled by T's arguments.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/outagelab/outage/assets"
)

// Default is the language used when none is asked for or the one asked
// for is not available.
const Default = "en"

var (
	once    sync.Once
	tables  map[string]map[string]string
	loadErr error
)

func load() {
	tables = map[string]map[string]string{}
	dirs, err := fs.ReadDir(assets.Locales, "locales")
	if err != nil {
		loadErr = err
		return
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		lang := d.Name()
		t := map[string]string{}
		files, _ := fs.ReadDir(assets.Locales, path.Join("locales", lang))
		for _, f := range files {
			if f.IsDir() || !strings.HasSuffix(f.Name(), ".json") {
				continue
			}
			b, err := fs.ReadFile(assets.Locales, path.Join("locales", lang, f.Name()))
			if err != nil {
				loadErr = err
				continue
			}
			var m map[string]string
			if err := json.Unmarshal(b, &m); err != nil {
				loadErr = fmt.Errorf("locale %s/%s: %w", lang, f.Name(), err)
				continue
			}
			for k, v := range m {
				if _, dup := t[k]; dup {
					loadErr = fmt.Errorf("locale %s: key %q defined twice", lang, k)
				}
				t[k] = v
			}
		}
		tables[lang] = t
	}
}

// Err reports a problem found while loading the locale files (a test
// fails on it; the app carries on with what loaded).
func Err() error { once.Do(load); return loadErr }

// Langs lists the available languages, sorted.
func Langs() []string {
	once.Do(load)
	out := make([]string, 0, len(tables))
	for l := range tables {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Has reports whether lang is available.
func Has(lang string) bool { once.Do(load); _, ok := tables[lang]; return ok }

// Keys lists every key of lang, sorted.
func Keys(lang string) []string {
	once.Do(load)
	out := make([]string, 0, len(tables[lang]))
	for k := range tables[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the raw text of key in lang, falling back to the default
// language; ok is false when neither has it.
func Lookup(lang, key string) (string, bool) {
	once.Do(load)
	if s, ok := tables[lang][key]; ok {
		return s, true
	}
	s, ok := tables[Default][key]
	return s, ok
}

// T returns the text of key in lang with placeholders filled from args,
// given as name, value pairs: T("en", "event.plan", "gen", 146). A missing
// key returns the key itself, so a gap shows instead of a blank.
func T(lang, key string, args ...any) string {
	s, ok := Lookup(lang, key)
	if !ok {
		return key
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Match finds the available language for a tag: "id", "id-ID", "en_GB",
// or "in" (Indonesian's old code). ok is false when none matches.
func Match(tag string) (lang string, ok bool) {
	l := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if l == "in" {
		l = "id"
	}
	if l == "" || !Has(l) {
		return "", false
	}
	return l, true
}

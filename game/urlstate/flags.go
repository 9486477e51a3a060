package urlstate

import (
	"errors"
	"flag"
	"html"
	"strconv"
	"strings"
)

// Flags binds the link parameters to command-line flags: -mode, -chapter,
// -t, -speed, -safeguards, -lang, -embed, -autoplay, -controls, -theme,
// -motion, and -link, which takes a whole share link (its parameters
// apply where it stands among the flags, so later flags override it).
// A bad value is an error naming the valid choices; with a FlagSet made
// with flag.ExitOnError the program then stops with status 2.
type Flags struct {
	st    State
	speed string // checked against the final mode by State
}

// RegisterFlags adds the flags to fs. Call State after fs.Parse.
func RegisterFlags(fs *flag.FlagSet) *Flags {
	f := &Flags{}
	choice := func(name, usage string, names []string, get func() string, put func(int)) {
		fs.Var(&value{get: get, set: func(v string) error {
			i, p := parseChoice(v, names, nil)
			if p != nil {
				return p
			}
			put(i)
			return nil
		}}, name, usage)
	}
	choice("mode", "story (guided) or explore (free)", modeNames,
		func() string { return f.st.Mode.String() }, func(i int) { f.st.Mode = Mode(i) })
	fs.Var(&value{get: func() string { return f.st.Chapter }, set: func(v string) error {
		id, p := parseChapter(v)
		if p != nil {
			return p
		}
		f.st.Chapter = id
		return nil
	}}, "chapter", "story chapter to open: its number (1–10) or name (race, collapse, ...)")
	fs.Var(&value{get: func() string {
		if !f.st.HasT {
			return ""
		}
		return FormatTime(f.st.T)
	}, set: func(v string) error {
		t, p := parseTime(v)
		if p != nil {
			return p
		}
		f.st.T, f.st.HasT = t, true
		return nil
	}}, "t", `moment to show: PDT clock time ("02:25"), RFC 3339, or minutes after 23:30`)
	fs.Var(&value{get: func() string { return f.speed }, set: func(v string) error {
		if _, p := parseSpeed(v, Story); p != nil {
			if _, p2 := parseSpeed(v, Explore); p2 != nil {
				return p
			}
		}
		f.speed = v
		return nil
	}}, "speed", "playback speed: story mode 0.25–4 (× the chapter's pace); explore mode 1–3600 (simulated seconds per second)")
	fs.Var(&value{get: func() string { return f.st.Safeguards.String() }, set: func(v string) error {
		sg, p := parseSafeguards(v)
		if p != nil {
			return p
		}
		f.st.Safeguards = sg
		return nil
	}}, "safeguards", "comma-separated safeguard ids to switch on (or none, all)")
	fs.Var(&value{get: func() string { return f.st.Lang }, set: func(v string) error {
		l, p := parseLang(v)
		if p != nil {
			return p
		}
		f.st.Lang = l
		return nil
	}}, "lang", "language (en, id); default: the system's")
	boolean := func(name, usage string, get func() bool, put func(bool)) {
		fs.Var(&value{boolean: true, get: func() string { return strconv.FormatBool(get()) },
			set: func(v string) error {
				b, p := parseBool(v, false)
				if p != nil {
					return p
				}
				put(b)
				return nil
			}}, name, usage)
	}
	boolean("embed", "embedded layout: minimal chrome", func() bool { return f.st.Embed },
		func(b bool) { f.st.Embed = b })
	boolean("autoplay", "start playing (by default story mode plays unless -t is given)",
		func() bool { return f.st.Plays() },
		func(b bool) {
			f.st.Autoplay = Off
			if b {
				f.st.Autoplay = On
			}
		})
	choice("controls", "how much chrome: auto (full, or min when embedded), full, min or none", controlsNames,
		func() string { return f.st.Controls.String() }, func(i int) { f.st.Controls = Controls(i) })
	choice("theme", "colour theme: auto (the system's), dark, light or high-contrast", themeNames,
		func() string { return f.st.Theme.String() }, func(i int) { f.st.Theme = Theme(i) })
	choice("motion", "animation: auto (the system's setting), full, or reduce (cuts instead of movement)", motionNames,
		func() string { return f.st.Motion.String() }, func(i int) { f.st.Motion = Motion(i) })
	fs.Var(&value{get: func() string { return "" }, set: func(v string) error {
		d := decoder{}
		d.apply(&f.st, v)
		if n := d.finish(); len(n) > 0 {
			msgs := make([]string, len(n))
			for i, x := range n {
				msgs[i] = x.String()
			}
			return errors.New(strings.Join(msgs, "; "))
		}
		if f.st.Speed != 0 {
			f.speed = strconv.FormatFloat(f.st.Speed, 'g', -1, 64)
		}
		return nil
	}}, "link", "a share link (or its query) to open; later flags override it")
	return f
}

// State returns the state the flags describe, checking the speed against
// the final mode.
func (f *Flags) State() (State, error) {
	s := f.st
	s.Speed = 0
	if f.speed != "" {
		x, p := parseSpeed(f.speed, s.Mode)
		if p != nil {
			return s, errors.New(`invalid value "` + f.speed + `" for flag -speed: ` + p.Error())
		}
		s.Speed = x
	}
	return s, nil
}

// value is a flag.Value made of two functions.
type value struct {
	get     func() string
	set     func(string) error
	boolean bool
}

func (v *value) String() string {
	if v == nil || v.get == nil {
		return ""
	}
	return v.get()
}

func (v *value) Set(s string) error { return v.set(s) }

// IsBoolFlag lets "-embed" stand alone.
func (v *value) IsBoolFlag() bool { return v != nil && v.boolean }

// Link returns the share link for s: base (its own query and fragment
// dropped) with s's canonical query.
func Link(base string, s State) string {
	if i := strings.IndexAny(base, "?#"); i >= 0 {
		base = base[:i]
	}
	if q := Encode(s); q != "" {
		return base + "?" + q
	}
	return base
}

// Iframe returns a ready <iframe> snippet embedding s (with embed=1) from
// base, with the given size and an accessible title; it loads lazily and
// may go full screen.
func Iframe(base string, s State, width, height int, title string) string {
	s.Embed = true
	e := html.EscapeString
	return `<iframe src="` + e(Link(base, s)) + `" width="` + strconv.Itoa(width) +
		`" height="` + strconv.Itoa(height) + `" title="` + e(title) +
		`" loading="lazy" allow="fullscreen"` +
		` sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>`
}

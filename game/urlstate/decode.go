package urlstate

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/story"
)

// Notice says that part of a link was ignored, and why. Message gives the
// text for the reader's banner.
type Notice struct {
	// Param is the parameter concerned ("" when a part of the query could
	// not be read at all).
	Param string
	// Value is the ignored value as given, cleaned of control characters
	// and shortened for display.
	Value string
	// Problem names what was wrong: "unknown-param", "malformed",
	// "invalid", "bad-bool", "bad-time", "time-range", "bad-speed",
	// "bad-chapter", "unknown-safeguards", "repeated" or "more".
	Problem string
	// Valid lists the accepted values, where there is a short list.
	Valid []string

	p problem
}

// Message is the notice in lang, for the dismissible banner.
func (n Notice) Message(lang string) string {
	lo, hi := speedRange(n.p.mode)
	return i18n.T(lang, "urlstate.notice."+n.Problem,
		"param", n.Param, "value", n.Value,
		"valid", strings.Join(n.Valid, ", "),
		"mode", n.p.mode.String(),
		"min", strconv.FormatFloat(lo, 'g', -1, 64),
		"max", strconv.FormatFloat(hi, 'g', -1, 64),
		"count", len(story.IDs()),
		"n", n.p.n)
}

// String is the notice in English.
func (n Notice) String() string { return n.Message("en") }

type code int

const (
	codeUnknown code = iota
	codeMalformed
	codeChoice
	codeBool
	codeTime
	codeTimeRange
	codeSpeed
	codeChapter
	codeSafeguards
	codeRepeated
	codeMore
)

var codeNames = [...]string{"unknown-param", "malformed", "invalid", "bad-bool", "bad-time",
	"time-range", "bad-speed", "bad-chapter", "unknown-safeguards", "repeated", "more"}

// problem is why a value was refused; it is also the error the command
// line reports, in English.
type problem struct {
	code  code
	valid []string
	mode  Mode   // for speeds
	bad   string // the unknown safeguards
	n     int    // for codeMore
}

func (p *problem) Error() string {
	switch p.code {
	case codeChoice:
		return "choose one of " + strings.Join(p.valid, ", ")
	case codeBool:
		return "use 1 or 0 (or true, false)"
	case codeTime:
		return `want a PDT clock time ("02:25", "23:48:03"), RFC 3339 ("2025-10-20T02:25:00-07:00") or minutes after 23:30 ("175")`
	case codeTimeRange:
		return "outside the outage: from 23:30 on 19 October to 05:00 on 21 October (PDT)"
	case codeSpeed:
		lo, hi := speedRange(p.mode)
		return "in " + p.mode.String() + " mode use a number from " +
			strconv.FormatFloat(lo, 'g', -1, 64) + " to " + strconv.FormatFloat(hi, 'g', -1, 64)
	case codeChapter:
		return "use a number from 1 to " + strconv.Itoa(len(story.IDs())) +
			" or one of " + strings.Join(story.IDs(), ", ")
	case codeSafeguards:
		return (&safeguard.UnknownError{IDs: strings.Split(p.bad, ",")}).Error()
	}
	return codeNames[p.code]
}

// Limits on what Decode reads, so any input costs little.
const (
	maxPieces  = 64
	maxNotices = 8
	maxShown   = 40 // runes of a value shown in a notice
)

// Trackers are parameters that sharing sites add to links; Decode ignores
// them without a notice.
var trackers = []string{"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid",
	"ref", "ref_src", "_ga", "_gl"}

// Decode reads a link: a query string with or without its "?", or a whole
// URL (its fragment is ignored). Parameter names and values are case-
// insensitive. Every value it cannot use is left at its default and
// reported in a Notice; tracking parameters (utm_*, fbclid, ...) are
// ignored silently.
func Decode(query string) (State, []Notice) {
	var s State
	d := decoder{}
	d.apply(&s, query)
	return s, d.finish()
}

type decoder struct {
	notices []Notice
	extra   int
}

func (d *decoder) note(param, value string, p *problem) {
	if len(d.notices) >= maxNotices {
		d.extra++
		return
	}
	n := Notice{Param: clip(param), Value: clip(value), Problem: codeNames[p.code], Valid: p.valid, p: *p}
	if p.code == codeSafeguards {
		n.Value = clip(p.bad)
	}
	d.notices = append(d.notices, n)
}

func (d *decoder) finish() []Notice {
	if d.extra > 0 {
		p := problem{code: codeMore, n: d.extra}
		d.notices = append(d.notices, Notice{Problem: codeNames[codeMore], p: p})
	}
	return d.notices
}

// clip makes a value safe and short enough to show.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxShown {
			b.WriteRune('…')
			break
		}
		if unicode.IsControl(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// pair is one parameter as read from the query.
type pair struct {
	value string
	bare  bool // given without "=": a flag that is on
}

// queryPart returns the query of a link: after the first "?" (if any),
// before the first "#".
func queryPart(q string) string {
	if i := strings.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	if i := strings.IndexByte(q, '?'); i >= 0 {
		return q[i+1:]
	}
	if strings.Contains(q, "://") || strings.HasPrefix(q, "/") {
		return "" // a URL without a query
	}
	return q
}

// apply reads query into s, changing only the parameters it names.
func (d *decoder) apply(s *State, query string) {
	got := map[string]pair{}
	for i, piece := range strings.Split(queryPart(query), "&") {
		if i >= maxPieces {
			d.extra++
			continue
		}
		if piece == "" {
			continue
		}
		rawName, rawValue, hasEq := strings.Cut(piece, "=")
		name, err1 := url.QueryUnescape(rawName)
		value, err2 := url.QueryUnescape(rawValue)
		if err1 != nil || err2 != nil {
			d.note("", piece, &problem{code: codeMalformed})
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if ignored(name) {
			continue
		}
		if !known(name) {
			d.note(name, value, &problem{code: codeUnknown})
			continue
		}
		if _, dup := got[name]; dup {
			d.note(name, value, &problem{code: codeRepeated})
			continue
		}
		got[name] = pair{strings.TrimSpace(value), !hasEq}
	}
	// Mode first: the valid speeds depend on it.
	for _, name := range Params {
		p, ok := got[name]
		if !ok || (p.value == "" && !p.bare) {
			continue // absent or empty: the default
		}
		if prob := set(s, name, p); prob != nil {
			d.note(name, p.value, prob)
		}
	}
}

func ignored(name string) bool {
	if name == "" || strings.HasPrefix(name, "utm_") {
		return true
	}
	for _, t := range trackers {
		if name == t {
			return true
		}
	}
	return false
}

func known(name string) bool {
	for _, p := range Params {
		if p == name {
			return true
		}
	}
	return false
}

// set applies one parameter to s, or says why it cannot.
func set(s *State, name string, p pair) *problem {
	v := p.value
	switch name {
	case "mode":
		i, prob := parseChoice(v, modeNames, nil)
		if prob == nil {
			s.Mode = Mode(i)
		}
		return prob
	case "chapter":
		id, prob := parseChapter(v)
		if prob == nil {
			s.Chapter = id
		}
		return prob
	case "t":
		t, prob := parseTime(v)
		if prob == nil {
			s.T, s.HasT = t, true
		}
		return prob
	case "speed":
		x, prob := parseSpeed(v, s.Mode)
		if prob == nil {
			s.Speed = x
		}
		return prob
	case "safeguards":
		sg, prob := parseSafeguards(v)
		s.Safeguards = sg // the known ones, even when some were not
		return prob
	case "lang":
		l, prob := parseLang(v)
		if prob == nil {
			s.Lang = l
		}
		return prob
	case "embed":
		b, prob := parseBool(v, p.bare)
		if prob == nil {
			s.Embed = b
		}
		return prob
	case "autoplay":
		b, prob := parseBool(v, p.bare)
		if prob == nil {
			s.Autoplay = Off
			if b {
				s.Autoplay = On
			}
		}
		return prob
	case "controls":
		i, prob := parseChoice(v, controlsNames, map[string]int{"minimal": int(ControlsMin)})
		if prob == nil {
			s.Controls = Controls(i)
		}
		return prob
	case "theme":
		i, prob := parseChoice(v, themeNames, map[string]int{"contrast": int(ThemeHighContrast)})
		if prob == nil {
			s.Theme = Theme(i)
		}
		return prob
	case "motion":
		i, prob := parseChoice(v, motionNames, map[string]int{"reduced": int(MotionReduce)})
		if prob == nil {
			s.Motion = Motion(i)
		}
		return prob
	}
	return &problem{code: codeUnknown}
}

func parseChoice(v string, names []string, aliases map[string]int) (int, *problem) {
	v = strings.ToLower(strings.TrimSpace(v))
	for i, n := range names {
		if v == n {
			return i, nil
		}
	}
	if i, ok := aliases[v]; ok {
		return i, nil
	}
	return 0, &problem{code: codeChoice, valid: names}
}

func parseBool(v string, bare bool) (bool, *problem) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	case "":
		if bare {
			return true, nil
		}
	}
	return false, &problem{code: codeBool}
}

// parseChapter accepts a chapter's number (1-based) or its id.
func parseChapter(v string) (string, *problem) {
	ids := story.IDs()
	v = strings.ToLower(strings.TrimSpace(v))
	if n, err := strconv.Atoi(v); err == nil && allDigits(v) {
		if n >= 1 && n <= len(ids) {
			return ids[n-1], nil
		}
		return "", &problem{code: codeChapter}
	}
	if story.Index(v) >= 0 {
		return v, nil
	}
	return "", &problem{code: codeChapter}
}

// parseSpeed reads a speed for mode m ("2", "0.5", "2x"); the mode's
// default is stored as 0.
func parseSpeed(v string, m Mode) (float64, *problem) {
	v = strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(v)), "x"), "×")
	bad := &problem{code: codeSpeed, mode: m}
	if !isDecimal(v) || len(v) > 16 {
		return 0, bad
	}
	x, err := strconv.ParseFloat(v, 64)
	lo, hi := speedRange(m)
	if err != nil || x < lo || x > hi {
		return 0, bad
	}
	if x == defaultSpeed(m) {
		return 0, nil
	}
	return x, nil
}

// parseSafeguards reads a comma list of safeguard ids; "none" is the
// empty set and "all" every safeguard. Unknown ids are reported, the
// known ones kept.
func parseSafeguards(v string) (safeguard.Set, *problem) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "none":
		return 0, nil
	case "all":
		return safeguard.All(), nil
	}
	set, err := safeguard.Parse(v)
	if u, ok := err.(*safeguard.UnknownError); ok {
		return set, &problem{code: codeSafeguards, bad: strings.Join(u.IDs, ",")}
	}
	return set, nil
}

// parseLang accepts an available locale or a BCP 47 tag whose language
// is one ("id-ID", "en_GB"); "in" is the old code for Indonesian.
func parseLang(v string) (string, *problem) {
	if l, ok := i18n.Match(v); ok {
		return l, nil
	}
	return "", &problem{code: codeChoice, valid: i18n.Langs()}
}

package story

import (
	"strconv"
	"strings"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// render fills key's placeholders in lang. Values are written for the
// reader: sim.Time as a clock time, float64 as a number, safeguard.Set as
// the safeguards' titles.
func render(lang, key string, args []any) string {
	if len(args) == 0 {
		return i18n.T(lang, key)
	}
	out := make([]any, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		out[i] = args[i]
		out[i+1] = value(lang, args[i+1])
	}
	return i18n.T(lang, key, out...)
}

func value(lang string, v any) any {
	switch x := v.(type) {
	case sim.Time:
		if d := x.Wall().Day(); d != 19 && d != 20 {
			return DateClock(lang, x) // a what-if's tail into 21 October
		}
		return Clock(lang, x)
	case float64:
		return Number(lang, x)
	case safeguard.Set:
		return Titles(lang, x)
	case Minutes:
		return DurationText(lang, float64(x))
	}
	return v
}

// Minutes is a duration argument of a caption, written in the reader's
// language when the caption is.
type Minutes float64

// DurationText writes a number of minutes as "1 h 48 min" in lang.
func DurationText(lang string, min float64) string {
	m := int(min + 0.5)
	if m < 60 {
		return i18n.T(lang, "story.duration.m", "m", m)
	}
	return i18n.T(lang, "story.duration.hm", "h", m/60, "m", m%60)
}

// Clock writes t as a PDT clock time in lang's style ("02:25"; "02.25" in
// Indonesian).
func Clock(lang string, t sim.Time) string {
	w := t.Wall()
	return i18n.T(lang, "story.format.clock",
		"h", two(w.Hour()), "m", two(w.Minute()))
}

// ClockSeconds is Clock with seconds, for the race's fine steps.
func ClockSeconds(lang string, t sim.Time) string {
	w := t.Wall()
	return i18n.T(lang, "story.format.clock_seconds",
		"h", two(w.Hour()), "m", two(w.Minute()), "s", two(w.Second()))
}

// DateClock writes t with its day, for times away from the main night
// ("04:05, 21 October").
func DateClock(lang string, t sim.Time) string {
	w := t.Wall()
	return i18n.T(lang, "story.format.date_clock", "clock", Clock(lang, t),
		"day", w.Day(), "month", i18n.T(lang, "story.format.month."+strconv.Itoa(int(w.Month()))))
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Number writes x with at most one decimal, in lang's style ("14.5";
// "14,5" in Indonesian).
func Number(lang string, x float64) string {
	s := strconv.FormatFloat(float64(int64(x*10+sign(x)*0.5))/10, 'f', -1, 64)
	if sep := i18n.T(lang, "story.format.decimal"); sep != "." && sep != "story.format.decimal" {
		s = strings.Replace(s, ".", sep, 1)
	}
	return s
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// Titles lists the safeguards of set by their titles in lang.
func Titles(lang string, set safeguard.Set) string {
	ids := set.IDs()
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = i18n.T(lang, "safeguard."+string(id)+".title")
	}
	return strings.Join(parts, i18n.T(lang, "story.format.list_sep"))
}

// Level ranks events for the feed, so a view can show the key ones and
// leave the fine grain of the DNS race to its zoom.
type Level int

// Event levels.
const (
	// Detail is the fine grain of the DNS automation: plans written,
	// checks, lock contention, routine applies and clean-ups.
	Detail Level = iota
	// Notable is a model event worth a line of its own: a failed batch, a
	// deleted active plan, a service going down or back up.
	Notable
	// Key is a canonical event of the real timeline (FACTS.md §3).
	Key
)

// EventLevel returns e's level.
func EventLevel(e sim.Event) Level {
	if e.Canonical {
		return Key
	}
	switch e.Kind {
	case "planner.plan", "enactor.check", "enactor.check_stale", "enactor.lock_busy",
		"enactor.apply", "zone.alias", "enactor.cleanup", "zone.plan_deleted":
		if e.Kind == "enactor.apply" && float64(e.Gen) < e.Value {
			return Notable // an older plan over a newer one: the race
		}
		return Detail
	}
	return Notable
}

// EventText is the event feed's line for e in lang. r supplies the names
// of services and endpoints; it may be nil. Apps are marked illustrative.
func EventText(lang string, r *sim.Result, e sim.Event) string {
	key := "event." + e.Kind
	if e.Kind == "enactor.apply" && float64(e.Gen) < e.Value {
		key = "event.enactor.apply_older"
	}
	if e.Kind == "enactor.apply_refused" && float64(e.Gen) >= e.Value {
		// The live plan re-applied: refused because it is already there.
		key = "event.enactor.apply_refused_same"
	}
	if strings.HasPrefix(e.Kind, "service.") && r != nil {
		if i := r.Service(e.Subject); i >= 0 && r.Services[i].Kind == sim.App {
			key = "event.app." + strings.TrimPrefix(e.Kind, "service.")
		}
	}
	if _, ok := i18n.Lookup(lang, key); !ok {
		key = "event.other"
	}
	return i18n.T(lang, key,
		"kind", e.Kind,
		"subject", subjectName(lang, r, e.Subject),
		"gen", e.Gen,
		"endpoint", endpointName(lang, r, e.Endpoint),
		"value", Number(lang, e.Value),
		"count", int64(e.Value),
		"prev", int64(e.Value),
		"time", Clock(lang, e.At))
}

// subjectName is how the feed names an actor: a localized name for the
// automation's parts, the service's own name, or the id as given.
func subjectName(lang string, r *sim.Result, id string) string {
	if s, ok := i18n.Lookup(lang, "subject."+id); ok {
		return s
	}
	if r != nil {
		if i := r.Service(id); i >= 0 && r.Services[i].Name != "" {
			return r.Services[i].Name
		}
	}
	return id
}

func endpointName(lang string, r *sim.Result, ep int) string {
	if r != nil && ep >= 0 && ep < len(r.Endpoints) {
		return r.Endpoints[ep]
	}
	return i18n.T(lang, "event.endpoint", "n", ep+1)
}

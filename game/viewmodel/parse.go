package viewmodel

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
)

// ParseTime reads a moment of the night: RFC 3339 (any offset), or
// "HH:MM" / "HH:MM:SS" in PDT. Clock times from 23:30 belong to 19
// October, earlier ones to the 20th. The result is clamped to the
// timeline; a time outside the incident's two days is an error.
func ParseTime(s string) (sim.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New(`empty time; want RFC 3339 ("2025-10-20T01:00:00-07:00") or "HH:MM" in PDT`)
	}
	if strings.Contains(s, "T") || strings.Contains(s, "t") {
		w, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return 0, fmt.Errorf(`bad time %q: want RFC 3339 ("2025-10-20T01:00:00-07:00") or "HH:MM" in PDT`, s)
		}
		t := sim.FromWall(w)
		if t < -24*sim.Hour || t > 48*sim.Hour {
			return 0, fmt.Errorf("time %q is outside the incident (19–21 October 2025)", s)
		}
		return clampTime(t), nil
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf(`bad time %q: want "HH:MM" in PDT or RFC 3339`, s)
	}
	var v [3]int
	lim := [3]int{23, 59, 59}
	ms := 0
	for i, p := range parts {
		if i == 2 {
			// Seconds may carry a fraction: "23:47:54.5".
			if whole, frac, ok := strings.Cut(p, "."); ok {
				f, err := strconv.ParseFloat("0."+frac, 64)
				if err != nil || frac == "" || strings.ContainsAny(frac, "+-eE") {
					return 0, fmt.Errorf(`bad time %q: want "HH:MM:SS.s" in PDT`, s)
				}
				ms = int(math.Round(f * 1000))
				p = whole
			}
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > lim[i] || len(p) > 2 || p == "" {
			return 0, fmt.Errorf(`bad time %q: want "HH:MM" in PDT (00:00–23:59)`, s)
		}
		v[i] = n
	}
	day := 1
	if v[0]*60+v[1] >= 23*60+30 {
		day = 0
	}
	t := sim.At(day, v[0], v[1]) + sim.Time(v[2])*sim.Second + sim.Time(ms)
	return clampTime(t), nil
}

func clampTime(t sim.Time) sim.Time { return max(TimelineStart, min(t, TimelineEnd)) }

// FormatTime writes t as RFC 3339 in PDT, as state() reports it.
func FormatTime(t sim.Time) string { return t.Wall().Format(time.RFC3339) }

// ParseChapter validates a chapter number counted from 1 given as a JSON
// number: it must be a whole number within [1, n]. It returns the index
// counted from 0.
func ParseChapter(v float64, n int) (int, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v != math.Trunc(v) {
		return 0, fmt.Errorf("chapter must be a whole number from 1 to %d", n)
	}
	if v < 1 || v > float64(n) {
		return 0, fmt.Errorf("chapter %v out of range: want 1 to %d", v, n)
	}
	return int(v) - 1, nil
}

// ParseLang reads a language: one the app has, or a tag whose language it
// has ("id-ID", "en_GB"; "in" is Indonesian's old code).
func ParseLang(s string) (string, error) {
	if l, ok := i18n.Match(s); ok {
		return l, nil
	}
	return "", fmt.Errorf("unknown language %q; valid: %s", s, strings.Join(i18n.Langs(), ", "))
}

// ParseSafeguards builds a set from a list of ids. Any unknown id makes
// the whole call an error naming the valid ids, so a caller never gets a
// silently partial set.
func ParseSafeguards(ids []string) (safeguard.Set, error) {
	s, err := safeguard.Parse(strings.Join(ids, ","))
	for _, id := range ids {
		if strings.Contains(id, ",") {
			return 0, fmt.Errorf("safeguard id %q contains a comma; pass one id per array item", id)
		}
	}
	if err != nil {
		return 0, err
	}
	return s, nil
}

// SafeguardStrings lists a set's ids as strings (never nil, so JSON shows
// an empty array).
func SafeguardStrings(s safeguard.Set) []string {
	out := []string{}
	for _, id := range s.IDs() {
		out = append(out, string(id))
	}
	return out
}

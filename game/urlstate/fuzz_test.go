package urlstate

import (
	"math"
	"strings"
	"testing"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/sim"
	"github.com/outagelab/outage/game/story"
)

// FuzzDecode: any input decodes without panicking, with a bounded number
// of notices that all render, into a state whose canonical query decodes
// back to the same state without notices.
func FuzzDecode(f *testing.F) {
	f.Add("chapter=race&t=23:48:03.5&safeguards=apply-time-check")
	f.Add("https://example.org/?mode=explore&speed=60#x")
	f.Fuzz(func(t *testing.T, q string) {
		s, notices := Decode(q)
		if len(notices) > maxNotices+1 {
			t.Fatalf("%d notices", len(notices))
		}
		for _, n := range notices {
			for _, lang := range i18n.Langs() {
				m := n.Message(lang)
				rest := strings.NewReplacer(n.Param, "", n.Value, "").Replace(m)
				if m == "" || strings.Contains(rest, "{") || strings.Contains(m, "urlstate.notice") {
					t.Fatalf("notice %+v renders as %q in %s", n, m, lang)
				}
			}
		}
		canon := Encode(s)
		again, n2 := Decode(canon)
		if len(n2) != 0 {
			t.Fatalf("canonical %q of %q has notices: %v", canon, q, n2)
		}
		if again != s {
			t.Fatalf("%q: %+v re-decodes from %q as %+v", q, s, canon, again)
		}
		if Encode(again) != canon {
			t.Fatalf("%q: not canonical", canon)
		}
	})
}

// FuzzRoundTrip: every valid state survives Encode then Decode.
func FuzzRoundTrip(f *testing.F) {
	f.Add(uint8(1), uint8(2), int64(1234567), true, 60.0, uint32(3), uint8(1), true, uint8(2), uint8(1), uint8(3), uint8(2))
	f.Fuzz(func(t *testing.T, mode, chapter uint8, at int64, hasT bool, speed float64, sg uint32,
		lang uint8, embed bool, autoplay, controls, theme, motion uint8) {
		s := State{
			Mode:       Mode(mode % 2),
			Safeguards: safeguard.Set(sg) & safeguard.All(),
			Embed:      embed,
			Autoplay:   Switch(autoplay % 3),
			Controls:   Controls(controls % 4),
			Theme:      Theme(theme % 4),
			Motion:     Motion(motion % 3),
		}
		if ids := story.IDs(); chapter > 0 {
			s.Chapter = ids[int(chapter)%len(ids)]
		}
		if langs := i18n.Langs(); lang > 0 {
			s.Lang = langs[int(lang)%len(langs)]
		}
		if hasT {
			if at < 0 {
				at = -(at + 1)
			}
			s.T, s.HasT = sim.Time(at%int64(MaxT+1)), true
		}
		if lo, hi := speedRange(s.Mode); !math.IsNaN(speed) && speed >= lo && speed <= hi &&
			speed != defaultSpeed(s.Mode) && len(strings.TrimSuffix(formatSpeed(speed), "x")) <= 16 {
			s.Speed = speed
		}
		q := Encode(s)
		got, notices := Decode(q)
		if len(notices) != 0 {
			t.Fatalf("%q: notices %v", q, notices)
		}
		if got != s {
			t.Fatalf("%+v encodes as %q, decodes as %+v", s, q, got)
		}
	})
}

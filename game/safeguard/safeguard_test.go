package safeguard

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogue(t *testing.T) {
	require.Len(t, Catalogue, 15)
	ids := map[ID]bool{}
	layers := map[Layer]bool{}
	for _, l := range Layers {
		layers[l] = true
	}
	for i, in := range Catalogue {
		assert.NotEmpty(t, in.ID, "entry %d", i)
		assert.False(t, ids[in.ID], "duplicate id %s", in.ID)
		ids[in.ID] = true
		assert.Equal(t, strings.ToLower(string(in.ID)), string(in.ID), "ids are lower case")
		assert.NotContains(t, string(in.ID), ",", "ids cannot contain the list separator")
		assert.Equal(t, strings.TrimSpace(string(in.ID)), string(in.ID))
		assert.NotEmpty(t, in.Title, in.ID)
		assert.NotEmpty(t, in.Mechanism, in.ID)
		assert.NotEmpty(t, in.DecisionPoint, in.ID)
		assert.NotEmpty(t, in.Source, in.ID)
		assert.True(t, layers[in.Layer], "%s: layer %q is not in Layers", in.ID, in.Layer)
		got, ok := Lookup(in.ID)
		assert.True(t, ok)
		assert.Equal(t, in, got)
	}
	// Every layer has at least one safeguard.
	for _, l := range Layers {
		n := 0
		for _, in := range Catalogue {
			if in.Layer == l {
				n++
			}
		}
		assert.Positive(t, n, "layer %s", l)
	}
	_, ok := Lookup("bogus")
	assert.False(t, ok)
	// DESIGN §3's table, in order.
	assert.Equal(t, []ID{
		"apply-time-check", "spare-active-plan", "self-healing-rollback", "fewer-plans",
		"empty-endpoint-alarm", "serve-stale", "keep-last-good", "short-negative-ttl",
		"cell-endpoints", "dwfm-admission-control", "lease-static-stability",
		"netmgr-queue-throttle", "nlb-readiness-gate", "nlb-velocity-control", "multi-region-apps",
	}, IDs())
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []ID
		unknown []string // nil: no error
	}{
		{name: "empty", in: ""},
		{name: "only spaces", in: "   "},
		{name: "only commas", in: ",,, ,"},
		{name: "one", in: "serve-stale", want: []ID{ServeStale}},
		{name: "two, in catalogue order whatever the input order", in: "multi-region-apps,apply-time-check",
			want: []ID{ApplyTimeCheck, MultiRegionApps}},
		{name: "spaces around", in: "  apply-time-check ,\tserve-stale\n", want: []ID{ApplyTimeCheck, ServeStale}},
		{name: "case", in: "Apply-Time-Check,SERVE-STALE", want: []ID{ApplyTimeCheck, ServeStale}},
		{name: "duplicates", in: "serve-stale,serve-stale,SERVE-STALE", want: []ID{ServeStale}},
		{name: "blank items", in: ",serve-stale,,", want: []ID{ServeStale}},
		{name: "unknown", in: "bogus", unknown: []string{"bogus"}},
		{name: "unknown among valid: the valid ones are kept", in: "apply-time-check,bogus,serve-stale",
			want: []ID{ApplyTimeCheck, ServeStale}, unknown: []string{"bogus"}},
		{name: "unknown ones sorted, as written", in: "zz, Aa ,apply-time-check", want: []ID{ApplyTimeCheck},
			unknown: []string{" Aa ", "zz"}},
		{name: "a near miss", in: "apply_time_check", unknown: []string{"apply_time_check"}},
		{name: "spaces inside an id", in: "apply time check", unknown: []string{"apply time check"}},
		{name: "every id", in: All().String(), want: IDs()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.in)
			assert.Equal(t, tt.want, s.IDs())
			if tt.unknown == nil {
				assert.NoError(t, err)
				return
			}
			var ue *UnknownError
			require.True(t, errors.As(err, &ue), "want *UnknownError, got %v", err)
			assert.Equal(t, tt.unknown, ue.IDs)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "unknown safeguard "), msg)
			assert.Contains(t, msg, "valid safeguards: ")
			for _, id := range IDs() {
				assert.Contains(t, msg, string(id), "the message names every valid id")
			}
			for _, u := range tt.unknown {
				assert.Contains(t, msg, `"`+u+`"`)
			}
		})
	}
}

func TestSetOperations(t *testing.T) {
	var s Set
	assert.Zero(t, s.Len())
	assert.Empty(t, s.IDs())
	assert.Equal(t, "", s.String())
	assert.False(t, s.Has(ServeStale))

	s = s.With(MultiRegionApps, ApplyTimeCheck, ServeStale)
	assert.Equal(t, 3, s.Len())
	assert.Equal(t, []ID{ApplyTimeCheck, ServeStale, MultiRegionApps}, s.IDs(), "catalogue order")
	assert.Equal(t, "apply-time-check,serve-stale,multi-region-apps", s.String())
	assert.True(t, s.Has(ServeStale))
	assert.False(t, s.Has(KeepLastGood))

	assert.Equal(t, s, s.With(ServeStale), "adding a member changes nothing")
	assert.Equal(t, s, s.With("bogus"), "unknown ids are ignored")
	assert.Equal(t, s, s.Without("bogus"))
	assert.False(t, s.Has("bogus"))

	w := s.Without(ServeStale)
	assert.Equal(t, []ID{ApplyTimeCheck, MultiRegionApps}, w.IDs())
	assert.Equal(t, w, w.Without(ServeStale), "removing a non-member changes nothing")
	assert.Equal(t, 3, s.Len(), "sets are values")

	assert.Equal(t, w, s.Toggle(ServeStale))
	assert.Equal(t, s, s.Toggle(ServeStale).Toggle(ServeStale))
	assert.Equal(t, s, w.Toggle(ServeStale))
	assert.Equal(t, s, s.Toggle("bogus"))

	all := All()
	assert.Equal(t, len(Catalogue), all.Len())
	assert.Equal(t, IDs(), all.IDs())
	for _, id := range IDs() {
		assert.True(t, all.Has(id))
		assert.Equal(t, all, all.With(id))
		assert.Equal(t, all.Len()-1, all.Without(id).Len())
	}
}

func TestStringRoundTrip(t *testing.T) {
	ids := IDs()
	// Every single, every pair and a few larger sets.
	sets := []Set{0, All(), All().Without(ApplyTimeCheck)}
	for i := range ids {
		sets = append(sets, Set(0).With(ids[i]))
		for j := i + 1; j < len(ids); j++ {
			sets = append(sets, Set(0).With(ids[i], ids[j]))
		}
	}
	for _, s := range sets {
		got, err := Parse(s.String())
		require.NoError(t, err, s.String())
		assert.Equal(t, s, got, s.String())
		// Upper case and spaces after commas read the same.
		got, err = Parse(strings.ToUpper(strings.ReplaceAll(s.String(), ",", " , ")))
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", ",", " ", "serve-stale", "Apply-Time-Check, SERVE-STALE", "bogus", "apply-time-check,bogus",
		All().String(), "a,b,c", "serve-stale,,serve-stale", "\x00,\xff", "İ,K", "\tapply-time-check\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if s&^All() != 0 {
			t.Fatalf("Parse(%q) = %b: bits outside the catalogue", in, s)
		}
		if err != nil {
			var ue *UnknownError
			if !errors.As(err, &ue) || len(ue.IDs) == 0 {
				t.Fatalf("Parse(%q): error %v is not an *UnknownError naming ids", in, err)
			}
			if !strings.Contains(err.Error(), "valid safeguards: ") {
				t.Fatalf("Parse(%q): error %q does not list the valid ids", in, err)
			}
		}
		again, err := Parse(s.String())
		if err != nil || again != s {
			t.Fatalf("Parse(%q) = %q, which re-parses to %q, %v", in, s.String(), again.String(), err)
		}
		if s.Len() != len(s.IDs()) {
			t.Fatalf("Len %d, IDs %v", s.Len(), s.IDs())
		}
	})
}

package viewmodel

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/outagelab/outage/game/sim"
)

func TestTimeScale(t *testing.T) {
	s := TimeScale{0, 10 * sim.Hour, 100, 1100}
	for _, tc := range []struct {
		t sim.Time
		x float64
	}{{0, 100}, {5 * sim.Hour, 600}, {10 * sim.Hour, 1100}, {sim.Hour, 200}} {
		assert.InDelta(t, tc.x, s.X(tc.t), 1e-9)
		assert.Equal(t, tc.t, s.T(tc.x))
	}
	assert.Equal(t, sim.Time(0), s.T(-50), "clamped left")
	assert.Equal(t, 10*sim.Hour, s.T(5000), "clamped right")
	assert.Equal(t, TimeScale{}.T(3), sim.Time(0))
}

func TestTicks(t *testing.T) {
	s := TimeScale{TimelineStart, TimelineEnd, 0, 1000}
	step := s.TickStep(60)
	assert.Equal(t, sim.Hour, step)
	ticks := s.AppendTicks(nil, sim.Hour)
	// 23:30 → 15:00: the first hour tick is midnight.
	assert.Equal(t, "00:00", ticks[0].Clock())
	assert.Equal(t, "15:00", ticks[len(ticks)-1].Clock())
	assert.Len(t, ticks, 16)
	assert.Equal(t, 2*sim.Hour, s.TickStep(100))
	assert.Equal(t, sim.Second, TimeScale{0, sim.Minute, 0, 6000}.TickStep(50))
}

func TestRaceWindow(t *testing.T) {
	r := &sim.Result{Events: []sim.Event{
		{At: sim.At(0, 23, 44), Kind: "enactor.lock_lost"},
		{At: sim.At(0, 23, 48), Kind: "dns.record_empty", Canonical: true},
	}}
	t0, t1 := RaceWindow(r)
	assert.Equal(t, sim.At(0, 23, 43), t0, "at least five minutes before")
	r.Events[0].At = sim.At(0, 23, 40)
	t0, t1 = RaceWindow(r)
	assert.Equal(t, sim.At(0, 23, 39)+30*sim.Second, t0, "from the first lost lock")
	assert.Equal(t, sim.At(0, 23, 48)+90*sim.Second, t1)
	// Without an empty record: the real night's minutes.
	t0, t1 = RaceWindow(&sim.Result{})
	assert.Equal(t, sim.At(0, 23, 43), t0)
	assert.Less(t, t0, t1)
	t0, _ = RaceWindow(nil)
	assert.Equal(t, sim.At(0, 23, 43), t0)
}

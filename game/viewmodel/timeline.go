package viewmodel

import (
	"math"

	"github.com/outagelab/outage/game/sim"
)

// The story's time range on the timeline: 23:30 to 15:00 PDT.
var (
	TimelineStart = sim.Time(0)
	TimelineEnd   = sim.At(1, 15, 0)
)

// TimeScale maps simulated time linearly onto a horizontal pixel range.
type TimeScale struct {
	T0, T1 sim.Time
	X0, X1 float64
}

// X returns the x of time t (not clamped).
func (s TimeScale) X(t sim.Time) float64 {
	if s.T1 == s.T0 {
		return s.X0
	}
	return s.X0 + (s.X1-s.X0)*float64(t-s.T0)/float64(s.T1-s.T0)
}

// T returns the time at x, clamped to [T0, T1].
func (s TimeScale) T(x float64) sim.Time {
	if s.X1 == s.X0 {
		return s.T0
	}
	f := Clamp((x-s.X0)/(s.X1-s.X0), 0, 1)
	return s.T0 + sim.Time(math.Round(f*float64(s.T1-s.T0)))
}

// Contains reports whether t is inside the scale's range.
func (s TimeScale) Contains(t sim.Time) bool { return t >= s.T0 && t <= s.T1 }

// tickSteps are the tick intervals a scale may use, smallest first.
var tickSteps = []sim.Time{
	sim.Second, 5 * sim.Second, 15 * sim.Second, 30 * sim.Second,
	sim.Minute, 2 * sim.Minute, 5 * sim.Minute, 10 * sim.Minute, 15 * sim.Minute, 30 * sim.Minute,
	sim.Hour, 2 * sim.Hour, 3 * sim.Hour, 6 * sim.Hour,
}

// TickStep returns the smallest tick interval that keeps ticks at least
// minGap pixels apart.
func (s TimeScale) TickStep(minGap float64) sim.Time {
	span := math.Abs(s.X1 - s.X0)
	for _, st := range tickSteps {
		n := float64(s.T1-s.T0) / float64(st)
		if n <= 0 || span/n >= minGap {
			return st
		}
	}
	return tickSteps[len(tickSteps)-1]
}

// AppendTicks appends the tick times of interval step inside the range.
// Ticks fall on wall-clock multiples of step (the epoch is on the half
// hour, so hour ticks are offset from it).
func (s TimeScale) AppendTicks(dst []sim.Time, step sim.Time) []sim.Time {
	if step <= 0 {
		return dst
	}
	// Wall-clock midnight is 30 minutes into the epoch.
	off := sim.At(1, 0, 0) % step
	first := s.T0 - (s.T0-off)%step
	if first < s.T0 {
		first += step
	}
	for t := first; t <= s.T1; t += step {
		dst = append(dst, t)
	}
	return dst
}

// RaceWindow returns the minutes of the DNS race to show in the zoom
// inset: from shortly before the slow Enactor's trouble to shortly after
// the regional record went empty. Without an empty record (a safeguard
// prevented it) it frames the same minutes of the baseline night.
func RaceWindow(r *sim.Result) (sim.Time, sim.Time) {
	empty := sim.At(0, 23, 48)
	if r != nil {
		if e, ok := r.First("dns.record_empty"); ok {
			empty = e.At
		}
	}
	start := empty - 5*sim.Minute
	if r != nil {
		for _, e := range r.Events {
			if e.Kind == "enactor.lock_lost" && e.At < empty && e.At >= empty-15*sim.Minute {
				start = min(start, e.At-30*sim.Second)
				break
			}
		}
	}
	return max(0, start), empty + 90*sim.Second
}

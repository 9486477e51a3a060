package worlds

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// File is the stored ensemble (assets/generated/worlds.json): the
// calibration's report and its worlds, compact.
type File struct {
	Calibration
	// RangesHash and ModelHash say what the ensemble was made against.
	RangesHash string   `json:"ranges_hash"`
	ModelHash  string   `json:"model_hash"`
	Params     []string `json:"params"`
	Stored     []stored `json:"worlds"`
	// Singles is every single safeguard's verdict over the worlds, in
	// catalogue order, and Pairs every pair's, so the app can show them at
	// once (a set of three or more it judges itself).
	Singles []Summary `json:"singles"`
	Pairs   []Summary `json:"pairs"`
}

type stored struct {
	Seed    uint64   `json:"seed"`
	Central bool     `json:"central,omitempty"`
	Q       []uint16 `json:"q,omitempty"`
	Hash    string   `json:"hash"`
}

// NewFile packs a calibration for storing, with every single safeguard
// judged over its worlds.
func NewFile(c Calibration) File {
	f := File{Calibration: c, RangesHash: strconv.FormatUint(RangesHash(), 16),
		ModelHash: strconv.FormatUint(ModelHash(), 16)}
	for _, p := range scenario.Params() {
		f.Params = append(f.Params, p.Name)
	}
	for i, w := range c.Worlds {
		f.Stored = append(f.Stored, stored{Seed: w.Seed, Central: i == 0 && w.Q == nil, Q: w.Q,
			Hash: strconv.FormatUint(w.Hash, 16)})
	}
	e := NewEnsemble(c.Worlds)
	f.Singles = Singles(e)
	f.Pairs = Pairs(e)
	return f
}

// Pairs judges every pair of safeguards over the ensemble.
func Pairs(e *Ensemble) []Summary {
	ids := safeguard.IDs()
	var out []Summary
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			out = append(out, e.Summarise(safeguard.Set(0).With(ids[i], ids[j])))
		}
	}
	return out
}

// Singles judges every single safeguard over the ensemble.
func Singles(e *Ensemble) []Summary {
	var out []Summary
	for _, id := range safeguard.IDs() {
		out = append(out, e.Summarise(safeguard.Set(0).With(id)))
	}
	return out
}

// Single returns the stored verdict of one safeguard over the worlds.
func (f *File) Single(id safeguard.ID) (Summary, bool) {
	return f.Verdict(safeguard.Set(0).With(id))
}

// Verdict returns the stored verdict of a single safeguard or a pair.
func (f *File) Verdict(set safeguard.Set) (Summary, bool) {
	list := f.Singles
	if set.Len() == 2 {
		list = f.Pairs
	}
	for _, s := range list {
		if safeguard.Set(0).With(s.Safeguards...) == set {
			return s, true
		}
	}
	return Summary{}, false
}

// Load reads a stored ensemble, checking that it fits the parameters.
func Load(b []byte) (*File, error) {
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("worlds: %w", err)
	}
	ps := scenario.Params()
	if len(f.Params) != len(ps) {
		return nil, fmt.Errorf("worlds: %d parameters stored, %d defined: run make assets", len(f.Params), len(ps))
	}
	for k, p := range ps {
		if f.Params[k] != p.Name {
			return nil, fmt.Errorf("worlds: parameter %d is %s, stored as %s: run make assets", k, p.Name, f.Params[k])
		}
	}
	if len(f.Stored) == 0 {
		return nil, errors.New("worlds: no worlds stored")
	}
	f.Worlds = f.Worlds[:0]
	for i, s := range f.Stored {
		h, err := strconv.ParseUint(s.Hash, 16, 64)
		if err != nil {
			return nil, fmt.Errorf("worlds: world %d: bad hash %q", i, s.Hash)
		}
		var w World
		switch {
		case s.Central:
			w = Central()
		case len(s.Q) == len(ps):
			pos := make([]float64, len(ps))
			for k, q := range s.Q {
				pos[k] = float64(q) / Steps
			}
			w = fromPositions(s.Seed, pos)
		default:
			return nil, fmt.Errorf("worlds: world %d has %d positions, want %d", i, len(s.Q), len(ps))
		}
		w.Seed, w.Hash = s.Seed, h
		f.Worlds = append(f.Worlds, w)
	}
	return &f, nil
}

// JSON encodes the file.
func (f File) JSON() ([]byte, error) {
	b, err := json.Marshal(f)
	return append(b, '\n'), err
}

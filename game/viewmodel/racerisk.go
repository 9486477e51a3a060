package viewmodel

import (
	"encoding/json"
	"sync"

	"github.com/outagelab/outage/assets"
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/racerisk"
	"github.com/outagelab/outage/game/safeguard"
)

// RaceRisk is how often the race empties the regional endpoint over many
// simulated nights, with one safeguard that acts on the race, beside how
// often without: what the verdict of one night cannot say.
type RaceRisk struct {
	Safeguard string `json:"safeguard"`
	Nights    int    `json:"nights"`
	// Without and With count the nights the endpoint emptied.
	Without int `json:"without"`
	With    int `json:"with"`
	// WithHigh is the 95% upper bound of the share with the safeguard.
	WithHigh float64 `json:"with_high"`
	// Text says it in the reader's language.
	Text string `json:"text"`
}

var (
	riskOnce  sync.Once
	riskTable racerisk.Table
)

func raceRiskTable() racerisk.Table {
	riskOnce.Do(func() { _ = json.Unmarshal(assets.RaceRisk, &riskTable) })
	return riskTable
}

// RaceRisk returns the race risk for the current safeguards, nil when none
// of them acts on the race. With several, the one that makes the race
// rarest is shown (each was measured alone).
func (a *App) RaceRisk() *RaceRisk { return RaceRiskFor(a.Set, a.Lang) }

// RaceRiskFor is RaceRisk for a set in a language.
func RaceRiskFor(set safeguard.Set, lang string) *RaceRisk {
	t := raceRiskTable()
	var best *racerisk.Entry
	for _, id := range set.IDs() {
		e, ok := t.Lookup(id)
		if !ok {
			continue
		}
		if best == nil || e.With.Share < best.With.Share {
			best = &e
		}
	}
	if best == nil || t.Without.Nights == 0 {
		return nil
	}
	r := &RaceRisk{Safeguard: string(best.Safeguard), Nights: t.Without.Nights,
		Without: t.Without.Emptied, With: best.With.Emptied, WithHigh: best.With.High}
	base := racerisk.OneIn(t.Without.Share)
	switch {
	case best.With.Emptied == 0 && rateOnly(best.Safeguard):
		// Not seen in these nights is not impossible: the checker still
		// finds the race with it.
		r.Text = i18n.T(lang, "verdict.risk.unseen", "nights", r.Nights, "bound", racerisk.OneIn(best.With.High), "base", base)
	case best.With.Emptied == 0:
		r.Text = i18n.T(lang, "verdict.risk.never", "nights", r.Nights, "bound", racerisk.OneIn(best.With.High), "base", base)
	case best.With.Emptied == t.Without.Emptied:
		r.Text = i18n.T(lang, "verdict.risk.same", "nights", r.Nights, "base", base)
	default:
		r.Text = i18n.T(lang, "verdict.risk.rarer", "nights", r.Nights, "with", racerisk.OneIn(best.With.Share), "base", base)
	}
	return r
}

func rateOnly(id safeguard.ID) bool {
	in, ok := safeguard.Lookup(id)
	return ok && in.Effect() == safeguard.RateOnly
}

package viewmodel

import (
	"github.com/outagelab/outage/game/i18n"
)

// ResolverGauges is the DNS resolvers and the DynamoDB endpoint at a
// moment.
type ResolverGauges struct {
	// Empty is the share of resolvers holding a cached "no addresses"
	// answer; Errors DynamoDB's error rate.
	Empty, Errors float64
	// NoAddresses is set while Route 53 answers NOERROR with no addresses.
	NoAddresses bool
}

// ResolversAt reads the resolvers' gauges from the run's gauges g; z is
// the zone then.
func ResolversAt(g Gauges, z *ZoneState) ResolverGauges {
	r := ResolverGauges{Empty: g.ResolversEmpty, Errors: g.DynamoDBErrorRate}
	if z != nil {
		r.NoAddresses = z.Empty
	}
	return r
}

// Describe says in words what the resolver picture shows.
func (r ResolverGauges) Describe(lang string) string {
	args := []any{"empty", pct(r.Empty), "err", pct(r.Errors)}
	if r.NoAddresses {
		return i18n.T(lang, "ui.describe.resolvers_empty", args...)
	}
	return i18n.T(lang, "ui.describe.resolvers", args...)
}

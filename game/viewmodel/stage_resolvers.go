package viewmodel

import (
	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/sim"
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

// ResolversAt reads the resolvers' gauges at t; z is the zone then.
func ResolversAt(res *sim.Result, t sim.Time, z *ZoneState) ResolverGauges {
	g := ResolverGauges{Empty: held(res, sim.ResolversEmpty, t), Errors: held(res, sim.DynamoDBErrorRate, t)}
	if z != nil {
		g.NoAddresses = z.Empty
	}
	return g
}

// Describe says in words what the resolver picture shows.
func (r ResolverGauges) Describe(lang string) string {
	args := []any{"empty", pct(r.Empty), "err", pct(r.Errors)}
	if r.NoAddresses {
		return i18n.T(lang, "ui.describe.resolvers_empty", args...)
	}
	return i18n.T(lang, "ui.describe.resolvers", args...)
}

package sim

import (
	"hash/fnv"

	"github.com/outagelab/outage/game/safeguard"
	"github.com/outagelab/outage/game/scenario"
)

// Cells (cell-endpoints, DAT453): DynamoDB's DNS is managed per cell, and
// clients resolve per-account endpoints, each served by one cell. The
// trigger hits one cell's automation, so the race empties that cell's
// endpoints only: its clients, customers and internal services alike, lose
// DynamoDB entirely; every other client keeps it.
//
// Which cell the trigger hits is drawn from the seed. A client's cell is
// fixed by its account (a hash of its id). EC2's lease manager is zonal:
// each AZ's fleet runs under its own account, so it spans DWFMCells cells,
// and a failing cell takes out the leases of that AZ's droplets only.

type cells struct {
	n       int // 0: no cells, one Region-wide DNS
	failing int // the cell whose automation the trigger hits
	// fleets is how many zonal DWFM fleets there are (1: one Region-wide);
	// fleetHit[i] whether fleet i's cell is the failing one.
	fleets   int
	fleetHit []bool
}

func newCells(p *scenario.DNS, sg safeguard.Set, seed uint64) cells {
	if !sg.Has(safeguard.CellEndpoints) || p.Cells < 2 {
		return cells{fleets: 1, fleetHit: []bool{true}}
	}
	r := newRNG(seed, 30)
	c := cells{n: p.Cells, failing: int(r.next() % uint64(p.Cells))}
	c.fleets = max(1, p.DWFMCells)
	base := cellOf("dwfm", p.Cells)
	for i := range c.fleets {
		c.fleetHit = append(c.fleetHit, (base+i)%p.Cells == c.failing)
	}
	return c
}

// cellOf is the cell serving a client's account.
func cellOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// on reports whether DNS is split into cells.
func (c cells) on() bool { return c.n > 0 }

// share is the share of all DynamoDB clients in the failing cell.
func (c cells) share() float64 {
	if c.n == 0 {
		return 1
	}
	return 1 / float64(c.n)
}

// hits reports whether the failing cell serves client id.
func (c cells) hits(id string) bool { return c.n == 0 || cellOf(id, c.n) == c.failing }

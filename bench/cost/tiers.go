package cost

import (
	"fmt"
	"math"
)

// Tier is one monthly volume tier of a per-request price.
type Tier struct {
	// Requests is how many requests a month the tier covers; 0 on the last
	// tier means all the rest.
	Requests float64
	// PerMillion is the tier's price per million requests (ignored on the
	// first tier, whose price is the flat price it replaces).
	PerMillion float64
}

// validTiers reports an error for a negative size or price, or an unbounded
// tier before the last.
func validTiers(tiers []Tier) error {
	for i, t := range tiers {
		if t.Requests < 0 || t.PerMillion < 0 {
			return fmt.Errorf("cost: tier %d is negative: %+v", i, t)
		}
		if t.Requests == 0 && i != len(tiers)-1 {
			return fmt.Errorf("cost: tier %d is unbounded but not the last", i)
		}
	}
	return nil
}

// tiered prices requests a month: flat per million when tiers is empty,
// else through the tiers, the first at flat. Requests beyond a last
// bounded tier stay at its price.
func tiered(requests, flat float64, tiers []Tier) float64 {
	if len(tiers) == 0 {
		return requests / 1e6 * flat
	}
	var usd float64
	left := requests
	for i, t := range tiers {
		price := t.PerMillion
		if i == 0 {
			price = flat
		}
		n := left
		if t.Requests > 0 && i != len(tiers)-1 {
			n = math.Min(left, t.Requests)
		}
		usd += n / 1e6 * price
		left -= n
		if left <= 0 {
			break
		}
	}
	return usd
}

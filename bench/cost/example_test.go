package cost_test

import (
	"fmt"
	"time"

	"apigwdirect/bench/cost"
)

// A GET of one small item through each path, with the authorizer's cache
// answering nine requests in ten.
func ExamplePerMillion() {
	prices := cost.DefaultPrices()
	auth := &cost.Authorizer{Function: cost.Function{MemoryMB: 256, Duration: 5 * time.Millisecond}, CacheHitRatio: 0.9}
	read := cost.Op{Kind: cost.OpRead, ItemBytes: 90}
	for _, r := range []cost.Request{
		{Route: "get", Path: cost.Direct, Authorizer: auth, Dynamo: read},
		{Route: "get", Path: cost.Lambda, Authorizer: auth, Dynamo: read,
			Items: &cost.Function{MemoryMB: 512, Duration: 6 * time.Millisecond}},
	} {
		b, err := cost.PerMillion(prices, r)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %s: $%.4f per million\n", b.Route, b.Path, b.Total())
	}
	// Output:
	// get direct: $3.5842 per million
	// get lambda: $3.8242 per million
}

package cost

import (
	"fmt"
	"time"
)

// Scenario describes a workload on the items API: item and page sizes, the
// functions' configuration and measured durations, and the authorizer cache.
type Scenario struct {
	// ItemBytes is the size of one item (see ItemBytes).
	ItemBytes int
	// PageItems is how many items one list request reads.
	PageItems int
	// ConsistentReads marks GetItem and Scan as strongly consistent.
	ConsistentReads bool
	// ItemsMemoryMB is the items function's memory.
	ItemsMemoryMB int
	// ItemsDuration is the items function's measured duration per route
	// name ("create", "list", "get", "replace", "delete").
	ItemsDuration map[string]time.Duration
	// Authorizer is the REQUEST authorizer: memory, duration, cache hit ratio.
	Authorizer Authorizer
}

// RouteNames returns the route names of the contract, in the order reports
// use.
func RouteNames() []string { return []string{"create", "list", "get", "replace", "delete"} }

// Requests returns a Request for every route of the contract on both
// paths, in RouteNames order, direct before lambda. Create, replace, list and
// get carry the Lambda authorizer (token mode for writes, key mode for
// reads); delete carries the Cognito authorizer, which is not billed per
// request.
func (s Scenario) Requests() ([]Request, error) {
	var out []Request
	for _, route := range RouteNames() {
		var op Op
		auth := &s.Authorizer
		switch route {
		case "create", "replace":
			op = Op{Kind: OpWrite, ItemBytes: s.ItemBytes}
		case "delete":
			op = Op{Kind: OpWrite, ItemBytes: s.ItemBytes}
			auth = nil
		case "get":
			op = Op{Kind: OpRead, ItemBytes: s.ItemBytes, Consistent: s.ConsistentReads}
		case "list":
			op = Op{Kind: OpScan, ItemBytes: s.ItemBytes, Items: s.PageItems, Consistent: s.ConsistentReads}
		}
		d, ok := s.ItemsDuration[route]
		if !ok {
			return nil, fmt.Errorf("cost: no items function duration for route %s", route)
		}
		out = append(out,
			Request{Route: route, Path: Direct, Authorizer: auth, Dynamo: op},
			Request{Route: route, Path: Lambda, Authorizer: auth, Dynamo: op,
				Items: &Function{MemoryMB: s.ItemsMemoryMB, Duration: d}},
		)
	}
	return out, nil
}

// Table prices every request of the scenario at prices p.
func (s Scenario) Table(p Prices) ([]Breakdown, error) {
	reqs, err := s.Requests()
	if err != nil {
		return nil, err
	}
	out := make([]Breakdown, 0, len(reqs))
	for _, r := range reqs {
		b, err := PerMillion(p, r)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

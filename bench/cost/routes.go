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
	// Authorizers, when set, replace Authorizer on one route and path, e.g.
	// with the duration and hit ratio measured there. Routes without a
	// Lambda authorizer (delete) ignore them.
	Authorizers map[RouteKey]Authorizer
}

// RouteKey names one route on one path.
type RouteKey struct {
	Route string
	Path  Path
}

// authorizer is the Lambda authorizer of route on path: its override in
// Authorizers, else Authorizer.
func (s Scenario) authorizer(route string, path Path) *Authorizer {
	if a, ok := s.Authorizers[RouteKey{route, path}]; ok {
		return &a
	}
	a := s.Authorizer
	return &a
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
		withAuth := true
		switch route {
		case "create", "replace":
			op = Op{Kind: OpWrite, ItemBytes: s.ItemBytes}
		case "delete":
			op = Op{Kind: OpWrite, ItemBytes: s.ItemBytes}
			withAuth = false
		case "get":
			op = Op{Kind: OpRead, ItemBytes: s.ItemBytes, Consistent: s.ConsistentReads}
		case "list":
			op = Op{Kind: OpScan, ItemBytes: s.ItemBytes, Items: s.PageItems, Consistent: s.ConsistentReads}
		}
		d, ok := s.ItemsDuration[route]
		if !ok {
			return nil, fmt.Errorf("cost: no items function duration for route %s", route)
		}
		direct := Request{Route: route, Path: Direct, Dynamo: op}
		lambda := Request{Route: route, Path: Lambda, Dynamo: op, Items: &Function{MemoryMB: s.ItemsMemoryMB, Duration: d}}
		if withAuth {
			direct.Authorizer, lambda.Authorizer = s.authorizer(route, Direct), s.authorizer(route, Lambda)
		}
		out = append(out, direct, lambda)
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

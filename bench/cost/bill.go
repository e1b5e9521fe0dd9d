package cost

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// MonthSeconds is the month the bills are for: 730 hours, the average month
// AWS's pricing examples use.
const MonthSeconds = 730 * 3600

// httpAPIMeterBytes is the size an HTTP API meters requests in: each 512 KB
// of a request counts as one request.
const httpAPIMeterBytes = 512 * 1024

// Traffic is a month of a user's traffic on the items API, with the
// functions' configuration.
type Traffic struct {
	// Requests is the number of requests a month per route name
	// ("create", "list", "get", "replace", "delete"); missing routes have none.
	Requests map[string]float64
	// ItemBytes is the size of an item as DynamoDB counts it (see ItemBytes);
	// PageItems how many items a list request reads.
	ItemBytes, PageItems int
	// ConsistentReads marks GetItem and Scan as strongly consistent.
	ConsistentReads bool
	// Items is the items function: memory and duration per invocation.
	Items Function
	// Durations, when set, replace Items.Duration on some routes.
	Durations map[string]time.Duration
	// Authorizer is the REQUEST authorizer: memory and duration.
	Authorizer Function
	// Callers is how many distinct callers (tokens or API keys) the
	// authorizer sees in one cache TTL: each costs one invocation per TTL,
	// never more than the requests it authorizes.
	Callers float64
	// AuthorizerTTL is the authorizer cache's TTL (this stack: 300 s).
	AuthorizerTTL time.Duration
	// VolumeTiers prices API Gateway requests through the monthly volume
	// tiers instead of the first tier's price.
	VolumeTiers bool
	// FreeTier subtracts Lambda's monthly free tier from the functions'
	// requests and GB-seconds (assuming nothing else in the account uses it).
	FreeTier bool
}

// Bill is one option's monthly bill for a Traffic, in USD.
type Bill struct {
	Option Option
	// Requests is the API's requests a month.
	Requests float64
	// Gateway is API Gateway's request charge (none for a function URL).
	Gateway float64
	// LambdaRequests and LambdaDuration are the items function's.
	LambdaRequests, LambdaDuration float64
	// AuthorizerInvocations is how many times the authorizer runs;
	// AuthorizerRequests and AuthorizerDuration what they cost.
	AuthorizerInvocations                  float64
	AuthorizerRequests, AuthorizerDuration float64
	// DynamoDBWrites and DynamoDBReads are the on-demand request units' cost.
	DynamoDBWrites, DynamoDBReads float64
	// FreeTier is Lambda's free tier, subtracted (zero or negative).
	FreeTier float64
}

// Total is the month's bill.
func (b Bill) Total() float64 {
	return b.Gateway + b.LambdaRequests + b.LambdaDuration + b.AuthorizerRequests + b.AuthorizerDuration +
		b.DynamoDBWrites + b.DynamoDBReads + b.FreeTier
}

// Validate reports what makes t unusable.
func (t Traffic) Validate() error {
	var errs []error
	for route, n := range t.Requests {
		if !slices.Contains(RouteNames(), route) {
			errs = append(errs, fmt.Errorf("cost: unknown route %q", route))
		}
		if n < 0 || math.IsNaN(n) || math.IsInf(n, 0) {
			errs = append(errs, fmt.Errorf("cost: %s: %v requests", route, n))
		}
	}
	if t.ItemBytes < 0 || t.PageItems < 0 {
		errs = append(errs, errors.New("cost: negative item size or page"))
	}
	for _, f := range []Function{t.Items, t.Authorizer} {
		if err := f.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if t.Callers < 0 {
		errs = append(errs, errors.New("cost: negative callers"))
	}
	if t.AuthorizerTTL < 0 || t.AuthorizerTTL > time.Hour {
		errs = append(errs, fmt.Errorf("cost: authorizer TTL %v is outside 0..1h", t.AuthorizerTTL))
	}
	return errors.Join(errs...)
}

// op is the DynamoDB call of route and whether its Lambda authorizer runs
// (delete's Cognito user-pool authorizer is not billed per request).
func (t Traffic) op(route string) (Op, bool) {
	switch route {
	case "create", "replace":
		return Op{Kind: OpWrite, ItemBytes: t.ItemBytes}, true
	case "delete":
		return Op{Kind: OpWrite, ItemBytes: t.ItemBytes}, false
	case "get":
		return Op{Kind: OpRead, ItemBytes: t.ItemBytes, Consistent: t.ConsistentReads}, true
	default: // list
		return Op{Kind: OpScan, ItemBytes: t.ItemBytes, Items: t.PageItems, Consistent: t.ConsistentReads}, true
	}
}

// Bill prices the month's traffic on option o at prices p.
func (t Traffic) Bill(p Prices, o Option) (Bill, error) {
	if err := p.Validate(); err != nil {
		return Bill{}, err
	}
	if err := t.Validate(); err != nil {
		return Bill{}, err
	}
	if !slices.Contains(Options(), o) {
		return Bill{}, fmt.Errorf("cost: unknown option %q", o)
	}
	b := Bill{Option: o}
	var httpMetered, authorized, itemsGBs float64
	for _, route := range RouteNames() {
		n := t.Requests[route]
		if n == 0 {
			continue
		}
		op, withAuth := t.op(route)
		b.Requests += n
		metered := 1.0
		if op.Kind == OpWrite && route != "delete" {
			metered = float64(max(1, (t.ItemBytes+httpAPIMeterBytes-1)/httpAPIMeterBytes))
		}
		httpMetered += n * metered
		if withAuth {
			authorized += n
		}
		if o.runsItems() {
			f := t.Items
			if d, ok := t.Durations[route]; ok {
				f.Duration = d
			}
			itemsGBs += n * f.GBSeconds()
		}
		w, r, err := op.Units()
		if err != nil {
			return Bill{}, err
		}
		b.DynamoDBWrites += n * w / 1e6 * p.WriteUnitsPerMillion
		b.DynamoDBReads += n * r / 1e6 * p.ReadUnitsPerMillion
	}
	var restTiers, httpTiers []Tier
	if t.VolumeTiers {
		restTiers, httpTiers = p.RESTTiers, p.HTTPTiers
	}
	switch o.gateway() {
	case "rest":
		b.Gateway = tiered(b.Requests, p.APIGatewayPerMillion, restTiers)
	case "http":
		b.Gateway = tiered(httpMetered, p.HTTPAPIPerMillion, httpTiers)
	}
	var lambdaRequests float64
	if o.runsItems() {
		lambdaRequests = b.Requests
		b.LambdaRequests = b.Requests / 1e6 * p.LambdaRequestsPerMillion
		b.LambdaDuration = itemsGBs * p.LambdaGBSecond
	}
	var authGBs float64
	if o.hasLambdaAuthorizer() {
		b.AuthorizerInvocations = t.authorizerInvocations(authorized)
		authGBs = b.AuthorizerInvocations * t.Authorizer.GBSeconds()
		b.AuthorizerRequests = b.AuthorizerInvocations / 1e6 * p.LambdaRequestsPerMillion
		b.AuthorizerDuration = authGBs * p.LambdaGBSecond
	}
	if t.FreeTier {
		freeRequests := math.Min(lambdaRequests+b.AuthorizerInvocations, p.LambdaFreeRequests)
		freeGBs := math.Min(itemsGBs+authGBs, p.LambdaFreeGBSeconds)
		b.FreeTier = -(freeRequests/1e6*p.LambdaRequestsPerMillion + freeGBs*p.LambdaGBSecond)
	}
	return b, nil
}

// authorizerInvocations is how often the authorizer runs for authorized
// requests a month: once per caller per TTL (every request with no cache).
func (t Traffic) authorizerInvocations(authorized float64) float64 {
	if t.AuthorizerTTL == 0 {
		return authorized
	}
	windows := MonthSeconds / t.AuthorizerTTL.Seconds()
	return math.Min(authorized, t.Callers*windows)
}

// Bills prices the traffic on every option, in Options order.
func (t Traffic) Bills(p Prices) ([]Bill, error) {
	var out []Bill
	for _, o := range Options() {
		b, err := t.Bill(p, o)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// BreakEven returns the shortest items-function duration, in whole
// milliseconds, at which option o (one that runs the items function) costs
// at least as much as RESTDirect for this traffic at memoryMB, every route
// taking that duration; false when o stays cheaper up to Lambda's 15-minute
// limit, and 0 when o is never cheaper.
func (t Traffic) BreakEven(p Prices, o Option, memoryMB int) (time.Duration, bool, error) {
	if !o.runsItems() {
		return 0, false, fmt.Errorf("cost: %s runs no items function", o)
	}
	direct, err := t.Bill(p, RESTDirect)
	if err != nil {
		return 0, false, err
	}
	t.Durations = nil
	costAt := func(ms int) (float64, error) {
		t.Items = Function{MemoryMB: memoryMB, Duration: time.Duration(ms) * time.Millisecond}
		b, err := t.Bill(p, o)
		return b.Total(), err
	}
	const maxMs = 15 * 60 * 1000
	lo, hi := 0, maxMs
	if c, err := costAt(hi); err != nil {
		return 0, false, err
	} else if c < direct.Total() {
		return 0, false, nil
	}
	for lo < hi {
		mid := (lo + hi) / 2
		c, err := costAt(mid)
		if err != nil {
			return 0, false, err
		}
		if c >= direct.Total() {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return time.Duration(lo) * time.Millisecond, true, nil
}

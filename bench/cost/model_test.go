package cost

import (
	"testing"
	"time"
)

func TestPerMillionCreateBothPaths(t *testing.T) {
	p := DefaultPrices()
	auth := &Authorizer{Function: Function{MemoryMB: 128, Duration: 4100 * time.Microsecond}, CacheHitRatio: 0.8}
	op := Op{Kind: OpWrite, ItemBytes: 300}

	lambda, err := PerMillion(p, Request{Route: "create", Path: Lambda, Authorizer: auth, Dynamo: op,
		Items: &Function{MemoryMB: 128, Duration: 12300 * time.Microsecond}})
	if err != nil {
		t.Fatal(err)
	}
	// API Gateway: 3.50 per million.
	// Lambda requests: 0.20 per million.
	// Lambda duration: 12.3 ms -> 13 ms; 0.013 s x 128/1024 GB = 0.001625 GB-s per call;
	//   x 1e6 = 1625 GB-s; x 0.0000133334 = 0.021666775.
	// Authorizer: miss ratio 1 - 0.8 = 0.2; requests 0.2 x 0.20 = 0.04;
	//   4.1 ms -> 5 ms; 0.005 x 0.125 = 0.000625 GB-s; x 1e6 = 625; x 0.0000133334 = 0.008333375;
	//   x 0.2 = 0.001666675.
	// DynamoDB: 300 B -> 1 WRU; x 0.625 = 0.625.
	// Total: 3.5 + 0.2 + 0.021666775 + 0.04 + 0.001666675 + 0.625 = 4.38833345.
	want := Breakdown{Route: "create", Path: Lambda, APIGateway: 3.5, LambdaRequests: 0.2,
		LambdaDuration: 0.021666775, AuthorizerRequests: 0.04, AuthorizerDuration: 0.001666675,
		DynamoDBWrites: 0.625}
	assertBreakdown(t, lambda, want, 4.38833345)

	direct, err := PerMillion(p, Request{Route: "create", Path: Direct, Authorizer: auth, Dynamo: op})
	if err != nil {
		t.Fatal(err)
	}
	// The same without the items function: 3.5 + 0.04 + 0.001666675 + 0.625 = 4.166666675.
	want = Breakdown{Route: "create", Path: Direct, APIGateway: 3.5, AuthorizerRequests: 0.04,
		AuthorizerDuration: 0.001666675, DynamoDBWrites: 0.625}
	assertBreakdown(t, direct, want, 4.166666675)
}

func TestPerMillionScanWithoutAuthorizer(t *testing.T) {
	p := DefaultPrices()
	p.APIGatewayPerMillion = 1 // an overridden price flows through
	b, err := PerMillion(p, Request{Route: "list", Path: Direct, Dynamo: Op{Kind: OpScan, ItemBytes: 300, Items: 25}})
	if err != nil {
		t.Fatal(err)
	}
	// Scan of 25 x 300 B = 7500 B -> ceil(7500/4096) = 2 RRU, eventually consistent -> 1 RRU;
	// x 0.125 = 0.125. API Gateway 1. Total 1.125.
	assertBreakdown(t, b, Breakdown{Route: "list", Path: Direct, APIGateway: 1, DynamoDBReads: 0.125}, 1.125)
}

func TestPerMillionRejects(t *testing.T) {
	p := DefaultPrices()
	fn := &Function{MemoryMB: 128, Duration: time.Millisecond}
	bad := []Request{
		{Route: "get", Path: Lambda},            // lambda path without the function
		{Route: "get", Path: Direct, Items: fn}, // direct path with one
		{Route: "get", Path: Direct, Authorizer: &Authorizer{Function: *fn, CacheHitRatio: 1.5}},
		{Route: "get", Path: Lambda, Items: &Function{MemoryMB: 1}},
	}
	for _, r := range bad {
		if _, err := PerMillion(p, r); err == nil {
			t.Errorf("PerMillion(%+v): want an error", r)
		}
	}
	p.Region = ""
	if _, err := PerMillion(p, Request{Route: "get", Path: Direct}); err == nil {
		t.Error("PerMillion with invalid prices: want an error")
	}
}

func TestScenarioTable(t *testing.T) {
	s := Scenario{
		ItemBytes: 300, PageItems: 25, ItemsMemoryMB: 256,
		ItemsDuration: map[string]time.Duration{
			"create": 10 * time.Millisecond, "list": 20 * time.Millisecond, "get": 5 * time.Millisecond,
			"replace": 10 * time.Millisecond, "delete": 8 * time.Millisecond,
		},
		Authorizer: Authorizer{Function: Function{MemoryMB: 128, Duration: 3 * time.Millisecond}, CacheHitRatio: 0},
	}
	table, err := s.Table(DefaultPrices())
	if err != nil {
		t.Fatal(err)
	}
	if len(table) != 10 {
		t.Fatalf("got %d rows, want 10", len(table))
	}
	byKey := map[string]Breakdown{}
	for _, b := range table {
		byKey[b.Route+"/"+string(b.Path)] = b
	}
	// Authorizer with no cache: 0.20 + 3 ms x 0.125 GB x 1e6 x 0.0000133334
	//   = 0.20 + 375 x 0.0000133334 = 0.20 + 0.005000025 = 0.205000025.
	// get/lambda: 3.5 + 0.20 + (5 ms x 0.25 GB = 1250 GB-s x 0.0000133334 = 0.016666750)
	//   + 0.205000025 + 0.5 RRU x 0.125 = 0.0625 -> 3.984166775.
	if got := byKey["get/lambda"].Total(); !near(got, 3.984166775) {
		t.Errorf("get/lambda total = %v, want 3.984166775", got)
	}
	// delete/direct: Cognito, no Lambda authorizer: 3.5 + 1 WRU x 0.625 = 4.125.
	if got := byKey["delete/direct"].Total(); !near(got, 4.125) {
		t.Errorf("delete/direct total = %v, want 4.125", got)
	}
	// The direct path is cheaper on every route by exactly the items function's bill.
	for _, r := range RouteNames() {
		d, l := byKey[r+"/direct"], byKey[r+"/lambda"]
		if diff := l.Total() - d.Total(); !near(diff, l.LambdaRequests+l.LambdaDuration) || diff <= 0 {
			t.Errorf("%s: lambda - direct = %v, want the items function's %v", r, diff, l.LambdaRequests+l.LambdaDuration)
		}
	}

	delete(s.ItemsDuration, "list")
	if _, err := s.Table(DefaultPrices()); err == nil {
		t.Error("a missing route duration: want an error")
	}
}

func TestScenarioMeasuredAuthorizerPerRoute(t *testing.T) {
	base := Authorizer{Function: Function{MemoryMB: 256, Duration: 5 * time.Millisecond}, CacheHitRatio: 0.9}
	s := Scenario{
		ItemBytes: 300, PageItems: 25, ItemsMemoryMB: 512,
		ItemsDuration: map[string]time.Duration{"create": time.Millisecond, "list": time.Millisecond,
			"get": time.Millisecond, "replace": time.Millisecond, "delete": time.Millisecond},
		Authorizer: base,
		Authorizers: map[RouteKey]Authorizer{
			// Measured: 0.16 ms in token mode, 1 miss in 1000 requests.
			{"create", Direct}: {Function: Function{MemoryMB: 256, Duration: 160 * time.Microsecond}, CacheHitRatio: 0.999},
			// Measured: every request missed.
			{"get", Lambda}: {Function: Function{MemoryMB: 256, Duration: 1500 * time.Microsecond}, CacheHitRatio: 0},
			// Delete has no Lambda authorizer: an entry changes nothing.
			{"delete", Direct}: {Function: Function{MemoryMB: 256, Duration: time.Second}, CacheHitRatio: 0},
		},
	}
	table, err := s.Table(DefaultPrices())
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]Breakdown{}
	for _, b := range table {
		byKey[b.Route+"/"+string(b.Path)] = b
	}
	cases := []struct {
		key                string
		requests, duration float64
	}{
		// 0.16 ms bills 1 ms: 0.001 s x 0.25 GB = 0.00025 GB-s; x 1e6 x 0.0000133334 = 0.00333335.
		// Misses 0.001: requests 0.001 x 0.20 = 0.0002; duration 0.001 x 0.00333335 = 0.00000333335.
		{"create/direct", 0.0002, 0.00000333335},
		// 1.5 ms bills 2 ms: 0.002 x 0.25 = 0.0005 GB-s; x 1e6 x 0.0000133334 = 0.0066667. Misses 1.
		{"get/lambda", 0.2, 0.0066667},
		// Without an entry: the base, 10% misses; 0.1 x 0.20 = 0.02;
		// 5 ms x 0.25 GB = 0.00125 GB-s; x 1e6 x 0.0000133334 = 0.01666675; x 0.1 = 0.001666675.
		{"create/lambda", 0.02, 0.001666675},
		{"get/direct", 0.02, 0.001666675},
		{"delete/direct", 0, 0},
	}
	for _, c := range cases {
		b := byKey[c.key]
		if !near(b.AuthorizerRequests, c.requests) || !near(b.AuthorizerDuration, c.duration) {
			t.Errorf("%s: authorizer (%v, %v), want (%v, %v)", c.key, b.AuthorizerRequests, b.AuthorizerDuration, c.requests, c.duration)
		}
	}
	// get/lambda total: 3.5 API Gateway + 0.2 Lambda requests
	//   + 1 ms x 0.5 GB = 0.0005 GB-s x 1e6 x 0.0000133334 = 0.0066667 Lambda duration
	//   + 0.2 + 0.0066667 authorizer + 0.5 RRU x 0.125 = 0.0625 -> 3.9758334.
	if got := byKey["get/lambda"].Total(); !near(got, 3.9758334) {
		t.Errorf("get/lambda total = %v, want 3.9758334", got)
	}
}

func assertBreakdown(t *testing.T, got, want Breakdown, total float64) {
	t.Helper()
	pairs := []struct {
		name      string
		got, want float64
	}{
		{"APIGateway", got.APIGateway, want.APIGateway},
		{"LambdaRequests", got.LambdaRequests, want.LambdaRequests},
		{"LambdaDuration", got.LambdaDuration, want.LambdaDuration},
		{"AuthorizerRequests", got.AuthorizerRequests, want.AuthorizerRequests},
		{"AuthorizerDuration", got.AuthorizerDuration, want.AuthorizerDuration},
		{"DynamoDBWrites", got.DynamoDBWrites, want.DynamoDBWrites},
		{"DynamoDBReads", got.DynamoDBReads, want.DynamoDBReads},
	}
	for _, p := range pairs {
		if !near(p.got, p.want) {
			t.Errorf("%s/%s %s = %v, want %v", got.Route, got.Path, p.name, p.got, p.want)
		}
	}
	if got.Route != want.Route || got.Path != want.Path {
		t.Errorf("labels = %s/%s, want %s/%s", got.Route, got.Path, want.Route, want.Path)
	}
	if !near(got.Total(), total) {
		t.Errorf("%s/%s total = %v, want %v", got.Route, got.Path, got.Total(), total)
	}
}

package report

import (
	"fmt"
	"time"

	"apigwdirect/bench/cost"
)

// Row is one route on one path: its measured latency and its cost.
type Row struct {
	Route, Path string
	// Runs is how many benchmark runs the medians are over.
	Runs int
	// P50, P90 and P99 are client latencies in milliseconds.
	P50, P90, P99 float64
	// Gateway and Integration are the local API's medians in milliseconds;
	// HasTimings is false against a deployed stack, which reports neither.
	Gateway, Integration float64
	HasTimings           bool
	// Authorizer is the local API's median authorizer latency over the
	// requests it ran for (auth-ms), HitRatio the share of requests its
	// cache answered (auth-hit-ratio); HasAuthorizer and HasHitRatio say
	// whether the benchmark reported them.
	Authorizer, HitRatio       float64
	HasAuthorizer, HasHitRatio bool
	// AuthorizerMillis and CacheHitRatio are what the cost assumes for the
	// Lambda authorizer (not on delete, whose Cognito authorizer is not
	// billed), and AuthorizerMeasured and HitMeasured whether they are the
	// benchmark's own.
	AuthorizerMillis, CacheHitRatio float64
	AuthorizerMeasured, HitMeasured bool
	// AllocsPerOp is allocs/op (client and in-process API together).
	AllocsPerOp float64
	// LambdaMillis is the items function duration the cost assumes (lambda
	// path only), and LambdaMeasured whether it came from the benchmark.
	LambdaMillis   float64
	LambdaMeasured bool
	// Cost is the price of a million requests.
	Cost cost.Breakdown
}

// ColdStart is the cold-start benchmark's result, in milliseconds.
type ColdStart struct {
	Init, FirstResponse float64
	Runs                int
}

// Assumptions are the cost model's inputs that the benchmark does not
// measure, and the fallbacks and overrides of those it does.
type Assumptions struct {
	Prices cost.Prices
	// ItemBytes is the size of the benchmark's item as DynamoDB counts it.
	ItemBytes int
	// PageItems is how many items a list request reads.
	PageItems int
	// ItemsMemoryMB and AuthorizerMemoryMB are the functions' memory;
	// AuthorizerMemoryFrom says where the latter came from ("the stack
	// template", "-authorizer-memory").
	ItemsMemoryMB, AuthorizerMemoryMB int
	AuthorizerMemoryFrom              string
	// AuthorizerTTL is the authorizer cache's TTL, for the report's note
	// on hit ratios.
	AuthorizerTTL time.Duration
	// AuthorizerMillis is the authorizer's duration per invocation where
	// the benchmark measured none (auth-ms), or everywhere when
	// OverrideAuthorizerMillis is set.
	AuthorizerMillis         float64
	OverrideAuthorizerMillis bool
	// CacheHitRatio is the authorizer cache's hit ratio where the benchmark
	// measured none (auth-hit-ratio), or everywhere when
	// OverrideCacheHitRatio is set.
	CacheHitRatio         float64
	OverrideCacheHitRatio bool
	// FallbackLambdaMillis is the items function's duration for a route
	// whose benchmark reported no integration latency.
	FallbackLambdaMillis float64
}

// Results are what the report shows.
type Results struct {
	Env       map[string]string
	Rows      []Row
	ColdStart *ColdStart
	// Inits are the functions' package initialisation against their floors.
	Inits  []Init
	Assume Assumptions
}

// Benchmark names the bench package uses.
const (
	routePrefix = "BenchmarkRoute/"
	coldStart   = "BenchmarkColdStart"
)

// Build assembles the results: the medians of BenchmarkRoute/<route>/<path>
// over all runs, for each route of the contract and both paths, priced with
// the cost model (the lambda path's duration is its measured integration
// latency when reported; the authorizer's duration and cache hit ratio are
// each route and path's measured ones unless overridden or not reported),
// and the cold start if it ran.
func Build(out Output, a Assumptions) (Results, error) {
	res := Results{Env: out.Env, Assume: a}
	durations := map[string]time.Duration{}
	measured := map[string]bool{}
	type measuredRow struct {
		route, path string
		m           map[string]float64
		runs        int
	}
	var rows []measuredRow
	for _, route := range cost.RouteNames() {
		for _, path := range []cost.Path{cost.Direct, cost.Lambda} {
			m, runs := out.Median(routePrefix + route + "/" + string(path))
			if runs == 0 {
				continue
			}
			for _, unit := range []string{"p50-ms", "p90-ms", "p99-ms"} {
				if _, ok := m[unit]; !ok {
					return Results{}, fmt.Errorf("report: %s/%s has no %s metric", route, path, unit)
				}
			}
			rows = append(rows, measuredRow{route, string(path), m, runs})
			if path == cost.Lambda {
				if v, ok := m["integ-ms"]; ok {
					durations[route], measured[route] = fromMillis(v), true
				}
			}
		}
	}
	if len(rows) == 0 {
		return Results{}, fmt.Errorf("report: no %s... results in the input", routePrefix)
	}
	for _, route := range cost.RouteNames() {
		if _, ok := durations[route]; !ok {
			durations[route] = fromMillis(a.FallbackLambdaMillis)
		}
	}
	scenario := cost.Scenario{
		ItemBytes: a.ItemBytes, PageItems: a.PageItems, ItemsMemoryMB: a.ItemsMemoryMB,
		ItemsDuration: durations,
		Authorizer: cost.Authorizer{
			Function:      cost.Function{MemoryMB: a.AuthorizerMemoryMB, Duration: fromMillis(a.AuthorizerMillis)},
			CacheHitRatio: a.CacheHitRatio,
		},
		Authorizers: map[cost.RouteKey]cost.Authorizer{},
	}
	auths := map[cost.RouteKey]authorizerInput{}
	for _, mr := range rows {
		in := authorizerFor(mr.m, a)
		key := cost.RouteKey{Route: mr.route, Path: cost.Path(mr.path)}
		auths[key] = in
		scenario.Authorizers[key] = cost.Authorizer{
			Function:      cost.Function{MemoryMB: a.AuthorizerMemoryMB, Duration: fromMillis(in.millis)},
			CacheHitRatio: in.ratio,
		}
	}
	table, err := scenario.Table(a.Prices)
	if err != nil {
		return Results{}, fmt.Errorf("report: %w", err)
	}
	costs := map[string]cost.Breakdown{}
	for _, b := range table {
		costs[b.Route+"/"+string(b.Path)] = b
	}
	for _, mr := range rows {
		_, hasGW := mr.m["gw-ms"]
		row := Row{
			Route: mr.route, Path: mr.path, Runs: mr.runs,
			P50: mr.m["p50-ms"], P90: mr.m["p90-ms"], P99: mr.m["p99-ms"],
			Gateway: mr.m["gw-ms"], Integration: mr.m["integ-ms"], HasTimings: hasGW,
			AllocsPerOp: mr.m["allocs/op"],
			Cost:        costs[mr.route+"/"+mr.path],
		}
		row.Authorizer, row.HasAuthorizer = mr.m["auth-ms"]
		row.HitRatio, row.HasHitRatio = mr.m["auth-hit-ratio"]
		in := auths[cost.RouteKey{Route: mr.route, Path: cost.Path(mr.path)}]
		row.AuthorizerMillis, row.AuthorizerMeasured = in.millis, in.millisMeasured
		row.CacheHitRatio, row.HitMeasured = in.ratio, in.ratioMeasured
		if mr.path == string(cost.Lambda) {
			row.LambdaMillis = float64(durations[mr.route]) / float64(time.Millisecond)
			row.LambdaMeasured = measured[mr.route]
		}
		res.Rows = append(res.Rows, row)
	}
	if m, runs := out.Median(coldStart); runs > 0 {
		res.ColdStart = &ColdStart{Init: m["init-ms"], FirstResponse: m["cold-ms"], Runs: runs}
	}
	res.Inits = inits(out)
	return res, nil
}

// authorizerInput is what the cost model gets for one route and path's
// Lambda authorizer, and whether each value was measured.
type authorizerInput struct {
	millis, ratio                 float64
	millisMeasured, ratioMeasured bool
}

// authorizerFor picks the authorizer's duration and hit ratio for a row's
// medians m: the measured auth-ms and auth-hit-ratio, unless overridden or
// absent, in which case the assumptions'.
func authorizerFor(m map[string]float64, a Assumptions) authorizerInput {
	in := authorizerInput{millis: a.AuthorizerMillis, ratio: a.CacheHitRatio}
	if v, ok := m["auth-ms"]; ok && !a.OverrideAuthorizerMillis {
		in.millis, in.millisMeasured = v, true
	}
	if v, ok := m["auth-hit-ratio"]; ok && !a.OverrideCacheHitRatio {
		in.ratio, in.ratioMeasured = v, true
	}
	return in
}

func fromMillis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

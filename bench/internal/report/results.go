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
// measure.
type Assumptions struct {
	Prices cost.Prices
	// ItemBytes is the size of the benchmark's item as DynamoDB counts it.
	ItemBytes int
	// PageItems is how many items a list request reads.
	PageItems int
	// ItemsMemoryMB and AuthorizerMemoryMB are the functions' memory.
	ItemsMemoryMB, AuthorizerMemoryMB int
	// AuthorizerMillis is the authorizer's duration per invocation.
	AuthorizerMillis float64
	// CacheHitRatio is the authorizer cache's hit ratio.
	CacheHitRatio float64
	// FallbackLambdaMillis is the items function's duration for a route
	// whose benchmark reported no integration latency.
	FallbackLambdaMillis float64
}

// Results are what the report shows.
type Results struct {
	Env       map[string]string
	Rows      []Row
	ColdStart *ColdStart
	Assume    Assumptions
}

// Benchmark names the bench package uses.
const (
	routePrefix = "BenchmarkRoute/"
	coldStart   = "BenchmarkColdStart"
)

// Build assembles the results: the medians of BenchmarkRoute/<route>/<path>
// over all runs, for each route of the contract and both paths, priced with
// the cost model (the lambda path's duration is its measured integration
// latency when reported), and the cold start if it ran.
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
		if mr.path == string(cost.Lambda) {
			row.LambdaMillis = float64(durations[mr.route]) / float64(time.Millisecond)
			row.LambdaMeasured = measured[mr.route]
		}
		res.Rows = append(res.Rows, row)
	}
	if m, runs := out.Median(coldStart); runs > 0 {
		res.ColdStart = &ColdStart{Init: m["init-ms"], FirstResponse: m["cold-ms"], Runs: runs}
	}
	return res, nil
}

func fromMillis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// Package bench drives the items API over HTTP, route by route, through
// both paths (/direct and /lambda), and measures each request: latency and,
// when the local API reports it, the integration's and the authorizer's
// shares, so the gateway's own overhead can be told apart from DynamoDB (or
// the Lambda) behind it, and the authorizer's duration and cache hit ratio
// are measured rather than assumed.
//
// The benchmarks (go test -bench . ./bench/) start the local API in-process
// with dynalite, with the usage plans' limits lifted (LiftLimits), or, when
// API_URL is set (with API_KEY and ID_TOKEN), drive a deployed stack
// instead; deploy that with usage plans whose quota and throttle allow
// thousands of requests, which the defaults do not. BenchmarkColdStart
// always runs locally: it starts the items function's own binary.
// BenchmarkInit also runs locally: it builds each function beside its floor
// (bench/internal/floor) and compares their package initialisation
// (TraceInit, BestInit) and arm64 bootstrap sizes (BuildLambdaBootstrap).
//
// The cost model lives in bench/cost; the report tool in bench/cmd/report
// turns benchmark output into bench/results/; bench/cmd/cost prices a month
// of a user's own traffic on each deployment option.
package bench

package report

import (
	"fmt"
	"io"
	"strings"

	"apigwdirect/bench/cost"
)

// Meta describes where and how the results were produced.
type Meta struct {
	// Machine describes the host, e.g. "2 vCPU, Linux 6.1, Go 1.26".
	Machine string
	// Date is when the benchmarks ran, e.g. "2026-11-25".
	Date string
	// Command reproduces the results.
	Command string
	// Target is "local API (dynalite)" or the deployed stage's description.
	Target string
}

// WriteMarkdown writes the results as a markdown document: the latency
// and cost table, the direct-versus-lambda comparison, the cost breakdown,
// the cold start and every assumption behind the prices.
func WriteMarkdown(w io.Writer, r Results, meta Meta) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# Benchmark results: direct VTL integration vs Lambda proxy\n\n")
	p("- Target: %s\n", or(meta.Target, "local API (in-process gateway, dynalite)"))
	cpu := or(r.Env["cpu"], "unknown CPU")
	p("- Machine: %s (%s/%s)", cpu, or(r.Env["goos"], "?"), or(r.Env["goarch"], "?"))
	if meta.Machine != "" {
		p(", %s", meta.Machine)
	}
	p("\n")
	if meta.Date != "" {
		p("- Date: %s\n", meta.Date)
	}
	if meta.Command != "" {
		p("- Reproduce: `%s`\n", meta.Command)
	}
	p("\nLatencies are the client's, in milliseconds, medians over runs. Gateway is the local API's own\n")
	p("work (routing, API key and usage plan, validation, templates or event building) without the\n")
	p("authorizer and the integration; authorizer is its latency when it ran (a cache miss, or the\n")
	p("Cognito verification on delete), auth hits the share of requests its cache answered;\n")
	p("integration is the DynamoDB call (direct) or the items function (lambda). Cost is USD per\n")
	p("million requests (see Assumptions).\n\n")

	p("| route | path | p50 | p90 | p99 | gateway | authorizer | auth hits | integration | allocs/op | USD per million |\n")
	p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range r.Rows {
		gw, in, au, hits := "n/a", "n/a", "n/a", "n/a"
		if row.HasTimings {
			gw, in = ms(row.Gateway), ms(row.Integration)
		}
		if row.HasAuthorizer {
			au = ms(row.Authorizer)
		}
		if row.HasHitRatio {
			hits = percent(row.HitRatio)
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %s |\n", row.Route, row.Path, ms(row.P50), ms(row.P90), ms(row.P99),
			gw, au, hits, in, row.AllocsPerOp, usd(row.Cost.Total()))
	}

	p("\n## Direct vs Lambda per route\n\n")
	p("| route | p50 direct | p50 lambda | USD/M direct | USD/M lambda | saved per million | saved |\n")
	p("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, pair := range pairs(r.Rows) {
		d, l := pair[0], pair[1]
		saved := l.Cost.Total() - d.Cost.Total()
		p("| %s | %s | %s | %s | %s | %s | %.1f%% |\n", d.Route, ms(d.P50), ms(l.P50), usd(d.Cost.Total()), usd(l.Cost.Total()),
			usd(saved), 100*saved/l.Cost.Total())
	}

	p("\n## Cost breakdown (USD per million requests)\n\n")
	p("| route | path | API Gateway | Lambda requests | Lambda duration | authorizer | DynamoDB writes | DynamoDB reads | total |\n")
	p("|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range r.Rows {
		c := row.Cost
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", row.Route, row.Path, usd(c.APIGateway), usd(c.LambdaRequests),
			usd(c.LambdaDuration), usd(c.AuthorizerRequests+c.AuthorizerDuration), usd(c.DynamoDBWrites), usd(c.DynamoDBReads), usd(c.Total()))
	}

	if cs := r.ColdStart; cs != nil {
		p("\n## Cold start of the items function\n\n")
		p("The `bootstrap` built for the host, started against a local Runtime API and given one\n")
		p("GET event: %s ms from process start to its first request for work, %s ms to its first\n", ms(cs.Init), ms(cs.FirstResponse))
		p("response (medians of %d run(s)). Lambda adds its own sandbox set-up on top.\n", cs.Runs)
	}
	writeInits(p, r.Inits)

	a := r.Assume
	p("\n## Assumptions\n\n")
	p("- Prices: %s, as of %s (%s): API Gateway REST %s per million requests; Lambda %s per million\n", a.Prices.Region,
		a.Prices.AsOf, a.Prices.Source, usd(a.Prices.APIGatewayPerMillion), usd(a.Prices.LambdaRequestsPerMillion))
	p("  requests and %g per GB-second (arm64); DynamoDB on-demand %s per million write units, %s per million read units.\n",
		a.Prices.LambdaGBSecond, usd(a.Prices.WriteUnitsPerMillion), usd(a.Prices.ReadUnitsPerMillion))
	p("  Free tiers, volume tiers, data transfer, storage and logs are left out.\n")
	p("- Item: %d bytes as DynamoDB counts it (%g write unit, %g read unit eventually consistent);\n",
		a.ItemBytes, cost.WriteUnits(a.ItemBytes), cost.ReadUnits(a.ItemBytes, false))
	p("  a list request reads %d items in one Scan.\n", a.PageItems)
	p("- Items function: %d MB, arm64, billed per ms rounded up; duration per route from the\n", a.ItemsMemoryMB)
	p("  lambda path's measured integration latency")
	if fb := fallbacks(r.Rows); fb != "" {
		p(" (%s: not measured, %s ms assumed)", fb, ms(a.FallbackLambdaMillis))
	}
	p(".\n")
	perMs := float64(a.ItemsMemoryMB) / 1024 / 1000 * 1e6 * a.Prices.LambdaGBSecond
	p("  Locally that is a loopback DynamoDB call; on AWS it is longer, and each extra millisecond\n")
	p("  adds %s per million requests at %d MB.\n", usd(perMs), a.ItemsMemoryMB)
	writeAuthorizer(p, r)
	p("- Local latencies come from one machine with everything on loopback; they compare the paths'\n")
	p("  work, not AWS's network. allocs/op counts the client and the in-process API together.\n")

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write markdown: %w", err)
	}
	return nil
}

// writeAuthorizer writes the authorizer's assumptions: memory, duration
// and cache hit ratio, measured or not, and what a real hit ratio depends on.
func writeAuthorizer(p func(string, ...any), r Results) {
	a := r.Assume
	var billed []Row // the rows whose Lambda authorizer the cost counts
	for _, row := range r.Rows {
		if row.Route != "delete" {
			billed = append(billed, row)
		}
	}
	p("- Authorizer: the Lambda REQUEST authorizer of create, replace, list and get (delete uses the\n")
	p("  Cognito authorizer, which is not billed per request): %d MB (%s), arm64,\n",
		a.AuthorizerMemoryMB, or(a.AuthorizerMemoryFrom, "assumed"))
	p("  billed like Lambda, per ms rounded up, on cache misses only.\n")
	lo, hi, measured := span(billed, func(x Row) (float64, bool) { return x.AuthorizerMillis, x.AuthorizerMeasured })
	switch {
	case a.OverrideAuthorizerMillis:
		p("  Duration: %s ms per invocation, as set (-authorizer-ms or AUTHORIZER_MS).\n", ms(a.AuthorizerMillis))
	case measured == len(billed) && measured > 0:
		p("  Duration: measured per route and path, the median of the authorizer's latency when it ran:\n")
		if b1, b2 := billedMillis(lo), billedMillis(hi); b1 == b2 {
			p("  %s to %s ms, billed %d ms.\n", ms(lo), ms(hi), b1)
		} else {
			p("  %s to %s ms, billed %d to %d ms.\n", ms(lo), ms(hi), b1, b2)
		}
	case measured > 0:
		p("  Duration: measured where reported (%s to %s ms), else %s ms assumed.\n", ms(lo), ms(hi), ms(a.AuthorizerMillis))
	default:
		p("  Duration: %s ms per invocation, assumed (the benchmark output reports no auth-ms).\n", ms(a.AuthorizerMillis))
	}
	lo, hi, measured = span(billed, func(x Row) (float64, bool) { return x.CacheHitRatio, x.HitMeasured })
	ttl := a.AuthorizerTTL.Seconds()
	if ttl == 0 {
		ttl = 300 // API Gateway's default
	}
	switch {
	case a.OverrideCacheHitRatio:
		p("  Cache hit ratio: %s, as set (-cache-hit or AUTHORIZER_CACHE_HIT).\n", percent(a.CacheHitRatio))
	case measured == len(billed) && measured > 0:
		p("  Cache hit ratio: measured per route and path, %s to %s. The benchmark's client reuses one ID\n", percent(lo), percent(hi))
		p("  token (create, replace) and one API key (list, get), and each run starts with the cache flushed,\n")
		p("  so a run sees one miss and then hits: near 100%% by construction.\n")
	case measured > 0:
		p("  Cache hit ratio: measured where reported (%s to %s), else %s assumed.\n", percent(lo), percent(hi), percent(a.CacheHitRatio))
	default:
		p("  Cache hit ratio: %s, assumed (the benchmark output reports no auth-hit-ratio).\n", percent(a.CacheHitRatio))
	}
	p("  A real API's ratio depends on how many distinct callers (tokens, keys) call within one TTL\n")
	p("  (%.0f s): about 1 - C/R for C callers sending R requests per %.0f s, so 50 callers sending 1,000\n", ttl, ttl)
	p("  requests per %.0f s hit 95%%, and callers sending one request per %.0f s each never hit.", ttl, ttl)
	if worst := fullMiss(r, billed); worst > 0 {
		p(" With\n  every request a miss the authorizer would add up to %s per million requests here.", usd(worst))
	}
	p("\n  Price your own ratio with -cache-hit.\n")
}

// span returns the smallest and largest of the values f reports as
// measured over rows, and how many were.
func span(rows []Row, f func(Row) (float64, bool)) (lo, hi float64, n int) {
	for _, row := range rows {
		v, ok := f(row)
		if !ok {
			continue
		}
		if n == 0 || v < lo {
			lo = v
		}
		if n == 0 || v > hi {
			hi = v
		}
		n++
	}
	return lo, hi, n
}

// fullMiss is the largest authorizer cost per million requests over rows
// had every request invoked it.
func fullMiss(r Results, rows []Row) float64 {
	worst := 0.0
	for _, row := range rows {
		f := cost.Function{MemoryMB: r.Assume.AuthorizerMemoryMB, Duration: fromMillis(row.AuthorizerMillis)}
		worst = max(worst, r.Assume.Prices.LambdaRequestsPerMillion+f.GBSeconds()*1e6*r.Assume.Prices.LambdaGBSecond)
	}
	return worst
}

// billedMillis is a duration in ms as Lambda bills it.
func billedMillis(v float64) int64 { return cost.Function{Duration: fromMillis(v)}.BilledMillis() }

func percent(ratio float64) string {
	if ratio > 0.99 && ratio < 1 {
		return fmt.Sprintf("%.2f%%", 100*ratio)
	}
	return fmt.Sprintf("%.1f%%", 100*ratio)
}

// pairs returns the [direct, lambda] rows of each route that has both.
func pairs(rows []Row) [][2]Row {
	var out [][2]Row
	for i, d := range rows {
		if d.Path != "direct" {
			continue
		}
		for _, l := range rows[i+1:] {
			if l.Route == d.Route && l.Path == "lambda" {
				out = append(out, [2]Row{d, l})
			}
		}
	}
	return out
}

// fallbacks lists the lambda rows whose duration was assumed.
func fallbacks(rows []Row) string {
	var names []string
	for _, r := range rows {
		if r.Path == "lambda" && !r.LambdaMeasured {
			names = append(names, r.Route)
		}
	}
	return strings.Join(names, ", ")
}

func ms(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

func usd(v float64) string {
	if v != 0 && v < 0.01 && v > -0.01 {
		return fmt.Sprintf("$%.5f", v)
	}
	return fmt.Sprintf("$%.3f", v)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// writeInits writes the functions' package initialisation against their
// floors, when the init benchmark ran.
func writeInits(p func(string, ...any), inits []Init) {
	if len(inits) == 0 {
		return
	}
	p("\n## Package initialisation against the floor\n\n")
	p("Sum of every package's init before `main` (`GODEBUG=inittrace=1`), best of five traces per run and\n")
	p("best over the runs, against a floor built in the same run: aws-lambda-go and the same AWS clients\n")
	p("built from their Options, nothing else. Target: at most %.2fx the floor. Sizes are the arm64 `bootstrap`s.\n\n", InitTarget)
	p("| function | init (ms) | floor (ms) | ratio | target | bootstrap (MB) | floor bootstrap (MB) | first response (ms) |\n")
	p("|---|---:|---:|---:|---|---:|---:|---:|\n")
	for _, in := range inits {
		verdict := "met"
		if !in.MeetsTarget() {
			verdict = "missed"
		}
		cold := "see above"
		if in.HasCold {
			cold = ms(in.Cold)
		}
		p("| %s | %.3f | %.3f | %.2fx | %s | %.2f | %.2f | %s |\n", in.Function, in.Init, in.Floor, in.Ratio, verdict,
			in.Bootstrap/1e6, in.FloorBootstrap/1e6, cold)
	}
}

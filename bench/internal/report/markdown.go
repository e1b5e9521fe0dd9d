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
	p("work (routing, auth, validation, templates or event building) without the integration;\n")
	p("integration is the DynamoDB call (direct) or the items function (lambda). Cost is USD per\n")
	p("million requests (see Assumptions).\n\n")

	p("| route | path | p50 | p90 | p99 | gateway | integration | allocs/op | USD per million |\n")
	p("|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range r.Rows {
		gw, in := "n/a", "n/a"
		if row.HasTimings {
			gw, in = ms(row.Gateway), ms(row.Integration)
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %.0f | %s |\n", row.Route, row.Path, ms(row.P50), ms(row.P90), ms(row.P99),
			gw, in, row.AllocsPerOp, usd(row.Cost.Total()))
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
	p("- Authorizer: %d MB, %s ms per invocation, cache hit ratio %.0f%% (create, replace, list and get;\n",
		a.AuthorizerMemoryMB, ms(a.AuthorizerMillis), 100*a.CacheHitRatio)
	p("  delete uses the Cognito authorizer, which is not billed per request).\n")
	p("- Local latencies come from one machine with everything on loopback; they compare the paths'\n")
	p("  work, not AWS's network. allocs/op counts the client and the in-process API together.\n")

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write markdown: %w", err)
	}
	return nil
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

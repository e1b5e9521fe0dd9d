package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"time"

	"apigwdirect/bench/cost"
)

func sample(t *testing.T) Output { return parseFile(t, "testdata/sample.txt") }

// parseFile parses a captured bench output under testdata.
func parseFile(t *testing.T, path string) Output {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseSample(t *testing.T) {
	out := sample(t)
	if out.Env["cpu"] != "Oxide Virtual Turin-like Processor" || out.Env["goos"] != "linux" {
		t.Errorf("env = %v", out.Env)
	}
	if len(out.Runs) != 7 {
		t.Fatalf("got %d runs, want 7 (the cold start split by progress, and six route lines)", len(out.Runs))
	}
	cold := out.Runs[0]
	if cold.Name != "BenchmarkColdStart" || cold.Iterations != 5 || cold.Metrics["init-ms"] != 42.96 {
		t.Errorf("cold start run = %+v", cold)
	}
	if r := out.Runs[1]; r.Name != "BenchmarkRoute/create/direct" || r.Metrics["allocs/op"] != 700 || r.Metrics["gw-ms"] != 0.4 {
		t.Errorf("first route run = %+v", r)
	}
	// Two runs of create/direct: medians are the means of the pair.
	m, n := out.Median("BenchmarkRoute/create/direct")
	if n != 2 || m["p50-ms"] != 2.1 || m["allocs/op"] != 701 {
		t.Errorf("median = %v over %d runs", m, n)
	}
	if _, n := out.Median("BenchmarkRoute/get/direct"); n != 0 {
		t.Errorf("get/direct has %d runs, want 0", n)
	}
}

func TestParseRejectsBadMetric(t *testing.T) {
	if _, err := Parse(strings.NewReader("BenchmarkX-2  10  abc ns/op\n")); err == nil {
		t.Fatal("want an error for a non-numeric metric")
	}
}

func TestParseRejectsFailedRuns(t *testing.T) {
	ok := "BenchmarkX-2  10  100 ns/op\n"
	for _, failure := range []string{
		"--- FAIL: BenchmarkColdStart-2\n    coldstart_bench_test.go:64: context deadline exceeded\n",
		"FAIL\n",
		"FAIL\tapigwdirect/bench\t12.3s\n",
	} {
		if _, err := Parse(strings.NewReader(ok + failure + ok)); err == nil || !strings.Contains(err.Error(), "failed") {
			t.Errorf("output with %q: err = %v, want a failure", failure, err)
		}
	}
	if _, err := Parse(strings.NewReader(ok + "PASS\nok  \tapigwdirect/bench\t1.0s\n")); err != nil {
		t.Errorf("a passing output: %v", err)
	}
}

func assumptions() Assumptions {
	return Assumptions{Prices: cost.DefaultPrices(), ItemBytes: 300, PageItems: 25, ItemsMemoryMB: 512,
		AuthorizerMemoryMB: 256, AuthorizerMemoryFrom: "the stack template's", AuthorizerTTL: 300 * time.Second,
		AuthorizerMillis: 5, CacheHitRatio: 0.9, FallbackLambdaMillis: 10}
}

func TestBuildPricesMeasuredDurations(t *testing.T) {
	res, err := Build(sample(t), assumptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 4 {
		t.Fatalf("got %d rows, want create and list on both paths", len(res.Rows))
	}
	byKey := map[string]Row{}
	for _, r := range res.Rows {
		byKey[r.Route+"/"+r.Path] = r
	}
	cl := byKey["create/lambda"]
	// Median integ-ms of create/lambda: (1.9 + 2.1) / 2 = 2.0 ms, measured.
	if !cl.LambdaMeasured || cl.LambdaMillis != 2.0 {
		t.Errorf("create/lambda duration = %v (measured %v), want 2.0 measured", cl.LambdaMillis, cl.LambdaMeasured)
	}
	// 2 ms at 512 MB: 0.002 x 0.5 = 0.001 GB-s; x 1e6 x 0.0000133334 = 0.0133334 per million.
	if d := cl.Cost.LambdaDuration; d < 0.0133333 || d > 0.0133335 {
		t.Errorf("create/lambda duration cost = %v, want 0.0133334", d)
	}
	// Authorizer of create/lambda, measured in one run of two: 1.2 ms, 50% hits.
	// 1.2 ms bills 2 ms: 0.002 x 0.25 GB = 0.0005 GB-s; x 1e6 x 0.0000133334 = 0.0066667.
	// 50% misses: 0.5 x 0.20 = 0.1 plus 0.5 x 0.0066667 = 0.00333335 -> 0.10333335.
	if !cl.AuthorizerMeasured || !cl.HitMeasured || cl.AuthorizerMillis != 1.2 || cl.CacheHitRatio != 0.5 {
		t.Errorf("create/lambda authorizer = %+v", cl)
	}
	if a := cl.Cost.AuthorizerRequests + cl.Cost.AuthorizerDuration; !near(a, 0.10333335) {
		t.Errorf("create/lambda authorizer cost = %v, want 0.10333335", a)
	}
	// create/direct: medians (0.15 + 0.17) / 2 = 0.16 ms and (0.998 + 0.996) / 2 = 0.997.
	// 0.16 ms bills 1 ms: 0.00025 GB-s; x 1e6 x 0.0000133334 = 0.00333335.
	// 0.3% misses: 0.003 x 0.20 = 0.0006 plus 0.003 x 0.00333335 = 0.00001000005 -> 0.00061000005.
	cd := byKey["create/direct"]
	if !near(cd.Authorizer, 0.16) || !near(cd.HitRatio, 0.997) {
		t.Errorf("create/direct measured authorizer %v ms, hits %v", cd.Authorizer, cd.HitRatio)
	}
	if a := cd.Cost.AuthorizerRequests + cd.Cost.AuthorizerDuration; !near(a, 0.00061000005) {
		t.Errorf("create/direct authorizer cost = %v, want 0.00061000005", a)
	}
	// list/direct reports neither: 5 ms and 90% assumed; 0.1 x 0.20 = 0.02,
	// plus 0.1 x 5 ms x 0.25 GB x 1e6 x 0.0000133334 = 0.001666675 -> 0.021666675.
	ld := byKey["list/direct"]
	if a := ld.Cost.AuthorizerRequests + ld.Cost.AuthorizerDuration; ld.AuthorizerMeasured || ld.HitMeasured || !near(a, 0.021666675) {
		t.Errorf("list/direct authorizer cost = %v (measured %v, %v), want 0.021666675 assumed", a, ld.AuthorizerMeasured, ld.HitMeasured)
	}
	// lambda - direct = items function 0.20 + 0.0133334 plus the authorizers' difference
	// 0.10333335 - 0.00061000005 = 0.10272334995 -> 0.31605674995.
	if diff := cl.Cost.Total() - cd.Cost.Total(); !near(diff, 0.31605674995) {
		t.Errorf("lambda - direct = %v, want 0.31605674995", diff)
	}
	if res.ColdStart == nil || res.ColdStart.FirstResponse != 48.43 {
		t.Errorf("cold start = %+v", res.ColdStart)
	}
	if !byKey["list/direct"].HasTimings || byKey["list/direct"].Gateway != 0.9 {
		t.Errorf("list/direct = %+v", byKey["list/direct"])
	}
}

func TestBuildAuthorizerOverrides(t *testing.T) {
	a := assumptions()
	a.AuthorizerMillis, a.OverrideAuthorizerMillis = 3, true
	a.CacheHitRatio, a.OverrideCacheHitRatio = 0.8, true
	res, err := Build(sample(t), a)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		// 3 ms x 0.25 GB = 0.00075 GB-s; x 1e6 x 0.0000133334 = 0.01000005;
		// 20% misses: 0.2 x 0.20 = 0.04 plus 0.2 x 0.01000005 = 0.00200001 -> 0.04200001.
		if r.AuthorizerMeasured || r.HitMeasured || !near(r.Cost.AuthorizerRequests+r.Cost.AuthorizerDuration, 0.04200001) {
			t.Errorf("%s/%s: authorizer %+v, cost %v; want the overrides", r.Route, r.Path, r, r.Cost.AuthorizerRequests+r.Cost.AuthorizerDuration)
		}
	}
	// The measured values are still shown.
	if !res.Rows[0].HasAuthorizer || !near(res.Rows[0].Authorizer, 0.16) {
		t.Errorf("create/direct = %+v", res.Rows[0])
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Duration: 3.00 ms per invocation, as set", "Cache hit ratio: 80.0%, as set"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, b.String())
		}
	}
}

// near compares to a relative 1e-9.
func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*max(b, -b) || d < 1e-15
}

func TestBuildFallsBackWithoutTimings(t *testing.T) {
	in := "BenchmarkRoute/get/direct-2 10 100 ns/op 1 p50-ms 2 p90-ms 3 p99-ms\n" +
		"BenchmarkRoute/get/lambda-2 10 100 ns/op 1 p50-ms 2 p90-ms 3 p99-ms\n"
	out, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(out, assumptions())
	if err != nil {
		t.Fatal(err)
	}
	l := res.Rows[1]
	if l.LambdaMeasured || l.LambdaMillis != 10 || l.HasTimings {
		t.Errorf("get/lambda = %+v, want the 10 ms fallback and no timings", l)
	}
	if _, err := Build(Output{}, assumptions()); err == nil {
		t.Error("no route results: want an error")
	}
	bad, _ := Parse(strings.NewReader("BenchmarkRoute/get/direct-2 10 100 ns/op\n"))
	if _, err := Build(bad, assumptions()); err == nil {
		t.Error("missing percentiles: want an error")
	}
}

func TestWriteMarkdown(t *testing.T) {
	res, err := Build(sample(t), assumptions())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, res, Meta{Date: "2026-11-25", Command: "make bench", Machine: "2 vCPU"}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"| create | direct | 2.10 | 2.70 | 4.20 | 0.42 | 0.16 | 99.70% | 1.55 | 701 |",
		"| list | direct | 3.00 | 3.50 | 6.00 | 0.90 | n/a | n/a | 2.00 | 1500 |",
		// Measured on create, assumed on list: the report says both.
		"256 MB (the stack template's)",
		"Duration: measured where reported (0.16 to 1.20 ms), else 5.00 ms assumed.",
		"Cache hit ratio: measured where reported (50.0% to 99.70%), else 90.0% assumed.",
		"within one TTL\n  (300 s)",
		"Oxide Virtual Turin-like Processor (linux/amd64), 2 vCPU",
		"Reproduce: `make bench`",
		"us-east-1",
		"48.4 ms to its first",
		// 512/1024 GB x 0.001 s x 1e6 x 0.0000133334 = 0.0066667 per extra ms
		"adds $0.00667 per million requests at 512 MB",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	// One comparison row per route with both paths: create and list.
	if n := strings.Count(md, "%"); n < 2 {
		t.Errorf("comparison rows missing:\n%s", md)
	}
}

func TestChartsAreValidSVG(t *testing.T) {
	res, err := Build(sample(t), assumptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Chart{LatencyChart(res), CostChart(res)} {
		var b bytes.Buffer
		if err := c.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&b)
		rects := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s: invalid XML: %v", c.Title, err)
				}
				break
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rect" {
				rects++
			}
		}
		// background + 4 bars + 2 legend swatches
		if rects != 7 {
			t.Errorf("%s: %d rects, want 7", c.Title, rects)
		}
	}
	if err := (Chart{Title: "empty"}).WriteSVG(&bytes.Buffer{}); err == nil {
		t.Error("empty chart: want an error")
	}
}

func TestNiceStep(t *testing.T) {
	for _, c := range []struct{ raw, want float64 }{{0.7, 1}, {1.3, 2}, {3, 5}, {7, 10}, {0.013, 0.02}, {0, 0}} {
		if got := niceStep(c.raw); got < c.want*0.999999 || got > c.want*1.000001 {
			t.Errorf("niceStep(%v) = %v, want %v", c.raw, got, c.want)
		}
	}
}

// TestCapturedOutput reads a real `go test -run '^$' -bench . -count 5
// ./bench/` run (stdout and stderr mixed, as go test prints them) and
// checks the whole pipeline on it.
func TestCapturedOutput(t *testing.T) {
	out := parseFile(t, "testdata/captured.txt")
	for _, route := range cost.RouteNames() {
		for _, path := range []string{"direct", "lambda"} {
			m, n := out.Median("BenchmarkRoute/" + route + "/" + path)
			if n != 5 {
				t.Errorf("%s/%s: %d runs, want 5", route, path, n)
			}
			if !(m["p50-ms"] > 0 && m["p50-ms"] <= m["p90-ms"] && m["p90-ms"] <= m["p99-ms"]) {
				t.Errorf("%s/%s: percentiles out of order: %v", route, path, m)
			}
			if m["gw-ms"] <= 0 || m["integ-ms"] <= 0 || m["allocs/op"] <= 0 || m["auth-ms"] <= 0 {
				t.Errorf("%s/%s: missing local API timings or allocs: %v", route, path, m)
			}
			// One token or key per run, the cache flushed at its start: one miss,
			// then hits. Delete's Cognito authorizer verifies every request.
			hits, ok := m["auth-hit-ratio"]
			if !ok || route != "delete" && !(hits > 0.99 && hits < 1) || route == "delete" && hits != 0 {
				t.Errorf("%s/%s: auth-hit-ratio %v (reported %v)", route, path, hits, ok)
			}
		}
	}
	if _, n := out.Median(coldStart); n != 5 {
		t.Errorf("cold start: %d runs, want 5 (its result lines follow progress output)", n)
	}
	res, err := Build(out, assumptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 10 || res.ColdStart == nil {
		t.Fatalf("%d rows, cold start %v", len(res.Rows), res.ColdStart)
	}
	for _, r := range res.Rows {
		if r.Path == "lambda" && !r.LambdaMeasured {
			t.Errorf("%s/lambda: duration not taken from the run", r.Route)
		}
		if !r.AuthorizerMeasured || !r.HitMeasured {
			t.Errorf("%s/%s: authorizer duration or hit ratio not taken from the run", r.Route, r.Path)
		}
	}
	var md, svg bytes.Buffer
	if err := WriteMarkdown(&md, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(md.String(), "\n| "); got != 10+5+10+3 { // rows + comparisons + breakdown + 3 headers
		t.Errorf("markdown has %d table rows, want 28:\n%s", got, md.String())
	}
	if err := LatencyChart(res).WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(svg.String(), "<rect"); got != 1+10+2 {
		t.Errorf("latency chart has %d rects, want 13", got)
	}
}

package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"apigwdirect/bench/cost"
)

func sample(t *testing.T) Output {
	t.Helper()
	f, err := os.Open("testdata/sample.txt")
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

func assumptions() Assumptions {
	return Assumptions{Prices: cost.DefaultPrices(), ItemBytes: 300, PageItems: 25, ItemsMemoryMB: 512,
		AuthorizerMemoryMB: 256, AuthorizerMillis: 5, CacheHitRatio: 0.9, FallbackLambdaMillis: 10}
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
	// Authorizer: 10% misses; 0.1 x 0.20 = 0.02, plus 0.1 x 5 ms x 0.25 GB x 1e6 x 0.0000133334 = 0.00166668.
	if a := cl.Cost.AuthorizerRequests + cl.Cost.AuthorizerDuration; a < 0.0216666 || a > 0.0216668 {
		t.Errorf("authorizer cost = %v, want 0.02166668", a)
	}
	if diff := cl.Cost.Total() - byKey["create/direct"].Cost.Total(); diff < 0.2133333 || diff > 0.2133335 {
		t.Errorf("lambda - direct = %v, want 0.20 + 0.0133334", diff)
	}
	if res.ColdStart == nil || res.ColdStart.FirstResponse != 48.43 {
		t.Errorf("cold start = %+v", res.ColdStart)
	}
	if !byKey["list/direct"].HasTimings || byKey["list/direct"].Gateway != 0.9 {
		t.Errorf("list/direct = %+v", byKey["list/direct"])
	}
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
		"| create | direct | 2.10 | 2.70 | 4.20 | 0.42 | 1.55 | 701 |",
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
	f, err := os.Open("testdata/captured.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range cost.RouteNames() {
		for _, path := range []string{"direct", "lambda"} {
			m, n := out.Median("BenchmarkRoute/" + route + "/" + path)
			if n != 5 {
				t.Errorf("%s/%s: %d runs, want 5", route, path, n)
			}
			if !(m["p50-ms"] > 0 && m["p50-ms"] <= m["p90-ms"] && m["p90-ms"] <= m["p99-ms"]) {
				t.Errorf("%s/%s: percentiles out of order: %v", route, path, m)
			}
			if m["gw-ms"] <= 0 || m["integ-ms"] <= 0 || m["allocs/op"] <= 0 {
				t.Errorf("%s/%s: missing local API timings or allocs: %v", route, path, m)
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

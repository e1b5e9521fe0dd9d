// Command report turns `go test -bench` output of ./bench into the
// published results: a markdown table of latency and cost per million
// requests with the functions' package initialisation against their floors
// (results.md), two SVG bar charts (latency.svg, cost.svg) and the
// break-even chart of each deployment option's bill as the items function's
// duration grows (breakeven.svg; bench/cmd/cost prices your own traffic).
//
//	go test -run '^$' -bench . -count 5 ./bench/ | tee bench/results/bench.txt
//	go run ./bench/cmd/report -in bench/results/bench.txt -out bench/results
//
// Prices come from bench/cost's dated defaults, overridden by PRICE_*
// environment variables and then by -price-* flags. The functions' memory
// comes from the stack template (-template), else 512 and 256 MB, unless
// -items-memory or -authorizer-memory set it. The authorizer's duration
// and cache hit ratio are the ones the benchmark measured per route and
// path (auth-ms, auth-hit-ratio); AUTHORIZER_MS and AUTHORIZER_CACHE_HIT,
// then -authorizer-ms and -cache-hit, replace them everywhere, and their
// values (default 5 ms, 0.9) stand in where the output reports none.
package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"apigwdirect/bench"
	"apigwdirect/bench/cost"
	"apigwdirect/bench/internal/report"
)

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stdin, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run parses flags, reads the benchmark output and writes the results.
func run(args []string, getenv func(string) string, stdin io.Reader, stderr io.Writer) error {
	prices, err := cost.PricesFromEnv(getenv, cost.DefaultPrices())
	if err != nil {
		return err
	}
	itemBytes, err := cost.ItemBytes(bench.SampleItem("bench-0000000000000000000-create-direct-1"))
	if err != nil {
		return err
	}
	a := report.Assumptions{Prices: prices}
	var meta report.Meta
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "-", "benchmark output to read (- for stdin)")
	out := fs.String("out", "bench/results", "directory to write results.md, latency.svg and cost.svg into")
	fs.IntVar(&a.ItemBytes, "item-bytes", itemBytes, "item size as DynamoDB counts it (default: the benchmark's item)")
	fs.IntVar(&a.PageItems, "page-items", bench.PageSize, "items one list request reads")
	template := fs.String("template", bench.DefaultTemplate, "stack template to read the functions' memory and the authorizer TTL from (\"\" for none)")
	fs.IntVar(&a.ItemsMemoryMB, "items-memory", 0, "items function memory in MB (default: the template's, else 512)")
	fs.IntVar(&a.AuthorizerMemoryMB, "authorizer-memory", 0, "authorizer memory in MB (default: the template's, else 256)")
	authMillis, hitRatio, err := authorizerFromEnv(getenv)
	if err != nil {
		return err
	}
	a.OverrideAuthorizerMillis, a.OverrideCacheHitRatio = authMillis != nil, hitRatio != nil
	fs.Float64Var(&a.AuthorizerMillis, "authorizer-ms", or(authMillis, 5),
		"authorizer duration per invocation in ms, for every route (env AUTHORIZER_MS; default: measured, else 5)")
	fs.Float64Var(&a.CacheHitRatio, "cache-hit", or(hitRatio, 0.9),
		"authorizer cache hit ratio 0..1, for every route (env AUTHORIZER_CACHE_HIT; default: measured, else 0.9)")
	fs.Float64Var(&a.FallbackLambdaMillis, "lambda-ms", 10, "items function duration in ms where the benchmark measured none")
	fs.StringVar(&meta.Machine, "machine", "", "more about the machine, e.g. \"2 vCPU VM, 4 GB\"")
	fs.StringVar(&meta.Date, "date", time.Now().UTC().Format("2006-01-02"), "date of the run")
	fs.StringVar(&meta.Command, "command", "make bench", "command that reproduces the results")
	fs.StringVar(&meta.Target, "target", "", "what was benchmarked (default: the local API)")
	a.Prices.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := a.Prices.Validate(); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "authorizer-ms":
			a.OverrideAuthorizerMillis = true
		case "cache-hit":
			a.OverrideCacheHitRatio = true
		}
	})
	templateSet := false
	fs.Visit(func(f *flag.Flag) { templateSet = templateSet || f.Name == "template" })
	if err := fromTemplate(*template, !templateSet, &a); err != nil {
		return err
	}

	src := stdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		defer f.Close()
		src = f
	}
	parsed, err := report.Parse(src)
	if err != nil {
		return err
	}
	res, err := report.Build(parsed, a)
	if err != nil {
		return err
	}

	var md, lat, cst, brk bytes.Buffer
	if err := report.WriteMarkdown(&md, res, meta); err != nil {
		return err
	}
	if err := report.LatencyChart(res).WriteSVG(&lat); err != nil {
		return err
	}
	if err := report.CostChart(res).WriteSVG(&cst); err != nil {
		return err
	}
	if err := breakEvenChart(res, &brk); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for name, buf := range map[string]*bytes.Buffer{"results.md": &md, "latency.svg": &lat, "cost.svg": &cst, "breakeven.svg": &brk} {
		if err := os.WriteFile(filepath.Join(*out, name), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	fmt.Fprintf(stderr, "report: wrote results.md, latency.svg, cost.svg and breakeven.svg to %s\n", *out)
	return nil
}

// authorizerFromEnv reads AUTHORIZER_MS and AUTHORIZER_CACHE_HIT; nil for
// those unset.
func authorizerFromEnv(getenv func(string) string) (millis, ratio *float64, err error) {
	parse := func(name string) (*float64, error) {
		v := getenv(name)
		if v == "" {
			return nil, nil
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", name, err)
		}
		return &x, nil
	}
	if millis, err = parse("AUTHORIZER_MS"); err != nil {
		return nil, nil, err
	}
	if ratio, err = parse("AUTHORIZER_CACHE_HIT"); err != nil {
		return nil, nil, err
	}
	return millis, ratio, nil
}

// fromTemplate fills the memory sizes the flags left unset and the
// authorizer TTL from the stack template at path (none when path is "",
// or when it is absent and optional), falling back to the stack's 512 MB,
// 256 MB and 300 s.
func fromTemplate(path string, optional bool, a *report.Assumptions) error {
	var c bench.StackConfig
	if path != "" {
		raw, err := os.ReadFile(path)
		switch {
		case err != nil && optional && errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("report: stack template (-template \"\" to do without): %w", err)
		default:
			if c, err = bench.ReadStackConfig(raw); err != nil {
				return fmt.Errorf("report: %s: %w", path, err)
			}
		}
	}
	if a.ItemsMemoryMB == 0 {
		a.ItemsMemoryMB = cmp.Or(c.ItemsMemoryMB, 512)
	}
	switch {
	case a.AuthorizerMemoryMB != 0:
		a.AuthorizerMemoryFrom = "-authorizer-memory"
	case c.AuthorizerMemoryMB != 0:
		a.AuthorizerMemoryMB, a.AuthorizerMemoryFrom = c.AuthorizerMemoryMB, "the stack template's"
	default:
		a.AuthorizerMemoryMB, a.AuthorizerMemoryFrom = 256, "the stack's, assumed"
	}
	a.AuthorizerTTL = cmp.Or(c.AuthorizerTTL, 300*time.Second)
	return nil
}

// or is *p, or def when p is nil.
func or(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

// breakEvenChart draws each option's bill for a million requests of each
// route as the items function's duration grows, up to twice the duration
// where HTTP API + Lambda stops being cheaper than REST direct (at least
// 100 ms).
func breakEvenChart(res report.Results, w io.Writer) error {
	t := report.ReportTraffic(res)
	d, ok, err := t.BreakEven(res.Assume.Prices, cost.HTTPLambda, res.Assume.ItemsMemoryMB)
	if err != nil {
		return err
	}
	maxMs := 100
	if ok {
		maxMs = max(maxMs, int(2*d.Milliseconds()))
	}
	c, err := report.BreakEvenChart(t, res.Assume.Prices, maxMs)
	if err != nil {
		return err
	}
	return c.WriteSVG(w)
}

// Command report turns `go test -bench` output of ./bench into the
// published results: a markdown table of latency and cost per million
// requests (results.md) and two SVG bar charts (latency.svg, cost.svg).
//
//	go test -run '^$' -bench . -count 5 ./bench/ | tee bench/results/bench.txt
//	go run ./bench/cmd/report -in bench/results/bench.txt -out bench/results
//
// Prices come from bench/cost's dated defaults, overridden by PRICE_*
// environment variables and then by -price-* flags.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	fs.IntVar(&a.ItemsMemoryMB, "items-memory", 512, "items function memory in MB (the stack's)")
	fs.IntVar(&a.AuthorizerMemoryMB, "authorizer-memory", 256, "authorizer memory in MB (the stack's)")
	fs.Float64Var(&a.AuthorizerMillis, "authorizer-ms", 5, "authorizer duration per invocation in ms (not measured)")
	fs.Float64Var(&a.CacheHitRatio, "cache-hit", 0.9, "authorizer cache hit ratio, 0..1")
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

	var md, lat, cst bytes.Buffer
	if err := report.WriteMarkdown(&md, res, meta); err != nil {
		return err
	}
	if err := report.LatencyChart(res).WriteSVG(&lat); err != nil {
		return err
	}
	if err := report.CostChart(res).WriteSVG(&cst); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for name, buf := range map[string]*bytes.Buffer{"results.md": &md, "latency.svg": &lat, "cost.svg": &cst} {
		if err := os.WriteFile(filepath.Join(*out, name), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	fmt.Fprintf(stderr, "report: wrote results.md, latency.svg and cost.svg to %s\n", *out)
	return nil
}

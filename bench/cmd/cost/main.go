// Command cost prices a month of your own traffic on the items API for each
// way to deploy it: this stack's REST API with the direct path or the Lambda
// path, an HTTP API in front of the same function, and a function URL, with
// what each gives up, and where each Lambda option stops being cheaper than
// the direct path as the function's duration grows.
//
//	go run ./bench/cmd/cost -create 1e6 -get 3e6 -list 5e5 -delete 5e5 \
//	    -item-bytes 500 -memory 512 -duration-ms 8 -callers 100 -chart breakeven.svg
//
// Requests are per route per month. The authorizer runs once per distinct
// caller per cache TTL (-callers, -ttl), never more than the requests it
// authorizes. API Gateway volume tiers (-tiers) and Lambda's free tier
// (-free-tier) are off by default. Prices are bench/cost's dated defaults,
// overridden by PRICE_* environment variables and then -price-* flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"apigwdirect/bench/cost"
	"apigwdirect/bench/internal/report"
)

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

// run parses args, prices the traffic and writes the bills to out.
func run(args []string, getenv func(string) string, out io.Writer) error {
	prices, err := cost.PricesFromEnv(getenv, cost.DefaultPrices())
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("cost", flag.ContinueOnError)
	fs.SetOutput(out)
	requests := map[string]*float64{}
	for _, route := range cost.RouteNames() {
		requests[route] = fs.Float64(route, 0, route+" requests a month")
	}
	itemBytes := fs.Int("item-bytes", 200, "item size as DynamoDB counts it, in bytes")
	pageItems := fs.Int("page-items", 25, "items one list request reads")
	consistent := fs.Bool("consistent", false, "strongly consistent reads")
	memory := fs.Int("memory", 512, "items function memory, MB")
	durationMs := fs.Float64("duration-ms", 10, "items function duration per request, ms (billed rounded up)")
	authMemory := fs.Int("authorizer-memory", 256, "authorizer memory, MB")
	authMs := fs.Float64("authorizer-ms", 5, "authorizer duration per invocation, ms")
	callers := fs.Float64("callers", 100, "distinct callers (tokens, API keys) per authorizer cache TTL")
	ttl := fs.Duration("ttl", 300*time.Second, "authorizer cache TTL (0: every request invokes it)")
	tiers := fs.Bool("tiers", false, "price API Gateway through its monthly volume tiers")
	freeTier := fs.Bool("free-tier", false, "subtract Lambda's monthly free tier")
	chart := fs.String("chart", "", "write the break-even chart (SVG) to this file")
	chartMax := fs.Int("chart-max-ms", 0, "the chart's longest duration, ms (0: twice the 512 MB HTTP API break-even, at least 100)")
	prices.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("cost: unexpected arguments %q", fs.Args())
	}
	if err := prices.Validate(); err != nil {
		return err
	}
	t := cost.Traffic{
		Requests: map[string]float64{}, ItemBytes: *itemBytes, PageItems: *pageItems, ConsistentReads: *consistent,
		Items:         cost.Function{MemoryMB: *memory, Duration: millis(*durationMs)},
		Authorizer:    cost.Function{MemoryMB: *authMemory, Duration: millis(*authMs)},
		Callers:       *callers,
		AuthorizerTTL: *ttl, VolumeTiers: *tiers, FreeTier: *freeTier,
	}
	for route, n := range requests {
		if *n != 0 {
			t.Requests[route] = *n
		}
	}
	if len(t.Requests) == 0 {
		return errors.New("cost: no traffic: give requests a month per route, e.g. -create 1e6 -get 3e6")
	}
	bills, err := t.Bills(prices)
	if err != nil {
		return err
	}
	if err := writeBills(out, t, prices, bills); err != nil {
		return err
	}
	if *chart == "" {
		return nil
	}
	maxMs := *chartMax
	if maxMs == 0 {
		d, ok, err := t.BreakEven(prices, cost.HTTPLambda, 512)
		if err != nil {
			return err
		}
		maxMs = 100
		if ok {
			maxMs = max(maxMs, int(2*d.Milliseconds()))
		}
	}
	c, err := report.BreakEvenChart(t, prices, maxMs)
	if err != nil {
		return err
	}
	f, err := os.Create(*chart)
	if err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	if err := c.WriteSVG(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// millis converts milliseconds to a Duration.
func millis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleArgs is the month bench/cost's TestBillsByHand prices by hand.
var sampleArgs = []string{"-create", "1e6", "-get", "3e6", "-list", "5e5", "-delete", "5e5", "-item-bytes", "500",
	"-page-items", "10", "-memory", "512", "-duration-ms", "8", "-callers", "100"}

func noEnv(string) string { return "" }

func TestBillsForTheUsersTraffic(t *testing.T) {
	chart := filepath.Join(t.TempDir(), "breakeven.svg")
	var out bytes.Buffer
	if err := run(append(sampleArgs, "-chart", chart), noEnv, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| rest-direct | $17.50 |", "**$18.88**", // hand-computed: 18.8773
		"| rest-lambda |", "**$20.14**", // 20.1440
		"| http-lambda | $5.00 |", "**$7.45**", // 7.4542
		"| function-url | $0.00 |", "**$2.45**", // 2.4542
		"| 512 MB | always dearer | 351 ms | 501 ms |",
		"volume tiers off, Lambda free tier off",
		"usage plans and API keys",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	f, err := os.Open(chart)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines, markers := 0, 0
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not valid XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "polyline":
				lines++
			case "circle":
				markers++
			}
		}
	}
	// rest-direct, then 3 options x 3 memory sizes; a break-even marker
	// per memory size of HTTP API + Lambda within the drawn 702 ms (512 MB:
	// 351 ms, 1024 MB: 176 ms; 128 MB's 1403 ms is off the chart).
	if lines != 10 || markers != 2 {
		t.Errorf("chart has %d lines and %d markers, want 10 and 2", lines, markers)
	}
}

func TestOptionsAndPriceOverrides(t *testing.T) {
	var out bytes.Buffer
	env := map[string]string{"PRICE_HTTP_API_PER_MILLION": "1.20"}
	args := append(append([]string{}, sampleArgs...), "-free-tier", "-tiers", "-price-apigw", "3.70")
	if err := run(args, func(k string) string { return env[k] }, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| rest-direct | $18.50 |", // 5M x 3.70, within the first tier
		"| http-lambda | $6.00 |",  // 5M x 1.20
		"volume tiers on, Lambda free tier on",
		"as of 2025, rechecked 2026-11, overridden",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRejectsBadInput(t *testing.T) {
	for name, args := range map[string][]string{
		"no traffic":       {"-memory", "512"},
		"negative":         {"-get", "-5"},
		"memory too small": {"-get", "1e6", "-memory", "64"},
		"unknown flag":     {"-gets", "1"},
		"stray argument":   {"-get", "1", "extra"},
	} {
		if err := run(args, noEnv, io.Discard); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

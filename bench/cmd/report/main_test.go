package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesResults(t *testing.T) {
	out := t.TempDir()
	env := map[string]string{"PRICE_APIGW_PER_MILLION": "1.00"}
	var stderr bytes.Buffer
	err := run([]string{"-in", "../../internal/report/testdata/sample.txt", "-out", out, "-date", "2026-11-25",
		"-price-rru", "0.25"}, func(k string) string { return env[k] }, nil, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The environment override (API Gateway 1.00) and the flag (RRU 0.25) both reach the prices.
	for _, want := range []string{"API Gateway REST $1.000 per million", "$0.250 per million read units", "Date: 2026-11-25"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("results.md lacks %q", want)
		}
	}
	for _, name := range []string{"latency.svg", "cost.svg", "breakeven.svg"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.HasPrefix(b, []byte("<svg")) {
			t.Errorf("%s: %v, starts %.20q", name, err, b)
		}
	}
}

func TestRunAuthorizerSettings(t *testing.T) {
	read := func(args []string, env map[string]string) string {
		t.Helper()
		out := t.TempDir()
		var stderr bytes.Buffer
		args = append([]string{"-in", "../../internal/report/testdata/sample.txt", "-out", out}, args...)
		if err := run(args, func(k string) string { return env[k] }, nil, &stderr); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		md, err := os.ReadFile(filepath.Join(out, "results.md"))
		if err != nil {
			t.Fatal(err)
		}
		return string(md)
	}
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"template", []string{"-template", "../../../cdk/snapshot/stack.template.json"}, nil,
			[]string{"256 MB (the stack template's)", "Items function: 512 MB", "(300 s)", "measured where reported"}},
		{"no template", []string{"-template", "", "-authorizer-memory", "1024"}, nil,
			[]string{"1024 MB (-authorizer-memory)"}},
		{"environment", nil, map[string]string{"AUTHORIZER_MS": "2", "AUTHORIZER_CACHE_HIT": "0.5"},
			[]string{"2.00 ms per invocation, as set", "50.0%, as set"}},
		{"flags over environment", []string{"-cache-hit", "0.25"}, map[string]string{"AUTHORIZER_CACHE_HIT": "0.5"},
			[]string{"25.0%, as set", "Duration: measured where reported"}},
	}
	for _, c := range cases {
		md := read(c.args, c.env)
		for _, w := range c.want {
			if !strings.Contains(md, w) {
				t.Errorf("%s: results.md lacks %q", c.name, w)
			}
		}
	}
	var stderr bytes.Buffer
	if err := run([]string{"-template", "no-such.json"}, func(string) string { return "" }, strings.NewReader(""), &stderr); err == nil {
		t.Error("a missing -template: want an error")
	}
	bad := func(k string) string { return map[string]string{"AUTHORIZER_MS": "fast"}[k] }
	if err := run(nil, bad, strings.NewReader(""), &stderr); err == nil {
		t.Error("bad AUTHORIZER_MS: want an error")
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	var stderr bytes.Buffer
	none := func(string) string { return "" }
	if err := run([]string{"-out", t.TempDir()}, none, strings.NewReader("PASS\n"), &stderr); err == nil {
		t.Error("input without results: want an error")
	}
	if err := run([]string{"-price-wru", "-1"}, none, strings.NewReader(""), &stderr); err == nil {
		t.Error("negative price: want an error")
	}
	bad := func(k string) string { return map[string]string{"PRICE_LAMBDA_GB_SECOND": "x"}[k] }
	if err := run(nil, bad, strings.NewReader(""), &stderr); err == nil {
		t.Error("bad price in the environment: want an error")
	}
}

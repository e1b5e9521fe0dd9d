// Package report turns `go test -bench` output of the bench package into
// the results the project publishes: a markdown table of latency and cost
// per million requests for each route and path, and SVG bar charts.
package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Run is the result of one benchmark line: its name without the
// GOMAXPROCS suffix, its iteration count and its metrics by unit
// ("ns/op", "allocs/op", "p50-ms", ...).
type Run struct {
	Name       string
	Iterations int
	Metrics    map[string]float64
}

// Output is a parsed benchmark output.
type Output struct {
	// Env holds the header lines "goos", "goarch", "pkg" and "cpu".
	Env map[string]string
	// Runs are the benchmark lines in the order they appeared.
	Runs []Run
}

// Parse reads benchmark output. Lines that are not benchmark results or
// environment headers (progress, PASS, ok) are skipped; a failure ("---
// FAIL", "FAIL") is an error, since results with a failed run left out
// would silently rest on fewer runs than asked for. When stderr is
// mixed in, progress may land between a benchmark's name and its result:
// a result line then may follow other text, or come on a later line of
// its own after the name.
func Parse(r io.Reader) (Output, error) {
	out := Output{Env: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	pending := "" // a benchmark name whose result has not appeared yet
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "--- FAIL") || line == "FAIL" || strings.HasPrefix(line, "FAIL\t") {
			return Output{}, fmt.Errorf("report: line %d: a benchmark failed (%s); run it again", n, strings.TrimSpace(line))
		}
		if k, v, ok := strings.Cut(line, ": "); ok && slices.Contains([]string{"goos", "goarch", "pkg", "cpu"}, k) {
			out.Env[k] = strings.TrimSpace(v)
			continue
		}
		text := line
		if i := strings.LastIndex(line, "Benchmark"); i >= 0 {
			text = line[i:]
		} else if pending != "" && startsWithCount(line) {
			// The result of a benchmark whose name was printed before
			// other output: "   5   51400017 ns/op ...".
			text = pending + " " + line
		} else {
			continue
		}
		run, ok, err := parseRun(text)
		if err != nil {
			return Output{}, fmt.Errorf("report: line %d: %w", n, err)
		}
		if ok {
			out.Runs = append(out.Runs, run)
			pending = ""
		} else if f := strings.Fields(text); strings.HasPrefix(text, "Benchmark") && len(f) > 0 {
			pending = f[0]
		}
	}
	if err := sc.Err(); err != nil {
		return Output{}, fmt.Errorf("report: read: %w", err)
	}
	return out, nil
}

// parseRun reads "BenchmarkX-2  100  123 ns/op  4.5 p50-ms ...". ok is
// false for a line that only names a benchmark (its result is elsewhere).
func parseRun(line string) (Run, bool, error) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return Run{}, false, nil
	}
	iters, err := strconv.Atoi(f[1])
	if err != nil {
		return Run{}, false, nil
	}
	run := Run{Name: trimProcs(f[0]), Iterations: iters, Metrics: map[string]float64{}}
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return Run{}, false, fmt.Errorf("metric %q of %s: %w", f[i+1], run.Name, err)
		}
		run.Metrics[f[i+1]] = v
	}
	return run, true, nil
}

// Median returns the median of each metric over every run named name
// (several with -count), and how many runs there were.
func (o Output) Median(name string) (map[string]float64, int) {
	values, count := o.metricValues(name)
	med := map[string]float64{}
	for unit, vs := range values {
		slices.Sort(vs)
		if len(vs)%2 == 1 {
			med[unit] = vs[len(vs)/2]
		} else {
			med[unit] = (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
		}
	}
	return med, count
}

// metricValues collects each metric's values over every run named name,
// and counts those runs.
func (o Output) metricValues(name string) (map[string][]float64, int) {
	values := map[string][]float64{}
	count := 0
	for _, r := range o.Runs {
		if r.Name != name {
			continue
		}
		count++
		for unit, v := range r.Metrics {
			values[unit] = append(values[unit], v)
		}
	}
	return values, count
}

// trimProcs drops the "-N" GOMAXPROCS suffix go test appends to names.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 || i == len(name)-1 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// startsWithCount reports whether line's first field is an iteration count.
func startsWithCount(line string) bool {
	f := strings.Fields(line)
	if len(f) < 3 {
		return false
	}
	_, err := strconv.Atoi(f[0])
	return err == nil
}

// Min returns the smallest value of each metric over every run named name,
// and how many runs there were.
func (o Output) Min(name string) (map[string]float64, int) {
	values, count := o.metricValues(name)
	out := map[string]float64{}
	for unit, vs := range values {
		out[unit] = slices.Min(vs)
	}
	return out, count
}

package report

import "strings"

// initPrefix names the init benchmark's sub-benchmarks (BenchmarkInit/<function>).
const initPrefix = "BenchmarkInit/"

// InitTarget is the most a function's package initialisation may take
// against its floor's (the benchmark's bench.InitTarget).
const InitTarget = 1.25

// Init is one function's package initialisation against its floor, over
// every run of BenchmarkInit/<function>.
type Init struct {
	Function string
	// Init and Floor are the best (smallest) package initialisation of the
	// function and of its floor in milliseconds, each run itself the best of
	// five traces; Ratio is Init/Floor.
	Init, Floor, Ratio float64
	// Bootstrap and FloorBootstrap are the arm64 bootstraps' sizes in bytes.
	Bootstrap, FloorBootstrap float64
	// Cold is the median process-start-to-first-response in milliseconds,
	// when the benchmark measured it (HasCold).
	Cold    float64
	HasCold bool
	// Runs is how many runs there were.
	Runs int
}

// MeetsTarget reports whether Ratio is at most InitTarget.
func (i Init) MeetsTarget() bool { return i.Ratio <= InitTarget }

// inits collects BenchmarkInit's results per function, in the order the
// output first names them.
func inits(o Output) []Init {
	var names []string
	for _, r := range o.Runs {
		if fn, ok := strings.CutPrefix(r.Name, initPrefix); ok && !contains(names, fn) {
			names = append(names, fn)
		}
	}
	var out []Init
	for _, fn := range names {
		best, runs := o.Min(initPrefix + fn)
		med, _ := o.Median(initPrefix + fn)
		in := Init{Function: fn, Init: best["init-ms"], Floor: best["floor-init-ms"], Runs: runs,
			Bootstrap: med["bootstrap-bytes"], FloorBootstrap: med["floor-bootstrap-bytes"]}
		if in.Floor > 0 {
			in.Ratio = in.Init / in.Floor
		}
		in.Cold, in.HasCold = med["cold-ms"]
		out = append(out, in)
	}
	return out
}

func contains(list []string, s string) bool { return index(list, s) >= 0 }

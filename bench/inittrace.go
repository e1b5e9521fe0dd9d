package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// InitProfile is one process's package initialisation as GODEBUG=inittrace=1
// reports it: the clock time of each package's init, before main runs.
type InitProfile struct {
	// Packages maps an import path to its init's clock time in milliseconds.
	Packages map[string]float64
}

// Total is the sum of every package's init, in milliseconds.
func (p InitProfile) Total() float64 {
	var t float64
	for _, ms := range p.Packages {
		t += ms
	}
	return t
}

// PackageInit is one package's init time.
type PackageInit struct {
	Package string
	Millis  float64
}

// Top returns the n packages with the longest init, longest first (ties by
// import path).
func (p InitProfile) Top(n int) []PackageInit {
	var all []PackageInit
	for pkg, ms := range p.Packages {
		all = append(all, PackageInit{pkg, ms})
	}
	slices.SortFunc(all, func(a, b PackageInit) int {
		if a.Millis != b.Millis {
			if a.Millis > b.Millis {
				return -1
			}
			return 1
		}
		if a.Package < b.Package {
			return -1
		}
		return 1
	})
	return all[:min(n, len(all))]
}

// initLine is a line of the runtime's init trace:
// "init <package> @<since start> ms, <clock> ms clock, <bytes> bytes, <n> allocs".
var initLine = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, ([0-9.]+) ms clock,`)

// ParseInitTrace reads the init lines of a process's standard error; other
// lines are skipped. A package listed twice (never, from one process) keeps
// the sum.
func ParseInitTrace(stderr []byte) (InitProfile, error) {
	p := InitProfile{Packages: map[string]float64{}}
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ms, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			return InitProfile{}, fmt.Errorf("bench: init trace %q: %w", sc.Text(), err)
		}
		p.Packages[m[1]] += ms
	}
	if err := sc.Err(); err != nil {
		return InitProfile{}, fmt.Errorf("bench: read init trace: %w", err)
	}
	if len(p.Packages) == 0 {
		return InitProfile{}, fmt.Errorf("bench: no init trace in the output:\n%s", stderr)
	}
	return p, nil
}

// TraceInit runs bin once with GODEBUG=inittrace=1 and env added to the
// current environment, and returns its package initialisation. The process
// is not a Lambda invocation (no Runtime API): it is killed as soon as main
// has run or after a few seconds, whichever is first; its exit status is
// not an error.
func TraceInit(ctx context.Context, bin string, env []string) (InitProfile, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(append(os.Environ(), env...), "GODEBUG=inittrace=1", "AWS_LAMBDA_RUNTIME_API=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run()
	return ParseInitTrace(stderr.Bytes())
}

// BestInit is the fastest of runs init traces of each binary, the runs of
// the binaries interleaved so that a busy moment of the machine hits them
// alike. It returns, per binary, the profile of its fastest run by Total.
func BestInit(ctx context.Context, runs int, env []string, bins ...string) ([]InitProfile, error) {
	best := make([]InitProfile, len(bins))
	for range runs {
		for i, bin := range bins {
			p, err := TraceInit(ctx, bin, env)
			if err != nil {
				return nil, fmt.Errorf("bench: %s: %w", bin, err)
			}
			if best[i].Packages == nil || p.Total() < best[i].Total() {
				best[i] = p
			}
		}
	}
	return best, nil
}

// Beyond returns what p initialises that floor does not: the packages floor
// lacks, with their time, longest first.
func (p InitProfile) Beyond(floor InitProfile) []PackageInit {
	extra := InitProfile{Packages: map[string]float64{}}
	for pkg, ms := range p.Packages {
		if _, ok := floor.Packages[pkg]; !ok {
			extra.Packages[pkg] = ms
		}
	}
	return extra.Top(len(extra.Packages))
}

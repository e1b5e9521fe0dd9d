package bench

import (
	"fmt"
	"os"
	"time"
)

// progress prints a line on stderr, so it shows while the benchmarks run
// without mixing into their output on stdout.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// millis converts a duration to fractional milliseconds for ReportMetric.
func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

package bench

import (
	"context"
	"math"
	"os"
	"testing"
)

// traceSample is the shape of the Go runtime's GODEBUG=inittrace=1 output
// (runtime package documentation, "inittrace"), with other output around it.
const traceSample = `init internal/bytealg @0.005 ms, 0 ms clock, 0 bytes, 0 allocs
init runtime @0.031 ms, 0.062 ms clock, 0 bytes, 0 allocs
init example.com/a @1.2 ms, 0.40 ms clock, 5000 bytes, 20 allocs
some log line from main
init example.com/b @1.7 ms, 0.125 ms clock, 100 bytes, 2 allocs
`

func TestParseInitTrace(t *testing.T) {
	p, err := ParseInitTrace([]byte(traceSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Packages) != 4 || p.Packages["example.com/a"] != 0.40 || p.Packages["runtime"] != 0.062 {
		t.Errorf("packages = %v", p.Packages)
	}
	if got := p.Total(); math.Abs(got-0.587) > 1e-9 {
		t.Errorf("total = %v, want 0.587", got)
	}
	top := p.Top(2)
	if len(top) != 2 || top[0].Package != "example.com/a" || top[1].Package != "example.com/b" {
		t.Errorf("top = %v", top)
	}
	floor, _ := ParseInitTrace([]byte("init runtime @0 ms, 0.05 ms clock, 0 bytes, 0 allocs\ninit example.com/b @1 ms, 0.1 ms clock, 0 bytes, 0 allocs\n"))
	beyond := p.Beyond(floor)
	if len(beyond) != 2 || beyond[0].Package != "example.com/a" || beyond[1].Package != "internal/bytealg" {
		t.Errorf("beyond = %v", beyond)
	}
	if _, err := ParseInitTrace([]byte("no trace here\n")); err == nil {
		t.Error("a process without a trace parsed")
	}
}

// TestTraceInitOfARealProcess traces the test binary itself (as the fake
// function that exits during init): its trace holds the runtime and testing.
func TestTraceInitOfARealProcess(t *testing.T) {
	best, err := BestInit(context.Background(), 2, []string{fakeFunctionEnv + "=exit"}, os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := best[0].Packages["testing"]; !ok || best[0].Total() <= 0 {
		t.Errorf("profile = %v", best[0].Packages)
	}
}

package cost

import (
	"testing"
	"time"
)

func TestFunctionBilling(t *testing.T) {
	cases := []struct {
		f      Function
		millis int64
		gbs    float64
	}{
		// 1.2 ms rounds up to 2 ms; 2 ms x 128/1024 GB = 0.002 s x 0.125 GB = 0.00025 GB-s
		{Function{MemoryMB: 128, Duration: 1200 * time.Microsecond}, 2, 0.00025},
		// exactly 10 ms stays 10; 0.010 s x 1 GB = 0.01 GB-s
		{Function{MemoryMB: 1024, Duration: 10 * time.Millisecond}, 10, 0.01},
		// 300 ms at 512 MB: 0.3 x 0.5 = 0.15 GB-s
		{Function{MemoryMB: 512, Duration: 300 * time.Millisecond}, 300, 0.15},
		// 0 duration bills nothing
		{Function{MemoryMB: 128}, 0, 0},
	}
	for _, c := range cases {
		if got := c.f.BilledMillis(); got != c.millis {
			t.Errorf("%+v: BilledMillis = %d, want %d", c.f, got, c.millis)
		}
		if got := c.f.GBSeconds(); !near(got, c.gbs) {
			t.Errorf("%+v: GBSeconds = %v, want %v", c.f, got, c.gbs)
		}
	}
}

func TestFunctionValidate(t *testing.T) {
	for _, f := range []Function{{MemoryMB: 64}, {MemoryMB: 20000}, {MemoryMB: 128, Duration: -1}} {
		if err := f.Validate(); err == nil {
			t.Errorf("Validate(%+v): want an error", f)
		}
	}
	if err := (Function{MemoryMB: 128, Duration: time.Millisecond}).Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// near compares prices and GB-seconds to a relative 1e-9.
func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	m := b
	if m < 0 {
		m = -m
	}
	return d <= 1e-9*m || d < 1e-15
}

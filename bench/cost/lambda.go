package cost

import (
	"fmt"
	"math"
	"time"
)

// Function is a Lambda function as billed: its configured memory and the
// duration of one invocation.
type Function struct {
	// MemoryMB is the configured memory, 128 to 10240.
	MemoryMB int
	// Duration is one invocation's measured duration.
	Duration time.Duration
}

// BilledMillis is the duration Lambda bills: whole milliseconds, rounded up.
func (f Function) BilledMillis() int64 {
	return int64(math.Ceil(float64(f.Duration) / float64(time.Millisecond)))
}

// GBSeconds is the billed duration times the memory in GB (MB/1024).
func (f Function) GBSeconds() float64 {
	return float64(f.BilledMillis()) / 1000 * float64(f.MemoryMB) / 1024
}

// Validate reports an error for memory outside Lambda's range or a negative
// duration.
func (f Function) Validate() error {
	if f.MemoryMB < 128 || f.MemoryMB > 10240 {
		return fmt.Errorf("cost: Lambda memory %d MB is outside 128..10240", f.MemoryMB)
	}
	if f.Duration < 0 {
		return fmt.Errorf("cost: negative Lambda duration %v", f.Duration)
	}
	return nil
}

package bench

import (
	"context"
	"log/slog"
	"testing"
	"time"
)

func TestAccessLogTake(t *testing.T) {
	al := NewAccessLog()
	logger := slog.New(al).With(slog.String("component", "gateway"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	// Lines without all three fields are not access-log lines.
	logger.Info("request", slog.String("requestId", "x"), slog.Float64("latencyMs", 1))
	logger.Info("request", slog.String("request_id", "y"), slog.Float64("latencyMs", 1), slog.Float64("integrationLatencyMs", 1))
	go func() {
		time.Sleep(10 * time.Millisecond)
		logger.Info("access", slog.String("requestId", "r1"),
			slog.Float64("latencyMs", 2.5), slog.Float64("integrationLatencyMs", 1.25))
	}()
	got, err := al.Take(ctx, "r1") // waits for the line
	if err != nil {
		t.Fatal(err)
	}
	want := Timing{Latency: 2500 * time.Microsecond, Integration: 1250 * time.Microsecond}
	if got != want {
		t.Errorf("Take = %+v, want %+v", got, want)
	}
	if got.Overhead() != 1250*time.Microsecond {
		t.Errorf("Overhead = %v", got.Overhead())
	}

	short, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if _, err := al.Take(short, "r1"); err == nil {
		t.Error("a taken timing was returned twice")
	}
	logger.Info("access", slog.String("requestId", "r2"), slog.Float64("latencyMs", 4),
		slog.Float64("integrationLatencyMs", 1), slog.Float64("authorizerLatencyMs", 2.5), slog.String("authorizerCache", "miss"))
	got, err = al.Take(ctx, "r2")
	if err != nil {
		t.Fatal(err)
	}
	want = Timing{Latency: 4 * time.Millisecond, Integration: time.Millisecond, Authorizer: 2500 * time.Microsecond, AuthorizerCache: CacheMiss}
	if got != want || got.Overhead() != 500*time.Microsecond {
		t.Errorf("Take = %+v (overhead %v), want %+v (overhead 0.5ms)", got, got.Overhead(), want)
	}
	for _, id := range []string{"x", "y"} {
		if _, err := al.Take(short, id); err == nil {
			t.Errorf("a line without the access-log fields was recorded for %q", id)
		}
	}
}

package bench

import (
	"testing"
	"time"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPercentileNearestRank(t *testing.T) {
	// 1..10 ms, shuffled: p50 is the 5th smallest, p90 the 9th, p99 ceil(9.9) = 10th.
	samples := []time.Duration{ms(7), ms(1), ms(10), ms(3), ms(5), ms(2), ms(9), ms(4), ms(8), ms(6)}
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{50, ms(5)}, {90, ms(9)}, {99, ms(10)}, {100, ms(10)}, {1, ms(1)}} {
		if got := Percentile(samples, c.q); got != c.want {
			t.Errorf("Percentile(q=%v) = %v, want %v", c.q, got, c.want)
		}
	}
	if samples[0] != ms(7) {
		t.Error("Percentile sorted its input")
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("Percentile(nil) = %v, want 0", got)
	}
}

func TestSummarize(t *testing.T) {
	lat := []time.Duration{ms(4), ms(2), ms(3)}
	timings := []Timing{
		{Latency: ms(3), Integration: ms(2)}, // overhead 1
		{Latency: ms(5), Integration: ms(1)}, // overhead 4
		{Latency: ms(2), Integration: ms(3)}, // clock skew: overhead floors at 0
	}
	s := Summarize(lat, timings)
	want := Summary{N: 3, P50: ms(3), P90: ms(4), P99: ms(4), Overhead: ms(1), Integration: ms(2), HasTimings: true}
	if s != want {
		t.Errorf("Summarize = %+v, want %+v", s, want)
	}
	if s := Summarize(lat, nil); s.HasTimings || s.Overhead != 0 {
		t.Errorf("without timings: %+v", s)
	}
	if _, ok := s.HitRatio(); ok {
		t.Error("a hit ratio without any authorizer")
	}
}

func TestSummarizeAuthorizer(t *testing.T) {
	lat := []time.Duration{ms(9), ms(3), ms(3), ms(3), ms(8)}
	timings := []Timing{
		{Latency: ms(9), Integration: ms(3), Authorizer: ms(5), AuthorizerCache: CacheMiss}, // overhead 1
		{Latency: ms(3), Integration: ms(2), AuthorizerCache: CacheHit},                     // overhead 1
		{Latency: ms(3), Integration: ms(2), AuthorizerCache: CacheHit},                     // overhead 1
		{Latency: ms(3), Integration: ms(2), AuthorizerCache: "none"},                       // overhead 1
		{Latency: ms(8), Integration: ms(4), Authorizer: ms(2), AuthorizerCache: CacheMiss}, // overhead 2
	}
	s := Summarize(lat, timings)
	// Misses 5 and 2 ms: nearest-rank median is the smaller, 2 ms. Hits 2 of 4 requests with an authorizer.
	if s.Overhead != ms(1) || s.Integration != ms(2) || s.AuthorizerRuns != 2 || s.CacheHits != 2 || s.Authorizer != ms(2) {
		t.Errorf("Summarize = %+v", s)
	}
	if r, ok := s.HitRatio(); !ok || r != 0.5 {
		t.Errorf("HitRatio = %v, %v; want 0.5", r, ok)
	}
}

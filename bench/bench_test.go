package bench

import (
	"context"
	"os"
	"testing"
	"time"
)

// BenchmarkRoute sends every route of the contract through /direct and
// /lambda, one sub-benchmark after the other (BenchmarkRoute/<route>/<path>,
// so benchstat can compare the paths), and reports the client's latency
// percentiles and, against the local API, the gateway's own overhead and
// the integration's latency (medians), the authorizer's latency when it
// ran (median, auth-ms) and the share of requests its cache answered
// (auth-hit-ratio). Each run starts with the authorizer cache flushed, so
// it counts the one miss of its identity (token or key) and hits after.
// Against the local API, allocs/op counts the client and the in-process
// gateway and handler together.
func BenchmarkRoute(b *testing.B) {
	target, local := targetFor(b, os.Getenv)
	client := NewClient(target, "bench")
	b.Cleanup(client.Close)
	for _, route := range Routes() {
		for _, path := range Paths() {
			b.Run(string(route)+"/"+string(path), func(b *testing.B) {
				benchRoute(b, client, local, route, path)
			})
		}
	}
}

func benchRoute(b *testing.B, c *Client, local *localAPI, route Route, path Path) {
	ctx := context.Background()
	ids, err := c.Prepare(ctx, route, path, b.N)
	if err != nil {
		b.Fatal(err)
	}
	var accessLog *AccessLog
	if local != nil {
		local.env.FlushAuthorizersCache()
		accessLog = local.accessLog
	}
	latencies := make([]time.Duration, 0, b.N)
	requestIDs := make([]string, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		s, err := c.Do(ctx, route, path, ids[i])
		if err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, s.Latency)
		requestIDs = append(requestIDs, s.RequestID)
	}
	b.StopTimer()

	var timings []Timing
	if accessLog != nil {
		wait, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		for _, id := range requestIDs {
			t, err := accessLog.Take(wait, id)
			if err != nil {
				b.Fatal(err)
			}
			timings = append(timings, t)
		}
	}
	sum := Summarize(latencies, timings)
	b.ReportMetric(millis(sum.P50), "p50-ms")
	b.ReportMetric(millis(sum.P90), "p90-ms")
	b.ReportMetric(millis(sum.P99), "p99-ms")
	if sum.HasTimings {
		b.ReportMetric(millis(sum.Overhead), "gw-ms")
		b.ReportMetric(millis(sum.Integration), "integ-ms")
	}
	if sum.AuthorizerRuns > 0 {
		b.ReportMetric(millis(sum.Authorizer), "auth-ms")
	}
	hits, hasAuth := sum.HitRatio()
	if hasAuth {
		b.ReportMetric(hits, "auth-hit-ratio")
	}
	progress("%-8s %-7s n=%-6d p50=%.3fms p90=%.3fms p99=%.3fms gateway=%.3fms integration=%.3fms authorizer=%.3fms (ran %d, hits %.1f%%)",
		route, path, sum.N, millis(sum.P50), millis(sum.P90), millis(sum.P99), millis(sum.Overhead), millis(sum.Integration),
		millis(sum.Authorizer), sum.AuthorizerRuns, 100*hits)
}

// TestRemoteMode runs the benchmarks' remote mode (API_URL, API_KEY,
// ID_TOKEN) against the local API, passing its URL and credentials as if it
// were deployed, so that mode cannot rot: every route on both paths must
// answer its success status.
func TestRemoteMode(t *testing.T) {
	localTarget, _ := targetFor(t, func(string) string { return "" })
	env := map[string]string{EnvAPIURL: localTarget.BaseURL + "/", EnvAPIKey: localTarget.APIKey, EnvIDToken: localTarget.IDToken}
	remote, local := targetFor(t, func(k string) string { return env[k] })
	if local != nil {
		t.Fatal("remote mode started a local API")
	}
	if remote != localTarget {
		t.Fatalf("remote target %+v, want %+v", remote, localTarget)
	}
	c := NewClient(remote, "remote-test")
	defer c.Close()
	ctx := context.Background()
	for _, route := range Routes() {
		for _, path := range Paths() {
			ids, err := c.Prepare(ctx, route, path, 2)
			if err != nil {
				t.Fatalf("%s/%s prepare: %v", route, path, err)
			}
			for _, id := range ids {
				if _, err := c.Do(ctx, route, path, id); err != nil {
					t.Errorf("%s/%s: %v", route, path, err)
				}
			}
		}
	}
}

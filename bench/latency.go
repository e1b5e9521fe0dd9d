package bench

import (
	"slices"
	"time"
)

// Percentile returns the q-th percentile (0 < q <= 100) of samples by the
// nearest-rank method: the smallest sample at or above q percent of them.
// It returns 0 for no samples. samples is not modified.
func Percentile(samples []time.Duration, q float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	return percentileSorted(s, q)
}

func percentileSorted(s []time.Duration, q float64) time.Duration {
	rank := int(q/100*float64(len(s)) + 0.999999999)
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

// Summary is the distribution of one benchmark's requests.
type Summary struct {
	N int
	// P50, P90 and P99 are the client's latency percentiles.
	P50, P90, P99 time.Duration
	// Overhead and Integration are the medians of the gateway's own work
	// and of its integration latency; HasTimings says whether the gateway
	// reported any (only the local API does).
	Overhead, Integration time.Duration
	HasTimings            bool
	// AuthorizerRuns counts the requests whose authorizer ran (cache
	// misses, and every Cognito verification), Authorizer is the median of
	// their authorizer latency, and CacheHits counts the requests a cached
	// authorizer policy answered.
	AuthorizerRuns, CacheHits int
	Authorizer                time.Duration
}

// HitRatio is the share of the requests with an authorizer that its cache
// answered; ok is false when no request had one.
func (s Summary) HitRatio() (ratio float64, ok bool) {
	n := s.AuthorizerRuns + s.CacheHits
	if n == 0 {
		return 0, false
	}
	return float64(s.CacheHits) / float64(n), true
}

// Summarize computes the percentiles of the client's latencies and the
// medians of the gateway's timings (which may be empty), with the
// authorizer's median over the requests it ran for and its cache hits.
func Summarize(latencies []time.Duration, timings []Timing) Summary {
	s := slices.Clone(latencies)
	slices.Sort(s)
	sum := Summary{N: len(s)}
	if len(s) > 0 {
		sum.P50, sum.P90, sum.P99 = percentileSorted(s, 50), percentileSorted(s, 90), percentileSorted(s, 99)
	}
	if len(timings) > 0 {
		over := make([]time.Duration, len(timings))
		integ := make([]time.Duration, len(timings))
		var auth []time.Duration
		for i, t := range timings {
			over[i], integ[i] = t.Overhead(), t.Integration
			switch t.AuthorizerCache {
			case CacheMiss:
				auth = append(auth, t.Authorizer)
			case CacheHit:
				sum.CacheHits++
			}
		}
		sum.AuthorizerRuns, sum.Authorizer = len(auth), Percentile(auth, 50)
		sum.HasTimings = true
		sum.Overhead, sum.Integration = Percentile(over, 50), Percentile(integ, 50)
	}
	return sum
}

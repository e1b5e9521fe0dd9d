package bench

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Timing is the gateway's own account of one request, from its access log.
type Timing struct {
	// Latency is from the request's arrival to the response.
	Latency time.Duration
	// Integration is the time spent waiting on the integration: the
	// DynamoDB call (/direct) or the items function (/lambda).
	Integration time.Duration
	// Authorizer is the time spent in the Lambda authorizer or the Cognito
	// verification; 0 when it did not run (a cache hit, or none).
	Authorizer time.Duration
	// AuthorizerCache is "hit", "miss" or "none" (see pkg/gateway); empty
	// when the line did not say.
	AuthorizerCache string
}

// Authorizer cache outcomes of an access-log line.
const (
	CacheHit  = "hit"
	CacheMiss = "miss"
)

// Overhead is the gateway's own work: Latency without the integration and
// the authorizer.
func (t Timing) Overhead() time.Duration { return max(t.Latency-t.Integration-t.Authorizer, 0) }

// AccessLog is a slog.Handler that keeps the local API's access-log lines
// (the records carrying requestId, latencyMs and integrationLatencyMs,
// whatever their message, and authorizerLatencyMs and authorizerCache when
// present) so the benchmarks can split each request's
// latency. Pass slog.New(accessLog) as the local API's logger. Every other
// record is dropped. It is safe for concurrent use.
type AccessLog struct {
	st    *timingStore
	attrs []slog.Attr
}

type timingStore struct {
	mu      sync.Mutex
	timings map[string]Timing
	arrived chan struct{} // closed and replaced on every new entry
}

// NewAccessLog returns an empty AccessLog.
func NewAccessLog() *AccessLog {
	return &AccessLog{st: &timingStore{timings: map[string]Timing{}, arrived: make(chan struct{})}}
}

// Enabled accepts Info and above, the access log's level.
func (a *AccessLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

// Handle records the timing of an access-log line.
func (a *AccessLog) Handle(_ context.Context, r slog.Record) error {
	var (
		id            string
		lat, itg, au  float64
		hasLat, hasIn bool
		cache         string
	)
	visit := func(at slog.Attr) bool {
		switch at.Key {
		case "requestId":
			id = at.Value.String()
		case "latencyMs":
			lat, hasLat = number(at.Value)
		case "integrationLatencyMs":
			itg, hasIn = number(at.Value)
		case "authorizerLatencyMs":
			au, _ = number(at.Value)
		case "authorizerCache":
			cache = at.Value.String()
		}
		return true
	}
	for _, at := range a.attrs {
		visit(at)
	}
	r.Attrs(visit)
	if id == "" || !hasLat || !hasIn {
		return nil
	}
	a.st.mu.Lock()
	a.st.timings[id] = Timing{Latency: fromMillis(lat), Integration: fromMillis(itg), Authorizer: fromMillis(au), AuthorizerCache: cache}
	close(a.st.arrived)
	a.st.arrived = make(chan struct{})
	a.st.mu.Unlock()
	return nil
}

// WithAttrs returns a handler sharing the records, with attrs added.
func (a *AccessLog) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &AccessLog{st: a.st, attrs: append(append([]slog.Attr(nil), a.attrs...), attrs...)}
}

// WithGroup returns a handler sharing the records; grouped attributes are
// not access-log fields.
func (a *AccessLog) WithGroup(string) slog.Handler { return &AccessLog{st: a.st} }

// Take returns and forgets the timing of the request, waiting for its log
// line until ctx ends (the line is written just after the response).
func (a *AccessLog) Take(ctx context.Context, requestID string) (Timing, error) {
	for {
		a.st.mu.Lock()
		t, ok := a.st.timings[requestID]
		if ok {
			delete(a.st.timings, requestID)
		}
		arrived := a.st.arrived
		a.st.mu.Unlock()
		if ok {
			return t, nil
		}
		select {
		case <-arrived:
		case <-ctx.Done():
			return Timing{}, fmt.Errorf("bench: no access-log line for request %q: %w", requestID, ctx.Err())
		}
	}
}

func number(v slog.Value) (float64, bool) {
	switch v.Kind() {
	case slog.KindFloat64:
		return v.Float64(), true
	case slog.KindInt64:
		return float64(v.Int64()), true
	case slog.KindUint64:
		return float64(v.Uint64()), true
	case slog.KindDuration:
		return float64(v.Duration()) / float64(time.Millisecond), true
	}
	return 0, false
}

func fromMillis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

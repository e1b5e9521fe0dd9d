package e2e

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// staleServer answers 404 to its first stale GETs, then 200: a read of an
// eventually consistent store that catches up with a write.
func staleServer(t *testing.T, stale int64) (*httptest.Server, *atomic.Int64) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= stale {
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"message":"Item not found"}`))
			return
		}
		_, _ = w.Write([]byte(`{"ID":"a"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func TestReadAfterWriteRetriesWithinTheBound(t *testing.T) {
	srv, calls := staleServer(t, 2)
	tg := Target{BaseURL: srv.URL, ReadRetry: 5 * time.Second}
	if r := tg.readAfterWrite(t, "GET", "/items/a", nil, status(200)); r.Status != 200 || calls.Load() != 3 {
		t.Fatalf("got %d after %d reads, want 200 after 3", r.Status, calls.Load())
	}
}

func TestReadAfterWriteGivesUpAtTheBound(t *testing.T) {
	srv, calls := staleServer(t, 1000)
	tg := Target{BaseURL: srv.URL, ReadRetry: 500 * time.Millisecond}
	start := time.Now()
	r := tg.readAfterWrite(t, "GET", "/items/a", nil, status(200))
	if r.Status != 404 || time.Since(start) > 2*time.Second || calls.Load() < 2 {
		t.Fatalf("got %d after %d reads in %v, want the last 404 after a few reads within the bound", r.Status, calls.Load(), time.Since(start))
	}
}

func TestReadAfterWriteReadsOnceWithoutABound(t *testing.T) {
	srv, calls := staleServer(t, 1)
	tg := Target{BaseURL: srv.URL}
	if r := tg.readAfterWrite(t, "GET", "/items/a", nil, status(200)); r.Status != 404 || calls.Load() != 1 {
		t.Fatalf("got %d after %d reads, want the first answer (404) after 1: a consistent target is read once", r.Status, calls.Load())
	}
}

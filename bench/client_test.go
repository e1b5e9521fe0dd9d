package bench

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeAPI answers the contract's routes with their success statuses and
// records what it was sent.
type fakeAPI struct {
	mu       sync.Mutex
	requests []string // "METHOD /path?query"
	created  []string
	failAll  bool
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	wantAuth := map[string]string{http.MethodPost: "Bearer token", http.MethodPut: "Bearer token", http.MethodDelete: "Bearer token"}[r.Method]
	if r.Header.Get("x-api-key") != "key" || r.Header.Get("Authorization") != wantAuth {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	w.Header().Set(RequestIDHeader, "rid-"+r.Method)
	if f.failAll {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	switch r.Method {
	case http.MethodPost:
		var item map[string]any
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &item); err != nil || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		f.created = append(f.created, item["ID"].(string))
		w.WriteHeader(http.StatusCreated)
	case http.MethodPut, http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func newFake(t *testing.T) (*fakeAPI, *Client) {
	t.Helper()
	f := &fakeAPI{}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := NewClient(Target{BaseURL: srv.URL + "/prod", APIKey: "key", IDToken: "token"}, "t")
	t.Cleanup(c.Close)
	return f, c
}

func TestClientRoutes(t *testing.T) {
	f, c := newFake(t)
	ctx := context.Background()
	want := map[Route]string{
		Create:  "POST /prod/lambda/items",
		List:    "GET /prod/lambda/items?limit=25",
		Get:     "GET /prod/lambda/items/a%2Fb",
		Replace: "PUT /prod/lambda/items/a%2Fb",
		Delete:  "DELETE /prod/lambda/items/a%2Fb",
	}
	for _, r := range Routes() {
		s, err := c.Do(ctx, r, Lambda, "a/b")
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		if s.Latency <= 0 || !strings.HasPrefix(s.RequestID, "rid-") {
			t.Errorf("%s: sample %+v", r, s)
		}
		f.mu.Lock()
		got := f.requests[len(f.requests)-1]
		f.mu.Unlock()
		if got != want[r] {
			t.Errorf("%s sent %q, want %q", r, got, want[r])
		}
	}
}

func TestClientRejectsWrongStatus(t *testing.T) {
	f, c := newFake(t)
	f.failAll = true
	if _, err := c.Do(context.Background(), Get, Direct, "x"); err == nil || !strings.Contains(err.Error(), "500") {
		t.Fatalf("err = %v, want a status error", err)
	}
}

func TestClientPrepare(t *testing.T) {
	f, c := newFake(t)
	ctx := context.Background()
	cases := []struct {
		route    Route
		n        int
		seeded   int
		distinct int
	}{
		{Create, 3, 0, 3},      // fresh IDs, nothing written yet
		{Delete, 5, 5, 5},      // one stored item per request
		{Get, 4, 1, 1},         // one stored item, read 4 times
		{Replace, 2, 1, 1},     // one stored item, replaced twice
		{List, 2, PageSize, 1}, // a page's worth stored; IDs unused
	}
	for _, cs := range cases {
		f.mu.Lock()
		before := len(f.created)
		f.mu.Unlock()
		ids, err := c.Prepare(ctx, cs.route, Direct, cs.n)
		if err != nil {
			t.Fatalf("%s: %v", cs.route, err)
		}
		f.mu.Lock()
		seeded := len(f.created) - before
		f.mu.Unlock()
		distinct := map[string]bool{}
		for _, id := range ids {
			distinct[id] = true
		}
		if len(ids) != cs.n || seeded != cs.seeded || len(distinct) != cs.distinct {
			t.Errorf("%s: %d ids (%d distinct), %d seeded; want %d, %d, %d", cs.route, len(ids), len(distinct), seeded, cs.n, cs.distinct, cs.seeded)
		}
	}
	if _, err := c.Prepare(ctx, Route("nope"), Direct, 1); err == nil {
		t.Error("unknown route: want an error")
	}
}

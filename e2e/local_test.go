package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/localapi"
	"apigwdirect/pkg/tokens"
)

// roomy are usage-plan limits no functional test reaches, so that throttling
// is tested on its own and never makes another test flaky.
var roomy = apidef.Limits{Rate: 1e6, Burst: 1e6}

func startLocal(t *testing.T, opts localapi.Options) (*localapi.Env, Target) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if opts.Logger == nil {
		// The access log of thousands of requests would drown the test output.
		opts.Logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	env, err := localapi.Start(ctx, opts)
	if err != nil {
		cancel()
		t.Fatalf("start the local API: %v", err)
	}
	t.Cleanup(func() {
		_ = env.Close()
		cancel()
	})
	noGroup, err := env.Issuer.MintID(tokens.User{Sub: "no-group-user", Email: "nobody@example.com"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return env, Target{BaseURL: env.URL, APIKeys: env.Credentials.APIKeys, Tokens: env.Credentials.Tokens, NoGroupToken: noGroup}
}

func roomyPlans() map[string]apidef.Limits {
	return map[string]apidef.Limits{"FreeTier": roomy, "BasicUsagePlan": roomy}
}

// TestLocal runs the black-box suite against the local API serving the
// committed snapshot of the stack.
func TestLocal(t *testing.T) {
	_, tg := startLocal(t, localapi.Options{PlanLimits: roomyPlans()})
	Run(t, tg)
}

// TestLocalConcurrentMixed sends 200 concurrent mixed requests through both
// paths and checks that none fails and no write is lost.
func TestLocalConcurrentMixed(t *testing.T) {
	_, tg := startLocal(t, localapi.Options{PlanLimits: roomyPlans()})
	w, k := bearer(tg.writeToken(t)), apiKey(tg.readKey(t))
	const n = 200
	var wg sync.WaitGroup
	var failures atomic.Int64
	created := make([]string, n)
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tree := []string{"/direct", "/lambda", ""}[i%3]
			id := fmt.Sprintf("mixed-%03d", i)
			var r Response
			var err error
			want := 201
			switch i % 4 {
			case 0, 1:
				r, err = tg.call(context.Background(), "POST", tree+"/items", itemJSON(id, "M", fmt.Sprint(i), nil), w)
				created[i] = id
			case 2:
				r, err = tg.call(context.Background(), "GET", tree+"/items?limit=5", nil, k)
				want = 200
			case 3:
				r, err = tg.call(context.Background(), "PUT", itemPath(tree, id), itemJSON(id, "R", fmt.Sprint(i), nil), w)
				want = 201 // a fresh id: the PUT creates the item
				created[i] = id
			}
			if err != nil || r.Status != want {
				failures.Add(1)
				errs <- fmt.Sprintf("request %d (%s): %v status %d %s", i, tree, err, r.Status, truncate(r.Body))
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if failures.Load() > 0 {
		t.Fatalf("%d of %d concurrent requests failed", failures.Load(), n)
	}
	for _, id := range created {
		if id == "" {
			continue
		}
		if r := tg.do(t, "GET", itemPath("/direct", id), nil, k); r.Status != http.StatusOK {
			t.Errorf("write of %s lost: GET status %d", id, r.Status)
		}
	}
}

// frozen is a clock tests move by hand, so throttling and quotas are tested
// without waiting and without depending on the machine's speed.
type frozen struct {
	mu sync.Mutex
	t  time.Time
}

func (f *frozen) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }

func (f *frozen) add(d time.Duration) { f.mu.Lock(); defer f.mu.Unlock(); f.t = f.t.Add(d) }

// TestLocalThrottle checks the deployed FreeTier throttle (rate 5, burst 10):
// with the clock stopped, exactly the burst passes and the rest get 429.
func TestLocalThrottle(t *testing.T) {
	clock := &frozen{t: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)}
	_, tg := startLocal(t, localapi.Options{Now: clock.now})
	key := apiKey(tg.APIKeys["FreeTier"])
	ok, throttled := 0, 0
	for i := 0; i < 25; i++ {
		r := tg.do(t, "GET", "/direct/items?limit=1", nil, key)
		switch r.Status {
		case 200:
			ok++
		case 429:
			throttled++
			if m := r.Message(t); m != "Too Many Requests" {
				t.Fatalf("throttled with message %q", m)
			}
		default:
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
	}
	if ok != 10 || throttled != 15 {
		t.Fatalf("burst 10: %d passed and %d were throttled, want 10 and 15", ok, throttled)
	}
	// One second refills five tokens.
	clock.add(time.Second)
	ok = 0
	for i := 0; i < 8; i++ {
		if r := tg.do(t, "GET", "/lambda/items?limit=1", nil, key); r.Status == 200 {
			ok++
		}
	}
	if ok != 5 {
		t.Fatalf("after one second at rate 5: %d passed, want 5", ok)
	}
	// The other plan's key is not throttled by FreeTier's traffic.
	if r := tg.do(t, "GET", "/direct/items?limit=1", nil, apiKey(tg.APIKeys["BasicUsagePlan"])); r.Status != 200 {
		t.Fatalf("BasicUsagePlan key throttled by FreeTier traffic: %d", r.Status)
	}
}

// TestLocalQuota checks that a plan's quota counts every call made with its
// key, reads with the header key and writes by a member of its group alike,
// answers 429 "Limit Exceeded" past it, and renews with the period.
func TestLocalQuota(t *testing.T) {
	clock := &frozen{t: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)}
	_, tg := startLocal(t, localapi.Options{Now: clock.now, PlanLimits: map[string]apidef.Limits{
		"FreeTier":       {Rate: 1000, Burst: 1000, QuotaLimit: 3, QuotaPeriod: "DAY"},
		"BasicUsagePlan": roomy,
	}})
	key := apiKey(tg.APIKeys["FreeTier"])
	free := bearer(tg.Tokens["Group-FreeTier"])
	steps := []struct {
		method, path string
		body         []byte
		header       map[string]string
		want         int
	}{
		{"GET", "/direct/items", nil, key, 200},
		{"POST", "/lambda/items", itemJSON("quota-1", "Q", "1", nil), free, 201},
		{"GET", "/lambda/items/quota-1", nil, key, 200},
		{"GET", "/direct/items", nil, key, 429},
		{"POST", "/direct/items", itemJSON("quota-2", "Q", "1", nil), free, 429},
	}
	for i, s := range steps {
		r := tg.do(t, s.method, s.path, s.body, s.header)
		if r.Status != s.want {
			t.Fatalf("step %d %s %s: status %d, want %d (%s)", i, s.method, s.path, r.Status, s.want, r.Body)
		}
		if s.want == 429 && r.Message(t) != "Limit Exceeded" {
			t.Fatalf("step %d: quota message %q", i, r.Message(t))
		}
	}
	// The refused write wrote nothing.
	basic := apiKey(tg.APIKeys["BasicUsagePlan"])
	if r := tg.do(t, "GET", "/direct/items/quota-2", nil, basic); r.Status != 404 {
		t.Fatalf("write refused by quota was stored: %d", r.Status)
	}
	clock.add(24 * time.Hour)
	if r := tg.do(t, "GET", "/direct/items", nil, key); r.Status != 200 {
		t.Fatalf("quota did not renew the next day: %d %s", r.Status, r.Body)
	}
}

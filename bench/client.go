package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"apigwdirect/pkg/mapping"
)

// RequestIDHeader is the response header carrying API Gateway's request
// id, deployed and local alike.
const RequestIDHeader = "x-amzn-RequestId"

// Path is one of the two integration trees of the API.
type Path string

// The two trees.
const (
	Direct Path = "direct"
	Lambda Path = "lambda"
)

// Paths returns both trees, direct first.
func Paths() []Path { return []Path{Direct, Lambda} }

// Route is one route of the contract.
type Route string

// The routes, named as in pkg/mapping.
const (
	Create  Route = "create"
	List    Route = "list"
	Get     Route = "get"
	Replace Route = "replace"
	Delete  Route = "delete"
)

// Routes returns every route, in the order the benchmarks run them.
func Routes() []Route { return []Route{Create, List, Get, Replace, Delete} }

// Sample is one measured request.
type Sample struct {
	// Latency is the client's: from sending the request to reading the
	// whole response.
	Latency time.Duration
	// RequestID is the gateway's id of the request, if it sent one.
	RequestID string
}

// Client sends the contract's requests to a Target. Create one with
// NewClient; it is safe for concurrent use.
type Client struct {
	target Target
	http   *http.Client
	run    string
	seq    atomic.Int64
}

// NewClient returns a client for t. run prefixes every ID it writes, so
// runs against a shared table do not collide; NewClient adds a timestamp.
func NewClient(t Target, run string) *Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16
	return &Client{
		target: t,
		http:   &http.Client{Transport: tr, Timeout: 30 * time.Second},
		run:    fmt.Sprintf("%s-%d", run, time.Now().UnixNano()),
	}
}

// Close releases idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// newID returns an ID no other request of this client used.
func (c *Client) newID(route Route, path Path) string {
	return fmt.Sprintf("%s-%s-%s-%d", c.run, route, path, c.seq.Add(1))
}

// Prepare makes what n requests of route on path need and returns the ID
// each request uses: fresh IDs for create, one stored item for get and
// replace, n stored items for delete, and at least PageSize stored items
// for list (whose IDs are unused). Items are created through the API, on
// the same path.
func (c *Client) Prepare(ctx context.Context, route Route, path Path, n int) ([]string, error) {
	ids := make([]string, n)
	switch route {
	case Create:
		for i := range ids {
			ids[i] = c.newID(route, path)
		}
		return ids, nil
	case Delete:
		for i := range ids {
			ids[i] = c.newID(route, path)
		}
		return ids, c.seed(ctx, path, ids)
	case Get, Replace:
		id := c.newID(route, path)
		for i := range ids {
			ids[i] = id
		}
		return ids, c.seed(ctx, path, []string{id})
	case List:
		seeds := make([]string, PageSize)
		for i := range seeds {
			seeds[i] = c.newID(route, path)
		}
		return ids, c.seed(ctx, path, seeds)
	default:
		return nil, fmt.Errorf("bench: unknown route %q", route)
	}
}

// seed creates the items through the create route of path, four at a time.
func (c *Client) seed(ctx context.Context, path Path, ids []string) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	work := make(chan string)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				if _, err := c.Do(ctx, Create, path, id); err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("bench: seed %s: %w", id, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	return first
}

// Do sends one request of route on path for the item id and checks that
// the status is the contract's success status.
func (c *Client) Do(ctx context.Context, route Route, path Path, id string) (Sample, error) {
	req, want, err := c.request(ctx, route, path, id)
	if err != nil {
		return Sample{}, err
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return Sample{}, fmt.Errorf("bench: %s %s: %w", route, path, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	lat := time.Since(start)
	if err != nil {
		return Sample{}, fmt.Errorf("bench: %s %s: read body: %w", route, path, err)
	}
	if resp.StatusCode != want {
		return Sample{}, fmt.Errorf("bench: %s %s %s: status %d, want %d: %.200s", route, path, req.URL.Path, resp.StatusCode, want, body)
	}
	return Sample{Latency: lat, RequestID: resp.Header.Get(RequestIDHeader)}, nil
}

// request builds the HTTP request of route on path and its success status.
func (c *Client) request(ctx context.Context, route Route, path Path, id string) (*http.Request, int, error) {
	items := c.target.BaseURL + "/" + string(path) + "/items"
	one := items + "/" + mapping.EncodePathID(id) // as the contract's clients encode an ID
	var (
		method, u string
		body      []byte
		want      int
		err       error
	)
	switch route {
	case Create:
		method, u, want = http.MethodPost, items, http.StatusCreated
		body, err = sampleBody(id)
	case List:
		method, u, want = http.MethodGet, items+"?limit="+strconv.Itoa(PageSize), http.StatusOK
	case Get:
		method, u, want = http.MethodGet, one, http.StatusOK
	case Replace:
		method, u, want = http.MethodPut, one, http.StatusNoContent
		body, err = sampleBody(id)
	case Delete:
		method, u, want = http.MethodDelete, one, http.StatusNoContent
	default:
		return nil, 0, fmt.Errorf("bench: unknown route %q", route)
	}
	if err != nil {
		return nil, 0, err
	}
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, r)
	if err != nil {
		return nil, 0, fmt.Errorf("bench: build %s request: %w", route, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("x-api-key", c.target.APIKey)
	if auth := authorization(route, c.target.IDToken); auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return req, want, nil
}

// authorization is the Authorization header a route needs: "Bearer <ID
// token>" for the Lambda authorizer in token mode (create, replace) and for
// the Cognito user-pool authorizer (delete), which accepts that form too;
// the read routes need none (their authorizer reads x-api-key).
func authorization(route Route, idToken string) string {
	tok := strings.TrimPrefix(idToken, "Bearer ")
	switch route {
	case Create, Replace, Delete:
		return "Bearer " + tok
	default:
		return ""
	}
}

package gateway

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// TestEventsKeepHeaderNamesAsSent sends two pipelined requests with
// lower- and mixed-case header names over one connection to a server
// listening through headercase.Listener: the authorizer and the function
// must see the names as written, as on API Gateway.
func TestEventsKeepHeaderNamesAsSent(t *testing.T) {
	f := newFakes()
	var mu sync.Mutex
	var proxied []events.APIGatewayProxyRequest
	var authorized []events.APIGatewayCustomAuthorizerRequestTypeRequest
	srv, err := New(fixture(t, nil), Options{
		Functions: map[string]ProxyFunc{"ItemsFunction": func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			mu.Lock()
			proxied = append(proxied, ev)
			mu.Unlock()
			return f.items(ctx, ev)
		}},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": func(ctx context.Context, ev events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
			mu.Lock()
			authorized = append(authorized, ev)
			mu.Unlock()
			return f.authorizer(ctx, ev)
		}},
		UserPools: map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates: NewVTL(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: f.clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", serveKeepingHeaderCase(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"ID":"1","FirstName":"n","Age":3}`
	stream := "POST /prod/lambda/items HTTP/1.1\r\nhost: api.local\r\nauthorization: free-token\r\ncontent-type: application/json\r\n" +
		"Transfer-Encoding: chunked\r\nx-Custom-Thing: a\r\n\r\n" + strconv.FormatInt(int64(len(body)), 16) + "\r\n" + body + "\r\n0\r\n\r\n" +
		"GET /prod/lambda/items/7 HTTP/1.1\r\nHost: api.local\r\nx-api-key: " + freeKey + "\r\nX-MULTI: 1\r\nx-multi: 2\r\n\r\n"
	if _, err := io.WriteString(conn, stream); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	for i := range 2 {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("response %d: %d %s", i, resp.StatusCode, b)
		}
	}

	mu.Lock()
	defer mu.Unlock()
	if len(proxied) != 2 || len(authorized) != 2 {
		t.Fatalf("%d proxy events, %d authorizer events, want 2 and 2", len(proxied), len(authorized))
	}
	wantKeys := func(where string, got map[string]string, want ...string) {
		t.Helper()
		for _, k := range want {
			if _, ok := got[k]; !ok {
				t.Errorf("%s: no header %q in %v", where, k, got)
			}
		}
	}
	wantKeys("POST proxy event", proxied[0].Headers, "host", "authorization", "content-type", "x-Custom-Thing", "X-Forwarded-For", "X-Forwarded-Proto")
	wantKeys("POST authorizer event", authorized[0].Headers, "authorization", "x-Custom-Thing")
	wantKeys("GET proxy event", proxied[1].Headers, "Host", "x-api-key", "X-MULTI")
	if got := proxied[1].MultiValueHeaders["X-MULTI"]; !reflect.DeepEqual(got, []string{"1", "2"}) {
		t.Errorf("GET multiValueHeaders[X-MULTI] = %q, want both values under the first spelling", got)
	}
	if _, canonical := proxied[0].Headers["Content-Type"]; canonical {
		t.Errorf("POST proxy event has the canonicalized name Content-Type: %v", proxied[0].Headers)
	}
}

// TestHeaderNamesFallBackToCanonical serves without the listener: names
// are Go's canonical ones, as before.
func TestHeaderNamesFallBackToCanonical(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	status, _, body := do(t, "GET", hs.URL+"/prod/lambda/items/7", "", map[string]string{"x-api-key": freeKey})
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.lastEvent.Headers["X-Api-Key"]; !ok {
		t.Fatalf("headers %v", f.lastEvent.Headers)
	}
}

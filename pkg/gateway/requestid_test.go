package gateway

import (
	"context"
	"encoding/base64"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/vtl"
)

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// TestEveryResponseCarriesAPIGatewayIDs checks the ids API Gateway puts on
// every response (integration answers and its own errors), and that the
// proxy event's requestContext names the same ids and time.
func TestEveryResponseCarriesAPIGatewayIDs(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	for _, c := range []struct {
		path    string
		headers map[string]string
		status  int
	}{
		{"/prod/lambda/items/7", map[string]string{"x-api-key": freeKey}, 200},
		{"/prod/nowhere", nil, 403},
		{"/prod/lambda/items/7", nil, 401},
	} {
		status, hdr, body := do(t, "GET", hs.URL+c.path, "", c.headers)
		if status != c.status {
			t.Fatalf("GET %s: %d %s", c.path, status, body)
		}
		id, ext := hdr.Get("x-amzn-RequestId"), hdr.Get("x-amz-apigw-id")
		raw, err := base64.StdEncoding.DecodeString(ext)
		if !uuidShape.MatchString(id) || len(ext) != 16 || err != nil || len(raw) != 11 {
			t.Fatalf("GET %s: x-amzn-RequestId %q, x-amz-apigw-id %q", c.path, id, ext)
		}
		if status == 200 {
			f.mu.Lock()
			rc := f.lastEvent.RequestContext
			f.mu.Unlock()
			if rc.RequestID != id || rc.ExtendedRequestID != ext {
				t.Errorf("requestContext ids %q / %q, response headers %q / %q", rc.RequestID, rc.ExtendedRequestID, id, ext)
			}
			start := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
			if rc.RequestTime != "10/Mar/2026:12:00:00 +0000" || rc.RequestTimeEpoch != start.UnixMilli() {
				t.Errorf("requestTime %q, requestTimeEpoch %d", rc.RequestTime, rc.RequestTimeEpoch)
			}
			if rc.Identity.SourceIP != "127.0.0.1" {
				t.Errorf("identity.sourceIp %q", rc.Identity.SourceIP)
			}
		}
	}
}

// recordingEngine renders with pkg/vtl and keeps the last $context.
type recordingEngine struct {
	*VTL
	mu      sync.Mutex
	context map[string]any
}

func (e *recordingEngine) Render(ctx context.Context, name, src string, env *vtl.Env) (string, vtl.Overrides, error) {
	e.mu.Lock()
	e.context = env.Context
	e.mu.Unlock()
	return e.VTL.Render(ctx, name, src, env)
}

// TestMappingTemplateContext checks the $context values a mapping
// template sees against API Gateway's formats: the template's account,
// the caller's address, the request time in CLF and epoch milliseconds.
func TestMappingTemplateContext(t *testing.T) {
	tpl, err := cfn.LoadFile("testdata/stack.template.json", cfn.LoadOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cfn.Build(tpl, cfn.BuildOptions{Stage: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakes{clock: &clock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}}
	eng := &recordingEngine{VTL: NewVTL()}
	srv, err := New(m, Options{
		Functions:   map[string]ProxyFunc{"ItemsFunction": f.items},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": f.authorizer},
		UserPools:   map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates:   eng, Now: f.clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/prod/health", nil)
	r.RemoteAddr = "198.51.100.7:4711"
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	eng.mu.Lock()
	defer eng.mu.Unlock()
	c := eng.context
	identity, _ := c["identity"].(map[string]any)
	if c["accountId"] != "111122223333" || identity["sourceIp"] != "198.51.100.7" ||
		c["requestTime"] != "10/Mar/2026:12:00:00 +0000" || c["requestTimeEpoch"] != int64(1773144000000) ||
		c["extendedRequestId"] != w.Header().Get("x-amz-apigw-id") || c["requestId"] != w.Header().Get("x-amzn-RequestId") {
		t.Fatalf("$context = %v", c)
	}
}

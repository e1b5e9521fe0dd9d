package gateway

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/gateway/cfn"
)

const (
	freeKey  = "free-key-0123456789abcdefghijklmnopqrstuv"
	basicKey = "basic-key-0123456789abcdefghijklmnopqrstu"
)

// fixture loads testdata/stack.template.json, shaped like CDK's output.
func fixture(t *testing.T, stageVars map[string]string) *apidef.Model {
	t.Helper()
	tpl, err := cfn.LoadFile("testdata/stack.template.json", cfn.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cfn.Build(tpl, cfn.BuildOptions{Stage: "prod", StageVariables: stageVars,
		APIKeyValues: map[string]string{"ApiKeyFreeTier": freeKey, "ApiKeyBasicUsagePlan9A8B7C6D": basicKey}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// newFakes are the stand-ins with a test clock set to 2026-03-10 12:00 UTC.
func newFakes() *fakes {
	return &fakes{clock: &clock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}}
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fakes are the local stand-ins a test server runs with.
type fakes struct {
	authCalls  atomic.Int64
	itemsCalls atomic.Int64
	mu         sync.Mutex
	lastEvent  events.APIGatewayProxyRequest
	lastAuth   events.APIGatewayCustomAuthorizerRequestTypeRequest
	itemsErr   error
	logs       bytes.Buffer
	clock      *clock
	// authDelay and itemsDelay, with a clock, advance it on every call of
	// the authorizer or the items function, so that their latencies in the
	// access log are known.
	authDelay, itemsDelay time.Duration
}

// spend advances the test clock by d, when there is one.
func (f *fakes) spend(d time.Duration) {
	if f.clock != nil && d > 0 {
		f.clock.Add(d)
	}
}

func (f *fakes) authorizer(ctx context.Context, ev events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	f.authCalls.Add(1)
	f.spend(f.authDelay)
	f.mu.Lock()
	f.lastAuth = ev
	f.mu.Unlock()
	allow := func(key string) events.APIGatewayCustomAuthorizerResponse {
		return events.APIGatewayCustomAuthorizerResponse{PrincipalID: "user-1", UsageIdentifierKey: key,
			Context: map[string]any{"plan": "FreeTier", "n": 7},
			PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17", Statement: []events.IAMPolicyStatement{
				{Action: []string{"execute-api:Invoke"}, Effect: "Allow", Resource: []string{strings.SplitN(ev.MethodArn, "/", 2)[0] + "/*"}}}}}
	}
	if k := headerValue(ev.Headers, "X-Api-Key"); k != "" {
		if k == freeKey || k == basicKey || k == "not-in-a-plan" {
			return allow(k), nil
		}
		return events.APIGatewayCustomAuthorizerResponse{}, errors.New("Unauthorized")
	}
	switch headerValue(ev.Headers, "Authorization") {
	case "free-token":
		return allow(freeKey), nil
	case "basic-token":
		return allow(basicKey), nil
	case "deny-token":
		r := allow(freeKey)
		r.PolicyDocument.Statement[0].Effect = "Deny"
		return r, nil
	case "other-method-token":
		r := allow(freeKey)
		r.PolicyDocument.Statement[0].Resource = []string{"arn:aws:execute-api:*:*:*/prod/GET/*"}
		return r, nil
	case "crash-token":
		return events.APIGatewayCustomAuthorizerResponse{}, errors.New("boom")
	}
	return events.APIGatewayCustomAuthorizerResponse{}, errors.New("Unauthorized")
}

// headerValue looks a header up without regard to case, as handlers of
// API Gateway events must: names arrive as the client wrote them.
func headerValue(h map[string]string, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func (f *fakes) items(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	f.itemsCalls.Add(1)
	f.spend(f.itemsDelay)
	f.mu.Lock()
	f.lastEvent = ev
	err := f.itemsErr
	f.mu.Unlock()
	if err != nil {
		return events.APIGatewayProxyResponse{}, err
	}
	body, _ := json.Marshal(map[string]any{"resource": ev.Resource, "id": ev.PathParameters["id"]})
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: string(body),
		Headers:           map[string]string{"Content-Type": "application/json", "X-Single": "one"},
		MultiValueHeaders: map[string][]string{"X-Multi": {"a", "b"}}}, nil
}

type fakeVerifier struct{}

func (fakeVerifier) Verify(ctx context.Context, token string) (map[string]any, error) {
	if token != "good-id-token" {
		return nil, errors.New("cognito: invalid token")
	}
	return map[string]any{"sub": "user-1", "token_use": "id", "cognito:groups": []any{"Group-FreeTier"}}, nil
}

// newTestServer serves the fixture with fakes; dynamoEndpoint may be "".
func newTestServer(t *testing.T, dynamoEndpoint string, stageVars map[string]string) (*httptest.Server, *fakes) {
	t.Helper()
	f := newFakes()
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(lockedWriter{&mu, &f.logs}, nil))
	srv, err := New(fixture(t, stageVars), Options{
		Functions:   map[string]ProxyFunc{"ItemsFunction": f.items},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": f.authorizer},
		UserPools:   map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates:   testEngine(t),
		DynamoDB:    DynamoDB{Endpoint: dynamoEndpoint},
		Logger:      logger, Now: f.clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs, f
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// do sends a request and returns the status, headers and body.
func do(t *testing.T, method, url string, body string, headers map[string]string) (int, http.Header, string) {
	t.Helper()
	return testenv.Do(t, method, url, body, headers)
}

// wantJSON fails unless got is the same JSON as want.
func wantJSON(t *testing.T, got, want string) {
	t.Helper()
	testenv.WantJSON(t, got, want)
}

type eventsStatement struct {
	effect   string
	resource []string
}

func policy(stmts []eventsStatement) events.APIGatewayCustomAuthorizerPolicy {
	p := events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17"}
	for _, s := range stmts {
		p.Statement = append(p.Statement, events.IAMPolicyStatement{Action: []string{"execute-api:Invoke"}, Effect: s.effect, Resource: s.resource})
	}
	return p
}

// testEngine is the real pkg/vtl engine: the fixture's templates are VTL.
func testEngine(t *testing.T) TemplateEngine {
	t.Helper()
	return NewVTL()
}

// serveFakes serves model m over HTTP with the fakes in f as its items
// function, authorizer and user pool, until the test ends.
func serveFakes(t *testing.T, m *apidef.Model, f *fakes) *httptest.Server {
	hs, _ := serveFakesGateway(t, m, f)
	return hs
}

// serveFakesGateway is serveFakes for tests that also drive the gateway.
func serveFakesGateway(t *testing.T, m *apidef.Model, f *fakes) (*httptest.Server, *Server) {
	t.Helper()
	srv, err := New(m, Options{
		Functions:   map[string]ProxyFunc{"ItemsFunction": f.items},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": f.authorizer},
		UserPools:   map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates:   testEngine(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs, srv
}

// rawExchange writes raw, an HTTP/1.1 request byte for byte, to addr and
// reads one answer: its status and body.
func rawExchange(t *testing.T, addr, raw string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

package gateway

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/internal/headercase"
	"apigwdirect/pkg/gateway/apidef"
)

// sampleRequest is the request a captured event describes: the path
// after the stage, and the headers as the client sent them (less those
// API Gateway's front adds).
type sampleRequest struct {
	method, path, body string
	headers, query     map[string][]string
}

// goldenFixture is a one-method API shaped after a captured event.
type goldenFixture struct {
	req                          sampleRequest
	resource, resourceID         string
	operation                    string
	stage                        string
	stageVars                    map[string]string
	accountID, apiID, region     string
	now                          time.Time
	identityHeader               string         // the authorizer's identity source; "" picks the first sent header
	authorizer                   map[string]any // principalId and context the authorizer answers; nil: no authorizer
	apiKey, apiKeyID             string         // the usage identifier key it answers, when not ""
	proxyEvent                   events.APIGatewayProxyRequest
	authorizerEvent              events.APIGatewayCustomAuthorizerRequestTypeRequest
	gotProxyEvent, gotAuthorizer bool
}

// model is the API: the resource path, one method with a Lambda proxy
// integration, behind a REQUEST authorizer when fx.authorizer is set, on
// the sample's stage; with an API key, the key source is the authorizer.
func (fx *goldenFixture) model() *apidef.Model {
	m := &apidef.Model{APIID: fx.apiID, Name: "golden", APIKeySource: "HEADER", Stage: fx.stage, StageVariables: fx.stageVars,
		Root: &apidef.Node{ID: "root", Path: "/", Methods: map[string]*apidef.Method{}}, Region: fx.region, AccountID: fx.accountID}
	if m.Region == "" {
		m.Region = "us-east-1"
	}
	node := m.Root
	for _, part := range strings.Split(strings.Trim(fx.resource, "/"), "/") {
		child := &apidef.Node{ID: fx.resourceID, PathPart: part, Path: strings.TrimSuffix(node.Path, "/") + "/" + part,
			Methods: map[string]*apidef.Method{}}
		node.Children = append(node.Children, child)
		node = child
	}
	meth := &apidef.Method{HTTPMethod: fx.req.method, ResourcePath: fx.resource, ResourceID: fx.resourceID,
		OperationName: fx.operation, AuthorizationType: "NONE",
		Integration: &apidef.Integration{Type: "AWS_PROXY", Function: "Function"}}
	if fx.authorizer != nil {
		meth.AuthorizationType = "CUSTOM"
		meth.Authorizer = &apidef.Authorizer{ID: "golden", Name: "golden", Type: "REQUEST", Function: "Authorizer",
			IdentitySources: []string{"method.request.header." + fx.identitySource()}}
	}
	if fx.apiKey != "" {
		key := &apidef.APIKey{ID: fx.apiKeyID, Name: "golden", Value: fx.apiKey, Enabled: true}
		m.APIKeySource, meth.APIKeyRequired = "AUTHORIZER", true
		m.APIKeys = []*apidef.APIKey{key}
		m.Plans = []*apidef.UsagePlan{{ID: "plan", Name: "plan", Keys: []*apidef.APIKey{key}}}
	}
	node.Methods[fx.req.method] = meth
	return m
}

func (fx *goldenFixture) identitySource() string {
	if fx.identityHeader != "" {
		return fx.identityHeader
	}
	for _, n := range sortedKeys(fx.req.headers) {
		if !isFrontHeader(n) {
			return n
		}
	}
	return "Host"
}

// isFrontHeader reports whether API Gateway's front, not the client, adds
// the header.
func isFrontHeader(name string) bool {
	return slices.ContainsFunc(append(slices.Clone(cloudFrontHeaders), append(forwardedHeaders, "X-Amzn-Trace-Id")...),
		func(h string) bool { return strings.EqualFold(h, name) })
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// replay serves the model through headercase.Listener, sends the request
// with its headers spelled as in the sample, and returns the events the
// function and the authorizer received.
func (fx *goldenFixture) replay(t *testing.T) (events.APIGatewayProxyRequest, events.APIGatewayCustomAuthorizerRequestTypeRequest) {
	t.Helper()
	fn := func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		fx.proxyEvent, fx.gotProxyEvent = ev, true
		return events.APIGatewayProxyResponse{StatusCode: 200, Body: "{}"}, nil
	}
	auth := func(ctx context.Context, ev events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
		fx.authorizerEvent, fx.gotAuthorizer = ev, true
		resp := events.APIGatewayCustomAuthorizerResponse{UsageIdentifierKey: fx.apiKey, Context: map[string]any{},
			PolicyDocument: policy([]eventsStatement{{"Allow", []string{ev.MethodArn}}})}
		for k, v := range fx.authorizer {
			if k == "principalId" {
				resp.PrincipalID = fmt.Sprint(v)
			} else {
				resp.Context[k] = v
			}
		}
		return resp, nil
	}
	srv, err := New(fx.model(), Options{Functions: map[string]ProxyFunc{"Function": fn},
		Authorizers: map[string]AuthorizerFunc{"Authorizer": auth}, Now: func() time.Time { return fx.now }})
	if err != nil {
		t.Fatal(err)
	}
	addr := serveKeepingHeaderCase(t, srv)
	status, body := sendRaw(t, addr, fx.stage, fx.req)
	if status != 200 || !fx.gotProxyEvent || fx.gotAuthorizer != (fx.authorizer != nil) {
		t.Fatalf("status %d %s; proxy event %v, authorizer event %v", status, body, fx.gotProxyEvent, fx.gotAuthorizer)
	}
	return fx.proxyEvent, fx.authorizerEvent
}

// serveKeepingHeaderCase serves h on a loopback port through
// headercase.Listener until the test ends, and returns its address.
func serveKeepingHeaderCase(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: h, ConnContext: headercase.ConnContext}
	go func() { _ = hs.Serve(headercase.Listener(ln)) }()
	t.Cleanup(func() { _ = hs.Close() })
	return ln.Addr().String()
}

// sendRaw writes req to addr as HTTP/1.1, the header names as given and
// a Content-Length when there is a body, and reads the answer.
func sendRaw(t *testing.T, addr, stage string, req sampleRequest) (int, string) {
	t.Helper()
	target := "/" + stage + req.path
	if len(req.query) > 0 {
		target += "?" + url.Values(req.query).Encode()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", req.method, target)
	for _, name := range sortedKeys(req.headers) {
		if isFrontHeader(name) {
			continue
		}
		for _, v := range req.headers[name] {
			fmt.Fprintf(&b, "%s: %s\r\n", name, v)
		}
	}
	if req.body != "" {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(req.body))
	}
	b.WriteString("\r\n" + req.body)
	return rawExchange(t, addr, b.String())
}

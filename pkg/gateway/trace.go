package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
)

// The execution log: with the logger enabled at debug, each request also
// logs the lines API Gateway writes to a stage's CloudWatch execution log
// (and to a test invocation's log), in its wording, one record per line
// ("msg": "execution", "line": ...). The wording and order are those of a
// test invocation recorded on AWS: LocalStack's
// tests/aws/services/apigateway/test_apigateway_basic.snapshot.json,
// test_apigw_test_invoke_method_api ("Method request body before
// transformations: ", "Endpoint request URI: ", "Endpoint request body
// after transformations: ", "Received response. Status: 200, Integration
// latency: N ms", "Endpoint response body before transformations: ",
// "Method response body after transformations: ", "Method completed with
// status: 200"). Maps are written {k=v, k2=v2} as there. The line naming
// the selected integration response ("Selected integration response: ")
// is the local API's own: AWS logs none.
//
// Secrets are masked: the values of the Authorization and x-api-key
// headers and of the API key show only their last 6 characters after
// asterisks, as execution logs captured on AWS show an Authorization
// header ("Authorization=*****...d063b3"; the masking rule beyond that is
// a guess).

// traceOn reports whether execution-log lines are wanted.
func (s *Server) traceOn(ctx context.Context) bool { return s.logger.Enabled(ctx, slog.LevelDebug) }

// trace writes one execution-log line of the request, when enabled.
func (inv *invocation) trace(format string, args ...any) {
	if inv.tracer == nil {
		return
	}
	line := fmt.Sprintf(format, args...)
	// The secrets also travel inside bodies (a proxy event's headers).
	for k := range secretHeaders {
		if v := inv.r.Header.Get(k); len(v) > 6 {
			line = strings.ReplaceAll(line, v, mask(v))
		}
	}
	inv.tracer(line)
}

// newTracer returns the line writer of one request.
func (s *Server) newTracer(ctx context.Context, requestID string) func(string) {
	return func(line string) {
		s.logger.LogAttrs(ctx, slog.LevelDebug, "execution", slog.String("requestId", requestID), slog.String("line", line))
	}
}

// secretHeaders are the headers whose values the execution log masks.
var secretHeaders = map[string]bool{"authorization": true, "x-api-key": true, "x-amz-security-token": true}

// mask keeps a secret's last 6 characters behind asterisks.
func mask(v string) string {
	if len(v) <= 6 {
		return strings.Repeat("*", len(v))
	}
	return strings.Repeat("*", len(v)-6) + v[len(v)-6:]
}

// headersText formats headers for an execution-log line only when the line
// is written (it is a fmt.Stringer: a request that is not traced pays
// nothing for it).
type headersText http.Header

func (h headersText) String() string { return traceHeaders(http.Header(h)) }

// traceHeaders writes headers as {Name=value, ...}, secrets masked,
// sorted by name.
func traceHeaders(h http.Header) string {
	m := make(map[string]string, len(h))
	for k, vs := range h {
		v := strings.Join(vs, ",")
		if secretHeaders[strings.ToLower(k)] {
			v = mask(v)
		}
		m[k] = v
	}
	return traceMap(m)
}

// traceMap writes a map as {k=v, k2=v2}, sorted by key.
func traceMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// traceMethodRequest writes the method request's lines.
func (inv *invocation) traceMethodRequest() {
	if inv.tracer == nil {
		return
	}
	q, _ := inv.queryMaps()
	inv.trace("Starting execution for request: %s", inv.requestID)
	inv.trace("HTTP Method: %s, Resource Path: %s", inv.r.Method, eventPath(inv.path))
	inv.trace("Method request path: %s", traceMap(inv.pathParams))
	inv.trace("Method request query string: %s", traceMap(q))
	inv.trace("Method request headers: %s", headersText(inv.r.Header))
	inv.trace("Method request body before transformations: %s", inv.body)
}

// traceIntegrationRequest writes the endpoint request's lines; the HTTP
// integrations write their own, with the URL they call.
func (inv *invocation) traceIntegrationRequest(req *integrationRequest) {
	in := inv.method.Integration
	if inv.tracer == nil || in.Type == "HTTP" || in.Type == "HTTP_PROXY" {
		return
	}
	body := req.payload
	if in.Type == "AWS_PROXY" {
		b, _ := json.Marshal(req.event)
		body = string(b)
	}
	uri := substituteStageVariables(in.URI, inv.api.StageVariables)
	if in.Type != "MOCK" {
		inv.trace("Endpoint request URI: %s", uri)
		inv.trace("Endpoint request headers: %s", headersText(req.headers))
	}
	inv.trace("Endpoint request body after transformations: %s", body)
	if in.Type != "MOCK" {
		inv.trace("Sending request to %s", uri)
	}
}

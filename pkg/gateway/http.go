package gateway

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// httpIntegration is the HTTP (custom) and HTTP_PROXY integration: a
// request to the integration URI, its ${stageVariables.x} and {name}
// placeholders filled, with the integration's HTTP method (ANY: the
// method request's). {name} takes integration.request.path.name (from
// requestParameters or a request override), else the method request's
// path parameter of that name (the fallback is a guess: API Gateway
// expects the mapping).
//
// HTTP_PROXY passes the method request's headers (but Host), query string
// and body through and answers with the endpoint's status, headers and
// body as they are; HTTP sends the rendered request template (or the body
// passed through) with only the mapped headers and query string, and its
// status selects the integration response, as the developer guide's "Set
// up HTTP integrations in API Gateway" describes
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html).
// A timeout answers 504 "Endpoint request timed out"; an endpoint that
// cannot be reached answers 500 "Internal server error" (a guess of the
// status).
type httpIntegration struct {
	client *http.Client
	now    func() time.Time
	logger *slog.Logger
	proxy  bool
}

// hopHeaders are not forwarded either way.
var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Connection", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length"}

func (h *httpIntegration) invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	in := inv.method.Integration
	target, err := h.endpoint(inv, req)
	if err != nil {
		h.logger.ErrorContext(ctx, "bad HTTP integration URI", "requestId", inv.requestID, "uri", in.URI, "error", err.Error())
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	inv.servedBy = "http:" + target.Host
	method := in.HTTPMethod
	if method == "" || method == "ANY" {
		method = inv.r.Method
	}
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	out, err := http.NewRequestWithContext(ctx, method, target.String(), bytes.NewReader([]byte(req.payload)))
	if err != nil {
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	if h.proxy {
		for k, vs := range inv.r.Header {
			out.Header[k] = append([]string(nil), vs...)
		}
	} else if ct := inv.r.Header.Get("Content-Type"); ct != "" {
		out.Header.Set("Content-Type", ct)
	}
	for k, vs := range req.headers {
		out.Header[k] = vs
	}
	for _, k := range hopHeaders {
		out.Header.Del(k)
	}
	inv.trace("Endpoint request URI: %s", target.String())
	inv.trace("Endpoint request headers: %s", headersText(out.Header))
	inv.trace("Endpoint request body after transformations: %s", req.payload)
	inv.trace("Sending request to %s", target.String())
	start := h.now()
	resp, err := h.client.Do(out)
	if err == nil {
		defer resp.Body.Close()
	}
	var body []byte
	if err == nil {
		body, err = io.ReadAll(resp.Body)
	}
	inv.integrationLatency += h.now().Sub(start)
	if err != nil {
		h.logger.ErrorContext(ctx, "HTTP integration failed", "requestId", inv.requestID, "endpoint", target.Host, "error", err.Error())
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, gwErr(IntegrationTimeout, "Endpoint request timed out")
		}
		return nil, &gatewayError{Type: IntegrationFailure, Status: 500, Message: ptr("Internal server error")}
	}
	headers := resp.Header.Clone()
	for _, k := range hopHeaders {
		headers.Del(k)
	}
	return &integrationResult{status: resp.StatusCode, headers: headers, body: body, proxied: h.proxy}, nil
}

// endpoint is the integration URI with stage variables, path placeholders
// and the query string filled in.
func (h *httpIntegration) endpoint(inv *invocation, req *integrationRequest) (*url.URL, error) {
	raw := substituteStageVariables(inv.method.Integration.URI, inv.api.StageVariables)
	var b strings.Builder
	for {
		open := strings.IndexByte(raw, '{')
		if open < 0 {
			b.WriteString(raw)
			break
		}
		end := strings.IndexByte(raw[open:], '}')
		if end < 0 {
			b.WriteString(raw)
			break
		}
		name := raw[open+1 : open+end]
		b.WriteString(raw[:open])
		v, ok := req.path[name]
		if !ok {
			v = inv.pathParams[strings.TrimSuffix(name, "+")]
		}
		b.WriteString(v)
		raw = raw[open+end+1:]
	}
	u, err := url.Parse(b.String())
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("not an http or https URL")
	}
	q := u.Query()
	if h.proxy {
		for k, vs := range inv.query {
			q[k] = append(q[k], vs...)
		}
	}
	for k, vs := range req.query {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	return u, nil
}

package gateway

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// lambdaProxy is the AWS_PROXY integration with in-process functions.
type lambdaProxy struct {
	functions map[string]ProxyFunc
	now       func() time.Time
	logger    *slog.Logger
}

// proxyFailure is API Gateway's answer to a failed or malformed Lambda
// proxy invocation: 502 {"message": "Internal server error"}.
func proxyFailure() *gatewayError {
	return &gatewayError{Type: IntegrationFailure, Status: 502, Message: ptr("Internal server error")}
}

// invoke calls the in-process Lambda function of an AWS_PROXY
// integration with the event (already through its JSON round trip), passes
// its response through JSON too, and turns it into the method response: status, headers (single and multi-value, merged) and
// body (base64-decoded when flagged). A function error or a malformed
// response answers 502 {"message": "Internal server error"}.
func (l *lambdaProxy) invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	in := inv.method.Integration
	inv.servedBy = "lambda:" + in.Function
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	start := l.now()
	resp, err := l.functions[in.Function](ctx, req.event)
	inv.integrationLatency += l.now().Sub(start)
	if err != nil {
		l.logger.ErrorContext(ctx, "lambda function failed", "requestId", inv.requestID, "function", in.Function, "error", err.Error())
		return nil, proxyFailure()
	}
	if err := roundTrip(resp, &resp); err != nil || resp.StatusCode < 100 || resp.StatusCode > 599 {
		l.logger.ErrorContext(ctx, "malformed Lambda proxy response", "requestId", inv.requestID, "statusCode", strconv.Itoa(resp.StatusCode))
		return nil, proxyFailure()
	}
	out := &integrationResult{status: resp.StatusCode, headers: http.Header{}, body: []byte(resp.Body), proxied: true}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			out.headers.Add(k, v)
		}
	}
	// Both maps count: the developer guide's "Output format of a Lambda
	// function for proxy integration" has API Gateway merge them into one
	// list per header, a value given in both appearing once.
	for k, v := range resp.Headers {
		if !slices.Contains(out.headers.Values(k), v) {
			out.headers.Add(k, v)
		}
	}
	if out.headers.Get("Content-Type") == "" {
		out.headers.Set("Content-Type", "application/json")
	}
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			return nil, proxyFailure()
		}
		out.body = b
	}
	return out, nil
}

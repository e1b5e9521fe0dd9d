package gateway

import (
	"net"
	"net/http"
	"strings"

	"apigwdirect/internal/headercase"
)

// eventHeaders are the request's headers as API Gateway hands them to a
// Lambda function (proxy event) and to a REQUEST authorizer, keyed as the
// client spelled them: without Content-Length, with the Host and the
// X-Forwarded-For, X-Forwarded-Port and X-Forwarded-Proto headers of API
// Gateway's front. Evidence: captured events with a body carry no
// Content-Length, and all carry the Host and X-Forwarded-* headers, the
// authorizer's too: the live capture in the public repository
// hotsock/voker (vokerhttp/testdata/apigwv1-request.json, a POST with a
// JSON body), LocalStack's AWS-validated snapshot
// (tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
// test_lambda_aws_proxy_integration, "invocation-payload-with-params-
// encoding-multi") and aws-lambda-go's events/testdata (apigw-request.json,
// apigw-custom-auth-request-type-request.json). Locally the port is the
// one the client connected to and the scheme is http unless served over
// TLS; the CloudFront headers of edge-optimized APIs and the
// X-Amzn-Trace-Id header are not added.
func (inv *invocation) eventHeaders() map[string][]string {
	headers := headercase.AsSent(inv.r.Header, inv.sentNames)
	for k := range headers {
		if strings.EqualFold(k, "Content-Length") {
			delete(headers, k)
		}
	}
	if inv.r.Host != "" {
		setHeader(headers, headercase.Spelling(inv.sentNames, "Host"), inv.r.Host)
	}
	setHeader(headers, "X-Forwarded-For", inv.sourceIP())
	setHeader(headers, "X-Forwarded-Port", forwardedPort(inv.r))
	proto := "http"
	if inv.r.TLS != nil {
		proto = "https"
	}
	setHeader(headers, "X-Forwarded-Proto", proto)
	return headers
}

// forwardedPort is the port the client connected to: the listener's, else
// the Host header's, else the scheme's default.
func forwardedPort(r *http.Request) string {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if _, port, err := net.SplitHostPort(a.String()); err == nil {
			return port
		}
	}
	if _, port, err := net.SplitHostPort(r.Host); err == nil {
		return port
	}
	if r.TLS != nil {
		return "443"
	}
	return "80"
}

package gateway

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/vtl"
)

// integrationRequest is what the integration request stage hands the
// integration.
type integrationRequest struct {
	// payload is the rendered request template, or the body passed
	// through (AWS, MOCK).
	payload string
	// event is the Lambda proxy event (AWS_PROXY).
	event events.APIGatewayProxyRequest
	// headers, query and path are the request overrides the template set
	// ($context.requestOverride.header|querystring|path), nil when none.
	headers http.Header
	query   url.Values
	path    map[string]string
}

// integrationRequest is API Gateway's integration request stage: the Lambda
// proxy event for AWS_PROXY (refused with 413 over Lambda's
// MaxInvokePayload), else the request template for the content type (or
// the body passed through) with the request overrides it set, which the
// integration applies
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html).
func (s *Server) integrationRequest(ctx context.Context, inv *invocation) (*integrationRequest, error) {
	in := inv.method.Integration
	switch in.Type {
	case "AWS_PROXY":
		ev, tooLarge, err := encodeProxyEvent(inv.proxyEvent())
		if err != nil {
			return nil, proxyFailure()
		}
		if tooLarge {
			return nil, &fixedAnswer{invokeTooLarge()}
		}
		return &integrationRequest{event: ev}, nil
	case "HTTP_PROXY":
		return withRequestParameters(inv, &integrationRequest{payload: string(inv.body)}), nil
	}
	tmpl, ok, err := requestTemplate(inv, in)
	if err != nil {
		return nil, err
	}
	if !ok {
		return withRequestParameters(inv, &integrationRequest{payload: string(inv.body)}), nil
	}
	name := fmt.Sprintf("%s %s request", inv.method.HTTPMethod, inv.method.ResourcePath)
	out, ov, err := s.opts.Templates.Render(ctx, name, tmpl, inv.templateEnv(string(inv.body)))
	if err != nil {
		s.logger.ErrorContext(ctx, "request template failed", "requestId", inv.requestID, "error", err.Error())
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	inv.overrides = ov
	return withRequestOverrides(withRequestParameters(inv, &integrationRequest{payload: out}), ov), nil
}

// withRequestParameters applies the integration's requestParameters
// (integration.request.header|querystring|path.<name> from a method
// request value, a context or stage variable, or a 'literal'), as the
// developer guide's "Parameter mapping for REST APIs" describes
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping.html).
// The request overrides a template sets apply after them, so they win.
func withRequestParameters(inv *invocation, req *integrationRequest) *integrationRequest {
	for k, expr := range inv.method.Integration.RequestParameters {
		where, name, ok := strings.Cut(strings.TrimPrefix(k, "integration.request."), ".")
		if !ok || !strings.HasPrefix(k, "integration.request.") {
			continue
		}
		v := inv.resolve(expr)
		switch where {
		case "header":
			if req.headers == nil {
				req.headers = http.Header{}
			}
			req.headers.Set(name, v)
		case "querystring":
			if req.query == nil {
				req.query = url.Values{}
			}
			req.query.Set(name, v)
		case "path":
			if req.path == nil {
				req.path = map[string]string{}
			}
			req.path[name] = v
		}
	}
	return req
}

// requestTemplate picks the integration request template for the request's
// content type and applies the passthrough behavior: it returns the template
// (ok) or, with ok false, that the raw body passes through unchanged; an
// error answers 415.
func requestTemplate(inv *invocation, in *apidef.Integration) (tmpl string, ok bool, err error) {
	if t, found := in.RequestTemplates[inv.contentType()]; found {
		return t, true, nil
	}
	switch {
	case in.PassthroughBehavior == "NEVER",
		in.PassthroughBehavior == "WHEN_NO_TEMPLATES" && len(in.RequestTemplates) > 0:
		return "", false, gwErr(UnsupportedMediaType, "Unsupported Media Type")
	}
	return "", false, nil
}

// withRequestOverrides records the request overrides a template set. A
// list assigned to a header arrives joined with commas (pkg/vtl).
func withRequestOverrides(req *integrationRequest, ov vtl.Overrides) *integrationRequest {
	if len(ov.RequestHeaders) > 0 && req.headers == nil {
		req.headers = http.Header{}
	}
	for k, v := range ov.RequestHeaders {
		req.headers.Set(k, v)
	}
	if len(ov.RequestQuery) > 0 && req.query == nil {
		req.query = url.Values{}
	}
	for k, v := range ov.RequestQuery {
		req.query.Set(k, v)
	}
	if len(ov.RequestPath) > 0 && req.path == nil {
		req.path = map[string]string{}
	}
	for k, v := range ov.RequestPath {
		req.path[k] = v
	}
	return req
}

package gateway

import (
	"context"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/internal/headercase"
)

// proxyEvent is the Lambda proxy event API Gateway sends for the request.
// Header names are as the client sent them when known (headercase.Listener).
func (s *Server) proxyEvent(c *call) events.APIGatewayProxyRequest {
	q, mq := queryMaps(c.r.URL.Query())
	headers := headercase.AsSent(c.r.Header, c.sentNames)
	if c.r.Host != "" {
		setHeader(headers, headercase.Spelling(c.sentNames, "Host"), c.r.Host)
	}
	setHeader(headers, "X-Forwarded-For", c.sourceIP())
	setHeader(headers, "X-Forwarded-Proto", "http")
	if _, port, ok := strings.Cut(c.r.Host, ":"); ok {
		setHeader(headers, "X-Forwarded-Port", port)
	}
	var pathParams map[string]string
	if len(c.pathParams) > 0 {
		pathParams = c.pathParams
	}
	var stageVars map[string]string
	if len(c.stageVars) > 0 {
		stageVars = c.stageVars
	}
	identity := events.APIGatewayRequestIdentity{SourceIP: c.sourceIP(), UserAgent: c.r.UserAgent()}
	if c.apiKey != nil {
		identity.APIKey, identity.APIKeyID = c.apiKey.Value, c.apiKey.ID
	}
	var authorizer map[string]any
	if c.authContext != nil || c.principalID != "" {
		authorizer = map[string]any{}
		for k, v := range c.authContext {
			authorizer[k] = v
		}
		if c.principalID != "" {
			authorizer["principalId"] = c.principalID
		}
	}
	host, _, _ := strings.Cut(c.r.Host, ":")
	return events.APIGatewayProxyRequest{
		Resource: c.method.ResourcePath, Path: eventPath(c.path), HTTPMethod: c.r.Method,
		Headers: lastValues(headers), MultiValueHeaders: headers,
		QueryStringParameters: q, MultiValueQueryStringParameters: mq,
		PathParameters: pathParams, StageVariables: stageVars, Body: string(c.body),
		RequestContext: events.APIGatewayProxyRequestContext{
			AccountID: s.model.AccountID, ResourceID: c.method.ResourceID, Stage: s.model.Stage,
			DomainName: host, DomainPrefix: strings.Split(host, ".")[0], RequestID: c.requestID,
			ExtendedRequestID: c.extendedID, Protocol: c.r.Proto, Identity: identity,
			ResourcePath: c.method.ResourcePath, Path: "/" + s.model.Stage + c.path, Authorizer: authorizer,
			HTTPMethod: c.r.Method, RequestTime: c.start.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			RequestTimeEpoch: c.start.UnixMilli(), APIID: s.model.APIID,
		},
	}
}

// invokeProxy calls the in-process Lambda function of an AWS_PROXY
// integration with the event, through a JSON round trip both ways, and
// writes its response back: status, headers (single and multi-value, merged) and
// body (base64-decoded when flagged). A function error or a malformed
// response answers 502 {"message": "Internal server error"}; an event over
// Lambda's MaxInvokePayload answers 413 without calling the function.
func (s *Server) invokeProxy(ctx context.Context, c *call) (*response, *gatewayError) {
	in := c.method.Integration
	c.servedBy = "lambda:" + in.Function
	fail := &gatewayError{Type: IntegrationFailure, Status: 502, Message: ptr("Internal server error")}
	ev, tooLarge, err := encodeProxyEvent(s.proxyEvent(c))
	if err != nil {
		return nil, fail
	}
	if tooLarge {
		return invokeTooLarge(), nil
	}
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	start := s.now()
	resp, err := s.opts.Functions[in.Function](ctx, ev)
	c.integrationLatency += s.now().Sub(start)
	if err != nil {
		s.logger.ErrorContext(ctx, "lambda function failed", "requestId", c.requestID, "function", in.Function, "error", err.Error())
		return nil, fail
	}
	if err := roundTrip(resp, &resp); err != nil || resp.StatusCode < 100 || resp.StatusCode > 599 {
		s.logger.ErrorContext(ctx, "malformed Lambda proxy response", "requestId", c.requestID, "statusCode", strconv.Itoa(resp.StatusCode))
		return nil, fail
	}
	out := &response{Status: resp.StatusCode, Headers: http.Header{}, Body: []byte(resp.Body)}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			out.Headers.Add(k, v)
		}
	}
	// Both maps count: the developer guide's "Output format of a Lambda
	// function for proxy integration" has API Gateway merge them into one
	// list per header, a value given in both appearing once.
	for k, v := range resp.Headers {
		if !slices.Contains(out.Headers.Values(k), v) {
			out.Headers.Add(k, v)
		}
	}
	if out.Headers.Get("Content-Type") == "" {
		out.Headers.Set("Content-Type", "application/json")
	}
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			return nil, fail
		}
		out.Body = b
	}
	return out, nil
}

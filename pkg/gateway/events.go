package gateway

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Both events are derived from the invocation. Header names are as the
// client sent them when known (headercase.Listener), else Go's canonical
// ones; the path and path parameters are as sent, the query decoded.

// proxyEvent is the Lambda proxy event API Gateway sends for the request.
func (inv *invocation) proxyEvent() events.APIGatewayProxyRequest {
	q, mq := inv.queryMaps()
	headers := inv.eventHeaders()
	var pathParams map[string]string
	if len(inv.pathParams) > 0 {
		pathParams = inv.pathParams
	}
	var stageVars map[string]string
	if len(inv.api.StageVariables) > 0 {
		stageVars = inv.api.StageVariables
	}
	identity := events.APIGatewayRequestIdentity{SourceIP: inv.sourceIP(), UserAgent: inv.r.UserAgent()}
	if inv.apiKey != nil {
		identity.APIKey, identity.APIKeyID = inv.apiKey.Value, inv.apiKey.ID
	}
	host, _, _ := strings.Cut(inv.r.Host, ":")
	return events.APIGatewayProxyRequest{
		Resource: inv.method.ResourcePath, Path: eventPath(inv.path), HTTPMethod: inv.r.Method,
		Headers: lastValues(headers), MultiValueHeaders: headers,
		QueryStringParameters: q, MultiValueQueryStringParameters: mq,
		PathParameters: pathParams, StageVariables: stageVars, Body: string(inv.body),
		RequestContext: events.APIGatewayProxyRequestContext{
			AccountID: inv.api.AccountID, ResourceID: inv.method.ResourceID, OperationName: inv.method.OperationName,
			Stage: inv.api.Stage, DomainName: host, DomainPrefix: strings.Split(host, ".")[0], RequestID: inv.requestID,
			ExtendedRequestID: inv.extendedID, Protocol: inv.r.Proto, Identity: identity,
			ResourcePath: inv.method.ResourcePath, Path: inv.stagePath(), Authorizer: inv.authorizer(),
			HTTPMethod: inv.r.Method, RequestTime: inv.requestTime(),
			RequestTimeEpoch: inv.start.UnixMilli(), APIID: inv.api.APIID,
		},
	}
}

// authorizerEvent is the REQUEST authorizer event API Gateway sends for
// the method ARN, after a JSON round trip as a Lambda invocation does.
func (inv *invocation) authorizerEvent(arn string) (events.APIGatewayCustomAuthorizerRequestTypeRequest, error) {
	q, mq := inv.queryMaps()
	headers := inv.eventHeaders()
	ev := events.APIGatewayCustomAuthorizerRequestTypeRequest{
		Type: "REQUEST", MethodArn: arn, Resource: inv.method.ResourcePath, Path: eventPath(inv.path),
		HTTPMethod: inv.r.Method, Headers: lastValues(headers), MultiValueHeaders: headers,
		QueryStringParameters: q, MultiValueQueryStringParameters: mq,
		PathParameters: inv.pathParams, StageVariables: inv.api.StageVariables,
		RequestContext: events.APIGatewayCustomAuthorizerRequestTypeRequestContext{
			Path: inv.stagePath(), AccountID: inv.api.AccountID, ResourceID: inv.method.ResourceID,
			Stage: inv.api.Stage, RequestID: inv.requestID, ResourcePath: inv.method.ResourcePath,
			HTTPMethod: inv.r.Method, APIID: inv.api.APIID,
			Identity: events.APIGatewayCustomAuthorizerRequestTypeRequestIdentity{
				SourceIP: inv.sourceIP(), APIKey: inv.r.Header.Get("x-api-key")},
		},
	}
	var out events.APIGatewayCustomAuthorizerRequestTypeRequest
	err := roundTrip(ev, &out)
	return out, err
}

// roundTrip passes v through JSON into out, as a Lambda invocation does.
func roundTrip(v, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("gateway: encode event: %w", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("gateway: decode event: %w", err)
	}
	return nil
}

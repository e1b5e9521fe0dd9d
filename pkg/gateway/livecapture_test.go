package gateway

import (
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// TestProxyEventMatchesLiveCapture replays the request of a live REST API
// capture (public repository hotsock/voker,
// vokerhttp/testdata/apigwv1-request.json, a regional API in us-west-2,
// July 2026) and compares the local proxy event with what API Gateway
// sent, as JSON. The capture establishes: path and pathParameters
// percent-encoded as sent, requestContext.path with the stage first;
// queryStringParameters decoded ('+' a space, %2B a plus) holding the last
// of repeated values, multiValueQueryStringParameters all of them;
// headers keyed as the client spelled them, the single-value map holding
// the last of a repeated header, no Content-Length although the request
// had a body, Host and X-Forwarded-* added; domainName the Host and
// domainPrefix its first label, the API id; null stageVariables on a stage
// without any and a null authorizer on a method without one; the body as
// sent. The expected event below is written from the capture's values
// (the capture itself is not read at test time) through aws-lambda-go's
// type, as a Go handler receives it: the capture's empty identity fields,
// which its typed logger wrote, and "isBase64Encoded": false drop out of
// the JSON on both sides.
func TestProxyEventMatchesLiveCapture(t *testing.T) {
	const host = "5h7pqvr9u4.execute-api.us-west-2.amazonaws.com"
	body := `{"message":"hello from the public internet","unicode":"lambda-λ"}`
	sent := map[string][]string{
		"Host": {host}, "User-Agent": {"curl/8.7.1"}, "accept": {"*/*"}, "content-type": {"application/json"},
		"cookie": {"session=abc123; theme=dark"}, "x-voker-probe": {"first", "second"},
	}
	query := map[string][]string{"empty": {""}, "encodedPlus": {"a+b"}, "literalPlus": {"a b"},
		"redirect": {"https://example.com/a/b"}, "repeat": {"one", "two"}}
	now := time.UnixMilli(1783711144836)
	fx := goldenFixture{
		req:      sampleRequest{method: "POST", path: "/capture/space%20value", headers: sent, query: query, body: body},
		resource: "/{proxy+}", resourceID: "al6gqb", stage: "live", accountID: "910345601053", apiID: "5h7pqvr9u4",
		region: "us-west-2", now: now,
	}
	got, _ := fx.replay(t)

	headers := map[string][]string{"X-Forwarded-For": {"68.8.83.18"}, "X-Forwarded-Port": {"443"}, "X-Forwarded-Proto": {"https"},
		"X-Amzn-Trace-Id": {"Root=1-6a5145a8-536f3e792f6be9b44c1f46fa"}}
	for k, v := range sent {
		headers[k] = v
	}
	want := events.APIGatewayProxyRequest{
		Resource: "/{proxy+}", Path: "/capture/space%20value", HTTPMethod: "POST",
		Headers: lastValues(headers), MultiValueHeaders: headers,
		QueryStringParameters: map[string]string{"empty": "", "encodedPlus": "a+b", "literalPlus": "a b",
			"redirect": "https://example.com/a/b", "repeat": "two"},
		MultiValueQueryStringParameters: query,
		PathParameters:                  map[string]string{"proxy": "capture/space%20value"},
		Body:                            body,
		RequestContext: events.APIGatewayProxyRequestContext{
			AccountID: "910345601053", APIID: "5h7pqvr9u4", DomainName: host, DomainPrefix: "5h7pqvr9u4",
			ExtendedRequestID: "ATfSdF7nPHcErRA=", HTTPMethod: "POST", Path: "/live/capture/space%20value",
			Identity: events.APIGatewayRequestIdentity{SourceIP: "68.8.83.18", UserAgent: "curl/8.7.1"},
			Protocol: "HTTP/1.1", RequestID: "7c2af7db-31f3-42b5-8a6d-9ffc74e3b9e0",
			RequestTime: "10/Jul/2026:19:19:04 +0000", RequestTimeEpoch: now.UnixMilli(),
			ResourceID: "al6gqb", ResourcePath: "/{proxy+}", Stage: "live",
		},
	}
	compareGolden(t, goldenCase{sample: "the live capture",
		masked: append([]string{"requestContext/requestId", "requestContext/extendedRequestId", "requestContext/identity/sourceIp"},
			headerPaths(forwardedHeaders...)...),
		known: knownHeaders(whyTrace, "X-Amzn-Trace-Id")}, got, want)
}

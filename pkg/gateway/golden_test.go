package gateway

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// The golden tests replay the request a captured API Gateway event
// describes through the local gateway, on a model shaped after the same
// event (resource, stage, stage variables, ids), and compare the event the
// gateway hands the function or authorizer with the captured one, as JSON.
// Both go through aws-lambda-go's event type, as they would reach a Go
// handler on AWS. What cannot match (request ids, the caller's address,
// the scheme and port of the local listener) is masked on both sides, and
// every other difference is listed with its reason.

// goldenCase is one captured event and what the local gateway cannot
// reproduce of it.
type goldenCase struct {
	// sample is a file of aws-lambda-go's events/testdata.
	sample string
	// masked are JSON paths ("requestContext/requestId") whose values
	// cannot match; both sides must hold them.
	masked []string
	// known are JSON paths the local event leaves out or fills otherwise,
	// each with its reason; they are dropped from both sides.
	known map[string]string
}

// Header names added in front of API Gateway by CloudFront (edge-optimized
// endpoints). A regional API adds none of them (the live capture in the
// public repository hotsock/voker, vokerhttp/testdata/apigwv1-request.json,
// has none), and the local gateway is no CDN.
var cloudFrontHeaders = []string{"CloudFront-Forwarded-Proto", "CloudFront-Is-Desktop-Viewer", "CloudFront-Is-Mobile-Viewer",
	"CloudFront-Is-SmartTV-Viewer", "CloudFront-Is-Tablet-Viewer", "CloudFront-Viewer-Country", "Via", "X-Amz-Cf-Id"}

// forwardedHeaders are added by API Gateway's front; their values (the
// caller's address, https and 443) cannot match a local plain-HTTP
// listener, so they are masked, but the gateway must send them.
var forwardedHeaders = []string{"X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto"}

// headerPaths lists the JSON paths of names in both header maps.
func headerPaths(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, "headers/"+n, "multiValueHeaders/"+n)
	}
	return out
}

// knownHeaders gives every header name the same reason.
func knownHeaders(why string, names ...string) map[string]string {
	out := map[string]string{}
	for _, p := range headerPaths(names...) {
		out[p] = why
	}
	return out
}

// merged joins reason maps.
func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

const (
	whyCloudFront = "added by CloudFront in front of an edge-optimized API"
	// The sample's requestContext contradicts itself and live captures:
	// the live capture (hotsock/voker, apigwv1-request.json) has
	// domainName equal to the Host header and domainPrefix its first
	// label, the API id; TestProxyEventMatchesLiveCapture asserts that.
	whySampleDomain = "the sample's domainName names another region than its Host, and its domainPrefix is not its API id"
	whyNoIAM        = "needs IAM authorization or a Cognito identity pool, which the local gateway does not serve"
	whyNoMTLS       = "needs mutual TLS on a custom domain, which the local gateway does not serve"
	whyTrace        = "API Gateway adds an X-Ray trace header; the local gateway does not trace"
	// Live captures put the stage first in requestContext.path, which is
	// $context.path: hotsock/voker, apigwv1-request.json,
	// "/live/capture/space%20value"; LocalStack's AWS-validated
	// tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
	// "/stage/proxy-value". That an authorizer's requestContext.path has
	// the stage too is a guess from $context.path being one variable.
	whySampleStagePath = "the sample leaves the stage out of requestContext.path"
)

// proxyIdentityKnown are the identity fields the proxy samples fill with
// placeholders that need IAM authorization or identity pools.
func proxyIdentityKnown() map[string]string {
	out := map[string]string{}
	for _, k := range []string{"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "accessKey",
		"cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user"} {
		out["requestContext/identity/"+k] = whyNoIAM
	}
	return out
}

// TestProxyEventMatchesCapturedEvents replays aws-lambda-go's captured
// REST API proxy events (events/testdata/apigw-request.json and
// apigw-restapi-openapi-request.json) through a Lambda proxy integration
// behind a REQUEST authorizer that answers the sample's principal,
// context and usage identifier key.
func TestProxyEventMatchesCapturedEvents(t *testing.T) {
	masked := append([]string{"requestContext/requestId", "requestContext/extendedRequestId", "requestContext/identity/sourceIp"},
		headerPaths(forwardedHeaders...)...)
	known := merged(knownHeaders(whyCloudFront, cloudFrontHeaders...), proxyIdentityKnown(), map[string]string{
		"requestContext/domainName":   whySampleDomain,
		"requestContext/domainPrefix": whySampleDomain,
		"requestContext/path":         whySampleStagePath,
	})
	for _, c := range []goldenCase{
		{sample: "apigw-request.json", masked: masked,
			known: merged(known, map[string]string{"requestContext/identity/clientCert": whyNoMTLS})},
		{sample: "apigw-restapi-openapi-request.json", masked: masked, known: known},
	} {
		t.Run(c.sample, func(t *testing.T) {
			var want events.APIGatewayProxyRequest
			readSample(t, c.sample, &want)
			fx := goldenFixture{
				req: sampleRequest{method: want.HTTPMethod, path: want.Path, headers: want.MultiValueHeaders,
					query: want.MultiValueQueryStringParameters, body: want.Body},
				resource: want.Resource, resourceID: want.RequestContext.ResourceID, operation: want.RequestContext.OperationName,
				stage: want.RequestContext.Stage, stageVars: want.StageVariables,
				accountID: want.RequestContext.AccountID, apiID: want.RequestContext.APIID,
				now:        time.UnixMilli(want.RequestContext.RequestTimeEpoch),
				authorizer: want.RequestContext.Authorizer, apiKey: want.RequestContext.Identity.APIKey,
				apiKeyID: want.RequestContext.Identity.APIKeyID,
			}
			got, _ := fx.replay(t)
			compareGolden(t, c, got, want)
		})
	}
}

// TestAuthorizerEventMatchesCapturedEvent replays aws-lambda-go's captured
// REQUEST authorizer event (events/testdata/
// apigw-custom-auth-request-type-request.json) through a method with a
// REQUEST authorizer whose identity source is the sample's HeaderAuth1.
func TestAuthorizerEventMatchesCapturedEvent(t *testing.T) {
	c := goldenCase{sample: "apigw-custom-auth-request-type-request.json",
		masked: append([]string{"requestContext/requestId", "requestContext/identity/sourceIp",
			// The sample redacts it as "..."; locally it is the x-api-key
			// header, which the sample's request does not carry.
			"requestContext/identity/apiKey"},
			headerPaths(forwardedHeaders...)...),
		known: merged(knownHeaders(whyCloudFront, cloudFrontHeaders...), knownHeaders(whyTrace, "X-Amzn-Trace-Id"),
			map[string]string{"requestContext/identity/clientCert": whyNoMTLS, "requestContext/path": whySampleStagePath}),
	}
	var want events.APIGatewayCustomAuthorizerRequestTypeRequest
	readSample(t, c.sample, &want)
	arn := strings.Split(want.MethodArn, ":")
	fx := goldenFixture{
		req: sampleRequest{method: want.HTTPMethod, path: want.Path, headers: want.MultiValueHeaders,
			query: want.MultiValueQueryStringParameters},
		resource: want.Resource, resourceID: want.RequestContext.ResourceID, stage: want.RequestContext.Stage,
		stageVars: want.StageVariables, accountID: want.RequestContext.AccountID, apiID: want.RequestContext.APIID,
		// The clock is the sample's X-AMZ-Date; the event carries no time.
		region: arn[3], now: time.Date(2017, 7, 18, 6, 29, 15, 0, time.UTC), identityHeader: "HeaderAuth1",
		authorizer: map[string]any{"principalId": "user"},
	}
	_, got := fx.replay(t)
	compareGolden(t, c, got, want)
}

// Package gateway is a local Amazon API Gateway for REST APIs: it serves
// one stage of an apidef.Model over HTTP at /<stage>/..., the way
// execute-api does. The model comes from a loader (package cfn reads a
// synthesized CloudFormation template); the server knows nothing of where
// it came from. New takes the model and the local stand-ins for what it
// points at: Lambda functions invoked with JSON events (Lambda, or the
// in-process ProxyFunc and AuthorizerFunc, by the names the model gives
// them), a DynamoDB endpoint, an HTTP client, a mapping-template engine
// and Cognito token verifiers. A method whose integration or authorizer
// has no stand-in, or is of a kind the server does not run, answers 500
// {"message": "Internal server error"} and names why in its access-log
// lines (Server.Unsupported lists them); the other methods are served.
//
// Per request the Server runs API Gateway's stages in its order, each in
// its own file (docs/design.md draws them): parse the request (the URL,
// header and payload limits MaxURLLength, MaxHeaderBytes and MaxPayload:
// 414, 431 and 413, whatever the route), route (403 "Missing
// Authentication Token" when nothing matches), method request (the method
// ARN limit: 414 "Request URI too long" over MaxMethodARNBytes on a method
// with authorization; the authorizer, Lambda REQUEST or TOKEN with its TTL
// cache, or Cognito user pools; the API key and usage plan, throttle then quota; the
// request validator), integration request (the Lambda proxy event, which
// may not pass Lambda's MaxInvokePayload, or the mapping template with its
// requestParameters and request overrides), the integration (DynamoDB, a
// Lambda function as proxy or custom integration, HTTP, HTTP_PROXY, MOCK),
// integration response (selection, parameters, template, response
// overrides) and method response. A failing stage's error becomes the
// template's gateway response, or API Gateway's default.
//
// Every request writes one access-log line; tokens and API key values are
// never logged. The line splits the request's latencyMs into
// integrationLatencyMs (DynamoDB or the proxy function) and
// authorizerLatencyMs (the Lambda authorizer or the Cognito verification,
// 0 when none ran), with authorizerCache "hit", "miss" or "none";
// FlushAuthorizersCache empties the authorizer cache. With the logger at
// debug, each request also logs API Gateway's execution-log lines, secrets
// masked (trace.go).
//
// Routing splits the path as the client sent it, so %2F stays inside its
// segment, and integrations, authorizers and templates receive the path,
// the path parameters and $context.path still percent-encoded, as API
// Gateway hands them over; query parameters arrive decoded ('+' a space),
// the single-value maps holding the last of repeated values (see route.go
// for the evidence).
//
// The proxy and authorizer events carry the request's headers less
// Content-Length, plus Host and the X-Forwarded-For, -Port and -Proto
// headers of API Gateway's front, as captured events show (eventheaders.go);
// the CloudFront headers of edge-optimized APIs and X-Amzn-Trace-Id are
// not added. A method's OperationName is requestContext.operationName.
//
// Go's HTTP server canonicalizes header names, API Gateway passes them on
// as the client wrote them. Serving through a headercase.Listener with
// headercase.ConnContext as the http.Server's ConnContext gives the proxy
// and authorizer events the client's spelling; otherwise they carry Go's
// canonical names.
package gateway

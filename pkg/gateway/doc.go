// Package gateway is a local Amazon API Gateway for REST APIs: it reads a
// synthesized CloudFormation template and serves the API it declares over
// HTTP at /<stage>/..., the way execute-api does.
//
// Load parses the template and resolves the intrinsic functions CDK emits
// (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split) against local
// values; Build turns the result into a Model of one stage: the resource
// tree, methods, integrations, authorizers, models, validators, gateway
// responses, usage plans and API keys. New serves a Model, given the local
// stand-ins for what the template points at: in-process Lambda handlers
// (identified by the construct id in their aws:cdk:path metadata), a
// DynamoDB endpoint, a mapping-template engine and Cognito token verifiers.
//
// Per request the Server does what API Gateway does, in its order: the URL,
// header and payload limits (MaxURLLength, MaxHeaderBytes, MaxPayload: 414,
// 431 and 413, whatever the route), route (403 "Missing Authentication
// Token" when nothing matches), the method ARN limit (414 "Request URI too
// long" over 1,600 bytes on a method with authorization), authorizer
// (Lambda REQUEST with its TTL cache, or Cognito user pools), API key and
// usage plan (throttle, then quota), request validation, then the
// integration (AWS to DynamoDB through mapping templates, AWS_PROXY to a
// Lambda handler, whose event may not pass Lambda's MaxInvokePayload, or
// MOCK). Failures answer with the template's gateway
// responses, or API Gateway's defaults. Every request writes one access-log
// line; tokens and API key values are never logged. The line splits the
// request's latencyMs into integrationLatencyMs (DynamoDB or the proxy
// function) and authorizerLatencyMs (the Lambda authorizer or the Cognito
// verification, 0 when none ran), with authorizerCache "hit", "miss" or
// "none"; FlushAuthorizersCache empties the authorizer cache.
//
// Routing splits the path as the client sent it, so %2F stays inside its
// segment, and integrations, authorizers and templates receive the path,
// the path parameters and $context.path still percent-encoded, as API
// Gateway hands them over; query parameters arrive decoded ('+' a space),
// the single-value maps holding the last of repeated values (see route.go
// for the evidence).
//
// Go's HTTP server canonicalizes header names, API Gateway passes them on
// as the client wrote them. Serving through a PreserveHeaderCase listener
// with RecordHeaderCase as the http.Server's ConnContext gives the proxy
// and authorizer events the client's spelling; otherwise they carry Go's
// canonical names.
package gateway

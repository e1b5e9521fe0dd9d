// Package cfn loads an API Gateway REST API from a CloudFormation template
// in JSON or YAML (short-form intrinsics included), such as a CDK app's
// synthesized one or a hand-written one, into the plain model of package
// apidef that the gateway serves.
//
// Load parses the template and resolves its intrinsic functions (Ref,
// Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If with
// Conditions, Fn::FindInMap, Fn::Base64, Fn::GetAZs...) against local
// values: pseudo parameters, parameter values and synthetic physical ids
// (APIID). A resource whose Condition is false is left out. What cannot be
// resolved locally is kept as an unresolved value that surfaces only where
// it is used (Resource.Err), so a value the API never uses never stops it.
//
// Build turns the result into the apidef.Model of one stage: the resource
// tree (from AWS::ApiGateway::Resource and Method resources and/or an
// OpenAPI Body, read by package openapi), integrations, authorizers,
// models, validators, gateway responses, usage plans and API keys. The
// stage is an AWS::ApiGateway::Stage or a Deployment's StageName.
// Resources are found by type and by the references between them. Lambda
// functions and user pools are named in the model by the construct id of
// their aws:cdk:path metadata ("ItemsFunction", "UserPool"), else by their
// logical id, which is how the gateway's options give them local
// stand-ins. A method the local API cannot run is kept and marked
// (apidef.Method.Unsupported).
package cfn

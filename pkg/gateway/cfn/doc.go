// Package cfn loads an API Gateway REST API from a CloudFormation template
// in JSON, such as a CDK app's synthesized one, into the plain model of
// package apidef that the gateway serves.
//
// Load parses the template and resolves the intrinsic functions CDK emits
// (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split) against local
// values: pseudo parameters, parameter defaults and synthetic physical ids
// (APIID). Build turns the result into the apidef.Model of one stage: the
// resource tree, methods, integrations, authorizers, models, validators,
// gateway responses, usage plans and API keys. Lambda functions and user
// pools are named in the model by the construct id of their aws:cdk:path
// metadata ("ItemsFunction", "UserPool"), which is how the gateway's
// options give them local stand-ins.
package cfn

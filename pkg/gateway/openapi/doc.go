// Package openapi reads an OpenAPI 2.0 (Swagger) or 3.0 definition with
// API Gateway's x-amazon-apigateway-* extensions, as a RestApi's Body
// declares a REST API, into the parts of the apidef model it declares: the
// resource tree with its methods, integrations, authorizers, validators and
// models, the gateway responses, the API key source and the binary media
// types. The stage, usage plans and keys come from elsewhere (package cfn).
//
// The extensions follow the developer guide's "OpenAPI extensions to API
// Gateway" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html):
// x-amazon-apigateway-integration (its responses keyed by selection
// pattern, "default" for none), -request-validators and -request-validator,
// -gateway-responses, -api-key-source, -binary-media-types, -any-method,
// and x-amazon-apigateway-authorizer / -authtype on a security scheme
// (securityDefinitions in 2.0, components.securitySchemes in 3.0).
package openapi

// Package apidef is the plain model of one stage of an API Gateway REST
// API: resources, methods, integrations, authorizers, validators, gateway
// responses, usage plans and API keys. It holds data, and the few rules
// every loader shares (selection patterns, what the local API can run); a
// loader (package cfn for CloudFormation templates, package openapi for
// OpenAPI definitions) fills it, and the gateway's Server serves it.
// Nothing here knows where the model came from.
package apidef

import "time"

// Model is the REST API of one stage, as a Server serves it.
type Model struct {
	// APIID is the API's local id (Ref of the RestApi).
	APIID string
	// Name is the RestApi's Name property.
	Name string
	// APIKeySource is "HEADER" (x-api-key) or "AUTHORIZER" (the
	// authorizer's usageIdentifierKey).
	APIKeySource string
	// Stage is the stage served, and StageVariables its variables after
	// BuildOptions.StageVariables are applied.
	Stage          string
	StageVariables map[string]string
	// Root is the "/" resource.
	Root *Node
	// GatewayResponses by response type (DEFAULT_4XX, ACCESS_DENIED, ...).
	GatewayResponses map[string]*GatewayResponse
	// Plans are the usage plans that include this API and stage.
	Plans []*UsagePlan
	// APIKeys are every API key of the template, with their local values.
	APIKeys []*APIKey
	// BinaryMediaTypes are the RestApi's BinaryMediaTypes (or an OpenAPI
	// body's x-amazon-apigateway-binary-media-types), such as "image/png"
	// or "*/*".
	BinaryMediaTypes []string
	// Region, AccountID and Partition are where the API is taken to run:
	// they make the method ARN ("arn:<Partition>:execute-api:<Region>:
	// <AccountID>:<APIID>/<stage>/<METHOD>/<path>"), $context.accountId and
	// the execute-api host the URL limit counts. Partition "" means "aws".
	Region, AccountID, Partition string
}

// Node is one resource of the resource tree.
type Node struct {
	ID       string
	PathPart string // "items", "{id}", "{proxy+}"; "" for the root
	Path     string // the resource path, "/items/{id}"
	Children []*Node
	Methods  map[string]*Method // by HTTP method, "ANY" included
}

// Method is one method of a resource.
type Method struct {
	HTTPMethod   string
	ResourcePath string
	ResourceID   string
	// OperationName is the method's OperationName property ("" when
	// unset); the Lambda proxy event carries it as
	// requestContext.operationName.
	OperationName     string
	AuthorizationType string // NONE, CUSTOM, COGNITO_USER_POOLS, AWS_IAM
	Authorizer        *Authorizer
	APIKeyRequired    bool
	Validator         *Validator
	// RequestModels by content type.
	RequestModels map[string]*SchemaModel
	// RequestParameters: "method.request.querystring.limit" -> required.
	RequestParameters map[string]bool
	Integration       *Integration
	// Unsupported says why the local API cannot run this method (an
	// integration with another AWS service, a Lambda function the
	// template does not hold, an authorizer type it does not know, a value
	// of the method that did not resolve); empty when it can. The loaders
	// fill the rest of the method as far as they could: a server answers
	// an unsupported method with 500 {"message": "Internal server error"},
	// as API Gateway answers a broken integration, and keeps serving every
	// other method. Integration is never nil, Authorizer may be.
	Unsupported string
}

// Integration is a method's integration request and responses.
type Integration struct {
	Type string // AWS, AWS_PROXY, MOCK, HTTP, HTTP_PROXY
	URI  string // may hold ${stageVariables.x}
	// HTTPMethod is the integration's own HTTP method
	// (IntegrationHttpMethod; "POST" for AWS services and Lambda): the
	// method an HTTP or HTTP_PROXY integration calls its endpoint with
	// ("ANY" or "" means the method request's).
	HTTPMethod string
	// Service is the AWS service an AWS or AWS_PROXY URI names
	// ("dynamodb", "lambda", "sqs"), from
	// arn:<partition>:apigateway:<region>:<service>:...; "" otherwise.
	Service string
	// RequestParameters map integration request parameters to their
	// sources: "integration.request.header.X" (or querystring.X, path.X)
	// -> "method.request.header.Y" (querystring, path, multivalue...),
	// "'literal'", "context.X" or "stageVariables.X".
	RequestParameters map[string]string
	// Credentials is the role (ARN) API Gateway assumes to call the
	// integration; the local API signs with its own.
	Credentials string
	// ContentHandling is CONVERT_TO_TEXT, CONVERT_TO_BINARY or "".
	ContentHandling string
	// ConnectionType is INTERNET (or "") or VPC_LINK.
	ConnectionType      string
	RequestTemplates    map[string]string
	PassthroughBehavior string // WHEN_NO_MATCH (default), WHEN_NO_TEMPLATES, NEVER
	Responses           []*IntegrationResponse
	// Function is the id of the Lambda function an AWS_PROXY integration
	// (or an AWS integration with the lambda service) invokes: the
	// construct id of its aws:cdk:path, else its logical id.
	Function string
	Timeout  time.Duration
}

// IntegrationResponse maps integration answers whose status matches
// SelectionPattern to a method response. An empty pattern is the default.
type IntegrationResponse struct {
	SelectionPattern string
	StatusCode       int
	Templates        map[string]string
	// Parameters: "method.response.header.X" -> "'literal'",
	// "integration.response.header.Y", "method.request.*",
	// "context.*" or "stageVariables.*".
	Parameters map[string]string
	// Pattern is SelectionPattern compiled (CompilePattern); nil for the
	// default response.
	Pattern *Pattern
	// ContentHandling is CONVERT_TO_TEXT, CONVERT_TO_BINARY or "".
	ContentHandling string
}

// Authorizer is a REQUEST (Lambda) or COGNITO_USER_POOLS authorizer.
type Authorizer struct {
	ID   string
	Name string
	Type string // REQUEST, TOKEN, COGNITO_USER_POOLS
	// IdentitySources such as "method.request.header.Authorization".
	IdentitySources []string
	TTL             time.Duration
	// Function is the id of the Lambda function (REQUEST, TOKEN): the
	// construct id of its aws:cdk:path, else its logical id.
	Function string
	// IdentityValidationExpression is a TOKEN authorizer's regular
	// expression: a token it does not match is refused (401) without
	// calling the function.
	IdentityValidationExpression string
	// UserPools are the construct ids of the user pools (COGNITO_USER_POOLS).
	UserPools []string
}

// SchemaModel is a Model of the API: a JSON Schema for request bodies.
type SchemaModel struct {
	Name        string
	ContentType string
	Schema      []byte
}

// Validator is a RequestValidator.
type Validator struct {
	Name                      string
	ValidateRequestBody       bool
	ValidateRequestParameters bool
}

// GatewayResponse customizes one gateway response type.
type GatewayResponse struct {
	Type       string
	StatusCode int // 0 keeps the type's default
	Templates  map[string]string
	Parameters map[string]string // "gatewayresponse.header.X" -> "'value'"
}

// UsagePlan meters and limits the calls made with its keys.
type UsagePlan struct {
	ID   string
	Name string // UsagePlanName, else the construct id
	// Limits are the throttle (a token bucket of Rate per second and
	// Burst tokens; both 0 means none) and the quota (QuotaLimit calls per
	// QuotaPeriod, DAY, WEEK or MONTH; 0 means none).
	Limits
	Keys []*APIKey
}

// APIKey is an API key and its local value.
type APIKey struct {
	ID      string
	Name    string // Name property, else the construct id
	Value   string
	Enabled bool
}

// Limits are a usage plan's throttle and quota. Zero values mean none.
type Limits struct {
	Rate        float64 // requests per second
	Burst       int
	QuotaLimit  int
	QuotaPeriod string // DAY, WEEK or MONTH
}

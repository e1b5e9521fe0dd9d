package cost

// Option is a way to deploy the items API that a user deciding would weigh.
type Option string

// The options priced by Traffic.Bill.
const (
	// RESTDirect is this stack's direct path: a REST API whose VTL
	// templates call DynamoDB, no Lambda but the authorizer.
	RESTDirect Option = "rest-direct"
	// RESTLambda is this stack's Lambda path: the same REST API with a
	// Lambda proxy integration to the items function.
	RESTLambda Option = "rest-lambda"
	// HTTPLambda is an HTTP API in front of the same items function.
	HTTPLambda Option = "http-lambda"
	// FunctionURL is the items function behind its own function URL.
	FunctionURL Option = "function-url"
)

// Options returns every option, in the order reports use.
func Options() []Option { return []Option{RESTDirect, RESTLambda, HTTPLambda, FunctionURL} }

// GivesUp says what the option gives up against this stack's REST API,
// from the API Gateway developer guide's comparison of REST and HTTP APIs
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html)
// and Lambda's comparison of function URLs with API Gateway
// (https://docs.aws.amazon.com/lambda/latest/dg/apig-http-invoke-decision.html).
func (o Option) GivesUp() string {
	switch o {
	case RESTDirect:
		return "nothing of the gateway; PUT cannot echo the stored item, and every rule lives in VTL"
	case RESTLambda:
		return "nothing of the gateway; pays the Lambda request and duration on every call"
	case HTTPLambda:
		return "usage plans and API keys (no per-client quotas or throttles), the Cognito user-pool authorizer (a JWT authorizer instead), request validation by model, and VTL integrations to DynamoDB"
	case FunctionURL:
		return "every gateway feature: no API keys, usage plans, authorizers (IAM or none; the function verifies tokens itself), request validation, throttling per client, stages or custom domains"
	default:
		return "unknown option"
	}
}

// usesGateway reports the per-request gateway price the option pays: REST,
// HTTP or none.
func (o Option) gateway() string {
	switch o {
	case RESTDirect, RESTLambda:
		return "rest"
	case HTTPLambda:
		return "http"
	default:
		return ""
	}
}

// runsItems reports whether every request invokes the items function.
func (o Option) runsItems() bool { return o != RESTDirect }

// hasLambdaAuthorizer reports whether the option bills the REQUEST
// authorizer (the REST options; an HTTP API's JWT authorizer and a function
// URL's IAM auth are not billed per request).
func (o Option) hasLambdaAuthorizer() bool { return o == RESTDirect || o == RESTLambda }

package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"

	"apigwdirect/pkg/vtl"
)

// ProxyFunc is an in-process Lambda function behind an AWS_PROXY
// integration, such as the items handler's Handle method.
type ProxyFunc func(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)

// AuthorizerFunc is an in-process Lambda REQUEST authorizer. Returning an
// error whose text is "Unauthorized" makes the gateway answer 401.
type AuthorizerFunc func(ctx context.Context, req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error)

// TokenVerifier checks a Cognito ID token for a COGNITO_USER_POOLS
// authorizer and returns its claims. The token it gets is never empty and
// carries no "Bearer " prefix: the gateway removes one first, as API Gateway
// does.
type TokenVerifier interface {
	Verify(ctx context.Context, token string) (map[string]any, error)
}

// TemplateEngine renders API Gateway mapping templates (VTL).
type TemplateEngine interface {
	// Render renders src, named name for error messages, against env and
	// returns the output and what the template set through
	// $context.responseOverride and $context.requestOverride.
	Render(ctx context.Context, name, src string, env *vtl.Env) (string, vtl.Overrides, error)
}

// DynamoDB locates the DynamoDB endpoint AWS integrations call.
type DynamoDB struct {
	// Endpoint is the base URL, for example a dynalite server's.
	Endpoint string
	// Region signs the requests; defaults to the template's region.
	Region string
	// Credentials sign the requests (SigV4); nil means static local ones.
	Credentials aws.CredentialsProvider
	// Client sends the requests; nil means a client with sane timeouts.
	Client *http.Client
}

// Options are the local stand-ins for what the template points at.
type Options struct {
	// Functions are AWS_PROXY targets by construct id ("ItemsFunction").
	Functions map[string]ProxyFunc
	// Authorizers are Lambda authorizers by construct id ("AuthorizerFunction").
	Authorizers map[string]AuthorizerFunc
	// Lambdas are functions invoked with JSON events, by construct id: the
	// targets of AWS_PROXY and Lambda AWS integrations and of TOKEN and
	// REQUEST authorizers. A function here wins over one of the same id in
	// Functions or Authorizers.
	Lambdas map[string]Lambda
	// HTTPClient sends HTTP and HTTP_PROXY integration requests; nil means
	// a client that follows no redirects.
	HTTPClient *http.Client
	// UserPools are token verifiers by user-pool construct id ("UserPool").
	UserPools map[string]TokenVerifier
	// Templates renders mapping templates; required when the API has AWS or
	// MOCK integrations with templates. (Gateway-response templates are plain
	// substitution and need no engine.)
	Templates TemplateEngine
	// DynamoDB is where AWS integrations with the dynamodb service go.
	DynamoDB DynamoDB
	// Logger receives one access-log line per request; nil discards.
	Logger *slog.Logger
	// Now is the clock for throttling, quotas and the authorizer cache;
	// nil means time.Now.
	Now func() time.Time
	// MaxPayload is the request body limit; 0 means 10 MB, API Gateway's.
	MaxPayload int64
}

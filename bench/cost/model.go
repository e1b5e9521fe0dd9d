package cost

import (
	"errors"
	"fmt"
)

// Path is how API Gateway reaches DynamoDB.
type Path string

// The two paths.
const (
	Direct Path = "direct" // AWS integration with VTL templates, no Lambda
	Lambda Path = "lambda" // Lambda proxy integration to the items function
)

// Authorizer is a Lambda authorizer in front of a route, with API
// Gateway's result cache.
type Authorizer struct {
	Function
	// CacheHitRatio is the share of requests answered from the authorizer
	// cache, 0 to 1; only the rest invoke the function.
	CacheHitRatio float64
}

// Request is what one request of a route costs to serve, in billable units.
type Request struct {
	// Route names the route, e.g. "create".
	Route string
	// Path is the integration that serves it.
	Path Path
	// Items is the items function, nil on the direct path.
	Items *Function
	// Authorizer is the Lambda authorizer, nil when the route has none (API
	// keys and Cognito user-pool authorizers are not billed per request).
	Authorizer *Authorizer
	// Dynamo is the DynamoDB call the route makes.
	Dynamo Op
}

// Breakdown is the cost of one million requests of one route and path, in
// USD, by what bills it.
type Breakdown struct {
	Route string
	Path  Path

	APIGateway         float64
	LambdaRequests     float64
	LambdaDuration     float64
	AuthorizerRequests float64
	AuthorizerDuration float64
	DynamoDBWrites     float64
	DynamoDBReads      float64
}

// Total is the sum of all parts.
func (b Breakdown) Total() float64 {
	return b.APIGateway + b.LambdaRequests + b.LambdaDuration + b.AuthorizerRequests +
		b.AuthorizerDuration + b.DynamoDBWrites + b.DynamoDBReads
}

// PerMillion prices one million requests r at prices p.
func PerMillion(p Prices, r Request) (Breakdown, error) {
	if err := p.Validate(); err != nil {
		return Breakdown{}, err
	}
	b := Breakdown{Route: r.Route, Path: r.Path, APIGateway: p.APIGatewayPerMillion}
	if (r.Path == Lambda) != (r.Items != nil) {
		return Breakdown{}, fmt.Errorf("cost: %s/%s: the items function must be set exactly on the lambda path", r.Route, r.Path)
	}
	if r.Items != nil {
		if err := r.Items.Validate(); err != nil {
			return Breakdown{}, fmt.Errorf("cost: %s/%s items function: %w", r.Route, r.Path, err)
		}
		b.LambdaRequests = p.LambdaRequestsPerMillion
		// GB-seconds per request times a million requests.
		b.LambdaDuration = r.Items.GBSeconds() * 1e6 * p.LambdaGBSecond
	}
	if a := r.Authorizer; a != nil {
		if err := a.Validate(); err != nil {
			return Breakdown{}, fmt.Errorf("cost: %s/%s authorizer: %w", r.Route, r.Path, err)
		}
		if a.CacheHitRatio < 0 || a.CacheHitRatio > 1 {
			return Breakdown{}, errors.New("cost: authorizer cache hit ratio must be within 0..1")
		}
		miss := 1 - a.CacheHitRatio
		b.AuthorizerRequests = miss * p.LambdaRequestsPerMillion
		b.AuthorizerDuration = miss * a.GBSeconds() * 1e6 * p.LambdaGBSecond
	}
	w, rd, err := r.Dynamo.Units()
	if err != nil {
		return Breakdown{}, fmt.Errorf("cost: %s/%s: %w", r.Route, r.Path, err)
	}
	b.DynamoDBWrites = w * p.WriteUnitsPerMillion
	b.DynamoDBReads = rd * p.ReadUnitsPerMillion
	return b, nil
}

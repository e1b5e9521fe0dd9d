// Package floor names the cold-start floors the init benchmark measures the
// functions against: minimal Lambda functions, one per function, that import
// only aws-lambda-go and the AWS service clients the function uses, and build
// those clients directly from their Options (no shared-config loading). What
// a function initialises beyond its floor is its own cost.
package floor

// Items is the floor of functions/items: a DynamoDB client.
const Items = "apigwdirect/bench/internal/floor/items"

// Authorizer is the floor of functions/authorizer: an API Gateway client.
const Authorizer = "apigwdirect/bench/internal/floor/authorizer"

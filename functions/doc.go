// Package functions holds the project's Lambda functions, one command per
// directory: items (the Lambda path's proxy handler) and authorizer (the
// REQUEST authorizer). Its test builds both the way `make build` does.
package functions

package gateway

import (
	"context"
	"net/http"
)

// integration calls what a method's integration points at (DynamoDB,
// a Lambda function, nothing for MOCK) with the integration request.
type integration interface {
	invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error)
}

// integrationResult is an integration's answer.
type integrationResult struct {
	status  int
	headers http.Header
	body    []byte
	// proxied answers are the method response as they are (AWS_PROXY,
	// HTTP_PROXY): no integration response maps them.
	proxied bool
	// selector, when set, is what the integration responses' selection
	// patterns match instead of the status (a Lambda function's
	// errorMessage, lambda.go).
	selector *string
}

// newIntegrations are the server's integrations by integration type.
func (s *Server) newIntegrations() map[string]integration {
	client := s.opts.HTTPClient
	if client == nil {
		client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	return map[string]integration{
		"AWS": awsService{
			dynamodb: newDynamoDB(s.opts.DynamoDB, s.model.Region, s.now, s.logger),
			lambda:   &lambdaCustom{lambdas: s.lambdas, now: s.now, logger: s.logger},
		},
		"AWS_PROXY":  &lambdaProxy{lambdas: s.lambdas, now: s.now, logger: s.logger},
		"HTTP":       &httpIntegration{client: client, now: s.now, logger: s.logger},
		"HTTP_PROXY": &httpIntegration{client: client, now: s.now, logger: s.logger, proxy: true},
		"MOCK":       mock{},
	}
}

// awsService is the AWS integration: a Lambda function when the URI names
// one of the template, else a DynamoDB action.
type awsService struct {
	dynamodb integration
	lambda   integration
}

func (a awsService) invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	if inv.method.Integration.Function != "" {
		return a.lambda.invoke(ctx, inv, req)
	}
	return a.dynamodb.invoke(ctx, inv, req)
}

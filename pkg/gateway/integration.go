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
	// proxied answers are the method response as they are (AWS_PROXY):
	// no integration response maps them.
	proxied bool
}

// newIntegrations are the server's integrations by integration type.
func (s *Server) newIntegrations() map[string]integration {
	return map[string]integration{
		"AWS":       newDynamoDB(s.opts.DynamoDB, s.model.Region, s.now, s.logger),
		"AWS_PROXY": &lambdaProxy{functions: s.opts.Functions, now: s.now, logger: s.logger},
		"MOCK":      mock{},
	}
}

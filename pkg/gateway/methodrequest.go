package gateway

import (
	"context"
	"fmt"
)

// methodRequest is API Gateway's method request stage, in its order: the
// method ARN limit, the authorizer, the API key and usage plan, the
// request validator.
func (s *Server) methodRequest(ctx context.Context, inv *invocation) error {
	if err := s.checkMethodARN(inv); err != nil {
		return err
	}
	if err := s.authorize(ctx, inv); err != nil {
		return err
	}
	if err := s.meter(inv); err != nil {
		return err
	}
	return s.validate(inv)
}

// methodARN is the ARN of the method being called, as API Gateway hands it
// to authorizers: arn:partition:execute-api:region:account:apiId/stage/METHOD/path,
// the path percent-encoded as sent.
func (s *Server) methodARN(inv *invocation) string {
	partition := s.model.Partition
	if partition == "" {
		partition = "aws"
	}
	return fmt.Sprintf("arn:%s:execute-api:%s:%s:%s/%s/%s%s", partition, s.model.Region, s.model.AccountID,
		s.model.APIID, s.model.Stage, inv.r.Method, eventPath(inv.path))
}

// MaxMethodARNBytes is API Gateway's limit on the method ARN of a method
// with authorization: a longer one answers 414 "Request URI too long"
// (developer guide, "Amazon API Gateway quotas",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
const MaxMethodARNBytes = 1600

// checkMethodARN answers 414 {"message":"Request URI too long"} for a method
// with authorization whose method ARN is over MaxMethodARNBytes. The status
// and message are the quotas page's; that API Gateway renders them through
// DEFAULT_4XX, so that the body is {"message": ...} like its other errors,
// and checks before running the authorizer, are guesses.
func (s *Server) checkMethodARN(inv *invocation) error {
	if inv.method.AuthorizationType == "NONE" || len(s.methodARN(inv)) <= MaxMethodARNBytes {
		return nil
	}
	return &gatewayError{Type: "DEFAULT_4XX", Status: 414, Message: ptr("Request URI too long")}
}

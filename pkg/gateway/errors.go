package gateway

import (
	"context"
	"errors"
	"net/http"
)

// Gateway response types the server produces.
const (
	MissingAuthenticationToken = "MISSING_AUTHENTICATION_TOKEN"
	InvalidAPIKey              = "INVALID_API_KEY"
	Unauthorized               = "UNAUTHORIZED"
	AccessDenied               = "ACCESS_DENIED"
	Throttled                  = "THROTTLED"
	QuotaExceeded              = "QUOTA_EXCEEDED"
	BadRequestBody             = "BAD_REQUEST_BODY"
	BadRequestParameters       = "BAD_REQUEST_PARAMETERS"
	RequestTooLarge            = "REQUEST_TOO_LARGE"
	UnsupportedMediaType       = "UNSUPPORTED_MEDIA_TYPE"
	AuthorizerConfiguration    = "AUTHORIZER_CONFIGURATION_ERROR"
	AuthorizerFailure          = "AUTHORIZER_FAILURE"
	APIConfigurationError      = "API_CONFIGURATION_ERROR"
	IntegrationFailure         = "INTEGRATION_FAILURE"
	IntegrationTimeout         = "INTEGRATION_TIMEOUT"
)

// gatewayError is a failure of a stage that API Gateway answers with a
// gateway response of Type (gatewayresponse.go renders it).
type gatewayError struct {
	Type string
	// Message is $context.error.message; nil renders as JSON null.
	Message *string
	// Validation is $context.error.validationErrorString.
	Validation string
	// Status overrides the type's default status (for example 502 for a
	// malformed Lambda proxy response).
	Status int
}

func (e *gatewayError) Error() string {
	if e.Message == nil {
		return e.Type
	}
	return e.Type + ": " + *e.Message
}

func gwErr(typ, msg string) *gatewayError { return &gatewayError{Type: typ, Message: &msg} }

func ptr(s string) *string { return &s }

// fixedAnswer is a failure API Gateway answers with a response of its own
// that no gateway response can change (the URL, header and payload
// limits, a Lambda event over the invoke limit).
type fixedAnswer struct{ resp *response }

func (e *fixedAnswer) Error() string { return http.StatusText(e.resp.Status) }

// response is what the server writes back.
type response struct {
	Status  int
	Headers http.Header
	Body    []byte
}

// answer is the one place a stage's failure becomes the response: a
// gatewayError through the API's gateway responses, a fixedAnswer as it
// is, anything else (a bug) as API Gateway's 500.
func (s *Server) answer(ctx context.Context, inv *invocation, err error) *response {
	inv.servedBy = "gateway"
	var fixed *fixedAnswer
	if errors.As(err, &fixed) {
		return fixed.resp
	}
	var ge *gatewayError
	if !errors.As(err, &ge) {
		s.logger.ErrorContext(ctx, "request failed", "requestId", inv.requestID, "error", err.Error())
		ge = gwErr(APIConfigurationError, "Internal server error")
	}
	return s.gatewayResponse(inv, ge)
}

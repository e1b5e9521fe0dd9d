package authorizer

import (
	"errors"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

var errAmbiguousHeader = errors.New("header sent more than once with different values")

// singleHeader returns the value of the named header, matched without
// regard to case in both Headers and MultiValueHeaders. It returns "" when
// the header is absent and errAmbiguousHeader when it carries two different
// values, which would leave it unclear which credential API Gateway meant.
func singleHeader(req *events.APIGatewayCustomAuthorizerRequestTypeRequest, name string) (string, error) {
	var value string
	seen := false
	add := func(v string) error {
		if seen && v != value {
			return errAmbiguousHeader
		}
		value, seen = v, true
		return nil
	}
	for k, v := range req.Headers {
		if strings.EqualFold(k, name) {
			if err := add(v); err != nil {
				return "", err
			}
		}
	}
	for k, vs := range req.MultiValueHeaders {
		if !strings.EqualFold(k, name) {
			continue
		}
		for _, v := range vs {
			if err := add(v); err != nil {
				return "", err
			}
		}
	}
	return value, nil
}

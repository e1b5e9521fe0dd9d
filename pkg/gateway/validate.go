package gateway

import (
	"errors"
	"sort"
	"strings"

	"apigwdirect/pkg/apimodel"
)

// validate applies the method's request validator: required parameters
// (400 BAD_REQUEST_PARAMETERS) and the body against the model for its
// content type (400 BAD_REQUEST_BODY, the reasons in
// $context.error.validationErrorString, worded by package apimodel as API
// Gateway words them).
func (s *Server) validate(inv *invocation) error {
	v := inv.method.Validator
	if v == nil {
		return nil
	}
	if v.ValidateRequestParameters {
		var missing []string
		for p, required := range inv.method.RequestParameters {
			if required && inv.resolve(p) == "" {
				missing = append(missing, p[strings.LastIndex(p, ".")+1:])
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return gwErr(BadRequestParameters, "Missing required request parameters: ["+strings.Join(missing, ", ")+"]")
		}
	}
	if !v.ValidateRequestBody {
		return nil
	}
	sm := inv.method.RequestModels[inv.contentType()]
	if sm == nil {
		sm = inv.method.RequestModels["$default"]
	}
	if sm == nil {
		return nil
	}
	if _, err := s.schemas[sm].Check(inv.body); err != nil {
		e := gwErr(BadRequestBody, "Invalid request body")
		var f *apimodel.Failure
		if errors.As(err, &f) {
			e.Validation = f.ValidationErrorString()
		}
		return e
	}
	return nil
}

package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// compileSchema compiles a model's schema; without a $schema keyword it is
// read as draft-04, the dialect API Gateway models use.
func compileSchema(sm *SchemaModel) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sm.Schema))
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", sm.Name, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	url := "model:///" + sm.Name
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("model %s: %w", sm.Name, err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", sm.Name, err)
	}
	return sch, nil
}

// validate applies the method's request validator: required parameters
// (400 BAD_REQUEST_PARAMETERS) and the body against the model for its
// content type (400 BAD_REQUEST_BODY, the reasons in
// $context.error.validationErrorString).
func (s *Server) validate(c *call) *gatewayError {
	v := c.method.Validator
	if v == nil {
		return nil
	}
	if v.ValidateRequestParameters {
		var missing []string
		for p, required := range c.method.RequestParameters {
			if required && s.paramValue(c, p) == "" {
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
	sm := c.method.RequestModels[c.contentType()]
	if sm == nil {
		sm = c.method.RequestModels["$default"]
	}
	if sm == nil {
		return nil
	}
	bad := func(reason string) *gatewayError {
		e := gwErr(BadRequestBody, "Invalid request body")
		e.Validation = "[" + reason + "]"
		return e
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(c.body))
	if err != nil {
		return bad("the request body is not valid JSON")
	}
	if err := s.schemas[sm].Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return bad(strings.Join(leafMessages(ve), "; "))
		}
		return bad(err.Error())
	}
	return nil
}

// leafMessages lists the innermost reasons of a validation error, each
// prefixed with the JSON pointer of the offending value.
func leafMessages(ve *jsonschema.ValidationError) []string {
	if len(ve.Causes) == 0 {
		loc := "/" + strings.Join(ve.InstanceLocation, "/")
		return []string{fmt.Sprintf("%s: %s", loc, ve.ErrorKind.LocalizedString(message.NewPrinter(language.English)))}
	}
	var out []string
	for _, c := range ve.Causes {
		out = append(out, leafMessages(c)...)
	}
	return out
}

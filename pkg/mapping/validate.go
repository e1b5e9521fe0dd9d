package mapping

import (
	"encoding/json"
	"fmt"

	"apigwdirect/pkg/apimodel"
)

// Validator checks request bodies against the item schema. Build one with
// NewValidator and share it: it is safe for concurrent use.
type Validator struct {
	schema  *apimodel.Model // the create model, Schema()
	replace *apimodel.Model // the replace model, ReplaceSchema()
}

// NewValidator compiles the embedded item schema and its replace variant.
func NewValidator() (*Validator, error) {
	sch, err := apimodel.Compile("item.schema.json", schemaJSON)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	rep, err := apimodel.Compile("item.replace.schema.json", ReplaceSchema())
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return &Validator{schema: sch, replace: rep}, nil
}

// Validate does what API Gateway's request validator does for a route with
// a body: the body must be one JSON value valid against the route's model,
// Schema() for RouteCreate and ReplaceSchema() for RouteReplace. Other routes
// have no model and accept anything. A failure is an *InputError whose
// message is API Gateway's BAD_REQUEST_BODY message in this project, "Invalid
// request body: " and $context.error.validationErrorString as API Gateway
// words it (see package apimodel), so the Lambda path answers the direct
// path's 400 word for word. DynamoDB's limits are not checked here.
func (v *Validator) Validate(r Route, body []byte) error {
	switch r {
	case RouteCreate:
		_, err := check(v.schema, body)
		return err
	case RouteReplace:
		_, err := check(v.replace, body)
		return err
	default:
		return nil
	}
}

// ParseItem parses a create request body: one JSON object valid against the
// item schema, of at most MaxBodyBytes, whose ID CheckID accepts, and within
// DynamoDB's limits, in that order (the order create.request.vtl checks
// them). Any failure is an
// *InputError whose message starts with "Invalid request body".
func (v *Validator) ParseItem(body []byte) (Item, error) {
	doc, err := check(v.schema, body)
	if err != nil {
		return Item{}, err
	}
	if err := checkBodySize(body); err != nil {
		return Item{}, err
	}
	it := itemFromDoc(doc.(map[string]any))
	if err := CheckID(it.ID); err != nil {
		return Item{}, err
	}
	if err := CheckLimits(it); err != nil {
		return Item{}, err
	}
	return it, nil
}

// ParseReplacement parses a replace request body for the item whose path id
// is id (already decoded, see DecodePathID), in the order the direct path
// checks it: the body against ReplaceSchema (ID optional), its size
// (MaxBodyBytes), then a body ID must equal id, then CheckID(id), then
// DynamoDB's limits. Failures are
// *InputErrors.
func (v *Validator) ParseReplacement(body []byte, id string) (Item, error) {
	doc, err := check(v.replace, body)
	if err != nil {
		return Item{}, err
	}
	if err := checkBodySize(body); err != nil {
		return Item{}, err
	}
	obj := doc.(map[string]any)
	if got, ok := obj[AttrID]; ok && got != id {
		return Item{}, inputErr("Invalid request body: ID must equal the id in the path", nil)
	}
	if err := CheckID(id); err != nil {
		return Item{}, err
	}
	obj[AttrID] = id
	it := itemFromDoc(obj)
	if err := CheckLimits(it); err != nil {
		return Item{}, err
	}
	return it, nil
}

// checkBodySize refuses a body over MaxBodyBytes (bodylimit.vtl on the
// direct path).
func checkBodySize(body []byte) error {
	if len(body) > MaxBodyBytes {
		return inputErr(fmt.Sprintf("Invalid request body: the body is %d bytes, above the %d that keep a Lambda event under 6 MB", len(body), MaxBodyBytes), nil)
	}
	return nil
}

// check decodes and validates body against m, failures as *InputErrors
// carrying API Gateway's message.
func check(m *apimodel.Model, body []byte) (any, error) {
	doc, err := m.Check(body)
	if err != nil {
		return nil, inputErr(err.Error(), err)
	}
	return doc, nil
}

// itemFromDoc converts a schema-valid document to an Item.
func itemFromDoc(obj map[string]any) Item {
	it := Item{
		ID:        obj[AttrID].(string),
		FirstName: obj[AttrFirstName].(string),
		Age:       obj[AttrAge].(json.Number),
	}
	for k, val := range obj {
		switch k {
		case AttrID, AttrFirstName, AttrAge:
			continue
		}
		if it.Extra == nil {
			it.Extra = make(map[string]string, len(obj)-3)
		}
		it.Extra[k] = val.(string)
	}
	return it
}

// MustNewValidator is NewValidator for callers that cannot go on without it;
// it panics only if the embedded schema is broken, which tests rule out.
func MustNewValidator() *Validator {
	v, err := NewValidator()
	if err != nil {
		panic(err)
	}
	return v
}

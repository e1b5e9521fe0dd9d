package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Validator checks request bodies against the item schema. Build one with
// NewValidator and share it: it is safe for concurrent use.
type Validator struct {
	schema  *jsonschema.Schema // the create model, Schema()
	replace *jsonschema.Schema // the replace model, ReplaceSchema()
	printer *message.Printer
}

// NewValidator compiles the embedded item schema and its replace variant.
func NewValidator() (*Validator, error) {
	sch, err := compileSchema("item.schema.json", schemaJSON)
	if err != nil {
		return nil, err
	}
	rep, err := compileSchema("item.replace.schema.json", ReplaceSchema())
	if err != nil {
		return nil, err
	}
	return &Validator{schema: sch, replace: rep, printer: message.NewPrinter(language.English)}, nil
}

func compileSchema(name string, src []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("mapping: parse %s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	loc := "mem://apigwdirect/" + name
	if err := c.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("mapping: add %s: %w", name, err)
	}
	sch, err := c.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("mapping: compile %s: %w", name, err)
	}
	return sch, nil
}

// Validate does what API Gateway's request validator does for a route with
// a body: the body must be one JSON value valid against the route's model,
// Schema() for RouteCreate and ReplaceSchema() for RouteReplace. Other routes
// have no model and accept anything. Failures are *InputErrors starting
// with "Invalid request body". DynamoDB's limits are not checked here.
func (v *Validator) Validate(r Route, body []byte) error {
	var sch *jsonschema.Schema
	switch r {
	case RouteCreate:
		sch = v.schema
	case RouteReplace:
		sch = v.replace
	default:
		return nil
	}
	doc, err := decodeBody(body)
	if err != nil {
		return err
	}
	return v.check(sch, doc)
}

// ParseItem parses a create request body: one JSON object valid against the
// item schema, whose ID CheckID accepts, and within DynamoDB's limits, in
// that order (the order create.request.vtl checks them). Any failure is an
// *InputError whose message starts with "Invalid request body".
func (v *Validator) ParseItem(body []byte) (Item, error) {
	doc, err := decodeBody(body)
	if err != nil {
		return Item{}, err
	}
	return v.validated(doc)
}

// ParseReplacement parses a replace request body for the item whose path id
// is id (already decoded, see DecodePathID), in the order the direct path
// checks it: the body against ReplaceSchema (ID optional), then a body ID
// must equal id, then CheckID(id), then DynamoDB's limits. Failures are
// *InputErrors.
func (v *Validator) ParseReplacement(body []byte, id string) (Item, error) {
	doc, err := decodeBody(body)
	if err != nil {
		return Item{}, err
	}
	if err := v.check(v.replace, doc); err != nil {
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

// check validates doc against sch, as an *InputError.
func (v *Validator) check(sch *jsonschema.Schema, doc any) error {
	if err := sch.Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return inputErr("Invalid request body: "+v.describe(ve), err)
		}
		return inputErr("Invalid request body", err)
	}
	return nil
}

func (v *Validator) validated(doc any) (Item, error) {
	if err := v.check(v.schema, doc); err != nil {
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

// describe lists the leaf failures of a validation error, one per location,
// in a stable order: "/Age: got string, want number; ...".
func (v *Validator) describe(ve *jsonschema.ValidationError) string {
	var msgs []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			msgs = append(msgs, pointer(e.InstanceLocation)+": "+e.ErrorKind.LocalizedString(v.printer))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(msgs)
	return strings.Join(msgs, "; ")
}

// pointer renders an instance location as a JSON Pointer, "/" for the root.
func pointer(tokens []string) string {
	if len(tokens) == 0 {
		return "/"
	}
	var sb strings.Builder
	r := strings.NewReplacer("~", "~0", "/", "~1")
	for _, t := range tokens {
		sb.WriteByte('/')
		sb.WriteString(r.Replace(t))
	}
	return sb.String()
}

// decodeBody decodes exactly one JSON value, keeping numbers' text.
func decodeBody(body []byte) (any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, inputErr("Invalid request body: a JSON object is required", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, inputErr("Invalid request body: not valid JSON", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, inputErr("Invalid request body: unexpected data after the JSON value", err)
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

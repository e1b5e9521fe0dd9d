package apimodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
)

// schema is one compiled schema object. Absent keywords are zero values
// (nil pointers, nil slices).
type schema struct {
	types         []string // allowed type names in the library's order; nil: no "type"
	enum          []any
	hasEnum       bool
	required      []string // in Java order
	properties    map[string]*schema
	patternProps  []patternSchema
	additional    *schema // additionalProperties as a schema
	noAdditional  bool    // additionalProperties: false
	minProps      *int
	maxProps      *int
	minLength     *int
	maxLength     *int
	pattern       *regexp.Regexp
	minimum       *json.Number
	maximum       *json.Number
	exclusiveMin  bool
	exclusiveMax  bool
	minItems      *int
	maxItems      *int
	uniqueItems   bool
	items         *schema   // items as one schema
	itemList      []*schema // items as an array of schemas
	addItems      *schema   // additionalItems as a schema
	noAddItems    bool      // additionalItems: false
	allOf, anyOf  []*schema
	oneOf         []*schema
	not           *schema
	hasObjectKeys bool // properties, patternProperties or additionalProperties present
}

// patternSchema is one patternProperties entry.
type patternSchema struct {
	src string
	re  *regexp.Regexp
	s   *schema
}

// typeOrder is the order in which the Java library lists allowed types.
var typeOrder = []string{"array", "boolean", "integer", "null", "number", "object", "string"}

// unsupported are draft-4 keywords this package does not implement. format
// is not among them: it is accepted and not checked (see the package doc).
var unsupported = map[string]bool{"$ref": true, "multipleOf": true, "dependencies": true}

// Model is a compiled API Gateway model. It is safe for concurrent use.
type Model struct {
	name string
	root *schema
}

// Compile reads a model's schema (a draft-4 JSON Schema; $schema, id, title,
// description and default are ignored). It fails on invalid JSON, a malformed
// keyword, or a keyword listed in the package comment as unsupported, naming
// the model and the keyword's location.
func Compile(name string, src []byte) (*Model, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("apimodel: model %s: %w", name, err)
	}
	root, err := compile(doc, "#")
	if err != nil {
		return nil, fmt.Errorf("apimodel: model %s: %w", name, err)
	}
	return &Model{name: name, root: root}, nil
}

func compile(doc any, at string) (*schema, error) {
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be a JSON object", at)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := &schema{}
	for _, k := range keys {
		if unsupported[k] {
			return nil, fmt.Errorf("%s: keyword %q is not supported by the local validator", at, k)
		}
		if err := s.set(k, obj[k], at+"/"+k); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// set compiles one keyword into s.
func (s *schema) set(k string, v any, at string) error {
	var err error
	switch k {
	case "type":
		s.types, err = compileTypes(v, at)
	case "enum":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return fmt.Errorf("%s: must be a non-empty array", at)
		}
		s.enum, s.hasEnum = list, true
	case "required":
		s.required, err = compileStrings(v, at)
		sortJava(s.required)
	case "properties":
		s.hasObjectKeys = true
		s.properties, err = compileMap(v, at)
	case "patternProperties":
		s.hasObjectKeys = true
		err = s.compilePatternProps(v, at)
	case "additionalProperties":
		s.hasObjectKeys = true
		s.additional, s.noAdditional, err = compileBoolOrSchema(v, at)
	case "minProperties":
		s.minProps, err = compileCount(v, at)
	case "maxProperties":
		s.maxProps, err = compileCount(v, at)
	case "minLength":
		s.minLength, err = compileCount(v, at)
	case "maxLength":
		s.maxLength, err = compileCount(v, at)
	case "pattern":
		s.pattern, err = compileRegexp(v, at)
	case "minimum":
		s.minimum, err = compileNumber(v, at)
	case "maximum":
		s.maximum, err = compileNumber(v, at)
	case "exclusiveMinimum":
		s.exclusiveMin, err = compileBool(v, at)
	case "exclusiveMaximum":
		s.exclusiveMax, err = compileBool(v, at)
	case "minItems":
		s.minItems, err = compileCount(v, at)
	case "maxItems":
		s.maxItems, err = compileCount(v, at)
	case "uniqueItems":
		s.uniqueItems, err = compileBool(v, at)
	case "items":
		if list, ok := v.([]any); ok {
			s.itemList, err = compileList(list, at)
		} else {
			s.items, err = compile(v, at)
		}
	case "additionalItems":
		s.addItems, s.noAddItems, err = compileBoolOrSchema(v, at)
	case "allOf":
		s.allOf, err = compileSchemaArray(v, at)
	case "anyOf":
		s.anyOf, err = compileSchemaArray(v, at)
	case "oneOf":
		s.oneOf, err = compileSchemaArray(v, at)
	case "not":
		s.not, err = compile(v, at)
	}
	return err
}

func compileTypes(v any, at string) ([]string, error) {
	var names []string
	switch x := v.(type) {
	case string:
		names = []string{x}
	case []any:
		for _, e := range x {
			n, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%s: type names must be strings", at)
			}
			names = append(names, n)
		}
	default:
		return nil, fmt.Errorf("%s: must be a string or an array of strings", at)
	}
	set := map[string]bool{}
	for _, n := range names {
		known := false
		for _, t := range typeOrder {
			known = known || t == n
		}
		if !known {
			return nil, fmt.Errorf("%s: unknown type %q", at, n)
		}
		set[n] = true
	}
	// The library lets "number" admit integers and lists both.
	if set["number"] {
		set["integer"] = true
	}
	var out []string
	for _, t := range typeOrder {
		if set[t] {
			out = append(out, t)
		}
	}
	return out, nil
}

func compileStrings(v any, at string) ([]string, error) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("%s: must be a non-empty array of strings", at)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		str, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("%s: must be a non-empty array of strings", at)
		}
		out = append(out, str)
	}
	return out, nil
}

func compileMap(v any, at string) (map[string]*schema, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: must be an object of schemas", at)
	}
	out := make(map[string]*schema, len(obj))
	for k, e := range obj {
		s, err := compile(e, at+"/"+k)
		if err != nil {
			return nil, err
		}
		out[k] = s
	}
	return out, nil
}

func (s *schema) compilePatternProps(v any, at string) error {
	m, err := compileMap(v, at)
	if err != nil {
		return err
	}
	srcs := make([]string, 0, len(m))
	for k := range m {
		srcs = append(srcs, k)
	}
	sortJava(srcs)
	for _, src := range srcs {
		re, err := regexp.Compile(src)
		if err != nil {
			return fmt.Errorf("%s: pattern %q is not supported by the local validator: %w", at, src, err)
		}
		s.patternProps = append(s.patternProps, patternSchema{src: src, re: re, s: m[src]})
	}
	return nil
}

func compileBoolOrSchema(v any, at string) (*schema, bool, error) {
	if b, ok := v.(bool); ok {
		return nil, !b, nil
	}
	s, err := compile(v, at)
	return s, false, err
}

func compileCount(v any, at string) (*int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%s: must be a non-negative integer", at)
	}
	i, err := n.Int64()
	if err != nil || i < 0 || i > math.MaxInt32 {
		return nil, fmt.Errorf("%s: must be a non-negative integer", at)
	}
	c := int(i)
	return &c, nil
}

func compileRegexp(v any, at string) (*regexp.Regexp, error) {
	src, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("%s: must be a string", at)
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("%s: pattern %q is not supported by the local validator: %w", at, src, err)
	}
	return re, nil
}

func compileNumber(v any, at string) (*json.Number, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%s: must be a number", at)
	}
	if _, ok := toFloat(n); !ok {
		return nil, fmt.Errorf("%s: number %s is out of range", at, n)
	}
	return &n, nil
}

func compileBool(v any, at string) (bool, error) {
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("%s: must be a boolean", at)
	}
	return b, nil
}

func compileList(list []any, at string) ([]*schema, error) {
	out := make([]*schema, 0, len(list))
	for i, e := range list {
		s, err := compile(e, fmt.Sprintf("%s/%d", at, i))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func compileSchemaArray(v any, at string) ([]*schema, error) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("%s: must be a non-empty array of schemas", at)
	}
	return compileList(list, at)
}

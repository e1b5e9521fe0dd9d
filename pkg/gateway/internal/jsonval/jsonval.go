// Package jsonval reads the loosely typed values a decoded JSON or YAML
// document holds (map[string]any, []any, string, float64, json.Number,
// bool), as CloudFormation and OpenAPI loaders need them: each accessor
// answers the zero value for anything it does not expect, so a loader
// checks presence and reports errors itself.
package jsonval

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Obj is v as an object, nil otherwise.
func Obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// List is v as an array, nil otherwise.
func List(v any) []any {
	l, _ := v.([]any)
	return l
}

// Str is v as text: a string as it is, a number in its shortest form, a
// boolean as true or false; "" for anything else.
func Str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool, json.Number, int:
		return fmt.Sprint(x)
	}
	return ""
}

// Strs is each element of an array as text (Str).
func Strs(v any) []string {
	var out []string
	for _, e := range List(v) {
		out = append(out, Str(e))
	}
	return out
}

// StrMap is each member of an object as text (Str); never nil.
func StrMap(v any) map[string]string {
	out := map[string]string{}
	for k, e := range Obj(v) {
		out[k] = Str(e)
	}
	return out
}

// Bool is true for true or the string "true" in any case.
func Bool(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	s, _ := v.(string)
	return strings.EqualFold(s, "true")
}

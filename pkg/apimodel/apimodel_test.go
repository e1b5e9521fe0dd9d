package apimodel

import (
	"errors"
	"strings"
	"testing"
)

// itemModel is a model shaped like this project's item: three required
// properties, a bounded string, a number, other properties strings.
const itemModel = `{
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Person",
  "type": "object",
  "required": ["Name", "Code", "Weight"],
  "properties": {
    "Code": {"type": "string", "minLength": 2, "maxLength": 4},
    "Name": {"type": "string"},
    "Weight": {"type": "number"}
  },
  "additionalProperties": {"type": "string"}
}`

func mustCompile(t *testing.T, src string) *Model {
	t.Helper()
	m, err := Compile("test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// checkString runs Check and returns validationErrorString, "" when valid.
func checkString(t *testing.T, m *Model, body string) string {
	t.Helper()
	_, err := m.Check([]byte(body))
	if err == nil {
		return ""
	}
	var f *Failure
	if !errors.As(err, &f) {
		t.Fatalf("%q: error %v is not a *Failure", body, err)
	}
	return f.ValidationErrorString()
}

// TestAWSWording holds the validator to API Gateway's wording of the common
// failures. Evidence:
//   - missing properties: API Gateway logs "[object has missing required
//     properties ([\"email\",\"password\",\"repeatPassword\"])]" for a body
//     lacking three of five required properties
//     (artshishkin/art-kargopolov-aws-java-serverless, README.md, section 36)
//     and "[object has missing required properties ([\"body\",\"subject\",\"to\"])]"
//     (RafPe/serverless-reqvalidator-plugin#1); the names come sorted because
//     the library sorts "required" (java-json-tools/json-schema-validator,
//     src/main/java/com/github/fge/jsonschema/keyword/digest/draftv4/RequiredDigester.java);
//   - an empty body: "[Unknown error parsing request body]" (the same README);
//   - wrong type and too long: the library's bundle,
//     src/main/resources/com/github/fge/jsonschema/validator/validation.properties
//     (err.common.typeNoMatch, err.common.maxLength.tooLong), with "number"
//     listed as ["integer","number"]
//     (src/main/java/com/github/fge/jsonschema/keyword/digest/draftv4/DraftV4TypeDigester.java).
func TestAWSWording(t *testing.T) {
	m := mustCompile(t, itemModel)
	for _, tc := range []struct{ name, body, want string }{
		{"valid", `{"Name":"a","Code":"ab","Weight":1,"Town":"x"}`, ``},
		{"one missing", `{"Name":"a","Code":"ab"}`, `[object has missing required properties (["Weight"])]`},
		{"all missing, sorted", `{}`, `[object has missing required properties (["Code","Name","Weight"])]`},
		{"number as string", `{"Name":"a","Code":"ab","Weight":"1"}`,
			`[instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]`},
		{"integer for a string", `{"Name":7,"Code":"ab","Weight":1}`,
			`[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]`},
		{"fraction for a string", `{"Name":7.5,"Code":"ab","Weight":1}`,
			`[instance type (number) does not match any allowed primitive type (allowed: ["string"])]`},
		{"exponent is not an integer", `{"Name":1e3,"Code":"ab","Weight":1}`,
			`[instance type (number) does not match any allowed primitive type (allowed: ["string"])]`},
		{"null for a number", `{"Name":"a","Code":"ab","Weight":null}`,
			`[instance type (null) does not match any allowed primitive type (allowed: ["integer","number"])]`},
		{"extra property not a string", `{"Name":"a","Code":"ab","Weight":1,"Tags":["x"]}`,
			`[instance type (array) does not match any allowed primitive type (allowed: ["string"])]`},
		{"not an object", `[1,2]`, `[instance type (array) does not match any allowed primitive type (allowed: ["object"])]`},
		{"null body", `null`, `[instance type (null) does not match any allowed primitive type (allowed: ["object"])]`},
		{"too long", `{"Name":"a","Code":"abcde","Weight":1}`, `[string "abcde" is too long (length: 5, maximum allowed: 4)]`},
		{"too long counts code points", `{"Name":"a","Code":"🙂🙂🙂🙂🙂","Weight":1}`,
			`[string "🙂🙂🙂🙂🙂" is too long (length: 5, maximum allowed: 4)]`},
		{"four code points fit", `{"Name":"a","Code":"🙂🙂🙂🙂","Weight":1}`, ``},
		{"too short", `{"Name":"a","Code":"x","Weight":1}`, `[string "x" is too short (length: 1, required minimum: 2)]`},
		{"empty body", ``, `[Unknown error parsing request body]`},
		{"blank body", " \n", `[Unknown error parsing request body]`},
		{"truncated JSON", `{"Name":`, `[Unknown error parsing request body]`},
		{"not JSON", `Name=a`, `[Unknown error parsing request body]`},
		{"invalid UTF-8", "{\"Name\":\"\xff\",\"Code\":\"ab\",\"Weight\":1}", `[Unknown error parsing request body]`},
		{"data after the value", `{"Name":"a","Code":"ab","Weight":1} {}`, `[Unknown error parsing request body]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkString(t, m, tc.body); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestWhereValidationStops follows the library's InstanceValidator
// (java-json-tools/json-schema-validator,
// src/main/java/com/github/fge/jsonschema/processors/validation/InstanceValidator.java):
// once a reason is reported it does not descend into members, but members
// already being visited (in sorted order) report their own keywords, and the
// reasons are listed in that order.
func TestWhereValidationStops(t *testing.T) {
	m := mustCompile(t, itemModel)
	for _, tc := range []struct{ name, body, want string }{
		{"a missing property hides a wrong type", `{"Name":1,"Code":"ab"}`,
			`[object has missing required properties (["Weight"])]`},
		{"sibling failures in name order", `{"Weight":"w","Name":1,"Code":2}`,
			`[instance type (integer) does not match any allowed primitive type (allowed: ["string"]), ` +
				`instance type (integer) does not match any allowed primitive type (allowed: ["string"]), ` +
				`instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkString(t, m, tc.body); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	nested := mustCompile(t, `{"type":"object","properties":{
		"a":{"type":"string"},
		"b":{"type":"object","properties":{"c":{"type":"string"}}}}}`)
	// "a" fails first, so "b" is checked itself but not descended into.
	if got := checkString(t, nested, `{"a":1,"b":{"c":2}}`); got !=
		`[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]` {
		t.Errorf("nested: got %s", got)
	}
	if got := checkString(t, nested, `{"a":"x","b":{"c":2}}`); got !=
		`[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]` {
		t.Errorf("nested, first member valid: got %s", got)
	}
}

// TestOtherKeywords covers the rest of the supported keywords with the
// bundle's wording (validation.properties, keys in messages.go).
func TestOtherKeywords(t *testing.T) {
	for _, tc := range []struct{ name, schema, body, want string }{
		{"additionalProperties false", `{"properties":{"a":{}},"additionalProperties":false}`, `{"a":1,"z":1,"b":2}`,
			`[object instance has properties which are not allowed by the schema: ["b","z"]]`},
		{"patternProperties selects", `{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}`, `{"x-a":1}`,
			`[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]`},
		{"enum", `{"enum":["a","b"]}`, `"c"`, `[instance value ("c") not found in enum (possible values: ["a","b"])]`},
		{"enum compares numbers by value", `{"enum":[1]}`, `1.0`, ``},
		{"pattern", `{"pattern":"^[a-z]+$"}`, `"A1"`, `[ECMA 262 regex "^[a-z]+$" does not match input string "A1"]`},
		{"pattern finds anywhere", `{"pattern":"[0-9]"}`, `"ab1"`, ``},
		{"minimum", `{"minimum":3}`, `2`, `[numeric instance is lower than the required minimum (minimum: 3, found: 2)]`},
		{"exclusive minimum", `{"minimum":3,"exclusiveMinimum":true}`, `3`, `[numeric instance is not strictly greater than the required minimum 3]`},
		{"maximum", `{"maximum":3}`, `3.5`, `[numeric instance is greater than the required maximum (maximum: 3, found: 3.5)]`},
		{"exclusive maximum", `{"maximum":3,"exclusiveMaximum":true}`, `3.0`, `[numeric instance is not strictly lower than the required maximum 3]`},
		{"huge exponent", `{"maximum":3}`, `1e99999999999`, `[numeric instance is greater than the required maximum (maximum: 3, found: 1e99999999999)]`},
		{"minItems", `{"minItems":2}`, `[1]`, `[array is too short: must have at least 2 elements but instance has 1 elements]`},
		{"maxItems", `{"maxItems":1}`, `[1,2]`, `[array is too long: must have at most 1 elements but instance has 2 elements]`},
		{"uniqueItems", `{"uniqueItems":true}`, `[1,1.0]`, `[array must not contain duplicate elements]`},
		{"items", `{"items":{"type":"string"}}`, `["a",2]`, `[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]`},
		{"additionalItems false", `{"items":[{}],"additionalItems":false}`, `[1,2]`, `[schema only allows 1 elements in array but instance has 2 elements]`},
		{"minProperties", `{"minProperties":1}`, `{}`, `[object has too few properties (found 0 but schema requires at least 1)]`},
		{"maxProperties", `{"maxProperties":0}`, `{"a":1}`, `[object has too many properties (found 1 but schema requires at most 0)]`},
		{"allOf", `{"allOf":[{"type":"string"},{"minLength":3}]}`, `"ab"`, `[instance failed to match all required schemas (matched only 1 out of 2)]`},
		{"anyOf", `{"anyOf":[{"type":"string"},{"type":"boolean"}]}`, `1`, `[instance failed to match at least one required schema among 2]`},
		{"oneOf", `{"oneOf":[{"type":"number"},{"type":"integer"}]}`, `1`, `[instance failed to match exactly one schema (matched 2 out of 2)]`},
		{"not", `{"not":{"type":"null"}}`, `null`, `[instance matched a schema which it should not have]`},
		{"keywords in name order", `{"type":"string","maxLength":1,"pattern":"^a"}`, `"bb"`,
			`[string "bb" is too long (length: 2, maximum allowed: 1), ECMA 262 regex "^a" does not match input string "bb"]`},
		{"integer excludes fractions", `{"type":"integer"}`, `1.0`,
			`[instance type (number) does not match any allowed primitive type (allowed: ["integer"])]`},
		{"Jackson escapes in names", `{"required":["a\"b"]}`, `{}`, `[object has missing required properties (["a\"b"])]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkString(t, mustCompile(t, tc.schema), tc.body); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestJavaOrder: the library sorts names with Java's String.compareTo, by
// UTF-16 code unit, so U+1F600 (a surrogate pair starting 0xD83D) sorts
// before U+FF5E although its UTF-8 bytes sort after.
func TestJavaOrder(t *testing.T) {
	m := mustCompile(t, `{"required":["～","😀","a"]}`)
	want := `[object has missing required properties (["a","😀","～"])]`
	if got := checkString(t, m, `{}`); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestCompileRefusesWhatItCannotMatch(t *testing.T) {
	for _, src := range []string{
		`{"$ref":"#/definitions/x"}`,
		`{"multipleOf":2}`,
		`{"dependencies":{"a":["b"]}}`,
		`{"pattern":"(?<=a)b"}`,
		`{"type":"decimal"}`,
		`{"minLength":-1}`,
		`{"required":[]}`,
		`[]`,
		`{`,
	} {
		if _, err := Compile("m", []byte(src)); err == nil {
			t.Errorf("%s compiled", src)
		} else if !strings.Contains(err.Error(), "model m") {
			t.Errorf("%s: error %q does not name the model", src, err)
		}
	}
	if _, err := Compile("m", []byte(`{"title":"t","description":"d","x-custom":1,"default":{}}`)); err != nil {
		t.Errorf("annotations and unknown keywords: %v", err)
	}
	m, err := Compile("m", []byte(`{"properties":{"d":{"type":"string","format":"date-time"}}}`))
	if err != nil {
		t.Fatalf("format: %v", err)
	}
	if _, err := m.Check([]byte(`{"d":"not a date"}`)); err != nil {
		t.Errorf("format is checked: %v", err)
	}
}

func TestFailureError(t *testing.T) {
	_, err := mustCompile(t, itemModel).Check([]byte(`{}`))
	want := `Invalid request body: [object has missing required properties (["Code","Name","Weight"])]`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	_, err = mustCompile(t, itemModel).Check([]byte(`{`))
	if errors.Unwrap(err) == nil {
		t.Error("a parse failure does not carry the parser's error")
	}
}

package apimodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// unparsable is API Gateway's reason when the body is not one JSON value.
// Captured for an empty body on a method with a body validator ("Request
// body does not match model schema for content type application/json:
// [Unknown error parsing request body]", artshishkin/art-kargopolov-aws-java-serverless,
// README.md, section 36). That API Gateway words a malformed non-empty body
// the same way is inferred: it parses the body before validating it and has
// no other parse message on record.
const unparsable = "Unknown error parsing request body"

// Decode parses body as the validator does before checking it: exactly one
// JSON value, in valid UTF-8, numbers kept as written (json.Number). An
// empty or blank body, invalid JSON, invalid UTF-8 and data after the value
// are all failures with the reason "Unknown error parsing request body".
//
// Data after the value is refused as a guess: Java's JSON readers may stop
// after the first value and accept it on AWS; refusing it here keeps a body
// that passes locally from failing on AWS.
func Decode(body []byte) (any, error) {
	if !utf8.Valid(body) {
		return nil, &Failure{Reasons: []string{unparsable}}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, &Failure{Reasons: []string{unparsable}, cause: err}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &Failure{Reasons: []string{unparsable}, cause: errors.New("apimodel: data after the JSON value")}
	}
	return doc, nil
}

// isInteger reports whether a JSON number is written as an integer (no
// fraction, no exponent): the Java library calls such a value "integer" and
// any other number "number", so 1.0 and 1e3 are not integers.
func isInteger(n json.Number) bool {
	return !strings.ContainsAny(string(n), ".eE")
}

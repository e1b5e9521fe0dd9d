package apimodel

import "strings"

// Failure is a body the validator refuses: Reasons are the messages of the
// failed checks, in the order API Gateway reports them.
type Failure struct {
	Reasons []string
	cause   error
}

// ValidationErrorString is $context.error.validationErrorString: the reasons
// as a Java list prints them, "[first, second]". One reason in brackets is on
// record ("[object has missing required properties ([\"Age\"])]", see the
// package tests); joining several with ", " is Java's List.toString and an
// inference, no capture of two reasons having been found.
func (f *Failure) ValidationErrorString() string {
	return "[" + strings.Join(f.Reasons, ", ") + "]"
}

// Error is "Invalid request body: " and ValidationErrorString: the message
// this project's BAD_REQUEST_BODY gateway response renders.
func (f *Failure) Error() string {
	return "Invalid request body: " + f.ValidationErrorString()
}

// Unwrap is the parser's error for a body that is not JSON, else nil.
func (f *Failure) Unwrap() error { return f.cause }

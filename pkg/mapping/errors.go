package mapping

import "errors"

// InputError reports a client mistake: a body, limit, token or path the
// contract refuses. Its Message is safe to return to the client as the
// {"message": ...} of a 400 response; Err, when set, holds the cause.
type InputError struct {
	Message string
	Err     error
}

// Error returns the client-facing message.
func (e *InputError) Error() string { return e.Message }

// Unwrap returns the cause, if any.
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(msg string, cause error) error { return &InputError{Message: msg, Err: cause} }

// IsInputError reports whether err is or wraps an *InputError, and returns it.
func IsInputError(err error) (*InputError, bool) {
	var ie *InputError
	ok := errors.As(err, &ie)
	return ie, ok
}

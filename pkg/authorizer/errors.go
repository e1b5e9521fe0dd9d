package authorizer

import "errors"

// ErrUnauthorized is the error Handle returns for missing, malformed or
// invalid credentials. API Gateway recognises the exact message
// "Unauthorized" from a Lambda authorizer and answers 401; Handle therefore
// returns this value itself, never a wrapped form.
var ErrUnauthorized = errors.New("Unauthorized")

package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Lambda is a Lambda function as the gateway invokes it: a JSON event in,
// the function's JSON result out, as Lambda's synchronous Invoke API
// carries them. A failure of the function itself (what Lambda reports with
// X-Amz-Function-Error) is a *FunctionError; any other error means the
// function could not be invoked at all.
type Lambda func(ctx context.Context, event []byte) ([]byte, error)

// FunctionError is a function's own failure: its error payload's
// errorMessage and errorType, as Lambda returns them.
type FunctionError struct {
	Message string `json:"errorMessage"`
	Type    string `json:"errorType,omitempty"`
}

func (e *FunctionError) Error() string { return e.Message }

// ProxyLambda adapts an in-process proxy handler (ProxyFunc) to a Lambda:
// the event and the response pass through JSON as they would over the
// network, and an error the handler returns is a *FunctionError.
func ProxyLambda(fn ProxyFunc) Lambda { return jsonLambda(fn, "proxy event") }

// AuthorizerLambda adapts an in-process REQUEST authorizer (AuthorizerFunc)
// to a Lambda, as ProxyLambda does for proxy handlers.
func AuthorizerLambda(fn AuthorizerFunc) Lambda { return jsonLambda(fn, "authorizer event") }

// jsonLambda is a handler of In events answering Out, called through JSON.
func jsonLambda[In, Out any](fn func(context.Context, In) (Out, error), what string) Lambda {
	return func(ctx context.Context, event []byte) ([]byte, error) {
		var req In
		if err := json.Unmarshal(event, &req); err != nil {
			return nil, fmt.Errorf("gateway: decode %s: %w", what, err)
		}
		resp, err := fn(ctx, req)
		if err != nil {
			return nil, &FunctionError{Message: err.Error(), Type: "errorString"}
		}
		return json.Marshal(resp)
	}
}

// functionError reports whether err is the function's own failure, and
// its message.
func functionError(err error) (string, bool) {
	var fe *FunctionError
	if errors.As(err, &fe) {
		return fe.Message, true
	}
	return "", false
}

// lambdas are the functions the server invokes, by function id: opts.Lambdas,
// then the in-process Functions and Authorizers adapted.
func lambdas(opts Options) map[string]Lambda {
	out := map[string]Lambda{}
	for id, fn := range opts.Functions {
		out[id] = ProxyLambda(fn)
	}
	for id, fn := range opts.Authorizers {
		out[id] = AuthorizerLambda(fn)
	}
	for id, fn := range opts.Lambdas {
		out[id] = fn
	}
	return out
}

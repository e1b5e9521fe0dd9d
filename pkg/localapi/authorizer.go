package localapi

import (
	"context"
	"fmt"
	"log/slog"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/gateway"
)

// newAuthorizer builds the Lambda REQUEST authorizer handler, unchanged,
// configured as the stack configures it: the user pool's verifier and the
// value of each usage plan's key.
func newAuthorizer(ctx context.Context, id *identity, planKeys map[string]string, logger *slog.Logger) (gateway.AuthorizerFunc, func() error, error) {
	h, err := authorizer.New(ctx, authorizer.Config{Verifier: id.cognito, PlanKeys: planKeys, Logger: logger})
	if err != nil {
		return nil, nil, fmt.Errorf("localapi: authorizer: %w", err)
	}
	return h.Handle, func() error { h.Close(); return nil }, nil
}

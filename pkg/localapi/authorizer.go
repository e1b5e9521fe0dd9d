package localapi

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/gateway"
	"apigwdirect/pkg/gateway/cfn"
)

// newAuthorizer builds the Lambda REQUEST authorizer handler, unchanged,
// configured as the stack configures it: the user pool's verifier, the
// value of each usage plan's key, and the plans' priority order.
func newAuthorizer(ctx context.Context, id *identity, planKeys map[string]string, order []string, logger *slog.Logger) (gateway.AuthorizerFunc, func() error, error) {
	h, err := authorizer.New(ctx, authorizer.Config{Verifier: id.cognito, PlanKeys: planKeys, PlanOrder: order, Logger: logger})
	if err != nil {
		return nil, nil, fmt.Errorf("localapi: authorizer: %w", err)
	}
	return h.Handle, func() error { h.Close(); return nil }, nil
}

// planOrder reads the plans' priority order from the authorizer function's
// environment in the template (PLAN_ORDER, comma-separated, as the stack
// sets it from the configured usagePlans order); nil when it is not set.
func planOrder(fn *cfn.Resource) ([]string, error) {
	env, _ := fn.Properties["Environment"].(map[string]any)
	vars, _ := env["Variables"].(map[string]any)
	v, ok := vars[authorizer.EnvPlanOrder]
	if !ok {
		return nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("localapi: %s of %s is %T, want a string", authorizer.EnvPlanOrder, fn.LogicalID, v)
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out, nil
}

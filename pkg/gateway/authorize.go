package gateway

import (
	"context"
	"fmt"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
)

// authorize runs the method's authorizer, filling the invocation's principal,
// authorizer context and usage identifier key.
func (s *Server) authorize(ctx context.Context, inv *invocation) error {
	a := inv.method.Authorizer
	switch {
	case inv.method.AuthorizationType == "NONE" || a == nil:
		return nil
	case a.Type == "COGNITO_USER_POOLS":
		return s.authorizeCognito(ctx, inv, a)
	default:
		return s.authorizeLambda(ctx, inv, a)
	}
}

func (s *Server) authorizeCognito(ctx context.Context, inv *invocation, a *apidef.Authorizer) error {
	token := userPoolToken(inv.resolve(a.IdentitySources[0]))
	if token == "" {
		return gwErr(Unauthorized, "Unauthorized")
	}
	inv.authorizerCache = authorizerCacheMiss
	start := s.now()
	defer func() { inv.authorizerLatency += s.now().Sub(start) }()
	for _, pool := range a.UserPools {
		claims, err := s.opts.UserPools[pool].Verify(ctx, token)
		if err != nil {
			continue
		}
		strClaims := map[string]any{}
		for k, v := range claims {
			strClaims[k] = claimString(v)
		}
		inv.authContext = map[string]any{"claims": strClaims}
		return nil
	}
	return gwErr(Unauthorized, "Unauthorized")
}

// claimString renders a claim the way API Gateway passes Cognito claims on:
// as strings, lists joined with commas.
func claimString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = claimString(e)
		}
		return strings.Join(parts, ",")
	case []string:
		return strings.Join(x, ",")
	case float64:
		return fmt.Sprint(int64(x))
	}
	return fmt.Sprint(v)
}

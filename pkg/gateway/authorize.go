package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
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

// authorizerPayload is the event of a Lambda authorizer: the REQUEST event
// (authorizerEvent), or for a TOKEN authorizer {"type": "TOKEN",
// "authorizationToken": <the identity source's value>, "methodArn": ...},
// as the developer guide's "Input to an API Gateway Lambda authorizer"
// shows it (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html).
func (inv *invocation) authorizerPayload(a *apidef.Authorizer, arn string, values []string) ([]byte, error) {
	if a.Type == "TOKEN" {
		return json.Marshal(map[string]string{"type": "TOKEN", "authorizationToken": values[0], "methodArn": arn})
	}
	ev, err := inv.authorizerEvent(arn)
	if err != nil {
		return nil, err
	}
	return json.Marshal(ev)
}

// fullMatch reports whether the whole of s matches the TOKEN authorizer's
// identity validation expression: a token that does not is refused with
// 401 without invoking the function (the developer guide's "Configure an
// API Gateway Lambda authorizer", Token validation,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html).
// That the match must cover the whole token, as Java's String.matches
// does, is a guess.
func fullMatch(expr, s string) bool {
	re, err := regexp.Compile(`^(?:` + expr + `)$`)
	return err == nil && re.MatchString(s)
}

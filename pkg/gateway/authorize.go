package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/gateway/apidef"
)

// FlushAuthorizersCache empties the Lambda authorizers' result cache, as
// API Gateway's FlushStageAuthorizersCache does for a stage: the next
// request of every identity invokes its authorizer again.
func (s *Server) FlushAuthorizersCache() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.cache)
}

// cachedPolicy is a Lambda authorizer's answer kept for its TTL, keyed by
// authorizer and identity-source values. Like API Gateway, the cached policy
// is evaluated again against each request's method ARN.
type cachedPolicy struct {
	resp    events.APIGatewayCustomAuthorizerResponse
	expires time.Time
}

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

func (s *Server) authorizeLambda(ctx context.Context, inv *invocation, a *apidef.Authorizer) error {
	values := make([]string, 0, len(a.IdentitySources))
	for _, src := range a.IdentitySources {
		v := inv.resolve(src)
		if v == "" {
			return gwErr(Unauthorized, "Unauthorized")
		}
		values = append(values, v)
	}
	key := a.ID + "\x00" + strings.Join(values, "\x00")
	cacheable := a.TTL > 0 && len(values) > 0
	arn := s.methodARN(inv)
	var resp events.APIGatewayCustomAuthorizerResponse
	hit := false
	if cacheable {
		s.mu.Lock()
		p, ok := s.cache[key]
		if ok && s.now().Before(p.expires) {
			resp, hit = p.resp, true
		}
		s.mu.Unlock()
	}
	inv.authorizerCache = authorizerCacheMiss
	if hit {
		inv.authorizerCache = authorizerCacheHit
	} else {
		if a.Type == "TOKEN" && a.IdentityValidationExpression != "" && !fullMatch(a.IdentityValidationExpression, values[0]) {
			return gwErr(Unauthorized, "Unauthorized")
		}
		ev, err := inv.authorizerPayload(a, arn, values)
		if err != nil {
			return &gatewayError{Type: AuthorizerConfiguration}
		}
		start := s.now()
		out, err := s.lambdas[a.Function](ctx, ev)
		inv.authorizerLatency += s.now().Sub(start)
		if msg, ok := functionError(err); ok && msg == "Unauthorized" {
			return gwErr(Unauthorized, "Unauthorized")
		}
		if err == nil {
			err = json.Unmarshal(out, &resp)
		}
		if err != nil {
			s.logger.ErrorContext(ctx, "authorizer failed", "requestId", inv.requestID, "function", a.Function, "error", err.Error())
			return &gatewayError{Type: AuthorizerConfiguration}
		}
		if cacheable {
			s.storePolicy(key, cachedPolicy{resp: resp, expires: s.now().Add(a.TTL)})
		}
	}
	switch evaluatePolicy(resp.PolicyDocument, arn) {
	case denied:
		return gwErr(AccessDenied, "User is not authorized to access this resource with an explicit deny")
	case notAllowed:
		return gwErr(AccessDenied, "User is not authorized to access this resource")
	}
	inv.principalID = resp.PrincipalID
	inv.authContext = map[string]any{}
	for k, v := range resp.Context {
		inv.authContext[k] = v
	}
	inv.usageKey = resp.UsageIdentifierKey
	return nil
}

// maxCachedPolicies bounds the authorizer cache; past it, expired entries
// are dropped before a new one is stored.
const maxCachedPolicies = 10000

func (s *Server) storePolicy(key string, p cachedPolicy) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.cache) >= maxCachedPolicies {
		now := s.now()
		for k, v := range s.cache {
			if !now.Before(v.expires) {
				delete(s.cache, k)
			}
		}
	}
	s.cache[key] = p
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

package gateway

import (
	"context"
	"encoding/json"
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

// authorizeLambda runs a Lambda REQUEST or TOKEN authorizer: every identity source
// must have a value (else 401 Unauthorized); the policy comes from the
// cache or from the function; it must allow the method ARN (else 403); the
// principal, context and usage identifier key it answers are the
// invocation's.
func (s *Server) authorizeLambda(ctx context.Context, inv *invocation, a *apidef.Authorizer) error {
	values, ok := identityValues(inv, a)
	if !ok {
		return gwErr(Unauthorized, "Unauthorized")
	}
	key := a.ID + "\x00" + strings.Join(values, "\x00")
	cacheable := a.TTL > 0 && len(values) > 0
	arn := s.methodARN(inv)
	inv.authorizerCache = authorizerCacheMiss
	resp, hit := s.lookupPolicy(key, cacheable)
	if hit {
		inv.authorizerCache = authorizerCacheHit
	} else {
		var err error
		if resp, err = s.invokeAuthorizer(ctx, inv, a, arn, values); err != nil {
			return err
		}
		if cacheable {
			s.storePolicy(key, cachedPolicy{resp: resp, expires: s.now().Add(a.TTL)})
		}
	}
	return inv.applyPolicy(resp, arn)
}

// identityValues are the values of the authorizer's identity sources; ok
// is false when one is missing or empty.
func identityValues(inv *invocation, a *apidef.Authorizer) (values []string, ok bool) {
	values = make([]string, 0, len(a.IdentitySources))
	for _, src := range a.IdentitySources {
		v := inv.resolve(src)
		if v == "" {
			return nil, false
		}
		values = append(values, v)
	}
	return values, true
}

// lookupPolicy is the live cached answer for key, when caching is on.
func (s *Server) lookupPolicy(key string, cacheable bool) (events.APIGatewayCustomAuthorizerResponse, bool) {
	if !cacheable {
		return events.APIGatewayCustomAuthorizerResponse{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.cache[key]
	if !ok || !s.now().Before(p.expires) {
		return events.APIGatewayCustomAuthorizerResponse{}, false
	}
	return p.resp, true
}

// invokeAuthorizer calls the authorizer function with its event for arn
// (authorizerPayload: REQUEST or TOKEN) and returns its answer as it
// survives JSON. A TOKEN whose value the identity validation expression
// does not match is 401 without a call. The error "Unauthorized" is 401;
// any other failure is logged and answers AUTHORIZER_CONFIGURATION_ERROR.
func (s *Server) invokeAuthorizer(ctx context.Context, inv *invocation, a *apidef.Authorizer, arn string, values []string) (events.APIGatewayCustomAuthorizerResponse, error) {
	var resp events.APIGatewayCustomAuthorizerResponse
	if a.Type == "TOKEN" && a.IdentityValidationExpression != "" && !fullMatch(a.IdentityValidationExpression, values[0]) {
		return resp, gwErr(Unauthorized, "Unauthorized")
	}
	ev, err := inv.authorizerPayload(a, arn, values)
	if err != nil {
		return resp, &gatewayError{Type: AuthorizerConfiguration}
	}
	start := s.now()
	out, err := s.lambdas[a.Function](ctx, ev)
	inv.authorizerLatency += s.now().Sub(start)
	if msg, ok := functionError(err); ok && msg == "Unauthorized" {
		return resp, gwErr(Unauthorized, "Unauthorized")
	}
	if err == nil {
		err = json.Unmarshal(out, &resp)
	}
	if err != nil {
		s.logger.ErrorContext(ctx, "authorizer failed", "requestId", inv.requestID, "function", a.Function, "error", err.Error())
		return resp, &gatewayError{Type: AuthorizerConfiguration}
	}
	return resp, nil
}

// applyPolicy checks the authorizer's policy against the method ARN (an
// explicit Deny or no Allow is 403) and keeps its principal, context and
// usage identifier key.
func (inv *invocation) applyPolicy(resp events.APIGatewayCustomAuthorizerResponse, arn string) error {
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

package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/internal/headercase"
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

// authorize runs the method's authorizer, filling the call's principal,
// authorizer context and usage identifier key.
func (s *Server) authorize(ctx context.Context, c *call) *gatewayError {
	if e := s.checkMethodARN(c); e != nil {
		return e
	}
	a := c.method.Authorizer
	switch {
	case c.method.AuthorizationType == "NONE" || a == nil:
		return nil
	case a.Type == "COGNITO_USER_POOLS":
		return s.authorizeCognito(ctx, c, a)
	default:
		return s.authorizeLambda(ctx, c, a)
	}
}

// identityValue reads one identity source of the request; "" when absent.
func (c *call) identityValue(source string) string {
	switch {
	case strings.HasPrefix(source, "method.request.header."):
		return c.r.Header.Get(strings.TrimPrefix(source, "method.request.header."))
	case strings.HasPrefix(source, "method.request.querystring."):
		return lastValue(c.r.URL.Query(), strings.TrimPrefix(source, "method.request.querystring."))
	case strings.HasPrefix(source, "stageVariables."):
		return c.stageVars[strings.TrimPrefix(source, "stageVariables.")]
	case strings.HasPrefix(source, "context."):
		return fmt.Sprint(c.contextMap()[strings.TrimPrefix(source, "context.")])
	}
	return ""
}

func (s *Server) authorizeCognito(ctx context.Context, c *call, a *apidef.Authorizer) *gatewayError {
	token := userPoolToken(c.identityValue(a.IdentitySources[0]))
	if token == "" {
		return gwErr(Unauthorized, "Unauthorized")
	}
	c.authorizerCache = authorizerCacheMiss
	start := s.now()
	defer func() { c.authorizerLatency += s.now().Sub(start) }()
	for _, pool := range a.UserPools {
		claims, err := s.opts.UserPools[pool].Verify(ctx, token)
		if err != nil {
			continue
		}
		strClaims := map[string]any{}
		for k, v := range claims {
			strClaims[k] = claimString(v)
		}
		c.authContext = map[string]any{"claims": strClaims}
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

// methodARN is the ARN of the method being called, as API Gateway hands it
// to authorizers: arn:partition:execute-api:region:account:apiId/stage/METHOD/path,
// the path percent-encoded as sent.
func (s *Server) methodARN(c *call) string {
	partition := s.model.Partition
	if partition == "" {
		partition = "aws"
	}
	return fmt.Sprintf("arn:%s:execute-api:%s:%s:%s/%s/%s%s", partition, s.model.Region, s.model.AccountID,
		s.model.APIID, s.model.Stage, c.r.Method, eventPath(c.path))
}

// MaxMethodARNBytes is API Gateway's limit on the method ARN of a method
// with authorization: a longer one answers 414 "Request URI too long"
// (developer guide, "Amazon API Gateway quotas",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
const MaxMethodARNBytes = 1600

// checkMethodARN answers 414 {"message":"Request URI too long"} for a method
// with authorization whose method ARN is over MaxMethodARNBytes. The status
// and message are the quotas page's; that API Gateway renders them through
// DEFAULT_4XX, so that the body is {"message": ...} like its other errors,
// and checks before running the authorizer, are guesses.
func (s *Server) checkMethodARN(c *call) *gatewayError {
	if c.method.AuthorizationType == "NONE" || len(s.methodARN(c)) <= MaxMethodARNBytes {
		return nil
	}
	return &gatewayError{Type: "DEFAULT_4XX", Status: 414, Message: ptr("Request URI too long")}
}

func (s *Server) authorizeLambda(ctx context.Context, c *call, a *apidef.Authorizer) *gatewayError {
	values := make([]string, 0, len(a.IdentitySources))
	for _, src := range a.IdentitySources {
		v := c.identityValue(src)
		if v == "" {
			return gwErr(Unauthorized, "Unauthorized")
		}
		values = append(values, v)
	}
	key := a.ID + "\x00" + strings.Join(values, "\x00")
	cacheable := a.TTL > 0 && len(values) > 0
	arn := s.methodARN(c)
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
	c.authorizerCache = authorizerCacheMiss
	if hit {
		c.authorizerCache = authorizerCacheHit
	} else {
		ev, err := s.authorizerEvent(c, arn)
		if err != nil {
			return &gatewayError{Type: AuthorizerConfiguration}
		}
		start := s.now()
		resp, err = s.opts.Authorizers[a.Function](ctx, ev)
		c.authorizerLatency += s.now().Sub(start)
		if err != nil {
			if err.Error() == "Unauthorized" {
				return gwErr(Unauthorized, "Unauthorized")
			}
			s.logger.ErrorContext(ctx, "authorizer failed", "requestId", c.requestID, "error", err.Error())
			return &gatewayError{Type: AuthorizerConfiguration}
		}
		// What a real invocation returns is JSON; keep only what survives it.
		if err := roundTrip(resp, &resp); err != nil {
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
	c.principalID = resp.PrincipalID
	c.authContext = map[string]any{}
	for k, v := range resp.Context {
		c.authContext[k] = v
	}
	c.usageKey = resp.UsageIdentifierKey
	return nil
}

// authorizerEvent is the REQUEST authorizer event API Gateway sends, with
// header names as the client sent them when known (headercase.Listener).
func (s *Server) authorizerEvent(c *call, arn string) (events.APIGatewayCustomAuthorizerRequestTypeRequest, error) {
	q, mq := queryMaps(c.r.URL.Query())
	headers := headercase.AsSent(c.r.Header, c.sentNames)
	ev := events.APIGatewayCustomAuthorizerRequestTypeRequest{
		Type: "REQUEST", MethodArn: arn, Resource: c.method.ResourcePath, Path: eventPath(c.path),
		HTTPMethod: c.r.Method, Headers: lastValues(headers), MultiValueHeaders: headers,
		QueryStringParameters: q, MultiValueQueryStringParameters: mq,
		PathParameters: c.pathParams, StageVariables: c.stageVars,
		RequestContext: events.APIGatewayCustomAuthorizerRequestTypeRequestContext{
			Path: "/" + s.model.Stage + c.path, AccountID: s.model.AccountID, ResourceID: c.method.ResourceID,
			Stage: s.model.Stage, RequestID: c.requestID, ResourcePath: c.method.ResourcePath,
			HTTPMethod: c.r.Method, APIID: s.model.APIID,
			Identity: events.APIGatewayCustomAuthorizerRequestTypeRequestIdentity{
				SourceIP: c.sourceIP(), APIKey: c.r.Header.Get("x-api-key")},
		},
	}
	var out events.APIGatewayCustomAuthorizerRequestTypeRequest
	err := roundTrip(ev, &out)
	return out, err
}

// queryMaps returns the single-value (last value wins) and multi-value maps
// of a query, both nil when it is empty, as API Gateway sends them. Keys and
// values are decoded ('+' is a space), unlike the path: the live capture in
// hotsock/voker's vokerhttp/testdata/apigwv1-request.json has
// "literalPlus": "a b", "encodedPlus": "a+b" and "repeat": "two" for
// repeat=one&repeat=two.
func queryMaps(q url.Values) (map[string]string, map[string][]string) {
	if len(q) == 0 {
		return nil, nil
	}
	single := make(map[string]string, len(q))
	for k, vs := range q {
		single[k] = vs[len(vs)-1]
	}
	return single, q
}

// lastValue is the last value of a query parameter, as queryMaps' single-value
// map holds it; "" when absent.
func lastValue(q url.Values, name string) string {
	if vs := q[name]; len(vs) > 0 {
		return vs[len(vs)-1]
	}
	return ""
}

// roundTrip passes v through JSON into out, as a Lambda invocation does.
func roundTrip(v, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("gateway: encode event: %w", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("gateway: decode event: %w", err)
	}
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

package gateway

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"time"

	"apigwdirect/pkg/apimodel"
	"apigwdirect/pkg/gateway/apidef"
)

// Server serves one stage of a Model over HTTP at /<stage>/...
// It is safe for concurrent use.
type Server struct {
	model   *apidef.Model
	opts    Options
	logger  *slog.Logger
	now     func() time.Time
	schemas map[*apidef.SchemaModel]*apimodel.Model
	// integrations by integration type (AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK).
	integrations map[string]integration
	// lambdas are the functions by id (lambdas), unsupported the methods
	// the server answers with 500 and why (support).
	lambdas     map[string]Lambda
	unsupported map[*apidef.Method]string

	mu     sync.Mutex
	cache  map[string]cachedPolicy
	meters map[string]*meter
}

// New returns the server of m. A method the local stand-ins in opts
// cannot serve (an authorizer or integration of a kind the gateway does
// not run, a function with no local runtime, a service other than
// DynamoDB) does not stop the others: it is logged once here, answers 500
// {"message": "Internal server error"} and names its reason in each of its
// access-log lines (Unsupported lists them).
func New(m *apidef.Model, opts Options) (*Server, error) {
	s := &Server{model: m, opts: opts, logger: opts.Logger, now: opts.Now,
		schemas: map[*apidef.SchemaModel]*apimodel.Model{}, cache: map[string]cachedPolicy{}, meters: map[string]*meter{},
		lambdas: lambdas(opts), unsupported: map[*apidef.Method]string{}}
	if s.logger == nil {
		s.logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.opts.MaxPayload == 0 {
		s.opts.MaxPayload = MaxPayload
	}
	s.integrations = s.newIntegrations()
	for _, meth := range m.Methods() {
		if reason := s.support(meth); reason != "" {
			s.unsupported[meth] = reason
			s.logger.Warn("method not served locally: it answers 500", "method", meth.HTTPMethod,
				"resource", meth.ResourcePath, "reason", reason)
		}
	}
	return s, nil
}

// UnsupportedMethod is a method the server answers with 500 because it
// cannot run what the method needs.
type UnsupportedMethod struct {
	HTTPMethod, ResourcePath, Reason string
}

// Unsupported lists the methods the server cannot serve, in the order of
// Model.Methods.
func (s *Server) Unsupported() []UnsupportedMethod {
	var out []UnsupportedMethod
	for _, meth := range s.model.Methods() {
		if r, ok := s.unsupported[meth]; ok {
			out = append(out, UnsupportedMethod{meth.HTTPMethod, meth.ResourcePath, r})
		}
	}
	return out
}

// support returns why the method cannot be served locally, "" when it can.
func (s *Server) support(meth *apidef.Method) string {
	if a := meth.Authorizer; a != nil && meth.AuthorizationType != "NONE" {
		switch a.Type {
		case "REQUEST", "TOKEN":
			if a.Function == "" {
				return fmt.Sprintf("%s authorizer %s: its URI names no function of the template", a.Type, a.Name)
			}
			if s.lambdas[a.Function] == nil {
				return fmt.Sprintf("%s authorizer %s: function %s has no local runtime", a.Type, a.Name, a.Function)
			}
			if a.IdentityValidationExpression != "" {
				if _, err := regexp.Compile(a.IdentityValidationExpression); err != nil {
					return fmt.Sprintf("authorizer %s: identity validation expression: %v", a.Name, err)
				}
			}
		case "COGNITO_USER_POOLS":
			if len(a.UserPools) == 0 {
				return fmt.Sprintf("user-pool authorizer %s names no user pool of the template", a.Name)
			}
			for _, p := range a.UserPools {
				if s.opts.UserPools[p] == nil {
					return fmt.Sprintf("user-pool authorizer %s: no token verifier for user pool %s", a.Name, p)
				}
			}
		default:
			return fmt.Sprintf("authorizer %s: type %s is not supported locally", a.Name, a.Type)
		}
	}
	in := meth.Integration
	switch in.Type {
	case "AWS_PROXY":
		if in.Function == "" {
			return fmt.Sprintf("AWS_PROXY integration %s: not a Lambda function of the template", in.URI)
		}
		if s.lambdas[in.Function] == nil {
			return fmt.Sprintf("AWS_PROXY integration: function %s has no local runtime", in.Function)
		}
	case "AWS":
		if in.Function != "" {
			if s.lambdas[in.Function] == nil {
				return fmt.Sprintf("AWS integration: function %s has no local runtime", in.Function)
			}
		} else if service, _, ok := awsAction(substituteStageVariables(in.URI, s.model.StageVariables)); !ok || service != "dynamodb" {
			return fmt.Sprintf("AWS integration %s: only DynamoDB actions and Lambda functions run locally", in.URI)
		}
		if s.opts.Templates == nil && len(in.RequestTemplates)+len(in.Responses) > 0 {
			return "mapping templates need Options.Templates"
		}
	case "HTTP", "HTTP_PROXY", "MOCK":
		if s.opts.Templates == nil && len(in.RequestTemplates)+len(in.Responses) > 0 {
			return "mapping templates need Options.Templates"
		}
	default:
		return fmt.Sprintf("integration type %q is not supported locally", in.Type)
	}
	for _, sm := range meth.RequestModels {
		if _, ok := s.schemas[sm]; ok {
			continue
		}
		sch, err := apimodel.Compile(sm.Name, sm.Schema)
		if err != nil {
			return fmt.Sprintf("model %s: %v", sm.Name, err)
		}
		s.schemas[sm] = sch
	}
	return ""
}

// Values of the access log's authorizerCache field.
const (
	// authorizerCacheNone: no authorizer ran, none answered from its cache
	// (no authorizer on the method, or the request failed before it).
	authorizerCacheNone = "none"
	// authorizerCacheHit: a Lambda authorizer's cached policy answered.
	authorizerCacheHit = "hit"
	// authorizerCacheMiss: the authorizer ran: a Lambda authorizer without
	// a live cached policy (or with caching off), or a Cognito user-pool
	// authorizer, whose verification the local API does not cache.
	authorizerCacheMiss = "miss"
)

// ServeHTTP answers one request and writes its access-log line: latencyMs
// is the whole request, integrationLatencyMs the integration's share and
// authorizerLatencyMs the authorizer's (0 on a cache hit or without one),
// so the gateway's own work is latencyMs less the other two.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	inv := newInvocation(s.model, r, s.now())
	if s.traceOn(r.Context()) {
		inv.tracer = s.newTracer(r.Context(), inv.requestID)
	}
	resp, err := s.handle(r.Context(), inv)
	if err != nil {
		inv.trace("Execution failed: %v", err)
		resp = s.answer(r.Context(), inv, err)
	} else {
		inv.trace("Method response body after transformations: %s", resp.Body)
		inv.trace("Method response headers: %s", headersText(resp.Headers))
		inv.trace("Successfully completed execution")
	}
	inv.trace("Method completed with status: %d", resp.Status)
	s.methodResponse(w, inv, resp)
	s.accessLog(r.Context(), inv, resp.Status)
}

// handle runs API Gateway's stages in its order; the first failure ends
// the request, and ServeHTTP turns it into the answer (answer).
func (s *Server) handle(ctx context.Context, inv *invocation) (*response, error) {
	if err := s.parseRequest(inv); err != nil {
		return nil, err
	}
	if err := s.route(inv); err != nil {
		return nil, err
	}
	if reason, ok := s.unsupported[inv.method]; ok {
		inv.unsupported = reason
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	inv.traceMethodRequest()
	if err := s.methodRequest(ctx, inv); err != nil {
		return nil, err
	}
	req, err := s.integrationRequest(ctx, inv)
	if err != nil {
		return nil, err
	}
	inv.traceIntegrationRequest(req)
	before := inv.integrationLatency
	res, err := s.integrations[inv.method.Integration.Type].invoke(ctx, inv, req)
	if err != nil {
		return nil, err
	}
	inv.trace("Received response. Status: %d, Integration latency: %d ms", res.status, (inv.integrationLatency - before).Milliseconds())
	inv.trace("Endpoint response headers: %s", headersText(res.headers))
	inv.trace("Endpoint response body before transformations: %s", res.body)
	return s.integrationResponse(ctx, inv, res)
}

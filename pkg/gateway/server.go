package gateway

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
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
	// integrations by integration type (AWS, AWS_PROXY, MOCK).
	integrations map[string]integration

	mu     sync.Mutex
	cache  map[string]cachedPolicy
	meters map[string]*meter
}

// New checks that every function, authorizer and user pool the model uses
// has a local stand-in in opts, compiles the models' schemas, and returns
// the server.
func New(m *apidef.Model, opts Options) (*Server, error) {
	s := &Server{model: m, opts: opts, logger: opts.Logger, now: opts.Now,
		schemas: map[*apidef.SchemaModel]*apimodel.Model{}, cache: map[string]cachedPolicy{}, meters: map[string]*meter{}}
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
		if err := s.check(meth); err != nil {
			return nil, fmt.Errorf("gateway: %s %s: %w", meth.HTTPMethod, meth.ResourcePath, err)
		}
	}
	return s, nil
}

func (s *Server) check(meth *apidef.Method) error {
	if a := meth.Authorizer; a != nil {
		switch a.Type {
		case "REQUEST":
			if s.opts.Authorizers[a.Function] == nil {
				return fmt.Errorf("no local authorizer for function %q", a.Function)
			}
		case "COGNITO_USER_POOLS":
			for _, p := range a.UserPools {
				if s.opts.UserPools[p] == nil {
					return fmt.Errorf("no token verifier for user pool %q", p)
				}
			}
		default:
			return fmt.Errorf("authorizer type %s is not supported locally", a.Type)
		}
	}
	in := meth.Integration
	switch in.Type {
	case "AWS_PROXY":
		if s.opts.Functions[in.Function] == nil {
			return fmt.Errorf("no local handler for function %q", in.Function)
		}
	case "AWS", "MOCK":
		if s.opts.Templates == nil && len(in.RequestTemplates)+len(in.Responses) > 0 {
			return errors.New("mapping templates need Options.Templates")
		}
	}
	for _, sm := range meth.RequestModels {
		if _, ok := s.schemas[sm]; ok {
			continue
		}
		sch, err := apimodel.Compile(sm.Name, sm.Schema)
		if err != nil {
			return err
		}
		s.schemas[sm] = sch
	}
	return nil
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
	resp, err := s.handle(r.Context(), inv)
	if err != nil {
		resp = s.answer(r.Context(), inv, err)
	}
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
	if err := s.methodRequest(ctx, inv); err != nil {
		return nil, err
	}
	req, err := s.integrationRequest(ctx, inv)
	if err != nil {
		return nil, err
	}
	res, err := s.integrations[inv.method.Integration.Type].invoke(ctx, inv, req)
	if err != nil {
		return nil, err
	}
	return s.integrationResponse(ctx, inv, res)
}

package gateway

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"apigwdirect/internal/headercase"
	"apigwdirect/pkg/apimodel"
	"apigwdirect/pkg/gateway/apidef"
)

// MaxPayload is API Gateway's REST API payload limit, 10 MB: 10,485,760
// bytes (see payloadTooLarge for the recording that shows the number).
const MaxPayload = 10 << 20

// Server serves one stage of a Model over HTTP at /<stage>/...
// It is safe for concurrent use.
type Server struct {
	model   *apidef.Model
	opts    Options
	logger  *slog.Logger
	now     func() time.Time
	schemas map[*apidef.SchemaModel]*apimodel.Model
	client  *http.Client

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
	s.client = opts.DynamoDB.Client
	if s.client == nil {
		s.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: dynamoIdleTimeout}}
	}
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

// call is the state of one request as it goes through the pipeline.
type call struct {
	r          *http.Request
	start      time.Time
	requestID  string
	extendedID string // $context.extendedRequestId, also x-amz-apigw-id
	path       string // path after the stage as sent, percent-encoded: "/items/a%2Fb"
	node       *apidef.Node
	method     *apidef.Method
	pathParams map[string]string
	body       []byte
	stage      string
	stageVars  map[string]string
	apiID      string
	accountID  string

	principalID string
	authContext map[string]any // authorizer context (Lambda) or {"claims": ...} (Cognito)
	usageKey    string
	apiKey      *apidef.APIKey

	// sentNames are the request's header names as the client wrote them,
	// nil when unknown (see headercase.Listener).
	sentNames []string

	servedBy string
	// integrationLatency is the time spent waiting on the integration
	// (DynamoDB, the proxy function); authorizerLatency the time spent in
	// the Lambda authorizer or the Cognito token verification, which
	// authorizerCache describes (see the authorizerCache constants).
	integrationLatency time.Duration
	authorizerLatency  time.Duration
	authorizerCache    string
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
	c := &call{r: r, start: s.now(), requestID: newRequestID(), extendedID: newExtendedRequestID(), stage: s.model.Stage,
		stageVars: s.model.StageVariables, apiID: s.model.APIID, accountID: s.model.AccountID, servedBy: "gateway", sentNames: headercase.Names(r),
		authorizerCache: authorizerCacheNone}
	resp := s.handle(r.Context(), c)
	h := w.Header()
	for k, vs := range resp.Headers {
		h[k] = vs
	}
	// API Gateway stamps every response, its own errors and integration
	// answers alike, with both ids.
	h.Set("x-amzn-RequestId", c.requestID)
	h.Set("x-amz-apigw-id", c.extendedID)
	h.Set("Content-Length", fmt.Sprint(len(resp.Body)))
	w.WriteHeader(resp.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(resp.Body)
	}
	resource := ""
	if c.method != nil {
		resource = c.method.ResourcePath
	}
	s.logger.LogAttrs(r.Context(), slog.LevelInfo, "access",
		slog.String("requestId", c.requestID),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("resource", resource),
		slog.Int("status", resp.Status),
		slog.Float64("latencyMs", ms(s.now().Sub(c.start))),
		slog.Float64("integrationLatencyMs", ms(c.integrationLatency)),
		slog.Float64("authorizerLatencyMs", ms(c.authorizerLatency)),
		slog.String("authorizerCache", c.authorizerCache),
		slog.String("servedBy", c.servedBy),
	)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// handle runs API Gateway's pipeline: URL, header and payload limits,
// route, authorizer, API key and usage plan, validation, integration.
func (s *Server) handle(ctx context.Context, c *call) *response {
	if resp := s.checkRequestLimits(c); resp != nil {
		return resp
	}
	if c.r.ContentLength > s.opts.MaxPayload {
		return s.payloadTooLarge(c)
	}
	rest, ok := splitStage(requestPath(c.r), s.model.Stage)
	if !ok {
		return s.gatewayResponse(ctx, c, gwErr(MissingAuthenticationToken, "Missing Authentication Token"))
	}
	c.path = rest
	node, params, ok := match(s.model, rest)
	if ok {
		c.node, c.pathParams = node, params
		c.method = node.Methods[c.r.Method]
		if c.method == nil {
			c.method = node.Methods["ANY"]
		}
	}
	if c.method == nil {
		return s.gatewayResponse(ctx, c, gwErr(MissingAuthenticationToken, "Missing Authentication Token"))
	}
	body, err := io.ReadAll(io.LimitReader(c.r.Body, s.opts.MaxPayload+1))
	if err != nil {
		return s.gatewayResponse(ctx, c, gwErr(BadRequestBody, "Invalid request body"))
	}
	if int64(len(body)) > s.opts.MaxPayload {
		return s.payloadTooLarge(c) // a body sent without a Content-Length
	}
	c.body = body
	if e := s.authorize(ctx, c); e != nil {
		return s.gatewayResponse(ctx, c, e)
	}
	if e := s.meter(c); e != nil {
		return s.gatewayResponse(ctx, c, e)
	}
	if e := s.validate(c); e != nil {
		return s.gatewayResponse(ctx, c, e)
	}
	var resp *response
	var e *gatewayError
	switch c.method.Integration.Type {
	case "AWS":
		resp, e = s.invokeAWS(ctx, c)
	case "AWS_PROXY":
		resp, e = s.invokeProxy(ctx, c)
	case "MOCK":
		resp, e = s.invokeMock(ctx, c)
	}
	if e != nil {
		return s.gatewayResponse(ctx, c, e)
	}
	return resp
}

// sourceIP is the caller's address without the port.
func (c *call) sourceIP() string {
	host, _, err := net.SplitHostPort(c.r.RemoteAddr)
	if err != nil {
		return c.r.RemoteAddr
	}
	return host
}

// contentType is the request's media type, lowercased, without parameters;
// "application/json" when absent.
func (c *call) contentType() string {
	ct := c.r.Header.Get("Content-Type")
	if ct == "" {
		return "application/json"
	}
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// contextMap is the $context tree of the request for mapping templates.
func (c *call) contextMap() map[string]any {
	identity := map[string]any{"sourceIp": c.sourceIP(), "userAgent": c.r.UserAgent()}
	if c.apiKey != nil {
		identity["apiKey"] = c.apiKey.Value
		identity["apiKeyId"] = c.apiKey.ID
	}
	authorizer := map[string]any{}
	for k, v := range c.authContext {
		authorizer[k] = v
	}
	if c.principalID != "" {
		authorizer["principalId"] = c.principalID
	}
	m := map[string]any{
		"requestId": c.requestID, "extendedRequestId": c.extendedID, "apiId": c.apiID,
		"accountId": c.accountID, "stage": c.stage, "httpMethod": c.r.Method,
		"path": "/" + c.stage + c.path, "protocol": c.r.Proto, "domainName": c.r.Host,
		"requestTime": c.start.UTC().Format("02/Jan/2006:15:04:05 -0700"), "requestTimeEpoch": c.start.UnixMilli(),
		"identity": identity, "authorizer": authorizer,
	}
	if c.method != nil {
		m["resourcePath"], m["resourceId"] = c.method.ResourcePath, c.method.ResourceID
	}
	return m
}

// templateEnv is the mapping-template environment with body as $input.
func (c *call) templateEnv(body string) *TemplateEnv {
	q, _ := queryMaps(c.r.URL.Query())
	if q == nil {
		q = map[string]string{}
	}
	path := c.pathParams
	if path == nil {
		path = map[string]string{}
	}
	return &TemplateEnv{Body: body, PathParams: path, QueryParams: q, Headers: lastValues(c.r.Header),
		StageVariables: c.stageVars, Context: c.contextMap()}
}

// substituteStageVariables replaces ${stageVariables.x} in s.
func (c *call) substituteStageVariables(s string) string {
	for k, v := range c.stageVars {
		s = strings.ReplaceAll(s, "${stageVariables."+k+"}", v)
	}
	return s
}

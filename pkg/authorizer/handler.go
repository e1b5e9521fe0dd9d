package authorizer

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/cognito"
)

// Handler is the REQUEST authorizer. It is safe for concurrent use.
type Handler struct {
	verifier TokenVerifier
	plans    planTable
	log      *slog.Logger
	close    func()
}

// New validates cfg and builds a Handler. Unless cfg.Verifier is set it
// builds a cognito.Verifier, which starts fetching the JWKS; call Close to
// stop its background refresh.
func New(ctx context.Context, cfg Config) (*Handler, error) {
	plans, err := newPlanTable(cfg.PlanKeys, cfg.PlanOrder)
	if err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{verifier: cfg.Verifier, plans: plans, log: log, close: func() {}}
	if h.verifier == nil {
		v, err := cognito.NewVerifier(ctx, cognito.Config{
			Issuer:     cfg.Issuer,
			ClientID:   cfg.ClientID,
			TokenUse:   cognito.TokenUseID,
			Leeway:     cfg.Leeway,
			JWKSURL:    cfg.JWKSURL,
			Keyfunc:    cfg.Keyfunc,
			HTTPClient: cfg.HTTPClient,
			Logger:     log,
		})
		if err != nil {
			return nil, fmt.Errorf("authorizer: %w", err)
		}
		h.verifier, h.close = v, v.Close
	}
	return h, nil
}

// Close releases what New started. It may be called more than once.
func (h *Handler) Close() { h.close() }

// Handle authorizes one request; see the package documentation for the
// rules. It returns ErrUnauthorized (401) or a policy with a nil error; any
// Deny or Allow policy covers the whole API and stage for the methods of the
// request's mode.
func (h *Handler) Handle(ctx context.Context, req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	d := decision{method: strings.ToUpper(req.HTTPMethod)}
	resp, err := h.decide(ctx, &req, &d)
	h.logDecision(ctx, &req, &d)
	return resp, err
}

// decision collects what one call decided, for the log line.
type decision struct {
	mode, method, outcome, reason, plan, sub string
}

func (h *Handler) decide(ctx context.Context, req *events.APIGatewayCustomAuthorizerRequestTypeRequest, d *decision) (events.APIGatewayCustomAuthorizerResponse, error) {
	arn, err := parseMethodARN(req.MethodArn)
	if err != nil {
		return unauthorized(d, "bad methodArn: "+err.Error())
	}
	if d.method == "" {
		d.method = strings.ToUpper(arn.method)
	}
	if slices.Contains(keyModeMethods, d.method) {
		d.mode = "key"
		return h.keyMode(req, arn, d)
	}
	d.mode = "token"
	return h.tokenMode(ctx, req, arn, d)
}

// keyMode hands the call's x-api-key header to API Gateway as
// usageIdentifierKey, which then checks the key itself, as it does with the
// HEADER key source: an unknown or disabled key, or one in no usage plan of
// the stage, answers 403 Forbidden. So keys added to a plan after this
// function started work at once. plan names the configured plan the key
// belongs to, or is empty when the key is not one of them.
func (h *Handler) keyMode(req *events.APIGatewayCustomAuthorizerRequestTypeRequest, arn methodARN, d *decision) (events.APIGatewayCustomAuthorizerResponse, error) {
	key, err := singleHeader(req, "x-api-key")
	if err != nil {
		return unauthorized(d, "x-api-key: "+err.Error())
	}
	if key == "" {
		return unauthorized(d, "no x-api-key header")
	}
	principal, name := "api-key", ""
	if p, ok := h.plans.forKey(key); ok {
		principal, name = "plan:"+p.name, p.name
	} else {
		d.reason = "not a configured plan key: API Gateway checks it"
	}
	d.outcome, d.plan = "allow", name
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID:        principal,
		PolicyDocument:     policy("Allow", arn.resources(keyModeMethods)),
		Context:            map[string]any{"plan": name},
		UsageIdentifierKey: key,
	}, nil
}

// tokenMode verifies the bearer ID token and maps its groups to a plan.
func (h *Handler) tokenMode(ctx context.Context, req *events.APIGatewayCustomAuthorizerRequestTypeRequest, arn methodARN, d *decision) (events.APIGatewayCustomAuthorizerResponse, error) {
	header, err := singleHeader(req, "Authorization")
	if err != nil {
		return unauthorized(d, "authorization: "+err.Error())
	}
	raw, err := cognito.BearerToken(header)
	if err != nil {
		return unauthorized(d, err.Error())
	}
	claims, err := h.verifier.Verify(ctx, raw)
	if err != nil {
		return unauthorized(d, err.Error())
	}
	d.sub = claims.Subject
	authCtx := map[string]any{
		"sub":    claims.Subject,
		"email":  claims.Email,
		"groups": strings.Join(claims.Groups, ","),
	}
	resources := arn.resources(tokenModeMethods)
	p, ok := h.plans.forGroups(claims.Groups)
	if !ok {
		d.outcome, d.reason = "deny", "no plan group"
		authCtx["plan"] = ""
		return events.APIGatewayCustomAuthorizerResponse{
			PrincipalID:    claims.Subject,
			PolicyDocument: policy("Deny", resources),
			Context:        authCtx,
		}, nil
	}
	d.outcome, d.plan = "allow", p.name
	authCtx["plan"] = p.name
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID:        claims.Subject,
		PolicyDocument:     policy("Allow", resources),
		Context:            authCtx,
		UsageIdentifierKey: p.key,
	}, nil
}

func unauthorized(d *decision, reason string) (events.APIGatewayCustomAuthorizerResponse, error) {
	d.outcome, d.reason = "unauthorized", reason
	return events.APIGatewayCustomAuthorizerResponse{}, ErrUnauthorized
}

// logDecision writes the one line per call. It holds no token and no key.
func (h *Handler) logDecision(ctx context.Context, req *events.APIGatewayCustomAuthorizerRequestTypeRequest, d *decision) {
	level := slog.LevelInfo
	if d.outcome != "allow" {
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("requestId", req.RequestContext.RequestID),
		slog.String("mode", d.mode),
		slog.String("method", d.method),
		slog.String("resource", req.Resource),
		slog.String("outcome", d.outcome),
	}
	if d.reason != "" {
		attrs = append(attrs, slog.String("reason", d.reason))
	}
	if d.plan != "" {
		attrs = append(attrs, slog.String("plan", d.plan))
	}
	if d.sub != "" {
		attrs = append(attrs, slog.String("sub", d.sub))
	}
	h.log.LogAttrs(ctx, level, "authorizer decision", attrs...)
}

package gateway

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"apigwdirect/internal/headercase"
	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/vtl"
)

// invocation is the one typed context of a request, filled once, stage by
// stage, as API Gateway's pipeline runs: the request as parsed, then its
// route, then what the method request stage learned (authorizer, API key).
// The $context tree of templates, the Lambda proxy event and the
// authorizer event are all derived from it (context.go, events.go), and
// every mapping expression is resolved against it (resolve.go).
type invocation struct {
	api *apidef.Model
	r   *http.Request

	// Filled when the request arrives.
	start      time.Time
	requestID  string
	extendedID string // $context.extendedRequestId, also x-amz-apigw-id
	// sentNames are the request's header names as the client wrote them,
	// nil when unknown (see headercase.Listener).
	sentNames []string

	// Filled by parseRequest.
	query url.Values // decoded, as API Gateway passes it on
	body  []byte

	// Filled by route.
	path       string // after the stage, percent-encoded as sent: "/items/a%2Fb"
	method     *apidef.Method
	pathParams map[string]string

	// Filled by the method request stage.
	principalID string
	authContext map[string]any // authorizer context (Lambda) or {"claims": ...} (Cognito)
	usageKey    string
	apiKey      *apidef.APIKey

	// overrides are what the request template set on
	// $context.responseOverride and requestOverride; the response
	// template sees them, and the response gets them.
	overrides vtl.Overrides
	// templateBase holds what both mapping templates see (parameters,
	// headers, stage variables, the $context tree), built by the first
	// template render, after the method request.
	templateBase *vtl.Env

	// For the access log.
	servedBy           string
	integrationLatency time.Duration
	authorizerLatency  time.Duration
	authorizerCache    string
	// unsupported is why the method cannot be served locally, "" when it
	// can (Server.support).
	unsupported string
	// tracer writes the request's execution-log lines; nil when the
	// logger is not at debug (trace.go).
	tracer func(string)
}

func newInvocation(api *apidef.Model, r *http.Request, now time.Time) *invocation {
	return &invocation{api: api, r: r, start: now, requestID: newRequestID(), extendedID: newExtendedRequestID(),
		sentNames: headercase.Names(r), servedBy: "gateway", authorizerCache: authorizerCacheNone}
}

// sourceIP is the caller's address without the port.
func (inv *invocation) sourceIP() string {
	host, _, err := net.SplitHostPort(inv.r.RemoteAddr)
	if err != nil {
		return inv.r.RemoteAddr
	}
	return host
}

// contentType is the request's media type, lowercased, without parameters;
// "application/json" when absent.
func (inv *invocation) contentType() string {
	ct := inv.r.Header.Get("Content-Type")
	if ct == "" {
		return "application/json"
	}
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// stagePath is $context.path: the stage and the path as sent.
func (inv *invocation) stagePath() string { return "/" + inv.api.Stage + inv.path }

// requestTime is $context.requestTime, in API Gateway's CLF format.
func (inv *invocation) requestTime() string {
	return inv.start.UTC().Format("02/Jan/2006:15:04:05 -0700")
}

// authorizer is $context.authorizer: the authorizer's context with its
// principalId; nil when no authorizer ran.
func (inv *invocation) authorizer() map[string]any {
	if inv.authContext == nil && inv.principalID == "" {
		return nil
	}
	out := make(map[string]any, len(inv.authContext)+1)
	for k, v := range inv.authContext {
		out[k] = v
	}
	if inv.principalID != "" {
		out["principalId"] = inv.principalID
	}
	return out
}

// queryMaps returns the single-value (last value wins) and multi-value maps
// of the query, both nil when it is empty, as API Gateway sends them. Keys
// and values are decoded ('+' is a space), unlike the path: the live
// capture in hotsock/voker's vokerhttp/testdata/apigwv1-request.json has
// "literalPlus": "a b", "encodedPlus": "a+b" and "repeat": "two" for
// repeat=one&repeat=two.
func (inv *invocation) queryMaps() (map[string]string, map[string][]string) {
	if len(inv.query) == 0 {
		return nil, nil
	}
	single := make(map[string]string, len(inv.query))
	for k, vs := range inv.query {
		single[k] = vs[len(vs)-1]
	}
	return single, inv.query
}

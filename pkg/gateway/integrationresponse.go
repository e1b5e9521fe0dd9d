package gateway

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/vtl"
)

// integrationResponse is API Gateway's integration response stage: a
// proxied answer passes as it is; otherwise the integration response whose
// selection pattern matches the integration's status (else the default
// one) gives the status, the response parameters and the response
// template, and the response overrides set by the request template and
// then by the response template apply last. No matching response is 500
// API_CONFIGURATION_ERROR.
func (s *Server) integrationResponse(ctx context.Context, inv *invocation, res *integrationResult) (*response, error) {
	if res.proxied {
		return &response{Status: res.status, Headers: res.headers, Body: res.body}, nil
	}
	var ir *apidef.IntegrationResponse
	if res.selector != nil {
		ir = selectResponse(inv.method.Integration.Responses, *res.selector)
	} else {
		ir = selectResponse(inv.method.Integration.Responses, fmt.Sprint(res.status))
	}
	if ir == nil {
		s.logger.ErrorContext(ctx, "no integration response matches", "requestId", inv.requestID, "integrationStatus", res.status)
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	inv.trace("Selected integration response: status %d, selection pattern %q", ir.StatusCode, ir.SelectionPattern)
	out := &response{Status: ir.StatusCode, Headers: http.Header{}, Body: res.body}
	for k, v := range ir.Parameters {
		name, ok := strings.CutPrefix(k, "method.response.header.")
		if !ok {
			continue
		}
		if h, ok := strings.CutPrefix(v, "integration.response.header."); ok {
			out.Headers.Set(name, res.headers.Get(h))
		} else {
			out.Headers.Set(name, inv.resolve(v))
		}
	}
	ov := inv.overrides
	if tmpl, ct := responseTemplate(ir.Templates); ct != "" {
		out.Headers.Set("Content-Type", ct)
		name := fmt.Sprintf("%s %s response %d", inv.method.HTTPMethod, inv.method.ResourcePath, ir.StatusCode)
		rendered, rov, err := s.opts.Templates.Render(ctx, name, tmpl, inv.templateEnv(string(res.body)))
		if err != nil {
			s.logger.ErrorContext(ctx, "response template failed", "requestId", inv.requestID, "error", err.Error())
			return nil, gwErr(APIConfigurationError, "Internal server error")
		}
		out.Body, ov = []byte(rendered), rov
	}
	applyResponseOverrides(out, ov)
	return out, nil
}

// applyResponseOverrides sets $context.responseOverride's status and
// headers on the response.
func applyResponseOverrides(out *response, ov vtl.Overrides) {
	if ov.Status != 0 {
		out.Status = ov.Status
	}
	for k, v := range ov.Headers {
		out.Headers.Set(k, v)
	}
}

// selectResponse picks the first integration response whose selection
// pattern matches the whole status text, else the default one (no
// pattern), else nil.
func selectResponse(responses []*apidef.IntegrationResponse, status string) *apidef.IntegrationResponse {
	var def *apidef.IntegrationResponse
	for _, r := range responses {
		if r.Pattern == nil {
			if def == nil {
				def = r
			}
			continue
		}
		if r.Pattern.Matches(status) {
			return r
		}
	}
	return def
}

// responseTemplate prefers application/json, else the first content type in
// order; ct is "" when there is no template (the body passes through).
func responseTemplate(templates map[string]string) (tmpl, ct string) {
	if t, ok := templates["application/json"]; ok {
		return t, "application/json"
	}
	keys := make([]string, 0, len(templates))
	for k := range templates {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return "", ""
	}
	return templates[keys[0]], keys[0]
}

package gateway

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
)

// requestTemplate picks the integration request template for the request's
// content type and applies the passthrough behavior: it returns the template
// (ok) or, with ok false, whether the raw body passes through unchanged; an
// error answers 415.
func (c *call) requestTemplate(in *apidef.Integration) (tmpl string, ok bool, e *gatewayError) {
	if t, found := in.RequestTemplates[c.contentType()]; found {
		return t, true, nil
	}
	switch {
	case in.PassthroughBehavior == "NEVER",
		in.PassthroughBehavior == "WHEN_NO_TEMPLATES" && len(in.RequestTemplates) > 0:
		return "", false, gwErr(UnsupportedMediaType, "Unsupported Media Type")
	}
	return "", false, nil
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

// integrationResponse maps an integration's answer through the selected
// integration response: status, response parameters, the application/json
// template (or the body passed through) and the template's responseOverride.
func (s *Server) integrationResponse(ctx context.Context, c *call, status int, hdr http.Header, body string) (*response, *gatewayError) {
	ir := selectResponse(c.method.Integration.Responses, fmt.Sprint(status))
	if ir == nil {
		s.logger.ErrorContext(ctx, "no integration response matches", "requestId", c.requestID, "integrationStatus", status)
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	out := &response{Status: ir.StatusCode, Headers: http.Header{}, Body: []byte(body)}
	out.Headers.Set("Content-Type", "application/json")
	for k, v := range ir.Parameters {
		name, ok := strings.CutPrefix(k, "method.response.header.")
		if !ok {
			continue
		}
		if h, ok := strings.CutPrefix(v, "integration.response.header."); ok {
			out.Headers.Set(name, hdr.Get(h))
		} else {
			out.Headers.Set(name, s.paramValue(c, v))
		}
	}
	tmpl, ct := responseTemplate(ir.Templates)
	if ct == "" {
		return out, nil
	}
	out.Headers.Set("Content-Type", ct)
	rendered, ov, err := s.opts.Templates.Render(ctx, fmt.Sprintf("%s %s response %d", c.method.HTTPMethod, c.method.ResourcePath, ir.StatusCode), tmpl, c.templateEnv(body))
	if err != nil {
		s.logger.ErrorContext(ctx, "response template failed", "requestId", c.requestID, "error", err.Error())
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	out.Body = []byte(rendered)
	if ov.Status != 0 {
		out.Status = ov.Status
	}
	for k, v := range ov.Headers {
		out.Headers.Set(k, v)
	}
	return out, nil
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

// renderRequest renders the integration request template, or passes the
// body through.
func (s *Server) renderRequest(ctx context.Context, c *call) (string, *gatewayError) {
	in := c.method.Integration
	tmpl, ok, e := c.requestTemplate(in)
	if e != nil {
		return "", e
	}
	if !ok {
		return string(c.body), nil
	}
	out, _, err := s.opts.Templates.Render(ctx, fmt.Sprintf("%s %s request", c.method.HTTPMethod, c.method.ResourcePath), tmpl, c.templateEnv(string(c.body)))
	if err != nil {
		s.logger.ErrorContext(ctx, "request template failed", "requestId", c.requestID, "error", err.Error())
		return "", gwErr(APIConfigurationError, "Internal server error")
	}
	return out, nil
}

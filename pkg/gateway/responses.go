package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
)

// Gateway response types the server produces.
const (
	MissingAuthenticationToken = "MISSING_AUTHENTICATION_TOKEN"
	InvalidAPIKey              = "INVALID_API_KEY"
	Unauthorized               = "UNAUTHORIZED"
	AccessDenied               = "ACCESS_DENIED"
	Throttled                  = "THROTTLED"
	QuotaExceeded              = "QUOTA_EXCEEDED"
	BadRequestBody             = "BAD_REQUEST_BODY"
	BadRequestParameters       = "BAD_REQUEST_PARAMETERS"
	RequestTooLarge            = "REQUEST_TOO_LARGE"
	UnsupportedMediaType       = "UNSUPPORTED_MEDIA_TYPE"
	AuthorizerConfiguration    = "AUTHORIZER_CONFIGURATION_ERROR"
	AuthorizerFailure          = "AUTHORIZER_FAILURE"
	APIConfigurationError      = "API_CONFIGURATION_ERROR"
	IntegrationFailure         = "INTEGRATION_FAILURE"
	IntegrationTimeout         = "INTEGRATION_TIMEOUT"
)

// defaultStatus is each response type's status when the template does not
// customize it.
var defaultStatus = map[string]int{
	MissingAuthenticationToken: 403, InvalidAPIKey: 403, Unauthorized: 401, AccessDenied: 403,
	Throttled: 429, QuotaExceeded: 429, BadRequestBody: 400, BadRequestParameters: 400,
	RequestTooLarge: 413, UnsupportedMediaType: 415, AuthorizerConfiguration: 500,
	AuthorizerFailure: 500, APIConfigurationError: 500, IntegrationFailure: 504, IntegrationTimeout: 504,
}

// errorType is the x-amzn-ErrorType header API Gateway sends with each type.
var errorType = map[string]string{
	MissingAuthenticationToken: "MissingAuthenticationTokenException", InvalidAPIKey: "ForbiddenException",
	Unauthorized: "UnauthorizedException", AccessDenied: "AccessDeniedException",
	Throttled: "TooManyRequestsException", QuotaExceeded: "LimitExceededException",
	BadRequestBody: "BadRequestException", BadRequestParameters: "BadRequestException",
	RequestTooLarge: "RequestTooLongException", UnsupportedMediaType: "UnsupportedMediaTypeException",
	AuthorizerConfiguration: "AuthorizerConfigurationException", AuthorizerFailure: "AuthorizerFailureException",
	APIConfigurationError: "InternalServerErrorException", IntegrationFailure: "InternalServerErrorException",
	IntegrationTimeout: "InternalServerErrorException",
}

// gatewayError is a request the gateway answers itself.
type gatewayError struct {
	Type string
	// Message is $context.error.message; nil renders as JSON null.
	Message *string
	// Validation is $context.error.validationErrorString.
	Validation string
	// Status overrides the type's default status (for example 502 for a
	// malformed Lambda proxy response).
	Status int
}

func gwErr(typ, msg string) *gatewayError { return &gatewayError{Type: typ, Message: &msg} }

// response is what the server writes back.
type response struct {
	Status  int
	Headers http.Header
	Body    []byte
}

// gatewayResponse renders e through the template's gateway responses,
// falling back to DEFAULT_4XX / DEFAULT_5XX, then to API Gateway's defaults.
func (s *Server) gatewayResponse(ctx context.Context, c *call, e *gatewayError) *response {
	status := e.Status
	if status == 0 {
		status = defaultStatus[e.Type]
	}
	fallback := "DEFAULT_4XX"
	if status >= 500 {
		fallback = "DEFAULT_5XX"
	}
	specific, def := s.model.GatewayResponses[e.Type], s.model.GatewayResponses[fallback]
	if e.Status == 0 {
		if specific != nil && specific.StatusCode != 0 {
			status = specific.StatusCode
		} else if specific == nil && def != nil && def.StatusCode != 0 {
			status = def.StatusCode
		}
	}
	headers := http.Header{}
	headers.Set("Content-Type", "application/json")
	if t := errorType[e.Type]; t != "" {
		headers.Set("x-amzn-ErrorType", t)
	}
	msgJSON := []byte("null")
	if e.Message != nil {
		msgJSON, _ = json.Marshal(*e.Message)
	}
	body := []byte(`{"message":` + string(msgJSON) + `}`)
	var tmpl string
	for _, gr := range []*apidef.GatewayResponse{def, specific} {
		if gr == nil {
			continue
		}
		for k, v := range gr.Parameters {
			if name, ok := strings.CutPrefix(k, "gatewayresponse.header."); ok {
				headers.Set(name, s.paramValue(c, v))
			}
		}
		if t, ok := gr.Templates["application/json"]; ok {
			tmpl = t
		}
	}
	if tmpl != "" {
		msg := ""
		if e.Message != nil {
			msg = *e.Message
		}
		validation, _ := json.Marshal(e.Validation)
		ctxMap := c.contextMap()
		ctxMap["error"] = map[string]any{
			"message": msg, "messageString": string(msgJSON), "responseType": e.Type,
			"validationErrorString": string(validation[1 : len(validation)-1]),
		}
		body = []byte(substitute(tmpl, ctxMap, c.stageVars))
	}
	c.servedBy = "gateway"
	return &response{Status: status, Headers: headers, Body: body}
}

// paramValue evaluates a mapping parameter value: a 'quoted literal', or
// method.request.header|querystring|path.X.
func (s *Server) paramValue(c *call, v string) string {
	if len(v) >= 2 && strings.HasPrefix(v, "'") && strings.HasSuffix(v, "'") {
		return v[1 : len(v)-1]
	}
	if name, ok := strings.CutPrefix(v, "method.request.header."); ok {
		return c.r.Header.Get(name)
	}
	if name, ok := strings.CutPrefix(v, "method.request.querystring."); ok {
		return lastValue(c.r.URL.Query(), name)
	}
	if name, ok := strings.CutPrefix(v, "method.request.path."); ok {
		return c.pathParams[name]
	}
	if name, ok := strings.CutPrefix(v, "stageVariables."); ok {
		return s.model.StageVariables[name]
	}
	return ""
}

var gatewayVar = regexp.MustCompile(`\$(context|stageVariables)((?:\.[A-Za-z0-9_]+)+)`)

// substitute renders a gateway-response template. API Gateway treats these
// as plain substitution of $context.* and $stageVariables.* (no VTL
// directives); an unknown variable renders empty.
func substitute(tmpl string, ctxMap map[string]any, stageVars map[string]string) string {
	return gatewayVar.ReplaceAllStringFunc(tmpl, func(m string) string {
		sub := gatewayVar.FindStringSubmatch(m)
		path := strings.Split(strings.TrimPrefix(sub[2], "."), ".")
		if sub[1] == "stageVariables" {
			return stageVars[path[0]]
		}
		var cur any = ctxMap
		for _, p := range path {
			mm, ok := cur.(map[string]any)
			if !ok {
				return ""
			}
			cur = mm[p]
		}
		if cur == nil {
			return ""
		}
		return fmt.Sprint(cur)
	})
}

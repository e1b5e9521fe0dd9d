package gateway

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
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

// gatewayResponse renders e through the template's gateway responses,
// falling back to DEFAULT_4XX / DEFAULT_5XX, then to API Gateway's defaults.
func (s *Server) gatewayResponse(inv *invocation, e *gatewayError) *response {
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
				headers.Set(name, inv.resolve(v))
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
		ctxMap := inv.contextTree()
		ctxMap["error"] = map[string]any{
			"message": msg, "messageString": string(msgJSON), "responseType": e.Type,
			"validationErrorString": string(validation[1 : len(validation)-1]),
		}
		body = []byte(substitute(tmpl, ctxMap, s.model.StageVariables))
	}
	return &response{Status: status, Headers: headers, Body: body}
}

var gatewayVar = regexp.MustCompile(`\$(context|stageVariables)((?:\.[A-Za-z0-9_]+)+)`)

// substitute renders a gateway-response template. API Gateway treats these
// as plain substitution of $context.* and $stageVariables.* (no VTL
// directives); an unknown variable renders empty.
func substitute(tmpl string, ctxMap map[string]any, stageVars map[string]string) string {
	return gatewayVar.ReplaceAllStringFunc(tmpl, func(m string) string {
		sub := gatewayVar.FindStringSubmatch(m)
		path := strings.TrimPrefix(sub[2], ".")
		if sub[1] == "stageVariables" {
			name, _, _ := strings.Cut(path, ".")
			return stageVars[name]
		}
		return contextValue(ctxMap, path)
	})
}

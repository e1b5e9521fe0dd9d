package gateway

import (
	"maps"

	"apigwdirect/pkg/vtl"
)

// contextTree is the request's $context for mapping templates and gateway
// responses, derived from the invocation as far as the pipeline has filled
// it.
func (inv *invocation) contextTree() map[string]any {
	identity := map[string]any{"sourceIp": inv.sourceIP(), "userAgent": inv.r.UserAgent()}
	if inv.apiKey != nil {
		identity["apiKey"] = inv.apiKey.Value
		identity["apiKeyId"] = inv.apiKey.ID
	}
	authorizer := inv.authorizer()
	if authorizer == nil {
		authorizer = map[string]any{}
	}
	m := map[string]any{
		"requestId": inv.requestID, "extendedRequestId": inv.extendedID, "apiId": inv.api.APIID,
		"accountId": inv.api.AccountID, "stage": inv.api.Stage, "httpMethod": inv.r.Method,
		"path": inv.stagePath(), "protocol": inv.r.Proto, "domainName": inv.r.Host,
		"requestTime": inv.requestTime(), "requestTimeEpoch": inv.start.UnixMilli(),
		"identity": identity, "authorizer": authorizer,
	}
	if inv.method != nil {
		m["resourcePath"], m["resourceId"] = inv.method.ResourcePath, inv.method.ResourceID
	}
	return m
}

// templateEnv is the mapping-template environment with body as $input.
// The $context it holds carries what the request template set on
// $context.responseOverride and requestOverride, so that a response
// template reads them (recorded on AWS: LocalStack's
// tests/aws/services/apigateway/test_apigateway_integrations.py,
// test_integration_mock_with_response_override_in_request_template and
// test_integration_mock_with_request_overrides_in_response_template).
func (inv *invocation) templateEnv(body string) *vtl.Env {
	// The request and the response template see the same parameters and
	// $context tree, built once (a template's changes stay in the engine's
	// own copy); only the body and the carried overrides differ, so each
	// render gets its own top level of $context when there are overrides.
	if inv.templateBase == nil {
		q, _ := inv.queryMaps()
		if q == nil {
			q = map[string]string{}
		}
		path := inv.pathParams
		if path == nil {
			path = map[string]string{}
		}
		inv.templateBase = &vtl.Env{PathParams: path, QueryParams: q, Headers: lastValues(inv.r.Header),
			StageVariables: inv.api.StageVariables, Context: inv.contextTree()}
	}
	env := &vtl.Env{Body: body, PathParams: inv.templateBase.PathParams, QueryParams: inv.templateBase.QueryParams,
		Headers: inv.templateBase.Headers, StageVariables: inv.templateBase.StageVariables, Context: inv.templateBase.Context}
	if !inv.overrides.Empty() {
		env.Context = maps.Clone(env.Context)
		carryOverrides(env.Context, inv.overrides)
	}
	return env
}

// carryOverrides puts the overrides a template set back into a $context
// tree, in the shape the template set them.
func carryOverrides(ctx map[string]any, ov vtl.Overrides) {
	resp := map[string]any{}
	if ov.Status != 0 {
		resp["status"] = ov.Status
	}
	if ov.Headers != nil {
		resp["header"] = stringsAsAny(ov.Headers)
	}
	for k, v := range ov.ResponseOther {
		resp[k] = v
	}
	req := map[string]any{}
	for k, m := range map[string]map[string]string{"header": ov.RequestHeaders, "path": ov.RequestPath, "querystring": ov.RequestQuery} {
		if m != nil {
			req[k] = stringsAsAny(m)
		}
	}
	if len(resp) > 0 {
		ctx["responseOverride"] = resp
	}
	if len(req) > 0 {
		ctx["requestOverride"] = req
	}
}

func stringsAsAny(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

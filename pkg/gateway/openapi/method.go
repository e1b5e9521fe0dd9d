package openapi

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"apigwdirect/pkg/gateway/apidef"

	"apigwdirect/pkg/gateway/internal/jsonval"
)

// method reads one operation of a path item.
func (b *builder) method(node *apidef.Node, verb string, op map[string]any, pathParams []any) (*apidef.Method, error) {
	m := &apidef.Method{HTTPMethod: verb, ResourcePath: node.Path, ResourceID: node.ID, AuthorizationType: "NONE",
		RequestModels: map[string]*apidef.SchemaModel{}, RequestParameters: map[string]bool{}}
	var gaps []string
	if err := b.security(m, op, &gaps); err != nil {
		return nil, err
	}
	name := jsonval.Str(op["x-amazon-apigateway-request-validator"])
	if name == "" {
		name = jsonval.Str(b.doc["x-amazon-apigateway-request-validator"])
	}
	if name != "" {
		v, ok := jsonval.Obj(b.doc["x-amazon-apigateway-request-validators"])[name]
		if !ok {
			return nil, fmt.Errorf("request validator %q is not in x-amazon-apigateway-request-validators", name)
		}
		m.Validator = &apidef.Validator{Name: name, ValidateRequestBody: jsonval.Bool(jsonval.Obj(v)["validateRequestBody"]),
			ValidateRequestParameters: jsonval.Bool(jsonval.Obj(v)["validateRequestParameters"])}
	}
	if err := b.parameters(m, op, pathParams, &gaps); err != nil {
		return nil, err
	}
	in, err := b.integration(jsonval.Obj(op["x-amazon-apigateway-integration"]))
	if err != nil {
		return nil, err
	}
	m.SetIntegration(in, gaps)
	return m, nil
}

// security reads the operation's security requirements (the definition's
// when the operation has none): a scheme with x-amazon-apigateway-authorizer
// is the method's authorizer, one with x-amazon-apigateway-authtype
// awsSigv4 makes it AWS_IAM, and the apiKey scheme named x-api-key in the
// header makes an API key required.
func (b *builder) security(m *apidef.Method, op map[string]any, gaps *[]string) error {
	reqs, ok := op["security"]
	if !ok {
		reqs = b.doc["security"]
	}
	schemes := jsonval.Obj(b.doc["securityDefinitions"])
	if schemes == nil {
		schemes = jsonval.Obj(jsonval.Obj(b.doc["components"])["securitySchemes"])
	}
	for _, req := range jsonval.List(reqs) {
		for name := range jsonval.Obj(req) {
			s, ok := schemes[name]
			if !ok {
				return fmt.Errorf("security scheme %q is not defined", name)
			}
			scheme := jsonval.Obj(s)
			switch {
			case scheme["x-amazon-apigateway-authorizer"] != nil:
				a, gap, err := b.authorizer(name, scheme)
				if err != nil {
					return err
				}
				m.Authorizer = a
				m.AuthorizationType = "CUSTOM"
				if a.Type == "COGNITO_USER_POOLS" {
					m.AuthorizationType = "COGNITO_USER_POOLS"
				}
				if gap != "" {
					*gaps = append(*gaps, gap)
				}
			case strings.EqualFold(jsonval.Str(scheme["x-amazon-apigateway-authtype"]), "awsSigv4"):
				m.AuthorizationType = "AWS_IAM"
			case jsonval.Str(scheme["type"]) == "apiKey" && strings.EqualFold(jsonval.Str(scheme["name"]), "x-api-key") && jsonval.Str(scheme["in"]) == "header":
				m.APIKeyRequired = true
			}
		}
	}
	return nil
}

type authorizerRef struct {
	a   *apidef.Authorizer
	gap string
}

// authorizer reads a security scheme's x-amazon-apigateway-authorizer, once
// per scheme. A token authorizer's identity source is the header the
// scheme names; the default TTL is 300 seconds.
func (b *builder) authorizer(name string, scheme map[string]any) (*apidef.Authorizer, string, error) {
	if r, ok := b.authorizers[name]; ok {
		return r.a, r.gap, nil
	}
	x := jsonval.Obj(scheme["x-amazon-apigateway-authorizer"])
	a := &apidef.Authorizer{ID: name, Name: name, Type: strings.ToUpper(jsonval.Str(x["type"])),
		IdentityValidationExpression: jsonval.Str(x["identityValidationExpression"]), TTL: 300 * time.Second}
	if v, ok := x["authorizerResultTtlInSeconds"]; ok {
		a.TTL = time.Duration(atoi(v)) * time.Second
	}
	for _, s := range strings.Split(jsonval.Str(x["identitySource"]), ",") {
		if s = strings.TrimSpace(s); s != "" {
			a.IdentitySources = append(a.IdentitySources, s)
		}
	}
	if len(a.IdentitySources) == 0 && jsonval.Str(scheme["in"]) == "header" && jsonval.Str(scheme["name"]) != "" {
		a.IdentitySources = []string{"method.request.header." + jsonval.Str(scheme["name"])}
	}
	var gap string
	switch a.Type {
	case "TOKEN", "REQUEST":
		a.Function = b.opts.Function(jsonval.Str(x["authorizerUri"]))
		if a.Function == "" {
			gap = fmt.Sprintf("authorizer %s: the Lambda function of %q is not in the template", name, jsonval.Str(x["authorizerUri"]))
		}
	case "COGNITO_USER_POOLS":
		if b.opts.UserPools == nil {
			gap = fmt.Sprintf("authorizer %s: no user pool is available", name)
			break
		}
		pools, err := b.opts.UserPools(jsonval.Strs(x["providerARNs"]))
		if err != nil {
			gap = fmt.Sprintf("authorizer %s: %v", name, err)
		}
		a.UserPools = pools
	default:
		gap = fmt.Sprintf("authorizer %s: type %q is not supported", name, jsonval.Str(x["type"]))
	}
	b.authorizers[name] = &authorizerRef{a: a, gap: gap}
	return a, gap, nil
}

// parameters reads the path item's and the operation's parameters (the
// operation's win) into method request parameters and the request models.
func (b *builder) parameters(m *apidef.Method, op map[string]any, pathParams []any, gaps *[]string) error {
	all := append(append([]any{}, pathParams...), jsonval.List(op["parameters"])...)
	consumes := jsonval.Strs(op["consumes"])
	if len(consumes) == 0 {
		consumes = jsonval.Strs(b.doc["consumes"])
	}
	if len(consumes) == 0 {
		consumes = []string{"application/json"}
	}
	for _, pv := range all {
		p := jsonval.Obj(pv)
		if ref := jsonval.Str(p["$ref"]); ref != "" {
			p = jsonval.Obj(b.pointer(ref))
		}
		name := jsonval.Str(p["name"])
		switch jsonval.Str(p["in"]) {
		case "query":
			m.RequestParameters["method.request.querystring."+name] = jsonval.Bool(p["required"])
		case "header":
			m.RequestParameters["method.request.header."+name] = jsonval.Bool(p["required"])
		case "path":
			m.RequestParameters["method.request.path."+name] = true
		case "body":
			for _, ct := range consumes {
				sm, err := b.model(p["schema"], m)
				if err != nil {
					*gaps = append(*gaps, err.Error())
					continue
				}
				m.RequestModels[ct] = sm
			}
		}
	}
	body := jsonval.Obj(op["requestBody"])
	if ref := jsonval.Str(body["$ref"]); ref != "" {
		body = jsonval.Obj(b.pointer(ref))
	}
	for ct, media := range jsonval.Obj(body["content"]) {
		schema, ok := jsonval.Obj(media)["schema"]
		if !ok {
			continue
		}
		sm, err := b.model(schema, m)
		if err != nil {
			*gaps = append(*gaps, err.Error())
			continue
		}
		m.RequestModels[ct] = sm
	}
	return nil
}

// integration reads x-amazon-apigateway-integration. Its type and
// passthroughBehavior are written in any case ("aws", "when_no_templates");
// each key of responses is a selection pattern, "default" none.
func (b *builder) integration(x map[string]any) (*apidef.Integration, error) {
	in := &apidef.Integration{Type: strings.ToUpper(jsonval.Str(x["type"])), URI: jsonval.Str(x["uri"]),
		HTTPMethod: strings.ToUpper(jsonval.Str(x["httpMethod"])), Credentials: jsonval.Str(x["credentials"]),
		RequestParameters: jsonval.StrMap(x["requestParameters"]), RequestTemplates: jsonval.StrMap(x["requestTemplates"]),
		PassthroughBehavior: strings.ToUpper(jsonval.Str(x["passthroughBehavior"])), ContentHandling: jsonval.Str(x["contentHandling"]),
		ConnectionType: strings.ToUpper(jsonval.Str(x["connectionType"])), Timeout: 29 * time.Second}
	if x == nil {
		return in, nil
	}
	in.Complete(atoi(x["timeoutInMillis"]), b.opts.Function)
	keys := sortedKeys(jsonval.Obj(x["responses"]))
	for _, k := range keys {
		r := jsonval.Obj(jsonval.Obj(x["responses"])[k])
		ir := &apidef.IntegrationResponse{StatusCode: atoi(r["statusCode"]), Templates: jsonval.StrMap(r["responseTemplates"]),
			Parameters: jsonval.StrMap(r["responseParameters"]), ContentHandling: jsonval.Str(r["contentHandling"])}
		if ir.StatusCode == 0 {
			return nil, fmt.Errorf("integration response %q: statusCode %q is not a number", k, jsonval.Str(r["statusCode"]))
		}
		if k != "default" {
			ir.SelectionPattern = k
			p, err := apidef.CompilePattern(k)
			if err != nil {
				return nil, err
			}
			ir.Pattern = p
		}
		in.Responses = append(in.Responses, ir)
	}
	return in, nil
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

// model is the request model of a schema: a named model for a $ref to
// definitions (2.0) or components.schemas (3.0), else one named after the
// method. References inside are inlined (see inline).
func (b *builder) model(schema any, m *apidef.Method) (*apidef.SchemaModel, error) {
	name := refName(jsonval.Str(jsonval.Obj(schema)["$ref"]))
	if name == "" {
		name = nonWord.ReplaceAllString(m.HTTPMethod[:1]+strings.ToLower(m.HTTPMethod[1:])+m.ResourcePath, "") + "Model"
	} else if sm, ok := b.models[name]; ok {
		return sm, nil
	}
	body, err := b.inlined(schema)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	sm := &apidef.SchemaModel{Name: name, ContentType: "application/json", Schema: body}
	if jsonval.Str(jsonval.Obj(schema)["$ref"]) != "" {
		b.models[name] = sm
	}
	return sm, nil
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	// "default" last, as the fallback it is; the rest in order.
	sortStrings(out)
	return out
}

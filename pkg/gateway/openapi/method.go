package openapi

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"apigwdirect/pkg/gateway/apidef"
)

// method reads one operation of a path item.
func (b *builder) method(node *apidef.Node, verb string, op map[string]any, pathParams []any) (*apidef.Method, error) {
	m := &apidef.Method{HTTPMethod: verb, ResourcePath: node.Path, ResourceID: node.ID, AuthorizationType: "NONE",
		RequestModels: map[string]*apidef.SchemaModel{}, RequestParameters: map[string]bool{}}
	var gaps []string
	if err := b.security(m, op, &gaps); err != nil {
		return nil, err
	}
	name := str(op["x-amazon-apigateway-request-validator"])
	if name == "" {
		name = str(b.doc["x-amazon-apigateway-request-validator"])
	}
	if name != "" {
		v, ok := obj(b.doc["x-amazon-apigateway-request-validators"])[name]
		if !ok {
			return nil, fmt.Errorf("request validator %q is not in x-amazon-apigateway-request-validators", name)
		}
		m.Validator = &apidef.Validator{Name: name, ValidateRequestBody: boolean(obj(v)["validateRequestBody"]),
			ValidateRequestParameters: boolean(obj(v)["validateRequestParameters"])}
	}
	if err := b.parameters(m, op, pathParams, &gaps); err != nil {
		return nil, err
	}
	in, err := b.integration(obj(op["x-amazon-apigateway-integration"]))
	if err != nil {
		return nil, err
	}
	m.Integration = in
	if g := in.LocalGap(); g != "" {
		gaps = append(gaps, g)
	}
	m.Unsupported = strings.Join(gaps, "; ")
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
	schemes := obj(b.doc["securityDefinitions"])
	if schemes == nil {
		schemes = obj(obj(b.doc["components"])["securitySchemes"])
	}
	for _, req := range list(reqs) {
		for name := range obj(req) {
			s, ok := schemes[name]
			if !ok {
				return fmt.Errorf("security scheme %q is not defined", name)
			}
			scheme := obj(s)
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
			case strings.EqualFold(str(scheme["x-amazon-apigateway-authtype"]), "awsSigv4"):
				m.AuthorizationType = "AWS_IAM"
			case str(scheme["type"]) == "apiKey" && strings.EqualFold(str(scheme["name"]), "x-api-key") && str(scheme["in"]) == "header":
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
	x := obj(scheme["x-amazon-apigateway-authorizer"])
	a := &apidef.Authorizer{ID: name, Name: name, Type: strings.ToUpper(str(x["type"])),
		IdentityValidationExpression: str(x["identityValidationExpression"]), TTL: 300 * time.Second}
	if v, ok := x["authorizerResultTtlInSeconds"]; ok {
		a.TTL = time.Duration(atoi(v)) * time.Second
	}
	for _, s := range strings.Split(str(x["identitySource"]), ",") {
		if s = strings.TrimSpace(s); s != "" {
			a.IdentitySources = append(a.IdentitySources, s)
		}
	}
	if len(a.IdentitySources) == 0 && str(scheme["in"]) == "header" && str(scheme["name"]) != "" {
		a.IdentitySources = []string{"method.request.header." + str(scheme["name"])}
	}
	var gap string
	switch a.Type {
	case "TOKEN", "REQUEST":
		a.Function = b.opts.Function(str(x["authorizerUri"]))
		if a.Function == "" {
			gap = fmt.Sprintf("authorizer %s: the Lambda function of %q is not in the template", name, str(x["authorizerUri"]))
		}
	case "COGNITO_USER_POOLS":
		if b.opts.UserPools == nil {
			gap = fmt.Sprintf("authorizer %s: no user pool is available", name)
			break
		}
		pools, err := b.opts.UserPools(strs(x["providerARNs"]))
		if err != nil {
			gap = fmt.Sprintf("authorizer %s: %v", name, err)
		}
		a.UserPools = pools
	default:
		gap = fmt.Sprintf("authorizer %s: type %q is not supported", name, str(x["type"]))
	}
	b.authorizers[name] = &authorizerRef{a: a, gap: gap}
	return a, gap, nil
}

// parameters reads the path item's and the operation's parameters (the
// operation's win) into method request parameters and the request models.
func (b *builder) parameters(m *apidef.Method, op map[string]any, pathParams []any, gaps *[]string) error {
	all := append(append([]any{}, pathParams...), list(op["parameters"])...)
	consumes := strs(op["consumes"])
	if len(consumes) == 0 {
		consumes = strs(b.doc["consumes"])
	}
	if len(consumes) == 0 {
		consumes = []string{"application/json"}
	}
	for _, pv := range all {
		p := obj(pv)
		if ref := str(p["$ref"]); ref != "" {
			p = obj(b.pointer(ref))
		}
		name := str(p["name"])
		switch str(p["in"]) {
		case "query":
			m.RequestParameters["method.request.querystring."+name] = boolean(p["required"])
		case "header":
			m.RequestParameters["method.request.header."+name] = boolean(p["required"])
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
	body := obj(op["requestBody"])
	if ref := str(body["$ref"]); ref != "" {
		body = obj(b.pointer(ref))
	}
	for ct, media := range obj(body["content"]) {
		schema, ok := obj(media)["schema"]
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
	in := &apidef.Integration{Type: strings.ToUpper(str(x["type"])), URI: str(x["uri"]),
		HTTPMethod: strings.ToUpper(str(x["httpMethod"])), Credentials: str(x["credentials"]),
		RequestParameters: strMap(x["requestParameters"]), RequestTemplates: strMap(x["requestTemplates"]),
		PassthroughBehavior: strings.ToUpper(str(x["passthroughBehavior"])), ContentHandling: str(x["contentHandling"]),
		ConnectionType: strings.ToUpper(str(x["connectionType"])), Timeout: 29 * time.Second}
	if x == nil {
		return in, nil
	}
	if ms := atoi(x["timeoutInMillis"]); ms > 0 {
		in.Timeout = time.Duration(ms) * time.Millisecond
	}
	if in.PassthroughBehavior == "" {
		in.PassthroughBehavior = "WHEN_NO_MATCH"
	}
	if in.Type == "AWS" || in.Type == "AWS_PROXY" {
		in.Service = apidef.ServiceOf(in.URI)
		if in.Service == "lambda" {
			in.Function = b.opts.Function(in.URI)
		}
	}
	keys := sortedKeys(obj(x["responses"]))
	for _, k := range keys {
		r := obj(obj(x["responses"])[k])
		ir := &apidef.IntegrationResponse{StatusCode: atoi(r["statusCode"]), Templates: strMap(r["responseTemplates"]),
			Parameters: strMap(r["responseParameters"]), ContentHandling: str(r["contentHandling"])}
		if ir.StatusCode == 0 {
			return nil, fmt.Errorf("integration response %q: statusCode %q is not a number", k, str(r["statusCode"]))
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
	name := refName(str(obj(schema)["$ref"]))
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
	if str(obj(schema)["$ref"]) != "" {
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

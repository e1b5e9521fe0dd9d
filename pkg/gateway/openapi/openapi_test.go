package openapi_test

import (
	"strings"
	"testing"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/gateway/openapi"
)

func build(t *testing.T, src string, opts openapi.Options) (*openapi.API, error) {
	t.Helper()
	doc, err := cfn.Decode([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return openapi.Build(doc.(map[string]any), opts)
}

func paths(n *apidef.Node) []string {
	var out []string
	var walk func(n *apidef.Node)
	walk = func(n *apidef.Node) {
		for v := range n.Methods {
			out = append(out, v+" "+n.Path)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// TestBasePathModes: the import's basepath modes as the developer guide
// states them for a basePath /a/b/c and a path /e
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html):
// ignore (the default) serves /e, prepend /a/b/c/e, split /b/c/e; in 3.0
// the base path is the basePath server variable, else the url's path.
func TestBasePathModes(t *testing.T) {
	const mock = `{"x-amazon-apigateway-integration": {"type": "mock"}}`
	v2 := `{"swagger": "2.0", "basePath": "/a/b/c", "paths": {"/e": {"get": ` + mock + `}}}`
	v3url := `{"openapi": "3.0.1", "servers": [{"url": "https://example.com/a/b/c"}], "paths": {"/e": {"get": ` + mock + `}}}`
	v3var := `{"openapi": "3.0.1", "servers": [{"url": "https://{host}/{basePath}", "variables": {"basePath": {"default": "/a/b/c"}}}], "paths": {"/e": {"get": ` + mock + `}}}`
	for _, src := range []string{v2, v3url, v3var} {
		for mode, want := range map[string]string{"": "GET /e", "ignore": "GET /e", "prepend": "GET /a/b/c/e", "split": "GET /b/c/e"} {
			api, err := build(t, src, openapi.Options{RootID: "r", BasePath: mode})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(paths(api.Root), ","); got != want {
				t.Errorf("%.40s... basepath=%q: %s, want %s", src, mode, got, want)
			}
		}
	}
}

// TestSecuritySchemes: x-amazon-apigateway-authorizer on a scheme makes
// the method's authorizer (cognito_user_pools here, with its pools looked
// up), x-amazon-apigateway-authtype awsSigv4 makes it AWS_IAM, the apiKey
// scheme x-api-key in the header makes a key required, and the
// definition's security applies to operations without their own
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html).
func TestSecuritySchemes(t *testing.T) {
	src := `
openapi: 3.0.1
security: [{api_key: []}]
paths:
  /open:
    get: {security: [], x-amazon-apigateway-integration: {type: mock}}
  /keyed:
    get: {x-amazon-apigateway-integration: {type: mock}}
  /iam:
    get: {security: [{sigv4: []}], x-amazon-apigateway-integration: {type: mock}}
  /users:
    get:
      security: [{pool: []}]
      x-amazon-apigateway-integration: {type: mock}
  /elsewhere:
    get:
      security: [{lambda: []}]
      x-amazon-apigateway-integration: {type: mock}
components:
  securitySchemes:
    api_key: {type: apiKey, name: x-api-key, in: header}
    sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
    pool:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: cognito_user_pools
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
    lambda:
      type: apiKey
      name: token
      in: header
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:999999999999:function:other/invocations
`
	api, err := build(t, src, openapi.Options{RootID: "r",
		UserPools: func(arns []string) ([]string, error) {
			if len(arns) == 1 && strings.HasSuffix(arns[0], "/us-east-1_abc") {
				return []string{"Pool"}, nil
			}
			return nil, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*apidef.Method{}
	for _, c := range api.Root.Children {
		got[c.Path] = c.Methods["GET"]
	}
	if m := got["/open"]; m.APIKeyRequired || m.AuthorizationType != "NONE" {
		t.Errorf("/open = %+v", m)
	}
	if m := got["/keyed"]; !m.APIKeyRequired {
		t.Errorf("/keyed does not require the key of the definition's security")
	}
	if m := got["/iam"]; m.AuthorizationType != "AWS_IAM" || m.APIKeyRequired {
		t.Errorf("/iam = %+v", m)
	}
	if m := got["/users"]; m.AuthorizationType != "COGNITO_USER_POOLS" || strings.Join(m.Authorizer.UserPools, ",") != "Pool" || m.Unsupported != "" {
		t.Errorf("/users = %+v %+v", m, m.Authorizer)
	}
	// A TOKEN authorizer whose function is not the API's: the method stays,
	// marked, with the token header as identity source.
	m := got["/elsewhere"]
	if m.Authorizer.Type != "TOKEN" || !strings.Contains(m.Unsupported, "function:other") ||
		strings.Join(m.Authorizer.IdentitySources, ",") != "method.request.header.token" {
		t.Errorf("/elsewhere = %+v %+v", m, m.Authorizer)
	}
}

// TestWhatTheLocalAPICannotRunIsMarked: a method without an integration,
// or with a model that refers to itself (which the local validator cannot
// take as one schema), is kept and marked; an undeclared request validator
// is an error, as importing it fails.
func TestWhatTheLocalAPICannotRunIsMarked(t *testing.T) {
	api, err := build(t, `
swagger: '2.0'
paths:
  /none:
    get: {}
  /tree:
    post:
      parameters: [{name: b, in: body, schema: {$ref: '#/definitions/Node'}}]
      x-amazon-apigateway-integration: {type: mock}
definitions:
  Node: {type: object, properties: {kids: {type: array, items: {$ref: '#/definitions/Node'}}}}
`, openapi.Options{RootID: "r"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range api.Root.Children {
		for _, m := range c.Methods {
			if m.Unsupported == "" || m.Integration == nil {
				t.Errorf("%s %s not marked: %+v", m.HTTPMethod, m.ResourcePath, m)
			}
		}
	}
	_, err = build(t, `{"swagger": "2.0", "paths": {"/x": {"get": {"x-amazon-apigateway-request-validator": "nope",
	  "x-amazon-apigateway-integration": {"type": "mock"}}}}}`, openapi.Options{RootID: "r"})
	if err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("err = %v, want the undeclared validator named", err)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/localapi"
)

// curls renders shell lines that set API, KEY (the first plan's key) and
// TOKEN (an ID token of the first group), then one curl per route with the headers its
// authorizer expects and an example body where the method takes one.
func curls(env *localapi.Env, credsPath string) string {
	plans := make([]string, 0, len(env.Credentials.APIKeys))
	for p := range env.Credentials.APIKeys {
		plans = append(plans, p)
	}
	sort.Strings(plans)
	groups := make([]string, 0, len(env.Credentials.Tokens))
	for g := range env.Credentials.Tokens {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	var b strings.Builder
	fmt.Fprintf(&b, "export API=%s\n", env.URL)
	if len(plans) > 0 {
		fmt.Fprintf(&b, "# usage plan %s (all keys and tokens: %s)\nexport KEY='%s'\n", plans[0], credsPath, env.Credentials.APIKeys[plans[0]])
	}
	if len(groups) > 0 {
		fmt.Fprintf(&b, "# a user in group %s\nexport TOKEN='%s'\n", groups[0], env.Credentials.Tokens[groups[0]])
	}
	b.WriteString("\n")
	for _, m := range ordered(env.Model.Methods()) {
		b.WriteString(curl(m, env.Model.APIKeySource))
		b.WriteString("\n")
	}
	return b.String()
}

// curl is the line of one method; keySource is the API's key source: a
// method requiring a key gets x-api-key under HEADER (under AUTHORIZER the
// authorizer supplies the key).
func curl(m *apidef.Method, keySource string) string {
	verb := m.HTTPMethod
	if verb == "ANY" {
		verb = "GET"
	}
	path := m.ResourcePath
	for _, part := range strings.Split(path, "/") {
		if strings.HasPrefix(part, "{") {
			path = strings.Replace(path, part, "example", 1)
		}
	}
	parts := []string{"curl -sS -i", "-X " + verb}
	keyHeader := m.APIKeyRequired && keySource != "AUTHORIZER"
	if a := m.Authorizer; a != nil && m.AuthorizationType != "NONE" {
		for _, src := range a.IdentitySources {
			name, isHeader := strings.CutPrefix(src, "method.request.header.")
			switch {
			case strings.EqualFold(src, "method.request.header.x-api-key"):
				keyHeader = true
			case strings.EqualFold(src, "method.request.header.Authorization"):
				// Both authorizers of this project take "Bearer <ID
				// token>": the Lambda authorizer requires it, the Cognito
				// one accepts it.
				parts = append(parts, `-H "Authorization: Bearer $TOKEN"`)
			case isHeader:
				// What a Lambda authorizer of another API expects in its
				// header is its own: a placeholder.
				parts = append(parts, "-H '"+name+": <"+strings.ToLower(a.Type)+" value>'")
			}
		}
	}
	if keyHeader {
		parts = append(parts, `-H "x-api-key: $KEY"`)
	}
	if sm := m.RequestModels["application/json"]; sm != nil {
		parts = append(parts, "-H 'Content-Type: application/json'", "-d '"+example(sm.Schema)+"'")
	} else if verb == "POST" || verb == "PUT" || verb == "PATCH" {
		parts = append(parts, "-H 'Content-Type: application/json'", "-d '{}'")
	}
	parts = append(parts, `"$API`+path+query(m)+`"`)
	return strings.Join(parts, " ")
}

// query is "?name=example&..." for the method's required query string
// parameters, sorted; "" when there are none.
func query(m *apidef.Method) string {
	var names []string
	for p, required := range m.RequestParameters {
		if name, ok := strings.CutPrefix(p, "method.request.querystring."); ok && required {
			names = append(names, name+"=example")
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	return "?" + strings.Join(names, "&")
}

// example builds a body satisfying the required properties of a simple
// object schema: strings "example", numbers 42, booleans true.
func example(schema []byte) string {
	var s struct {
		Required   []string `json:"required"`
		Properties map[string]struct {
			Type string `json:"type"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		return "{}"
	}
	body := map[string]any{}
	for _, name := range s.Required {
		switch s.Properties[name].Type {
		case "number", "integer":
			body[name] = 42
		case "boolean":
			body[name] = true
		default:
			body[name] = "example"
		}
	}
	out, _ := json.Marshal(body)
	return string(out)
}

// ordered sorts methods for reading top to bottom: by top-level path
// segment, then create, read, replace, delete, then by path, so the item
// a POST creates is the one the following GET, PUT and DELETE name.
func ordered(methods []*apidef.Method) []*apidef.Method {
	rank := map[string]int{"POST": 0, "GET": 1, "ANY": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}
	top := func(p string) string { return strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0] }
	out := append([]*apidef.Method(nil), methods...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if top(a.ResourcePath) != top(b.ResourcePath) {
			return top(a.ResourcePath) < top(b.ResourcePath)
		}
		if rank[a.HTTPMethod] != rank[b.HTTPMethod] {
			return rank[a.HTTPMethod] < rank[b.HTTPMethod]
		}
		return a.ResourcePath < b.ResourcePath
	})
	return out
}

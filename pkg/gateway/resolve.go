package gateway

import (
	"fmt"
	"strings"
)

// resolve evaluates one mapping expression of API Gateway against the
// invocation, the single resolver behind authorizer identity sources,
// request validation, integration and gateway response parameters:
//
//   - 'literal', quoted: the literal;
//   - method.request.header.X, method.request.querystring.X (the last value
//     of a repeated parameter, decoded), method.request.path.X (as sent);
//   - context.a.b: the $context value at that path (contextTree);
//   - stageVariables.X.
//
// Anything else, or a value that is absent or null, is "".
func (inv *invocation) resolve(expr string) string {
	if len(expr) >= 2 && strings.HasPrefix(expr, "'") && strings.HasSuffix(expr, "'") {
		return expr[1 : len(expr)-1]
	}
	kind, name, ok := strings.Cut(expr, ".")
	if !ok {
		return ""
	}
	switch kind {
	case "method":
		return inv.methodRequestValue(name)
	case "stageVariables":
		return inv.api.StageVariables[name]
	case "context":
		return contextValue(inv.contextTree(), name)
	}
	return ""
}

// methodRequestValue is a method.request.<where>.<name> value.
func (inv *invocation) methodRequestValue(expr string) string {
	where, name, ok := strings.Cut(strings.TrimPrefix(expr, "request."), ".")
	if !ok || !strings.HasPrefix(expr, "request.") {
		return ""
	}
	switch where {
	case "header":
		return inv.r.Header.Get(name)
	case "querystring":
		if vs := inv.query[name]; len(vs) > 0 {
			return vs[len(vs)-1]
		}
	case "path":
		return inv.pathParams[name]
	}
	return ""
}

// contextValue is the value at a dotted path of a $context tree, as text;
// "" when absent or null.
func contextValue(tree map[string]any, path string) string {
	var cur any = tree
	for _, p := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = m[p]
	}
	if cur == nil {
		return ""
	}
	return fmt.Sprint(cur)
}

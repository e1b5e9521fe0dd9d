package gateway

import (
	"net/http"
	"net/url"
	"strings"

	"apigwdirect/pkg/gateway/apidef"
)

// Routing and path parameters follow what API Gateway does with a REST API:
//
//   - the path is split on '/' as sent, so an encoded slash (%2F) stays
//     inside its segment: a live REST API answered /resource/my-id%2F100
//     from /resource/{ID} with "pathParameters": {"ID": "my-id%2F100"}
//     (public repository aws/aws-sam-cli, issue 3524);
//   - path parameters, the proxy event's path and $context.path are the
//     segments as the client encoded them, never decoded: a live capture
//     (hotsock/voker, vokerhttp/testdata/apigwv1-request.json) has
//     "path": "/capture/space%20value" and "proxy": "capture/space%20value",
//     and LocalStack's AWS-validated snapshot
//     (tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
//     test_lambda_aws_proxy_integration) keeps "test%2Balias" and a literal
//     '+' as sent;
//   - slashes before the stage and before the first segment are dropped, and
//     a trailing slash matches the resource without it, while a greedy
//     {proxy+} keeps empty segments inside it ("proxy-value//double-slash")
//     (the same snapshot);
//   - a literal path part matches a segment equal to it once decoded
//     (%69tems is items): RFC 3986 section 6.2.2.2 makes both the same
//     URI. That API Gateway does so is a guess.

// route finds the method the request calls: the stage, then the resource
// and its method (or ANY). Nothing matching answers 403 "Missing
// Authentication Token", API Gateway's answer to an unknown route.
func (s *Server) route(inv *invocation) error {
	rest, ok := splitStage(requestPath(inv.r), s.model.Stage)
	if !ok {
		return gwErr(MissingAuthenticationToken, "Missing Authentication Token")
	}
	inv.path = rest
	node, params, ok := match(s.model, rest)
	if ok {
		inv.pathParams = params
		inv.method = node.Methods[inv.r.Method]
		if inv.method == nil {
			inv.method = node.Methods["ANY"]
		}
	}
	if inv.method == nil {
		return gwErr(MissingAuthenticationToken, "Missing Authentication Token")
	}
	return nil
}

// requestPath is the request's path as the client sent it: the request
// target up to its query, or, for a request built in process, its escaped
// path.
func requestPath(r *http.Request) string {
	if strings.HasPrefix(r.RequestURI, "/") {
		p, _, _ := strings.Cut(r.RequestURI, "?")
		return p
	}
	return r.URL.EscapedPath()
}

// splitStage cuts the stage off a path as sent ("//prod/items/a%2Fb"):
// rest is what follows it ("/items/a%2Fb", "/" for the stage itself); ok is
// false when the path does not name the stage.
func splitStage(path, stage string) (rest string, ok bool) {
	rest, ok = strings.CutPrefix("/"+strings.TrimLeft(path, "/"), "/"+stage)
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		return "", false
	}
	if rest == "" {
		rest = "/"
	}
	return rest, true
}

// eventPath is the proxy event's path for rest: as sent, less the slashes
// before the first segment.
func eventPath(rest string) string { return "/" + strings.TrimLeft(rest, "/") }

// match finds the resource for a path relative to the stage, as sent
// ("/items/a%2Fb"), the way API Gateway does: a literal segment beats a
// {param}, which beats a greedy {proxy+}. It returns the node and the path
// parameters, still percent-encoded as sent.
func match(m *apidef.Model, path string) (*apidef.Node, map[string]string, bool) {
	trimmed := strings.TrimRight(strings.TrimLeft(path, "/"), "/")
	if trimmed == "" {
		return m.Root, map[string]string{}, true
	}
	segs := strings.Split(trimmed, "/")
	params := map[string]string{}
	n, ok := matchFrom(m.Root, segs, params)
	return n, params, ok
}

func matchFrom(n *apidef.Node, segs []string, params map[string]string) (*apidef.Node, bool) {
	if len(segs) == 0 {
		return n, true
	}
	if seg := segs[0]; seg != "" {
		decoded, err := url.PathUnescape(seg)
		for _, c := range n.Children {
			// A {param} part is a placeholder, never a literal: the segment
			// "{id}" is an id like any other.
			if _, isParam := paramName(c.PathPart); !isParam && err == nil && c.PathPart == decoded {
				if found, ok := matchFrom(c, segs[1:], params); ok {
					return found, true
				}
			}
		}
		for _, c := range n.Children {
			name, ok := paramName(c.PathPart)
			if !ok || strings.HasSuffix(name, "+") {
				continue
			}
			if found, ok := matchFrom(c, segs[1:], params); ok {
				params[name] = seg
				return found, true
			}
		}
	}
	for _, c := range n.Children {
		name, ok := paramName(c.PathPart)
		if !ok || !strings.HasSuffix(name, "+") || segs[0] == "" {
			continue
		}
		params[strings.TrimSuffix(name, "+")] = strings.Join(segs, "/")
		return c, true
	}
	return nil, false
}

func paramName(part string) (string, bool) {
	if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") {
		return part[1 : len(part)-1], true
	}
	return "", false
}

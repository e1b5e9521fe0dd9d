package openapi

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"apigwdirect/pkg/gateway/apidef"

	"apigwdirect/pkg/gateway/internal/jsonval"
)

// Options supply what a definition points at outside itself.
type Options struct {
	// RootID is the id of the root resource ("/").
	RootID string
	// BasePath is how the definition's base path is read, as the import's
	// basepath parameter: "ignore" (the default), "prepend" or "split".
	BasePath string
	// Function returns the id of the Lambda function an integration or
	// authorizer URI invokes, "" when the URI names none the API can run.
	Function func(uri string) string
	// UserPools returns the ids of the user pools of a
	// cognito_user_pools authorizer's providerARNs; an error names an ARN
	// it does not know.
	UserPools func(arns []string) ([]string, error)
}

// API is what an OpenAPI definition declares of a REST API.
type API struct {
	// Title is info.title.
	Title string
	// Root is the resource tree, with every method of the definition.
	Root *apidef.Node
	// APIKeySource is x-amazon-apigateway-api-key-source ("" when absent).
	APIKeySource string
	// BinaryMediaTypes are x-amazon-apigateway-binary-media-types.
	BinaryMediaTypes []string
	// GatewayResponses are x-amazon-apigateway-gateway-responses by type.
	GatewayResponses map[string]*apidef.GatewayResponse
}

// Build reads a definition (as decoded JSON or YAML: maps, lists,
// strings, numbers, booleans). Errors are for a definition API Gateway
// would not import (no paths, a request validator that is not declared, a
// bad selection pattern); a method the local API cannot run (another AWS
// service, an authorizer function outside the template) is kept with its
// reason in Method.Unsupported.
func Build(doc map[string]any, opts Options) (*API, error) {
	if doc["swagger"] == nil && doc["openapi"] == nil {
		return nil, fmt.Errorf("openapi: the definition has neither a swagger nor an openapi version")
	}
	paths := jsonval.Obj(doc["paths"])
	if paths == nil {
		return nil, fmt.Errorf("openapi: the definition has no paths")
	}
	b := &builder{doc: doc, opts: opts, models: map[string]*apidef.SchemaModel{}, authorizers: map[string]*authorizerRef{}}
	if b.opts.Function == nil {
		b.opts.Function = func(string) string { return "" }
	}
	api := &API{Title: jsonval.Str(jsonval.Obj(doc["info"])["title"]), APIKeySource: strings.ToUpper(jsonval.Str(doc["x-amazon-apigateway-api-key-source"])),
		BinaryMediaTypes: jsonval.Strs(doc["x-amazon-apigateway-binary-media-types"]), GatewayResponses: gatewayResponses(doc)}
	api.Root = &apidef.Node{ID: opts.RootID, Path: "/", Methods: map[string]*apidef.Method{}}
	prefix, err := b.basePrefix()
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(paths))
	for p := range paths {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	for _, p := range keys {
		if !strings.HasPrefix(p, "/") {
			continue // x-... extensions of the paths object
		}
		node := ensureNode(api.Root, prefix+p, opts.RootID)
		item := jsonval.Obj(paths[p])
		if ref := jsonval.Str(item["$ref"]); ref != "" {
			item = jsonval.Obj(b.pointer(ref))
		}
		for _, verb := range slices.Sorted(maps.Keys(item)) {
			httpMethod, ok := operationVerbs[verb]
			if !ok {
				continue
			}
			m, err := b.method(node, httpMethod, jsonval.Obj(item[verb]), jsonval.List(item["parameters"]))
			if err != nil {
				return nil, fmt.Errorf("openapi: %s %s: %w", httpMethod, p, err)
			}
			node.Methods[httpMethod] = m
		}
	}
	return api, nil
}

// operationVerbs are the operation keys of a path item and their methods.
var operationVerbs = map[string]string{
	"get": "GET", "put": "PUT", "post": "POST", "delete": "DELETE", "options": "OPTIONS",
	"head": "HEAD", "patch": "PATCH", "x-amazon-apigateway-any-method": "ANY",
}

type builder struct {
	doc         map[string]any
	opts        Options
	models      map[string]*apidef.SchemaModel
	authorizers map[string]*authorizerRef
}

// basePrefix is the path the base path adds before every path: none when
// ignored (the default), all of it when prepended, all but its first
// segment when split. The base path is 2.0's basePath, or in 3.0 the first
// server's basePath variable, else the path of its url.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html
func (b *builder) basePrefix() (string, error) {
	base := jsonval.Str(b.doc["basePath"])
	if base == "" {
		for _, s := range jsonval.List(b.doc["servers"]) {
			if v, ok := jsonval.Obj(jsonval.Obj(jsonval.Obj(s)["variables"])["basePath"])["default"]; ok {
				base = jsonval.Str(v)
				break
			}
		}
	}
	if base == "" {
		// The first server's URL path (3.0 has no basePath).
		if servers := jsonval.List(b.doc["servers"]); len(servers) > 0 {
			u := jsonval.Str(jsonval.Obj(servers[0])["url"])
			if i := strings.Index(u, "://"); i >= 0 {
				u = u[i+3:]
				if j := strings.Index(u, "/"); j >= 0 {
					u = u[j:]
				} else {
					u = ""
				}
			}
			base = u
		}
	}
	base = "/" + strings.Trim(base, "/")
	switch strings.ToLower(b.opts.BasePath) {
	case "", "ignore":
		return "", nil
	case "prepend":
		return strings.TrimSuffix(base, "/"), nil
	case "split":
		parts := strings.SplitN(strings.TrimPrefix(base, "/"), "/", 2)
		if len(parts) < 2 {
			return "", nil
		}
		return "/" + parts[1], nil
	}
	return "", fmt.Errorf("openapi: basepath %q: want ignore, prepend or split", b.opts.BasePath)
}

// ensureNode returns the node of path under root, creating the resources
// on the way (API Gateway creates intermediate resources without methods).
func ensureNode(root *apidef.Node, path, rootID string) *apidef.Node {
	n := root
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		if part == "" {
			continue
		}
		var next *apidef.Node
		for _, c := range n.Children {
			if c.PathPart == part {
				next = c
			}
		}
		if next == nil {
			p := strings.TrimSuffix(n.Path, "/") + "/" + part
			next = &apidef.Node{ID: resourceID(rootID, p), PathPart: part, Path: p, Methods: map[string]*apidef.Method{}}
			n.Children = append(n.Children, next)
			sort.Slice(n.Children, func(i, j int) bool { return n.Children[i].PathPart < n.Children[j].PathPart })
		}
		n = next
	}
	return n
}

// resourceID is a stable local id for the resource at path.
func resourceID(rootID, path string) string {
	sum := sha256.Sum256([]byte(rootID + path))
	return hex.EncodeToString(sum[:])[:6]
}

func gatewayResponses(doc map[string]any) map[string]*apidef.GatewayResponse {
	out := map[string]*apidef.GatewayResponse{}
	for typ, v := range jsonval.Obj(doc["x-amazon-apigateway-gateway-responses"]) {
		gr := jsonval.Obj(v)
		out[typ] = &apidef.GatewayResponse{Type: typ, StatusCode: atoi(gr["statusCode"]),
			Templates: jsonval.StrMap(gr["responseTemplates"]), Parameters: jsonval.StrMap(gr["responseParameters"])}
	}
	return out
}

// pointer resolves a local JSON pointer ("#/components/schemas/Item").
func (b *builder) pointer(ref string) any {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = b.doc
	for _, seg := range strings.Split(p, "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		cur = jsonval.Obj(cur)[seg]
	}
	return cur
}

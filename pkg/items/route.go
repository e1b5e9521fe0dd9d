package items

import (
	"strings"

	"apigwdirect/pkg/mapping"
)

// route is a mapping.Route, or routeUnknown.
type route = mapping.Route

const routeUnknown route = ""

// routeKey is a route of the contract as mapping.Integrations names it: its
// HTTP method and its path relative to the items root.
type routeKey struct {
	method, path string
	route        route
}

// contractRoutes lists the routes of mapping.Integrations. No resource
// ends with two of their paths ("/items" and "/items/{id}"), so the order
// does not matter.
func contractRoutes() []routeKey {
	var out []routeKey
	for _, in := range mapping.Integrations() {
		out = append(out, routeKey{method: in.Method, path: in.Path, route: in.Route})
	}
	return out
}

// resolve finds the route of a request from its resource template (for
// example "/lambda/items/{id}") and HTTP method: the contract route whose
// path ends the resource and whose method matches.
func (h *Handler) resolve(resource, method string) route {
	for _, k := range h.routes {
		if k.method == method && strings.HasSuffix(resource, k.path) {
			return k.route
		}
	}
	return routeUnknown
}

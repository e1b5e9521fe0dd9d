package items

import (
	"strings"

	"apigwdirect/pkg/mapping"
)

// route is a mapping.Route, or routeUnknown.
type route = mapping.Route

const routeUnknown route = ""

// resolve finds the route of a request from its resource template (for
// example "/lambda/items/{id}") and HTTP method.
func resolve(resource, method string) route {
	switch {
	case strings.HasSuffix(resource, "/items/{id}"):
		switch method {
		case "GET":
			return mapping.RouteGet
		case "PUT":
			return mapping.RouteReplace
		case "DELETE":
			return mapping.RouteDelete
		}
	case strings.HasSuffix(resource, "/items"):
		switch method {
		case "POST":
			return mapping.RouteCreate
		case "GET":
			return mapping.RouteList
		}
	}
	return routeUnknown
}

package mapping

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed item.schema.json
var schemaJSON []byte

//go:embed templates/*.vtl
var templateFS embed.FS

// Schema returns the item's JSON Schema (draft-04, the dialect API Gateway
// models use). The stack deploys these exact bytes as the API's model.
func Schema() []byte { return append([]byte(nil), schemaJSON...) }

// ReplaceSchema returns the model of the replace route's body: the item
// schema with ID optional (the path names the item; a body ID must equal
// it). The stack deploys these bytes as the PUT route's model.
func ReplaceSchema() []byte {
	var doc map[string]any
	if err := json.Unmarshal(schemaJSON, &doc); err != nil {
		panic(fmt.Sprintf("mapping: embedded item schema: %v", err))
	}
	doc["title"] = "ItemReplacement"
	doc["description"] = "An item replacing the one named by the path: FirstName and Age required, ID optional but equal to the path's; any other property must be a string."
	doc["required"] = []string{AttrFirstName, AttrAge}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("mapping: replace schema: %v", err))
	}
	return append(b, '\n')
}

// Route names one route of the API contract.
type Route string

// The routes of the contract.
const (
	RouteCreate  Route = "create"  // POST /items
	RouteList    Route = "list"    // GET /items
	RouteGet     Route = "get"     // GET /items/{id}
	RouteReplace Route = "replace" // PUT /items/{id}
	RouteDelete  Route = "delete"  // DELETE /items/{id}
)

// Integration is the direct path of one route: the DynamoDB action API
// Gateway calls, the request template that builds its input, and the
// integration responses that map DynamoDB's answer back to the contract.
type Integration struct {
	Route  Route
	Method string // HTTP method, e.g. "POST"
	Path   string // resource path relative to the items root: "/items" or "/items/{id}"
	Action string // DynamoDB action: UpdateItem (create, see Item.Update), PutItem (replace), Scan, GetItem, DeleteItem
	// SuccessStatus is the status the route answers on success (201, 200 or
	// 204). A replace answers 204, or 201 when it created the item.
	SuccessStatus int
	// RequestTemplate is the application/json request mapping template.
	RequestTemplate string
	// Responses are the integration responses, in the order API Gateway
	// should hold them. Exactly one has an empty SelectionPattern (the
	// default, DynamoDB's 200); the 4xx and 5xx ones use error.response.vtl,
	// which sets the final status itself through
	// $context.responseOverride.status (409, 400 or 500). The get and delete
	// templates override the success status with 404 for a missing item, the
	// replace template with 201 when there was no item to replace.
	Responses []IntegrationResponse
}

// IntegrationResponse maps DynamoDB responses whose HTTP status matches
// SelectionPattern to a method response.
type IntegrationResponse struct {
	// SelectionPattern is a regular expression matched against DynamoDB's HTTP
	// status code; empty marks the default response.
	SelectionPattern string
	// StatusCode is the method response status before any
	// $context.responseOverride.status the template sets.
	StatusCode int
	// Template is the application/json response mapping template.
	Template string
}

// StatusCodes lists every status a route of the contract can answer with, so
// the stack can declare a method response for each.
var StatusCodes = []int{200, 201, 204, 400, 404, 409, 500}

// includeLine marks a line of a template that mustTemplate replaces with
// the named template: "##include pathid.vtl". The deployed template holds
// the included text itself; the marker is a VTL comment.
const includeLine = "##include "

// mustTemplate returns an embedded template with its ##include lines
// expanded (recursively), so a rule shared by several templates is written
// once.
func mustTemplate(name string) string {
	b, err := templateFS.ReadFile("templates/" + name)
	if err != nil {
		panic(fmt.Sprintf("mapping: embedded template %s: %v", name, err))
	}
	lines := strings.SplitAfter(string(b), "\n")
	for i, l := range lines {
		if inc, ok := strings.CutPrefix(strings.TrimRight(l, "\n"), includeLine); ok {
			lines[i] = mustTemplate(strings.TrimSpace(inc))
		}
	}
	return strings.Join(lines, "")
}

// Integrations returns the direct path of every route of the contract, with
// the embedded templates as they are deployed.
func Integrations() []Integration {
	errResp := func(pattern string, status int) IntegrationResponse {
		return IntegrationResponse{SelectionPattern: pattern, StatusCode: status, Template: mustTemplate("error.response.vtl")}
	}
	route := func(r Route, method, path, action string, success int) Integration {
		return Integration{
			Route: r, Method: method, Path: path, Action: action, SuccessStatus: success,
			RequestTemplate: mustTemplate(string(r) + ".request.vtl"),
			Responses: []IntegrationResponse{
				{StatusCode: success, Template: mustTemplate(string(r) + ".response.vtl")},
				errResp("4\\d{2}", 400),
				errResp("5\\d{2}", 500),
			},
		}
	}
	return []Integration{
		route(RouteCreate, "POST", "/items", "UpdateItem", 201),
		route(RouteList, "GET", "/items", "Scan", 200),
		route(RouteGet, "GET", "/items/{id}", "GetItem", 200),
		route(RouteReplace, "PUT", "/items/{id}", "PutItem", 204),
		route(RouteDelete, "DELETE", "/items/{id}", "DeleteItem", 204),
	}
}

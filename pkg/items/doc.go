// Package items is the Lambda path of the API: an API Gateway proxy
// integration handler serving the contract of package mapping over a
// store.Store. It is importable so that the Lambda's main, the local API and
// the benchmarks all run the same code.
//
// Routing looks at the event's Resource suffix and HTTP method, so the same
// handler serves /items and /lambda/items:
//
//	POST   …/items       create   201 item | 400 | 409
//	GET    …/items       list     200 {"items":[...],"next":"T"} | 400
//	GET    …/items/{id}  get      200 item | 404
//	PUT    …/items/{id}  replace  204 | 201 (created) | 400
//	DELETE …/items/{id}  delete   204 | 404
//
// Create answers the item as DynamoDB stored it (UpdateItem, ALL_NEW; see
// mapping.Item.Update). A replace writes the whole item (PutItem), so extras
// of the stored item its body does not name are gone, and answers with no
// body: 204, or 201 when there was no item to replace. A PUT body's ID may
// be omitted; when given it must equal the path's id.
//
// Any other resource or method answers 403 {"message":"Missing
// Authentication Token"}, what API Gateway itself answers for a route it does
// not have, so a client sees the same thing whichever layer refuses. DynamoDB
// validation errors are 400 with DynamoDB's message; anything unexpected is
// 500 {"message":"Internal server error"}. Every body, errors included, is
// JSON with Content-Type application/json; 204 has no body.
//
// The table is the stage variable tableName when present, else
// Config.DefaultTable (the function's TABLE_NAME). Each request logs one JSON
// line with its request id, route, status and table; headers, bodies, tokens
// and API keys are never logged.
package items

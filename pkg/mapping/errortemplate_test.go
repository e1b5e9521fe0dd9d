package mapping_test

import (
	"encoding/json"
	"testing"

	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/vtl"
)

// TestErrorTemplate renders error.response.vtl on DynamoDB error bodies,
// including ones dynalite never sends, and checks the contract's answer.
func TestErrorTemplate(t *testing.T) {
	var src string
	for _, in := range mapping.Integrations() {
		if in.Route == mapping.RouteList {
			src = in.Responses[1].Template
		}
	}
	tpl, err := vtl.Parse("error.response", src)
	if err != nil {
		t.Fatal(err)
	}
	const arn = "arn:aws:dynamodb:us-east-1:123456789012:table/"
	cases := []struct {
		name, body string
		status     int
		message    string
	}{
		{"condition", `{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`, 409, "Item already exists"},
		{"validation", `{"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid: it's \"bad\""}`, 400, `One or more parameter values were invalid: it's "bad"`},
		{"validation, capital Message", `{"__type":"com.amazon.coral.validate#ValidationException","Message":"Size too big"}`, 400, "Size too big"},
		{"contract by table name", `{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value 'contract: invalid next token' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"}`, 400, "invalid next token"},
		{"contract by ARN", `{"__type":"com.amazon.coral.service#AccessDeniedException","message":"User: arn:aws:sts::123456789012:assumed-role/Api/x is not authorized to perform: dynamodb:PutItem on resource: ` + arn + `contract: Invalid request body: ID must equal the id in the path because no identity-based policy allows the dynamodb:PutItem action"}`, 400, "Invalid request body: ID must equal the id in the path"},
		{"contract by ARN, older wording", `{"__type":"com.amazon.coral.service#AccessDeniedException","message":"User: arn:aws:sts::1:assumed-role/Api/x is not authorized to perform: dynamodb:Scan on resource: ` + arn + `contract: limit must be an integer from 1 to 100"}`, 400, "limit must be an integer from 1 to 100"},
		{"access denied on the real table", `{"__type":"com.amazon.coral.service#AccessDeniedException","message":"User: x is not authorized to perform: dynamodb:Scan on resource: ` + arn + `Items"}`, 500, "Internal server error"},
		{"missing table", `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`, 500, "Internal server error"},
		{"throttled", `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}`, 500, "Internal server error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := &vtl.Env{Body: c.body}
			out, err := tpl.Render(env)
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			var got struct{ Message string }
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not JSON: %q: %v", out, err)
			}
			if s := env.Overrides().Status; s != c.status || got.Message != c.message {
				t.Errorf("got %d %q, want %d %q", s, got.Message, c.status, c.message)
			}
		})
	}
}

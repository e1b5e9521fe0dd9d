package localapi

import (
	"apigwdirect/internal/testenv"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

// TestDebugLogsTheExecutionLogLines: at debug level each request also logs
// API Gateway's execution-log lines, in the wording of a test invocation
// recorded on AWS (LocalStack's
// tests/aws/services/apigateway/test_apigateway_basic.snapshot.json,
// test_apigw_test_invoke_method_api; pkg/gateway's trace.go), with the
// bodies before and after each transformation, and the API key masked.
func TestDebugLogsTheExecutionLogLines(t *testing.T) {
	t.Parallel()
	var logs testenv.Buffer
	env := startCatalog(t, "http://127.0.0.1:9", slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	item := `{"id": "x1", "category": "tea", "price": 2, "name": "hojicha"}`
	if status, body := call(t, "POST", env.URL+"/products", item, map[string]string{"Content-Type": "application/json"}); status != 201 {
		t.Fatalf("%d %s", status, body)
	}
	key := env.Credentials.APIKeys["Catalog"]
	if status, body := call(t, "GET", env.URL+"/products?category=tea", "", map[string]string{"x-api-key": key}); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if m["msg"] == "execution" {
			lines = append(lines, m["line"].(string))
		}
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		"HTTP Method: POST, Resource Path: /products",
		"Method request body before transformations: " + item,
		"Endpoint request URI: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
		`Endpoint request body after transformations: {"TableName": "ProductsTable", "Item": {"pk": {"S": "x1"}`,
		"Received response. Status: 200, Integration latency: ",
		"Endpoint response body before transformations: {}",
		`Selected integration response: status 201, selection pattern ""`,
		"Method response body after transformations: {}",
		"Method completed with status: 201",
		"Method request query string: {category=tea}",
		"X-Api-Key=" + strings.Repeat("*", len(key)-6) + key[len(key)-6:],
		`Method response body after transformations: {"products": [{"id": "x1", "price": 2}]}`,
		"Method completed with status: 200",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no execution-log line with %q in:\n%s", want, all)
		}
	}
	if strings.Contains(logs.String(), key) {
		t.Error("the API key is in the log")
	}
}

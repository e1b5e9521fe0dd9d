package gateway

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"apigwdirect/pkg/gateway/cfn"
)

// overrideAPI serves a one-method API (GET /) whose integration is integ,
// a CloudFormation Integration object in JSON.
func overrideAPI(t *testing.T, integ string, dynamo string) *httptest.Server {
	t.Helper()
	src := `{"Resources":{
 "A":{"Type":"AWS::ApiGateway::RestApi"},
 "S":{"Type":"AWS::ApiGateway::Stage","Properties":{"RestApiId":{"Ref":"A"},"StageName":"dev"}},
 "M":{"Type":"AWS::ApiGateway::Method","Properties":{"RestApiId":{"Ref":"A"},"ResourceId":{"Fn::GetAtt":["A","RootResourceId"]},
  "HttpMethod":"GET","AuthorizationType":"NONE","Integration":` + integ + `}}}}`
	tpl, err := cfn.Load([]byte(src), cfn.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cfn.Build(tpl, cfn.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(m, Options{Templates: NewVTL(), DynamoDB: DynamoDB{Endpoint: dynamo}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestResponseOverrideFromTheRequestTemplate: what a MOCK request template
// sets on $context.responseOverride is the response's status and headers,
// and the response template reads it back. Recorded on AWS: LocalStack's
// tests/aws/services/apigateway/test_apigateway_integrations.py,
// test_integration_mock_with_response_override_in_request_template, whose
// snapshot (test_apigateway_integrations.snapshot.json) has status 444 and
// the header both with and without a response template, and the template
// reading "statusOverride": "444", "fooHeader": "bar" and a custom key set
// on responseOverride.
func TestResponseOverrideFromTheRequestTemplate(t *testing.T) {
	request := "#set($context.responseOverride.status = 418)\n#set($context.responseOverride.header.tea = \"pot\")\n" +
		"#set($context.responseOverride.brew = \"carried along\")\n{\"statusCode\": 200}"
	response := "{\"status\": \"$context.responseOverride.status\", \"tea\": \"$context.responseOverride.header.tea\", " +
		"\"brew\": \"$context.responseOverride.brew\"}"
	for _, withTemplate := range []bool{true, false} {
		ir := map[string]any{"StatusCode": "200", "SelectionPattern": `2\d{2}`}
		if withTemplate {
			ir["ResponseTemplates"] = map[string]string{"application/json": response}
		}
		integ := jsonString(t, map[string]any{"Type": "MOCK", "RequestTemplates": map[string]string{"application/json": request},
			"IntegrationResponses": []any{ir}})
		hs := overrideAPI(t, integ, "")
		status, hdr, body := do(t, "GET", hs.URL+"/dev/", "", nil)
		if status != 418 || hdr.Get("tea") != "pot" {
			t.Fatalf("template %v: status %d, tea %q, want 418 and pot", withTemplate, status, hdr.Get("tea"))
		}
		if withTemplate {
			wantJSON(t, body, `{"status": "418", "tea": "pot", "brew": "carried along"}`)
		} else if body != "" {
			t.Fatalf("no template: body %q, want empty", body)
		}
	}
}

// TestRequestOverridesInTheResponseTemplate: $context.requestOverride.path
// set by a MOCK request template is readable in the response template, the
// way LocalStack's recorded
// test_integration_mock_with_request_overrides_in_response_template passes
// data from one to the other ("path was path one").
func TestRequestOverridesInTheResponseTemplate(t *testing.T) {
	request := "#set($context.requestOverride.path.word = $input.params('w'))\n{\"statusCode\": 200}"
	response := "#if($context.requestOverride.path.word == \"one\")first#{else}other#end"
	integ := jsonString(t, map[string]any{"Type": "MOCK", "RequestTemplates": map[string]string{"application/json": request},
		"IntegrationResponses": []any{map[string]any{"StatusCode": "200", "ResponseTemplates": map[string]string{"application/json": response}}}})
	hs := overrideAPI(t, integ, "")
	for w, want := range map[string]string{"one": "first", "two": "other"} {
		if status, _, body := do(t, "GET", hs.URL+"/dev/?w="+w, "", nil); status != 200 || body != want {
			t.Fatalf("w=%s: %d %q, want 200 %q", w, status, body, want)
		}
	}
}

// TestRequestOverridesReachTheIntegration: the header and query string
// overrides a request template sets are sent with the integration request,
// a list given for a header joined with commas, as the developer guide's
// "Override your API's request and response parameters and status codes"
// shows (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html).
func TestRequestOverridesReachTheIntegration(t *testing.T) {
	var mu sync.Mutex
	var got *http.Request
	dynamo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = r.Clone(r.Context())
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(dynamo.Close)
	request := "#set($context.requestOverride.header.x-trace = \"t-1\")\n" +
		"#set($context.requestOverride.header.x-multi = [\"a\", \"b\"])\n" +
		"#set($context.requestOverride.querystring.mode = \"fast\")\n{\"TableName\": \"t\"}"
	integ := jsonString(t, map[string]any{"Type": "AWS", "Uri": "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem",
		"RequestTemplates":     map[string]string{"application/json": request},
		"IntegrationResponses": []any{map[string]any{"StatusCode": "200"}}})
	hs := overrideAPI(t, integ, dynamo.URL)
	if status, _, body := do(t, "GET", hs.URL+"/dev/", "", nil); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	mu.Lock()
	defer mu.Unlock()
	if got == nil {
		t.Fatal("the integration was not called")
	}
	if got.Header.Get("X-Trace") != "t-1" || got.Header.Get("X-Multi") != "a,b" || got.URL.Query().Get("mode") != "fast" {
		t.Fatalf("integration request headers %v, query %q", got.Header, got.URL.RawQuery)
	}
	if got.Header.Get("X-Amz-Target") != "DynamoDB_20120810.GetItem" {
		t.Fatalf("X-Amz-Target = %q", got.Header.Get("X-Amz-Target"))
	}
}

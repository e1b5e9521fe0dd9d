package gateway

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/gateway/apidef"
)

func TestUnknownRoutesAnswerMissingAuthenticationToken(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	for _, c := range []struct{ method, path string }{
		{"GET", "/prod/nope"}, {"PATCH", "/prod/lambda/items"}, {"GET", "/dev/lambda/items"},
		{"GET", "/"}, {"GET", "/prod/lambda/items/1/2"},
	} {
		status, hdr, body := do(t, c.method, hs.URL+c.path, "", nil)
		if status != 403 {
			t.Errorf("%s %s: status %d, want 403", c.method, c.path, status)
		}
		wantJSON(t, body, `{"message":"Missing Authentication Token"}`)
		if hdr.Get("x-amzn-ErrorType") != "MissingAuthenticationTokenException" || hdr.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s %s: headers %v", c.method, c.path, hdr)
		}
	}
	if n := f.authCalls.Load() + f.itemsCalls.Load(); n != 0 {
		t.Fatalf("%d calls reached the authorizer or the function", n)
	}
}

func TestMockIntegration(t *testing.T) {
	hs, _ := newTestServer(t, "", nil)
	status, _, body := do(t, "GET", hs.URL+"/prod/health", "", nil)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	wantJSON(t, body, `{"status":"ok","stage":"prod"}`)
}

func TestLambdaAuthorizer(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	url := hs.URL + "/prod/lambda/items"
	body := `{"ID":"1","FirstName":"n","Age":3}`
	cases := []struct {
		name, token string
		status      int
		message     string
	}{
		{"no token", "", 401, "Unauthorized"},
		{"rejected token", "forged", 401, "Unauthorized"},
		{"explicit deny", "deny-token", 403, "User is not authorized to access this resource with an explicit deny"},
		{"policy for other methods", "other-method-token", 403, "User is not authorized to access this resource"},
		{"authorizer crash", "crash-token", 500, ""},
	}
	for _, c := range cases {
		h := map[string]string{"Content-Type": "application/json"}
		if c.token != "" {
			h["Authorization"] = c.token
		}
		status, _, got := do(t, "POST", url, body, h)
		if status != c.status {
			t.Errorf("%s: status %d, want %d (%s)", c.name, status, c.status, got)
		}
		if c.message != "" {
			wantJSON(t, got, `{"message":"`+c.message+`"}`)
		}
	}
	if n := f.itemsCalls.Load(); n != 0 {
		t.Fatalf("function called %d times for refused requests", n)
	}
	before := f.authCalls.Load()
	for i := 0; i < 3; i++ {
		status, _, got := do(t, "POST", url, body, map[string]string{"Authorization": "free-token"})
		if status != 200 {
			t.Fatalf("allowed call %d: status %d: %s", i, status, got)
		}
	}
	if n := f.authCalls.Load() - before; n != 1 {
		t.Fatalf("authorizer ran %d times for 3 calls with one token inside the TTL, want 1", n)
	}
	f.clock.Add(301 * time.Second)
	do(t, "POST", url, body, map[string]string{"Authorization": "free-token"})
	if n := f.authCalls.Load() - before; n != 2 {
		t.Fatalf("authorizer ran %d times after the TTL expired, want 2", n)
	}
	f.mu.Lock()
	ev, auth := f.lastEvent, f.lastAuth
	f.mu.Unlock()
	if auth.Type != "REQUEST" || !strings.HasSuffix(auth.MethodArn, "/prod/POST/lambda/items") ||
		!strings.HasPrefix(auth.MethodArn, "arn:aws:execute-api:us-east-1:123456789012:") || auth.Resource != "/lambda/items" {
		t.Fatalf("authorizer event = %+v", auth)
	}
	a := ev.RequestContext.Authorizer
	if a["principalId"] != "user-1" || a["plan"] != "FreeTier" || a["n"] != float64(7) {
		t.Fatalf("proxy event authorizer context = %v", a)
	}
	if ev.RequestContext.Identity.APIKey != freeKey || ev.RequestContext.Identity.APIKeyID == "" {
		t.Fatalf("proxy event identity = %+v", ev.RequestContext.Identity)
	}
}

func TestAPIKeysAndUsagePlans(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	url := hs.URL + "/prod/lambda/items"
	status, _, body := do(t, "GET", url, "", map[string]string{"x-api-key": "not-in-a-plan"})
	if status != 403 {
		t.Fatalf("key in no plan: status %d", status)
	}
	wantJSON(t, body, `{"message":"Forbidden"}`)

	// FreeTier: rate 5/s, burst 10, 500 a day. The clock stands still, so
	// the bucket holds exactly the burst.
	for i := 0; i < 10; i++ {
		if status, _, body := do(t, "GET", url, "", map[string]string{"x-api-key": freeKey}); status != 200 {
			t.Fatalf("call %d within the burst: %d %s", i, status, body)
		}
	}
	status, _, body = do(t, "GET", url, "", map[string]string{"x-api-key": freeKey})
	if status != 429 {
		t.Fatalf("call beyond the burst: status %d", status)
	}
	wantJSON(t, body, `{"message":"Too Many Requests"}`)
	// Another plan's key has its own bucket.
	if status, _, _ := do(t, "GET", url, "", map[string]string{"x-api-key": basicKey}); status != 200 {
		t.Fatalf("BasicUsagePlan key throttled by FreeTier's calls: %d", status)
	}
	f.clock.Add(time.Second) // refills 5 tokens
	for i := 0; i < 5; i++ {
		if status, _, _ := do(t, "GET", url, "", map[string]string{"x-api-key": freeKey}); status != 200 {
			t.Fatalf("call %d after one second: %d", i, status)
		}
	}
	if status, _, _ := do(t, "GET", url, "", map[string]string{"x-api-key": freeKey}); status != 429 {
		t.Fatalf("sixth call after one second: %d, want 429", status)
	}
	// Spend the rest of the day's 500 calls (15 admitted so far).
	for used := 15; used < 500; used++ {
		f.clock.Add(time.Second)
		if status, _, body := do(t, "GET", url, "", map[string]string{"x-api-key": freeKey}); status != 200 {
			t.Fatalf("call %d of the quota: %d %s", used+1, status, body)
		}
	}
	f.clock.Add(time.Second)
	status, _, body = do(t, "GET", url, "", map[string]string{"x-api-key": freeKey})
	if status != 429 {
		t.Fatalf("call 501 of a 500-a-day quota: status %d", status)
	}
	wantJSON(t, body, `{"message":"Limit Exceeded"}`)
	f.clock.Add(24 * time.Hour)
	if status, _, _ := do(t, "GET", url, "", map[string]string{"x-api-key": freeKey}); status != 200 {
		t.Fatalf("next day: %d, want 200", status)
	}
}

func TestRequestValidation(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	url := hs.URL + "/prod/lambda/items"
	h := map[string]string{"Authorization": "basic-token", "Content-Type": "application/json"}
	// The fixture's BAD_REQUEST_BODY template is {"message":"Invalid request
	// body: $context.error.validationErrorString"}; the wording is API
	// Gateway's (evidence in package apimodel's tests).
	for _, c := range []struct{ name, body, want string }{
		{"malformed", `{"id":`, `[Unknown error parsing request body]`},
		{"missing fields", `{"ID":"1"}`, `[object has missing required properties (["Age","FirstName"])]`},
		{"wrong type", `{"ID":"1","FirstName":"n","Age":"3"}`,
			`[instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]`},
		{"empty", ``, `[Unknown error parsing request body]`},
	} {
		status, _, body := do(t, "POST", url, c.body, h)
		var got struct{ Message string }
		_ = json.Unmarshal([]byte(body), &got)
		if status != 400 || got.Message != "Invalid request body: "+c.want {
			t.Errorf("%s: %d %s, want 400 with the message %q", c.name, status, body, "Invalid request body: "+c.want)
		}
	}
	if n := f.itemsCalls.Load(); n != 0 {
		t.Fatalf("function called %d times for invalid bodies", n)
	}
	if status, _, body := do(t, "POST", url, `{"ID":"1","FirstName":"n","Age":3,"extra":"yes"}`, h); status != 200 {
		t.Fatalf("valid body: %d %s", status, body)
	}
}

// TestCognitoAuthorizer holds the user-pool authorizer to the two header
// forms AWS accepts: the raw ID token (developer guide, "Call a REST API
// integrated with an Amazon Cognito user pool") and "Bearer <ID token>" (the
// original pattern's deployed test, aws-samples/serverless-patterns,
// apigw-dynamodb-python-cdk/tests/test_apigw_dynamodb_python_stack.py,
// test_delete_item_authorized, expects 200 for it). Other spellings of the
// scheme are refused: no capture shows AWS taking them (see userPoolToken).
func TestCognitoAuthorizer(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	url := hs.URL + "/prod/lambda/items/42"
	for _, header := range []string{
		"", "bad-token", "Bearer bad-token", "Bearer", "Bearer ",
		"bearer good-id-token", "BEARER good-id-token", "Bearer  good-id-token",
		"Bearer\tgood-id-token", "Basic good-id-token", "Bearer Bearer good-id-token",
	} {
		h := map[string]string{}
		if header != "" {
			h["Authorization"] = header
		}
		status, _, body := do(t, "DELETE", url, "", h)
		if status != 401 {
			t.Fatalf("Authorization %q: status %d, want 401", header, status)
		}
		wantJSON(t, body, `{"message":"Unauthorized"}`)
	}
	if n := f.itemsCalls.Load(); n != 0 {
		t.Fatalf("the function ran %d times for refused tokens", n)
	}
	for _, header := range []string{"good-id-token", "Bearer good-id-token"} {
		status, _, body := do(t, "DELETE", url, "", map[string]string{"Authorization": header})
		if status != 200 {
			t.Fatalf("Authorization %q: %d %s, want 200", header, status, body)
		}
		f.mu.Lock()
		claims, _ := f.lastEvent.RequestContext.Authorizer["claims"].(map[string]any)
		f.lastEvent.RequestContext.Authorizer = nil
		f.mu.Unlock()
		if claims["sub"] != "user-1" || claims["cognito:groups"] != "Group-FreeTier" {
			t.Fatalf("Authorization %q: claims in the event = %v", header, claims)
		}
	}
}

func TestLambdaFailureAnswers502(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	f.itemsErr = errors.New("panic in handler")
	status, _, body := do(t, "GET", hs.URL+"/prod/lambda/files/a", "", nil)
	if status != 502 {
		t.Fatalf("status %d", status)
	}
	wantJSON(t, body, `{"message":"Internal server error"}`)
}

func TestAccessLogOneLinePerRequestWithoutSecrets(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	do(t, "GET", hs.URL+"/prod/lambda/items/7", "", map[string]string{"x-api-key": freeKey})
	do(t, "POST", hs.URL+"/prod/lambda/items", `{"ID":"1","FirstName":"n","Age":3}`, map[string]string{"Authorization": "free-token"})
	do(t, "GET", hs.URL+"/prod/nope", "", nil)
	lines := strings.Split(strings.TrimSpace(f.logs.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d log lines for 3 requests:\n%s", len(lines), f.logs.String())
	}
	for _, secret := range []string{freeKey, "free-token"} {
		if strings.Contains(f.logs.String(), secret) {
			t.Fatalf("log holds a secret: %s", f.logs.String())
		}
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"method", "path", "status", "latencyMs", "integrationLatencyMs", "authorizerLatencyMs", "authorizerCache", "servedBy"} {
		if _, ok := first[k]; !ok {
			t.Errorf("log line lacks %s: %s", k, lines[0])
		}
	}
	if first["servedBy"] != "lambda:ItemsFunction" || first["status"] != float64(200) || first["path"] != "/prod/lambda/items/7" {
		t.Fatalf("first line = %s", lines[0])
	}
}

// TestAccessLogAuthorizerTiming checks the authorizer's share of the
// access log on the test clock, which only the fakes advance: 2 ms in the
// authorizer, 3 ms in the items function.
func TestAccessLogAuthorizerTiming(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	f.authDelay, f.itemsDelay = 2*time.Millisecond, 3*time.Millisecond
	token := map[string]string{"Authorization": "free-token"}
	do(t, "GET", hs.URL+"/prod/lambda/items/7", "", map[string]string{"x-api-key": freeKey})                // key mode: miss
	do(t, "GET", hs.URL+"/prod/lambda/items/8", "", map[string]string{"x-api-key": freeKey})                // same key: hit
	f.clock.Add(301 * time.Second)                                                                          // past the 300 s TTL
	do(t, "GET", hs.URL+"/prod/lambda/items/9", "", map[string]string{"x-api-key": freeKey})                // miss again
	do(t, "POST", hs.URL+"/prod/lambda/items", "{", token)                                                  // token mode: miss, then 400
	do(t, "DELETE", hs.URL+"/prod/lambda/items/1", "", map[string]string{"Authorization": "good-id-token"}) // Cognito
	do(t, "GET", hs.URL+"/prod/lambda/items/7", "", nil)                                                    // no key: 401 before the authorizer
	do(t, "GET", hs.URL+"/prod/nope", "", nil)                                                              // no method, no authorizer
	lines := strings.Split(strings.TrimSpace(f.logs.String()), "\n")
	want := []struct {
		cache                    string
		auth, integration, total float64
	}{
		{"miss", 2, 3, 5},
		{"hit", 0, 3, 3},
		{"miss", 2, 3, 5},
		{"miss", 2, 0, 2},
		{"miss", 0, 3, 3}, // the fake verifier takes no time on the clock
		{"none", 0, 0, 0},
		{"none", 0, 0, 0},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d log lines, want %d:\n%s", len(lines), len(want), f.logs.String())
	}
	for i, w := range want {
		var got struct {
			Cache       string  `json:"authorizerCache"`
			Auth        float64 `json:"authorizerLatencyMs"`
			Integration float64 `json:"integrationLatencyMs"`
			Total       float64 `json:"latencyMs"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(err)
		}
		if got.Cache != w.cache || got.Auth != w.auth || got.Integration != w.integration || got.Total != w.total {
			t.Errorf("line %d: cache %q, authorizer %v ms, integration %v ms, total %v ms; want %q, %v, %v, %v\n%s",
				i, got.Cache, got.Auth, got.Integration, got.Total, w.cache, w.auth, w.integration, w.total, lines[i])
		}
	}
	if n := f.authCalls.Load(); n != 3 {
		t.Errorf("authorizer ran %d times, want 3 (the hit did not run it)", n)
	}
}

// TestFlushAuthorizersCache checks that a flush makes the next request
// of a cached identity invoke the authorizer again.
func TestFlushAuthorizersCache(t *testing.T) {
	m := fixture(t, nil)
	f := &fakes{}
	hs, srv := serveFakesGateway(t, m, f)
	key := map[string]string{"x-api-key": freeKey}
	for range 2 {
		do(t, "GET", hs.URL+"/prod/lambda/items/1", "", key)
	}
	srv.FlushAuthorizersCache()
	do(t, "GET", hs.URL+"/prod/lambda/items/1", "", key)
	if n := f.authCalls.Load(); n != 2 {
		t.Fatalf("authorizer ran %d times for 3 calls around a flush, want 2", n)
	}
}

func TestDynamoDBIntegration(t *testing.T) {
	db := testenv.Dynalite(t)
	_, table := testenv.Table(t, db.Endpoint())
	hs, _ := newTestServer(t, db.Endpoint(), map[string]string{"tableName": table})
	post := func(body string) (int, string) {
		status, _, got := do(t, "POST", hs.URL+"/prod/direct/items", body, map[string]string{"Authorization": "free-token", "Content-Type": "application/json"})
		return status, got
	}
	status, body := post(`{"ID":"a\"b","FirstName":"quote \" and \\ backslash","Age":42}`)
	if status != 201 || !strings.Contains(body, `"stored":true`) {
		t.Fatalf("create: %d %s", status, body)
	}
	status, body = post(`{"ID":"a\"b","FirstName":"again","Age":1}`)
	if status != 409 {
		t.Fatalf("create again: %d %s, want 409 from ConditionalCheckFailed", status, body)
	}
	wantJSON(t, body, `{"message":"Item already exists"}`)
	status, _, body = do(t, "GET", hs.URL+`/prod/direct/items/a%22b`, "", map[string]string{"x-api-key": freeKey})
	if status != 200 {
		t.Fatalf("get: %d %s", status, body)
	}
	wantJSON(t, body, `{"ID":"a\"b","FirstName":"quote \" and \\ backslash","Age":42}`)
	status, _, body = do(t, "GET", hs.URL+"/prod/direct/items/missing", "", map[string]string{"x-api-key": freeKey})
	if status != 404 {
		t.Fatalf("get missing: %d %s", status, body)
	}
	// A table that does not exist: DynamoDB's 400 goes through the 4\d{2} response.
	hs2, _ := newTestServer(t, db.Endpoint(), map[string]string{"tableName": "no-such-table"})
	status, _, body = do(t, "GET", hs2.URL+"/prod/direct/items/x", "", map[string]string{"x-api-key": freeKey})
	if status != 400 || !strings.Contains(body, "non-existent table") && !strings.Contains(body, "not found") {
		t.Fatalf("missing table: %d %s", status, body)
	}
	// Unsupported media type: the methods' passthrough behavior is NEVER.
	status, _, _ = do(t, "POST", hs.URL+"/prod/direct/items", `{"ID":"z","FirstName":"n","Age":1}`, map[string]string{"Authorization": "free-token", "Content-Type": "text/plain"})
	if status != 415 {
		t.Fatalf("text/plain body: %d, want 415", status)
	}
}

func TestHeaderAPIKeySource(t *testing.T) {
	m := fixture(t, nil)
	m.APIKeySource = "HEADER"
	n, _, _ := match(m, "/lambda/files/x")
	n.Methods["ANY"].APIKeyRequired = true
	f := &fakes{}
	hs := serveFakes(t, m, f)
	for _, c := range []struct {
		key    string
		status int
	}{{"", 403}, {"unknown", 403}, {basicKey, 200}} {
		h := map[string]string{}
		if c.key != "" {
			h["x-api-key"] = c.key
		}
		if status, _, body := do(t, "PUT", hs.URL+"/prod/lambda/files/x", "", h); status != c.status {
			t.Errorf("key %q: %d %s, want %d", c.key, status, body, c.status)
		}
	}
	if ev := f.lastEvent; ev.RequestContext.Identity.APIKey != basicKey {
		t.Fatalf("identity.apiKey = %q", ev.RequestContext.Identity.APIKey)
	}
}

func TestDefaultGatewayResponsesWithoutCustomization(t *testing.T) {
	m := fixture(t, nil)
	m.GatewayResponses = map[string]*apidef.GatewayResponse{}
	f := &fakes{}
	hs := serveFakes(t, m, f)
	cases := []struct {
		method, path string
		headers      map[string]string
		status       int
		body         string
	}{
		{"GET", "/prod/nope", nil, 403, `{"message":"Missing Authentication Token"}`},
		{"GET", "/prod/lambda/items", nil, 401, `{"message":"Unauthorized"}`},
		{"POST", "/prod/lambda/items", map[string]string{"Authorization": "crash-token"}, 500, `{"message":null}`},
		{"POST", "/prod/lambda/items", map[string]string{"Authorization": "free-token"}, 400, `{"message":"Invalid request body"}`},
	}
	for _, c := range cases {
		status, hdr, body := do(t, c.method, hs.URL+c.path, "", c.headers)
		if status != c.status {
			t.Errorf("%s %s: status %d, want %d", c.method, c.path, status, c.status)
		}
		wantJSON(t, body, c.body)
		if hdr.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s %s: header from a removed gateway response", c.method, c.path)
		}
	}
}

func TestRequiredRequestParameters(t *testing.T) {
	m := fixture(t, nil)
	n, _, _ := match(m, "/lambda/items")
	get := n.Methods["GET"]
	get.Validator = &apidef.Validator{ValidateRequestParameters: true}
	get.RequestParameters = map[string]bool{"method.request.querystring.limit": true, "method.request.header.X-Trace": true, "method.request.querystring.next": false}
	f := &fakes{}
	hs := serveFakes(t, m, f)
	status, _, body := do(t, "GET", hs.URL+"/prod/lambda/items", "", map[string]string{"x-api-key": freeKey})
	if status != 400 {
		t.Fatalf("missing parameters: %d %s", status, body)
	}
	wantJSON(t, body, `{"message":"Missing required request parameters: [X-Trace, limit]"}`)
	status, _, body = do(t, "GET", hs.URL+"/prod/lambda/items?limit=3", "", map[string]string{"x-api-key": freeKey, "X-Trace": "t"})
	if status != 200 {
		t.Fatalf("parameters present: %d %s", status, body)
	}
}

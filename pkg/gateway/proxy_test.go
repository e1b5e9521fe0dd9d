package gateway

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// jsonObject is v as API Gateway would send it: marshalled, then read back as
// a JSON object.
func jsonObject(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return decodeObject(t, b)
}

// decodeObject reads b as a JSON object.
func decodeObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestProxyEventOnTheStack: a Lambda proxy route of the stack fixture gets
// the request (path as sent, decoded query, repeated headers, stage
// variables) and its answer's headers reach the client; the event as a
// whole is compared with captured ones in golden_test.go.
func TestProxyEventOnTheStack(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	req, _ := http.NewRequest("POST", hs.URL+"/prod/lambda/files/a/b%20c?tag=x&tag=y&name=me", strings.NewReader(`{"a":1}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Add("X-Multi-In", "1")
	req.Header.Add("X-Multi-In", "2")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := resp.Header.Values("X-Multi"); strings.Join(got, ",") != "a,b" || resp.Header.Get("X-Single") != "one" {
		t.Fatalf("response headers from the function: %v", resp.Header)
	}
	f.mu.Lock()
	ev := f.lastEvent
	f.mu.Unlock()
	if ev.Resource != "/lambda/files/{proxy+}" || ev.HTTPMethod != "POST" || ev.Body != `{"a":1}` {
		t.Fatalf("resource/method/body = %q %q %q", ev.Resource, ev.HTTPMethod, ev.Body)
	}
	if ev.PathParameters["proxy"] != "a/b%20c" || ev.Path != "/lambda/files/a/b%20c" {
		t.Fatalf("pathParameters = %v", ev.PathParameters)
	}
	if ev.QueryStringParameters["tag"] != "y" || ev.QueryStringParameters["name"] != "me" ||
		strings.Join(ev.MultiValueQueryStringParameters["tag"], ",") != "x,y" {
		t.Fatalf("query = %v / %v", ev.QueryStringParameters, ev.MultiValueQueryStringParameters)
	}
	if ev.Headers["X-Multi-In"] != "2" || strings.Join(ev.MultiValueHeaders["X-Multi-In"], ",") != "1,2" || ev.Headers["Content-Type"] != "application/json" {
		t.Fatalf("headers = %v / %v", ev.Headers, ev.MultiValueHeaders)
	}
	if ev.StageVariables["tableName"] != "TableCD117FA1" || ev.StageVariables["itemsAlias"] != "live" {
		t.Fatalf("stageVariables = %v", ev.StageVariables)
	}
	rc := ev.RequestContext
	if rc.OperationName != "ReadFiles" || rc.Stage != "prod" || rc.ResourcePath != "/lambda/files/{proxy+}" || rc.HTTPMethod != "POST" || rc.RequestID == "" ||
		rc.APIID == "" || rc.Identity.SourceIP != "127.0.0.1" || !strings.HasPrefix(rc.Path, "/prod/lambda/files/") || rc.RequestTimeEpoch == 0 {
		t.Fatalf("requestContext = %+v", rc)
	}

	// Without a query string or authorizer, API Gateway sends nulls.
	do(t, "GET", hs.URL+"/prod/lambda/files/x", "", nil)
	f.mu.Lock()
	ev = f.lastEvent
	f.mu.Unlock()
	got := jsonObject(t, ev)
	for _, k := range []string{"queryStringParameters", "multiValueQueryStringParameters"} {
		if got[k] != nil {
			t.Errorf("%s = %v, want null", k, got[k])
		}
	}
	if got["requestContext"].(map[string]any)["authorizer"] != nil {
		t.Errorf("authorizer = %v, want null on a route without one", got["requestContext"].(map[string]any)["authorizer"])
	}
}

// TestAuthorizerEventOnTheStack: the stack's REQUEST authorizer gets the
// API key header, the query and the key as identity.apiKey.
func TestAuthorizerEventOnTheStack(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	do(t, "GET", hs.URL+"/prod/lambda/items?limit=5", "", map[string]string{"x-api-key": freeKey})
	f.mu.Lock()
	ev := f.lastAuth
	f.mu.Unlock()
	if ev.Headers["X-Api-Key"] != freeKey || ev.QueryStringParameters["limit"] != "5" || ev.RequestContext.Identity.APIKey != freeKey {
		t.Fatalf("authorizer event = %+v", ev)
	}
}

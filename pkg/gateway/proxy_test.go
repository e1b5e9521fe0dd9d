package gateway

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// awsSample reads a captured event shipped with aws-lambda-go.
func awsSample(t *testing.T, name string) map[string]any {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-lambda-go").Output()
	if err != nil {
		t.Fatalf("locate aws-lambda-go: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "events", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return decodeObject(t, b)
}

// sameShape fails when a key of want is missing from got or holds another
// JSON kind (string, number, object, ...). Only keys in both are compared.
func sameShape(t *testing.T, where string, got, want map[string]any, skip ...string) {
	t.Helper()
	for k, wv := range want {
		if contains(skip, k) {
			continue
		}
		gv, ok := got[k]
		if !ok {
			t.Errorf("%s: key %q missing", where, k)
			continue
		}
		if gv != nil && wv != nil && reflect.TypeOf(gv) != reflect.TypeOf(wv) {
			t.Errorf("%s.%s: %T, API Gateway sends %T", where, k, gv, wv)
		}
	}
}

// shapeLikeSample checks that the event and its requestContext have the
// shape of the captured sample, and returns both as JSON objects.
func shapeLikeSample(t *testing.T, ev any, sample string) (got, want map[string]any) {
	t.Helper()
	got, want = jsonObject(t, ev), awsSample(t, sample)
	sameShape(t, "event", got, want)
	sameShape(t, "requestContext", got["requestContext"].(map[string]any), want["requestContext"].(map[string]any))
	return got, want
}

func contains(l []string, s string) bool {
	for _, e := range l {
		if e == s {
			return true
		}
	}
	return false
}

func TestProxyEventHasAPIGatewayShape(t *testing.T) {
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
	got, want := shapeLikeSample(t, ev, "apigw-request.json")
	sameShape(t, "identity", got["requestContext"].(map[string]any)["identity"].(map[string]any),
		want["requestContext"].(map[string]any)["identity"].(map[string]any),
		// Absent locally: no IAM or Cognito identity pool, mTLS or key on this route.
		"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "apiKey", "apiKeyId", "accessKey",
		"cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user", "clientCert")

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
	if rc.Stage != "prod" || rc.ResourcePath != "/lambda/files/{proxy+}" || rc.HTTPMethod != "POST" || rc.RequestID == "" ||
		rc.APIID == "" || rc.Identity.SourceIP != "127.0.0.1" || !strings.HasPrefix(rc.Path, "/prod/lambda/files/") || rc.RequestTimeEpoch == 0 {
		t.Fatalf("requestContext = %+v", rc)
	}

	// Without a query string or authorizer, API Gateway sends nulls.
	do(t, "GET", hs.URL+"/prod/lambda/files/x", "", nil)
	f.mu.Lock()
	ev = f.lastEvent
	f.mu.Unlock()
	got = jsonObject(t, ev)
	for _, k := range []string{"queryStringParameters", "multiValueQueryStringParameters"} {
		if got[k] != nil {
			t.Errorf("%s = %v, want null", k, got[k])
		}
	}
	if got["requestContext"].(map[string]any)["authorizer"] != nil {
		t.Errorf("authorizer = %v, want null on a route without one", got["requestContext"].(map[string]any)["authorizer"])
	}
}

func TestAuthorizerEventHasAPIGatewayShape(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	do(t, "GET", hs.URL+"/prod/lambda/items?limit=5", "", map[string]string{"x-api-key": freeKey})
	f.mu.Lock()
	ev := f.lastAuth
	f.mu.Unlock()
	shapeLikeSample(t, ev, "apigw-custom-auth-request-type-request.json")
	if ev.Headers["X-Api-Key"] != freeKey || ev.QueryStringParameters["limit"] != "5" || ev.RequestContext.Identity.APIKey != freeKey {
		t.Fatalf("authorizer event = %+v", ev)
	}
}

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

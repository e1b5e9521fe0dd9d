package localapi

import (
	"apigwdirect/internal/testenv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// catalogTemplate is a template of other shapes than the stack (its
// description names the public examples it is modelled on): MOCK,
// HTTP_PROXY, DynamoDB with a global and a local secondary index, a table
// without a TableName, a Kinesis method the local API cannot run, and an
// API key in no usage plan.
const catalogTemplate = "pkg/localapi/testdata/catalog.template.json"

// startCatalog serves the catalog with HTTP_PROXY pointed at upstream.
func startCatalog(t *testing.T, upstream string, logger *slog.Logger) *Env {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	return start(t, Options{TemplatePath: catalogTemplate, Logger: logger, StageVariables: map[string]string{"backendHost": u.Host}})
}

// TestServesATemplateOfAnotherShape runs the catalog black-box over HTTP.
func TestServesATemplateOfAnotherShape(t *testing.T) {
	t.Parallel()
	var seen struct {
		method, path, query, key, auth, body string
	}
	var quoteAuth string
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/quote" {
			quoteAuth = r.Header.Get("Authorization")
			if r.URL.Query().Get("symbol") != "ACME" {
				w.WriteHeader(404)
				_, _ = io.WriteString(w, `{"error": "unknown"}`)
				return
			}
			_, _ = io.WriteString(w, `{"symbol": "ACME", "price": 12.5}`)
			return
		}
		b, _ := io.ReadAll(r.Body)
		seen.method, seen.path, seen.query, seen.body = r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b)
		seen.key, seen.auth = r.Header.Get("X-Upstream-Key"), r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("X-From", "upstream")
		w.WriteHeader(202)
		_, _ = io.WriteString(w, "upstream says hi")
	}))
	defer upstream.Close()
	env := startCatalog(t, upstream.URL, nil)

	// The only stage is served without naming it.
	if !strings.HasSuffix(env.URL, "/v1") {
		t.Fatalf("URL %s, want the template's only stage v1", env.URL)
	}
	// Every table, under its TableName or its logical id.
	if strings.Join(env.Tables, ",") != "ProductsTable,catalog-orders" {
		t.Fatalf("tables %v", env.Tables)
	}
	// Keys: the plan's (generated) under the plan's name, the key in no
	// plan under its own name.
	catalogKey, partner := env.Credentials.APIKeys["Catalog"], env.Credentials.APIKeys["partner"]
	if len(catalogKey) != 40 || partner != "partner-key-0123456789abcdefghijkl" || len(env.Credentials.Tokens) != 0 {
		t.Fatalf("credentials %+v", env.Credentials)
	}

	// MOCK.
	if status, body := call(t, "GET", env.URL+"/health", "", nil); status != 200 || body != `{"status": "ok", "stage": "v1"}` {
		t.Errorf("MOCK: %d %s", status, body)
	}

	// DynamoDB: PutItem, then a Query on the global secondary index,
	// sorted by its range key; a Query without the key the index needs is
	// DynamoDB's 400, mapped by the selection pattern.
	for _, item := range []string{
		`{"id": "p1", "category": "tea", "price": 7, "name": "sencha"}`,
		`{"id": "p2", "category": "tea", "price": 3, "name": "bancha"}`,
		`{"id": "p3", "category": "coffee", "price": 5, "name": "mocha"}`,
	} {
		if status, body := call(t, "POST", env.URL+"/products", item, map[string]string{"Content-Type": "application/json"}); status != 201 {
			t.Fatalf("PutItem %s: %d %s", item, status, body)
		}
	}
	key := map[string]string{"x-api-key": catalogKey}
	status, body := call(t, "GET", env.URL+"/products?category=tea", "", key)
	if status != 200 || body != `{"products": [{"id": "p2", "price": 3}, {"id": "p1", "price": 7}]}` {
		t.Errorf("GSI Query: %d %s", status, body)
	}
	if status, body := call(t, "GET", env.URL+"/products?category=tea", "", map[string]string{"x-api-key": partner}); status != 403 {
		t.Errorf("a key in no plan of the stage: %d %s, want 403", status, body)
	}

	// HTTP_PROXY: stage variable in the URI, {proxy} from the path, the
	// query and headers passed on, a requestParameters header added, the
	// answer passed back as it is.
	status, hdr, body := doHeaders(t, "POST", env.URL+"/upstream/a/b%20c?x=1", "payload", map[string]string{"Authorization": "Bearer t"})
	if status != 202 || body != "upstream says hi" || hdr.Get("X-From") != "upstream" || hdr.Get("Content-Type") != "text/plain" {
		t.Errorf("HTTP_PROXY answer: %d %v %s", status, hdr, body)
	}
	if seen.method != "POST" || seen.path != "/a/b%20c" || seen.query != "x=1" || seen.body != "payload" || seen.key != "catalog" || seen.auth != "Bearer t" {
		t.Errorf("HTTP_PROXY request upstream: %+v", seen)
	}

	// HTTP (custom): the query string mapped by requestParameters, no
	// method request header passed on, the endpoint's status selecting
	// the integration response.
	if status, body := call(t, "GET", env.URL+"/quote?s=ACME", "", map[string]string{"Authorization": "Bearer t"}); status != 200 || body != `{"quote": "ACME", "price": 12.5}` || quoteAuth != "" {
		t.Errorf("HTTP: %d %s (Authorization upstream %q)", status, body, quoteAuth)
	}
	if status, body := call(t, "GET", env.URL+"/quote?s=NOPE", "", nil); status != 404 || body != `{"message": "no such symbol"}` {
		t.Errorf("HTTP, endpoint 404: %d %s", status, body)
	}

	// The Kinesis method answers 500 and is listed; the others still work.
	if len(env.Unsupported) != 1 || env.Unsupported[0].ResourcePath != "/events" || !strings.Contains(env.Unsupported[0].Reason, "kinesis") {
		t.Fatalf("unsupported %+v", env.Unsupported)
	}
	if status, body := call(t, "POST", env.URL+"/events", `{}`, map[string]string{"Content-Type": "application/json"}); status != 500 || body != `{"message":"Internal server error"}` {
		t.Errorf("unsupported method: %d %s", status, body)
	}
	if status, _ := call(t, "GET", env.URL+"/health", "", nil); status != 200 {
		t.Errorf("MOCK after the unsupported method: %d", status)
	}
}

// TestUnsupportedMethodIsLoggedAtStartAndPerRequest: the method the local
// API cannot run is named once when the API starts and in each of its
// access-log lines.
func TestUnsupportedMethodIsLoggedAtStartAndPerRequest(t *testing.T) {
	t.Parallel()
	var logs testenv.Buffer
	env := startCatalog(t, "http://127.0.0.1:9", slog.New(slog.NewJSONHandler(&logs, nil)))
	call(t, "POST", env.URL+"/events", `{}`, nil)
	call(t, "GET", env.URL+"/health", "", nil)
	var startLines, accessWith, accessWithout int
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(m["msg"].(string), "method not served locally") && m["resource"] == "/events":
			startLines++
		case m["msg"] == "access" && m["resource"] == "/events" && strings.Contains(m["unsupported"].(string), "kinesis"):
			accessWith++
		case m["msg"] == "access" && m["resource"] == "/health" && m["unsupported"] == nil:
			accessWithout++
		}
	}
	if startLines != 1 || accessWith != 1 || accessWithout != 1 {
		t.Fatalf("start-up lines %d, access lines naming it %d, other access lines %d; want 1 each:\n%s", startLines, accessWith, accessWithout, logs.String())
	}
}

// doHeaders sends a request and returns the status, headers and body.
func doHeaders(t *testing.T, method, u, body string, headers map[string]string) (int, http.Header, string) {
	t.Helper()
	return testenv.Do(t, method, u, body, headers)
}

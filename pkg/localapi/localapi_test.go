package localapi

import (
	"apigwdirect/internal/testenv"

	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixtureTemplate is pkg/gateway's CDK-shaped test template: the same
// construct ids as the stack, its own small item model and direct templates.
const fixtureTemplate = "pkg/gateway/testdata/stack.template.json"

func start(t testing.TB, opts Options) *Env {
	t.Helper()
	if opts.TemplatePath == "" {
		opts.TemplatePath = fixtureTemplate
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	env, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.Close() })
	return env
}

// call sends a request and returns the status and body.
func call(t *testing.T, method, u, body string, headers map[string]string) (int, string) {
	t.Helper()
	status, _, b := testenv.Do(t, method, u, body, headers)
	return status, b
}

func TestStartServesTheTemplateWithWorkingCredentials(t *testing.T) {
	t.Parallel()
	env := start(t, Options{StageVariables: map[string]string{"extra": "x"}})
	if !strings.HasPrefix(env.URL, "http://127.0.0.1:") || !strings.HasSuffix(env.URL, "/prod") || env.Credentials.APIURL != env.URL {
		t.Fatalf("URL %q, credentials URL %q", env.URL, env.Credentials.APIURL)
	}
	keys, toks := env.Credentials.APIKeys, env.Credentials.Tokens
	if len(keys["FreeTier"]) != 40 || len(keys["BasicUsagePlan"]) != 40 || keys["FreeTier"] == keys["BasicUsagePlan"] {
		t.Fatalf("api keys = %v", keys)
	}
	if toks["Group-FreeTier"] == "" || toks["Group-BasicUsagePlan"] == "" {
		t.Fatalf("tokens for groups = %v", toks)
	}
	if env.Model.StageVariables["extra"] != "x" || env.TableName != env.Model.StageVariables["tableName"] {
		t.Fatalf("stage variables %v, table %q", env.Model.StageVariables, env.TableName)
	}
	free := map[string]string{"x-api-key": keys["FreeTier"]}
	bearer := map[string]string{"Authorization": "Bearer " + toks["Group-FreeTier"], "Content-Type": "application/json"}

	// Writes through the direct path: real authorizer, real VTL, dynalite.
	status, body := call(t, "POST", env.URL+"/direct/items", `{"ID":"k1","FirstName":"Ann \"A\"","Age":30}`, bearer)
	if status != 201 {
		t.Fatalf("direct create: %d %s", status, body)
	}
	status, body = call(t, "GET", env.URL+"/direct/items/k1", "", free)
	if status != 200 || !strings.Contains(body, `"FirstName":"Ann \"A\""`) {
		t.Fatalf("direct get: %d %s", status, body)
	}
	// Reads through the Lambda path: the items handler sees the same table.
	status, body = call(t, "GET", env.URL+"/lambda/items/k1", "", free)
	if status != 200 {
		t.Fatalf("lambda get: %d %s", status, body)
	}
	status, body = call(t, "GET", env.URL+"/lambda/items?limit=10", "", free)
	var page struct {
		Items []map[string]any `json:"items"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &page) != nil || len(page.Items) != 1 {
		t.Fatalf("lambda list: %d %s", status, body)
	}
	// The auth matrix, briefly: no key, wrong key, no token, forged token,
	// Cognito-protected delete.
	for _, c := range []struct {
		method, path string
		headers      map[string]string
		status       int
	}{
		{"GET", "/lambda/items", nil, 401},
		{"GET", "/lambda/items", map[string]string{"x-api-key": "wrong"}, 403},
		{"POST", "/direct/items", map[string]string{"Content-Type": "application/json"}, 401},
		{"POST", "/direct/items", map[string]string{"Authorization": "Bearer a.b.c"}, 401},
		{"DELETE", "/lambda/items/k1", nil, 401},
		{"DELETE", "/lambda/items/k1", map[string]string{"Authorization": "Bearer a.b.c"}, 401},
		// The Cognito authorizer takes the ID token after "Bearer " (the
		// original pattern's deployed test does so) and raw (the developer
		// guide's form); the second delete finds nothing left.
		{"DELETE", "/lambda/items/k1", map[string]string{"Authorization": "Bearer " + toks["Group-BasicUsagePlan"]}, 204},
		{"DELETE", "/lambda/items/k1", map[string]string{"Authorization": toks["Group-BasicUsagePlan"]}, 404},
		{"GET", "/lambda/items/k1", free, 404},
	} {
		if status, body := call(t, c.method, env.URL+c.path, `{"ID":"k2","FirstName":"n","Age":1}`, c.headers); status != c.status {
			t.Errorf("%s %s %v: %d %s, want %d", c.method, c.path, c.headers, status, body, c.status)
		}
	}
}

func TestDataDirKeepsItemsAcrossRestarts(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "dynamo")
	first := start(t, Options{DataDir: dir})
	bearer := map[string]string{"Authorization": "Bearer " + first.Credentials.Tokens["Group-FreeTier"]}
	if status, body := call(t, "POST", first.URL+"/direct/items", `{"ID":"kept","FirstName":"n","Age":1}`, bearer); status != 201 {
		t.Fatalf("create: %d %s", status, body)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := start(t, Options{DataDir: dir})
	status, body := call(t, "GET", second.URL+"/direct/items/kept", "", map[string]string{"x-api-key": second.Credentials.APIKeys["FreeTier"]})
	if status != 200 {
		t.Fatalf("after restart: %d %s", status, body)
	}
}

func TestCloseStopsEverything(t *testing.T) {
	t.Parallel()
	env := start(t, Options{})
	u, _ := url.Parse(env.URL)
	d, _ := url.Parse(env.DynamoDBEndpoint)
	if err := env.Close(); err != nil {
		t.Fatal(err)
	}
	if err := env.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	for _, host := range []string{u.Host, d.Host} {
		if c, err := net.DialTimeout("tcp", host, time.Second); err == nil {
			c.Close()
			t.Errorf("%s still accepts connections after Close", host)
		}
	}
}

func TestStartFailsOnUnknownStage(t *testing.T) {
	_, err := Start(context.Background(), Options{TemplatePath: fixtureTemplate, Stage: "dev"})
	if err == nil || !strings.Contains(err.Error(), "dev") {
		t.Fatalf("err = %v", err)
	}
}

func TestStartFailsFastOnABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = Start(context.Background(), Options{TemplatePath: fixtureTemplate, Addr: ln.Addr().String()})
	if err == nil || !strings.Contains(err.Error(), "listen") {
		t.Fatalf("err = %v, want a listen error", err)
	}
}

// TestAccessLogAuthorizerCache drives the real authorizer in key mode: the
// first call misses the cache and spends time in it, the second call with
// the same key within the TTL hits, and a flush makes the third miss again.
func TestAccessLogAuthorizerCache(t *testing.T) {
	t.Parallel()
	var logs testenv.Buffer
	env := start(t, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	var key string
	for _, v := range env.Credentials.APIKeys {
		key = v
		break
	}
	get := func() {
		if status, body := call(t, "GET", env.URL+"/lambda/items/absent", "", map[string]string{"x-api-key": key}); status != 404 {
			t.Fatalf("GET: %d %s", status, body)
		}
	}
	get()
	get()
	env.FlushAuthorizersCache()
	get()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if m["msg"] == "access" {
			lines = append(lines, m)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("%d access lines, want 3:\n%s", len(lines), logs.String())
	}
	for i, want := range []string{"miss", "hit", "miss"} {
		l := lines[i]
		auth, ok := l["authorizerLatencyMs"].(float64)
		if l["authorizerCache"] != want || !ok || auth < 0 {
			t.Errorf("call %d: authorizerCache %v, authorizerLatencyMs %v; want %s and a latency", i+1, l["authorizerCache"], l["authorizerLatencyMs"], want)
		}
		if want == "hit" && auth != 0 {
			t.Errorf("call %d: a cache hit spent %v ms in the authorizer", i+1, auth)
		}
		if total, _ := l["latencyMs"].(float64); total < auth+l["integrationLatencyMs"].(float64) {
			t.Errorf("call %d: latencyMs %v is less than its parts: %v", i+1, total, l)
		}
	}
	if strings.Contains(logs.String(), key) {
		t.Fatal("the access log holds the API key")
	}
}

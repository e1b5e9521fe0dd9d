package items_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/items"
	"apigwdirect/pkg/store"
)

// env is one handler over a fresh table, with its log captured.
type env struct {
	t     *testing.T
	h     *items.Handler
	table string
	logs  *testenv.Buffer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	client, table := testenv.Table(t, endpoint)
	logs := &testenv.Buffer{}
	h := items.NewHandler(items.Config{
		Store:        store.ByTable(client),
		DefaultTable: table,
		Logger:       slog.New(slog.NewJSONHandler(logs, nil)),
	})
	return &env{t: t, h: h, table: table, logs: logs}
}

// request builds a proxy event as API Gateway sends it for the /lambda routes.
type request struct {
	method, id, body string
	query            map[string]string
	stage            map[string]string
	resource         string // default: from path
}

func (e *env) do(r request) events.APIGatewayProxyResponse {
	e.t.Helper()
	resource := r.resource
	if resource == "" {
		resource = "/lambda/items"
		if r.id != "" {
			resource += "/{id}"
		}
	}
	ev := events.APIGatewayProxyRequest{
		Resource:              resource,
		Path:                  strings.Replace(resource, "{id}", r.id, 1),
		HTTPMethod:            r.method,
		Body:                  r.body,
		QueryStringParameters: r.query,
		StageVariables:        r.stage,
		Headers:               map[string]string{"Authorization": "Bearer secret-token-value", "x-api-key": "secret-api-key-value"},
		RequestContext:        events.APIGatewayProxyRequestContext{RequestID: "req-" + r.method + "-" + r.id},
	}
	if r.id != "" {
		ev.PathParameters = map[string]string{"id": r.id}
	}
	resp, err := e.h.Handle(context.Background(), ev)
	if err != nil {
		e.t.Fatalf("Handle returned an error (API Gateway would answer 502): %v", err)
	}
	return resp
}

// want checks status, Content-Type and, when body is not empty, that the
// response body equals body as JSON.
func (e *env) want(resp events.APIGatewayProxyResponse, status int, body string) {
	e.t.Helper()
	if resp.StatusCode != status {
		e.t.Fatalf("status %d, want %d; body %s", resp.StatusCode, status, resp.Body)
	}
	if status == 204 {
		e.wantNoBody(resp, status)
		return
	}
	if ct := resp.Headers["Content-Type"]; ct != "application/json" {
		e.t.Fatalf("Content-Type %q, want application/json", ct)
	}
	if body != "" && !jsonEqual(e.t, resp.Body, body) {
		e.t.Fatalf("body %s, want %s", resp.Body, body)
	}
}

// wantNoBody checks an answer without a body (a 204, or a PUT's 201).
func (e *env) wantNoBody(resp events.APIGatewayProxyResponse, status int) {
	e.t.Helper()
	if resp.StatusCode != status || resp.Body != "" || len(resp.Headers) != 0 {
		e.t.Fatalf("got %d with headers %v and body %q, want %d with neither", resp.StatusCode, resp.Headers, resp.Body, status)
	}
}

// wantError checks a 4xx/5xx answer {"message": ...} containing msg.
func (e *env) wantError(resp events.APIGatewayProxyResponse, status int, msg string) {
	e.t.Helper()
	e.want(resp, status, "")
	var got map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &got); err != nil {
		e.t.Fatalf("error body %q is not JSON: %v", resp.Body, err)
	}
	m, ok := got["message"].(string)
	if len(got) != 1 || !ok || !strings.Contains(m, msg) {
		e.t.Fatalf("error body %s, want {\"message\": \"...%s...\"}", resp.Body, msg)
	}
}

func jsonEqual(t *testing.T, a, b string) bool {
	t.Helper()
	return reflect.DeepEqual(decode(t, a), decode(t, b))
}

func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %q: %v", s, err)
	}
	return v
}

const ada = `{"ID":"a\"1","FirstName":"Ada","Age":36,"City":"Zürich \\ \n"}`

func TestContractRows(t *testing.T) {
	e := newEnv(t)
	// POST /items 201, the stored item.
	e.want(e.do(request{method: "POST", body: ada}), 201, ada)
	// GET /items/{id} 200, the item.
	e.want(e.do(request{method: "GET", id: `a"1`}), 200, ada)
	// GET /items 200 {"items":[...]} without next on the last page.
	e.want(e.do(request{method: "GET"}), 200, `{"items":[`+ada+`]}`)
	// PUT /items/{id} 204: the body replaces the whole item, so the extra
	// City it does not name is gone.
	repl := `{"ID":"a\"1","FirstName":"Grace","Age":-1.5,"Note":"n"}`
	e.want(e.do(request{method: "PUT", id: `a"1`, body: repl}), 204, "")
	e.want(e.do(request{method: "GET", id: `a"1`}), 200, repl)
	// PUT of a missing item creates it (201); without ID it takes the path's.
	e.wantNoBody(e.do(request{method: "PUT", id: "b", body: `{"FirstName":"B","Age":2}`}), 201)
	e.want(e.do(request{method: "GET", id: "b"}), 200, `{"ID":"b","FirstName":"B","Age":2}`)
	// DELETE /items/{id} 204, then 404.
	e.want(e.do(request{method: "DELETE", id: `a"1`}), 204, "")
	e.wantError(e.do(request{method: "GET", id: `a"1`}), 404, "Item not found")
	e.wantError(e.do(request{method: "DELETE", id: `a"1`}), 404, "Item not found")
}

func TestRoutesWithAndWithoutPrefix(t *testing.T) {
	e := newEnv(t)
	e.want(e.do(request{method: "POST", resource: "/items", body: `{"ID":"x","FirstName":"f","Age":1}`}), 201, "")
	e.want(e.do(request{method: "GET", resource: "/items/{id}", id: "x"}), 200, `{"ID":"x","FirstName":"f","Age":1}`)
	e.want(e.do(request{method: "GET", resource: "/lambda/items/{id}", id: "x"}), 200, `{"ID":"x","FirstName":"f","Age":1}`)
	e.want(e.do(request{method: "DELETE", resource: "/v1/lambda/items/{id}", id: "x"}), 204, "")
}

func TestCreateErrors(t *testing.T) {
	e := newEnv(t)
	cases := map[string]struct{ body, msg string }{
		"empty":        {"", "Invalid request body: [Unknown error parsing request body]"},
		"not JSON":     {"{", "Invalid request body: [Unknown error parsing request body]"},
		"Age string":   {`{"ID":"a","FirstName":"b","Age":"1"}`, `instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])`},
		"missing":      {`{"ID":"a"}`, `object has missing required properties (["Age","FirstName"])`},
		"extra number": {`{"ID":"a","FirstName":"b","Age":1,"x":1}`, `instance type (integer) does not match any allowed primitive type (allowed: ["string"])`},
		"too big":      {`{"ID":"a","FirstName":"` + strings.Repeat("x", 410000) + `","Age":1}`, "above the 409600-byte DynamoDB item limit"},
		"bad number":   {`{"ID":"a","FirstName":"b","Age":1e200}`, "number range"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e.t = t
			e.wantError(e.do(request{method: "POST", body: tc.body}), 400, tc.msg)
		})
	}
	e.t = t
	// Nothing was half-written by the refused requests.
	e.want(e.do(request{method: "GET"}), 200, `{"items":[]}`)

	first := `{"ID":"dup","FirstName":"first","Age":1}`
	e.want(e.do(request{method: "POST", body: first}), 201, first)
	e.wantError(e.do(request{method: "POST", body: `{"ID":"dup","FirstName":"second","Age":2}`}), 409, "Item already exists")
	e.want(e.do(request{method: "GET", id: "dup"}), 200, first)
}

func TestBase64Body(t *testing.T) {
	e := newEnv(t)
	body := `{"ID":"b64","FirstName":"x","Age":3}`
	resp, err := e.h.Handle(context.Background(), events.APIGatewayProxyRequest{
		Resource: "/items", HTTPMethod: "POST", IsBase64Encoded: true,
		Body: base64.StdEncoding.EncodeToString([]byte(body)),
	})
	if err != nil {
		t.Fatal(err)
	}
	e.want(resp, 201, body)
	resp, _ = e.h.Handle(context.Background(), events.APIGatewayProxyRequest{
		Resource: "/items", HTTPMethod: "POST", IsBase64Encoded: true, Body: "%%%",
	})
	e.wantError(resp, 400, "Invalid request body")
}

func TestReplaceErrors(t *testing.T) {
	e := newEnv(t)
	e.wantError(e.do(request{method: "PUT", id: "a", body: `{"ID":"b","FirstName":"x","Age":1}`}), 400, "ID must equal the id in the path")
	e.wantError(e.do(request{method: "PUT", id: "a", body: `{"ID":"a","FirstName":"x"}`}), 400, `object has missing required properties (["Age"])`)
	e.wantError(e.do(request{method: "PUT", id: "a", body: `nope`}), 400, "[Unknown error parsing request body]")
	e.wantError(e.do(request{method: "GET", id: "a"}), 404, "Item not found")
}

func TestListErrors(t *testing.T) {
	e := newEnv(t)
	for _, limit := range []string{"0", "101", "-1", "abc", "1.5", "01"} {
		e.wantError(e.do(request{method: "GET", query: map[string]string{"limit": limit}}), 400, "limit must be an integer from 1 to 100")
	}
	for _, next := range []string{"%%", "e30=", base64.StdEncoding.EncodeToString([]byte(`{"ID":{"N":"1"}}`))} {
		e.wantError(e.do(request{method: "GET", query: map[string]string{"next": next}}), 400, "invalid next token")
	}
}

func TestInvalidKeyIsBadRequest(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("x", 3000) // longer than DynamoDB's 2048-byte key limit
	resp := e.do(request{method: "GET", id: long})
	if resp.StatusCode != 400 {
		t.Fatalf("GET with a 3000-byte id: status %d, want 400 (%s)", resp.StatusCode, resp.Body)
	}
	e.wantError(resp, 400, "")
}

func TestUnknownRoutes(t *testing.T) {
	e := newEnv(t)
	for _, r := range []request{
		{method: "DELETE"},
		{method: "PATCH", id: "a"},
		{method: "POST", id: "a"},
		{method: "GET", resource: "/lambda/other"},
		{method: "GET", resource: "/itemsx"},
		{method: "GET", resource: "/"},
	} {
		e.wantError(e.do(r), 403, "Missing Authentication Token")
	}
}

func TestTableFromStageVariable(t *testing.T) {
	e := newEnv(t)
	client, other := testenv.Table(t, endpoint)
	_ = client
	body := `{"ID":"s","FirstName":"x","Age":1}`
	e.want(e.do(request{method: "POST", body: body, stage: map[string]string{"tableName": other}}), 201, body)
	// The item went to the stage's table, not the default one.
	e.wantError(e.do(request{method: "GET", id: "s"}), 404, "Item not found")
	e.want(e.do(request{method: "GET", id: "s", stage: map[string]string{"tableName": other}}), 200, body)
	// A stage naming a missing table is a server error, not a client one.
	e.wantError(e.do(request{method: "GET", id: "s", stage: map[string]string{"tableName": "no-such-table"}}), 500, "Internal server error")
}

func TestNoTableConfigured(t *testing.T) {
	h := items.NewHandler(items.Config{
		Store:  func(string) store.Store { t.Fatal("store used without a table"); return nil },
		Logger: slog.New(slog.NewJSONHandler(&testenv.Buffer{}, nil)),
	})
	resp, err := h.Handle(context.Background(), events.APIGatewayProxyRequest{Resource: "/items", HTTPMethod: "GET"})
	if err != nil || resp.StatusCode != 500 {
		t.Fatalf("got %d %v, want 500", resp.StatusCode, err)
	}
}

func TestPaginationAcrossThreePages(t *testing.T) {
	e := newEnv(t)
	var want []string
	for i := 0; i < 7; i++ {
		id := "item-" + string(rune('a'+i)) + " /+?&="
		want = append(want, id)
		body, _ := json.Marshal(map[string]any{"ID": id, "FirstName": "x", "Age": i})
		e.want(e.do(request{method: "POST", body: string(body)}), 201, "")
	}
	var got []string
	next := ""
	pages := 0
	for {
		q := map[string]string{"limit": "3"}
		if next != "" {
			q["next"] = next
		}
		resp := e.do(request{method: "GET", query: q})
		e.want(resp, 200, "")
		var page struct {
			Items []struct{ ID string } `json:"items"`
			Next  *string               `json:"next"`
		}
		if err := json.Unmarshal([]byte(resp.Body), &page); err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page.Items) > 3 || page.Items == nil {
			t.Fatalf("page %d: %s", pages, resp.Body)
		}
		for _, it := range page.Items {
			got = append(got, it.ID)
		}
		if page.Next == nil {
			break
		}
		if *page.Next == "" || pages > 5 {
			t.Fatalf("bad next after page %d: %s", pages, resp.Body)
		}
		next = *page.Next
	}
	sort.Strings(got)
	if pages != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d pages listing %q, want 3 pages listing %q", pages, got, want)
	}
}

// statusCounts sends n requests at once, request(i) the i-th, and counts
// the statuses they got (0 for a handler error).
func (e *env) statusCounts(n int, request func(i int) events.APIGatewayProxyRequest) map[int]int {
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := e.h.Handle(context.Background(), request(i)); err == nil {
				statuses[i] = resp.StatusCode
			}
		}()
	}
	wg.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	return count
}

func TestConcurrentCreatesExactlyOne201(t *testing.T) {
	e := newEnv(t)
	const n = 50
	count := e.statusCounts(n, func(i int) events.APIGatewayProxyRequest {
		body, _ := json.Marshal(map[string]any{"ID": "contended", "FirstName": "writer", "Age": i})
		return events.APIGatewayProxyRequest{Resource: "/items", HTTPMethod: "POST", Body: string(body)}
	})
	if count[201] != 1 || count[409] != n-1 {
		t.Fatalf("statuses %v, want one 201 and %d 409", count, n-1)
	}
}

// TestConcurrentPutsOfANewItemExactlyOne201: DynamoDB applies writes to one
// item one at a time, so of concurrent PUTs of a missing item exactly one
// finds no old item (201) and every other one replaces (204); the item left
// is one of the bodies, whole.
func TestConcurrentPutsOfANewItemExactlyOne201(t *testing.T) {
	e := newEnv(t)
	const n = 50
	count := e.statusCounts(n, func(i int) events.APIGatewayProxyRequest {
		body, _ := json.Marshal(map[string]any{"FirstName": "writer", "Age": i, fmt.Sprintf("Only%d", i): "x"})
		return events.APIGatewayProxyRequest{
			Resource: "/items/{id}", HTTPMethod: "PUT", Body: string(body), PathParameters: map[string]string{"id": "put-contended"},
		}
	})
	if count[201] != 1 || count[204] != n-1 {
		t.Fatalf("statuses %v, want one 201 and %d 204", count, n-1)
	}
	resp := e.do(request{method: "GET", id: "put-contended"})
	var got map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[fmt.Sprintf("Only%v", got["Age"])] != "x" {
		t.Fatalf("stored item %s is not one whole body", resp.Body)
	}
}

func TestLogsOneLinePerRequestWithoutSecrets(t *testing.T) {
	e := newEnv(t)
	e.do(request{method: "POST", body: `{"ID":"log","FirstName":"private-name","Age":1}`})
	e.do(request{method: "GET", id: "missing"})
	e.do(request{method: "GET", resource: "/nope"})
	lines := strings.Split(strings.TrimSpace(e.logs.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3:\n%s", len(lines), e.logs.String())
	}
	wantStatus := []float64{201, 404, 403}
	for i, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if rec["requestId"] == "" || rec["requestId"] == nil || rec["status"] != wantStatus[i] {
			t.Errorf("log line %d = %v", i, rec)
		}
	}
	for _, secret := range []string{"secret-token-value", "secret-api-key-value", "Bearer", "private-name"} {
		if strings.Contains(e.logs.String(), secret) {
			t.Errorf("log leaks %q:\n%s", secret, e.logs.String())
		}
	}
}

// TestPathIDIsDecoded: API Gateway hands the id path parameter over as the
// client encoded it (a live REST API capture: public repository
// hotsock/voker, vokerhttp/testdata/apigwv1-request.json, has
// "pathParameters": {"proxy": "capture/space%20value"}), so the handler
// decodes it, '+' as a space like the direct path's $util.urlDecode, and a
// malformed escape is a 400.
func TestPathIDIsDecoded(t *testing.T) {
	e := newEnv(t)
	e.want(e.do(request{method: "POST", body: `{"ID":"a b/c+d","FirstName":"x","Age":1}`}), 201, `{"ID":"a b/c+d","FirstName":"x","Age":1}`)
	for _, raw := range []string{"a%20b%2Fc%2Bd", "a+b%2fc%2bd"} {
		e.want(e.do(request{method: "GET", id: raw}), 200, `{"ID":"a b/c+d","FirstName":"x","Age":1}`)
	}
	e.wantError(e.do(request{method: "GET", id: "a b/c+d"}), 404, "Item not found") // '+' unencoded is a space
	e.wantNoBody(e.do(request{method: "PUT", id: "a%20b%2Fc%2Bd", body: `{"ID":"a b/c+d","FirstName":"y","Age":2}`}), 204)
	e.wantNoBody(e.do(request{method: "DELETE", id: "a+b%2Fc%2Bd"}), 204)
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		e.wantError(e.do(request{method: m, id: "a%zz", body: `{"FirstName":"y","Age":2}`}), 400, "Invalid id in path: not a valid percent-encoding")
	}
}

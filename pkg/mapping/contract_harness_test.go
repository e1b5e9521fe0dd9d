package mapping_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/items"
	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
	"apigwdirect/pkg/vtl"
)

// The contract harness runs one API request down both paths, each against
// its own table of the same dynalite server:
//
//   - the Go path: the items handler over store.Dynamo, whose SDK client
//     records the exact JSON it puts on the wire;
//   - the direct path as API Gateway runs it: the route's model check
//     (Validator.Validate), the request template rendered by pkg/vtl, the
//     DynamoDB call, the integration response chosen by selection pattern,
//     and its template, with $context.responseOverride.status applied.
//
// It then holds the two equal: same status; bodies equal as JSON; and the
// DynamoDB requests equal as JSON once the table name is set aside and the
// UpdateExpression placeholders are resolved (extras are numbered in sorted
// order by Go, in body order by the template).

var creds = credentials.NewStaticCredentialsProvider("local", "local", "")

// wire records the requests an SDK client sends.
type wire struct {
	base *http.Client
	mu   sync.Mutex
	sent []string // request bodies, in order
}

func (w *wire) Do(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		var err error
		if b, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	w.mu.Lock()
	w.sent = append(w.sent, string(b))
	w.mu.Unlock()
	return w.base.Do(req)
}

func (w *wire) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.sent)
}

func (w *wire) since(n int) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.sent[n:]...)
}

type paths struct {
	endpoint    string
	goTable     string
	directTable string
	handler     *items.Handler
	wire        *wire
	validator   *mapping.Validator
	integ       map[mapping.Route]mapping.Integration
	reqT        map[mapping.Route]*vtl.Template
	respT       map[string]*vtl.Template // by template source
	http        *http.Client
}

func newPaths(t testing.TB, endpoint string) *paths {
	t.Helper()
	_, goTable := testenv.Table(t, endpoint)
	_, directTable := testenv.Table(t, endpoint)
	w := &wire{base: &http.Client{Timeout: 30 * time.Second}}
	client := dynamodb.New(dynamodb.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(endpoint), Credentials: creds, HTTPClient: w,
	})
	p := &paths{
		endpoint: endpoint, goTable: goTable, directTable: directTable, wire: w,
		validator: mapping.MustNewValidator(),
		integ:     map[mapping.Route]mapping.Integration{},
		reqT:      map[mapping.Route]*vtl.Template{},
		respT:     map[string]*vtl.Template{},
		// Closes idle connections before dynalite does (after its 5 s
		// keep-alive timeout), as pkg/gateway's client does: a POST sent on
		// a connection the server is closing fails and is not resent.
		http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{IdleConnTimeout: 4 * time.Second}},
	}
	p.handler = items.NewHandler(items.Config{
		Store: store.ByTable(client), DefaultTable: "unused-default",
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), Validator: p.validator,
	})
	for _, in := range mapping.Integrations() {
		p.integ[in.Route] = in
		tpl, err := vtl.Parse(string(in.Route)+".request", in.RequestTemplate)
		if err != nil {
			t.Fatalf("%s request template: %v", in.Route, err)
		}
		p.reqT[in.Route] = tpl
		for _, r := range in.Responses {
			if p.respT[r.Template] != nil {
				continue
			}
			tpl, err := vtl.Parse(string(in.Route)+".response", r.Template)
			if err != nil {
				t.Fatalf("%s response template: %v", in.Route, err)
			}
			p.respT[r.Template] = tpl
		}
	}
	return p
}

// call is one API request.
type call struct {
	route mapping.Route
	id    string // the item's ID, sent encoded as clients do (EncodePathID)
	rawID string // when set, the path segment as sent instead: "a+b" is the ID "a b"
	body  string
	query map[string]string
}

// pathParam is the id path parameter as API Gateway hands it to both paths:
// the segment as the client encoded it, not decoded (see pkg/gateway).
func (c call) pathParam() string {
	if c.rawID != "" {
		return c.rawID
	}
	return mapping.EncodePathID(c.id)
}

// outcome is what a path answered, and the DynamoDB request it sent ("" if none).
type outcome struct {
	status int
	body   string
	sent   string
}

func (p *paths) viaGo(t testing.TB, c call) outcome {
	t.Helper()
	in := p.integ[c.route]
	req := events.APIGatewayProxyRequest{
		Resource: in.Path, HTTPMethod: in.Method, Body: c.body,
		QueryStringParameters: c.query,
		StageVariables:        map[string]string{"tableName": p.goTable},
		RequestContext:        events.APIGatewayProxyRequestContext{RequestID: "contract"},
	}
	if p := c.pathParam(); p != "" {
		req.PathParameters = map[string]string{"id": p}
	}
	before := p.wire.count()
	resp, err := p.handler.Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("Go path %s: %v", c.route, err)
	}
	out := outcome{status: resp.StatusCode, body: resp.Body}
	if sent := p.wire.since(before); len(sent) > 0 {
		out.sent = sent[len(sent)-1]
	}
	return out
}

func (p *paths) viaDirect(t testing.TB, c call) outcome {
	t.Helper()
	in := p.integ[c.route]
	if err := p.validator.Validate(c.route, []byte(c.body)); err != nil {
		return outcome{status: 400, body: string(mapping.ErrorBody(err.Error()))}
	}
	env := func(body string) *vtl.Env {
		e := &vtl.Env{
			Body: body, QueryParams: c.query, Headers: map[string]string{},
			StageVariables: map[string]string{"tableName": p.directTable},
			Context:        map[string]any{"requestId": "contract", "httpMethod": in.Method, "resourcePath": in.Path},
		}
		if p := c.pathParam(); p != "" {
			e.PathParams = map[string]string{"id": p}
		}
		return e
	}
	payload, err := p.reqT[c.route].Render(env(c.body))
	if err != nil {
		t.Fatalf("%s request template failed on %.300q: %v", c.route, c.body, err)
	}
	if !json.Valid([]byte(payload)) {
		t.Fatalf("%s request template rendered invalid JSON for %.300q:\n%s", c.route, c.body, payload)
	}
	status, answer := p.dynamo(t, in.Action, payload)
	chosen := in.Responses[0]
	for _, r := range in.Responses {
		if r.SelectionPattern == "" {
			chosen = r
			break
		}
	}
	for _, r := range in.Responses {
		if r.SelectionPattern != "" && regexp.MustCompile(`^(?:`+r.SelectionPattern+`)$`).MatchString(strconv.Itoa(status)) {
			chosen = r
			break
		}
	}
	e := env(answer)
	body, err := p.respT[chosen.Template].Render(e)
	if err != nil {
		t.Fatalf("%s response template failed on DynamoDB's %d %.300s: %v", c.route, status, answer, err)
	}
	out := outcome{status: chosen.StatusCode, body: body, sent: payload}
	if s := e.Overrides().Status; s != 0 {
		out.status = s
	}
	return out
}

// dynamo POSTs a rendered request to DynamoDB as API Gateway's AWS
// integration does.
func (p *paths) dynamo(t testing.TB, action, payload string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, p.endpoint+"/", strings.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+action)
	c, _ := creds.Retrieve(context.Background())
	sum := sha256.Sum256([]byte(payload))
	if err := v4.NewSigner().SignHTTP(context.Background(), c, req, hex.EncodeToString(sum[:]), "dynamodb", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := p.http.Do(req)
	if err != nil {
		t.Fatalf("DynamoDB %s: %v", action, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// both runs c down both paths and fails t unless they agree.
func (p *paths) both(t testing.TB, c call) outcome {
	t.Helper()
	g := p.viaGo(t, c)
	d := p.viaDirect(t, c)
	where := func() string {
		return string(c.route) + " id=" + strconv.Quote(trunc(c.pathParam())) + " body=" + strconv.Quote(trunc(c.body)) + " query=" + jsonText(c.query)
	}
	if g.status != d.status {
		t.Fatalf("%s: status Go %d, direct %d\n Go body     %s\n direct body %s", where(), g.status, d.status, trunc(g.body), trunc(d.body))
	}
	switch {
	case g.status == 204 || (c.route == mapping.RouteReplace && g.status == 201):
		if g.body != "" || d.body != "" {
			t.Fatalf("%s: %d with a body: Go %q, direct %q", where(), g.status, g.body, d.body)
		}
	default:
		if !reflect.DeepEqual(decode(t, g.body), decode(t, d.body)) {
			t.Fatalf("%s: bodies differ\n Go     %s\n direct %s", where(), trunc(g.body), trunc(d.body))
		}
	}
	if g.sent != "" && d.sent != "" {
		gs, ds := normalizeRequest(t, g.sent), normalizeRequest(t, d.sent)
		if !reflect.DeepEqual(gs, ds) {
			t.Fatalf("%s: DynamoDB requests differ\n Go     %s\n direct %s", where(), trunc(jsonText(gs)), trunc(jsonText(ds)))
		}
	}
	return g
}

// normalizeRequest decodes a DynamoDB request, drops TableName and replaces
// an UpdateExpression with its resolved assignments, {"SET": {name: value}}.
func normalizeRequest(t testing.TB, s string) map[string]any {
	t.Helper()
	doc, ok := decode(t, s).(map[string]any)
	if !ok {
		t.Fatalf("DynamoDB request is not an object: %s", s)
	}
	delete(doc, "TableName")
	expr, ok := doc["UpdateExpression"].(string)
	if !ok {
		return doc
	}
	names, _ := doc["ExpressionAttributeNames"].(map[string]any)
	values, _ := doc["ExpressionAttributeValues"].(map[string]any)
	set := map[string]any{}
	rest, found := strings.CutPrefix(expr, "SET ")
	if !found {
		t.Fatalf("UpdateExpression %q is not a SET", expr)
	}
	for _, part := range strings.Split(rest, ",") {
		n, v, found := strings.Cut(strings.TrimSpace(part), " = ")
		name, okN := names[n].(string)
		value, okV := values[v]
		if !found || !okN || !okV {
			t.Fatalf("UpdateExpression %q: bad assignment %q", expr, part)
		}
		if _, dup := set[name]; dup {
			t.Fatalf("UpdateExpression %q sets %q twice", expr, name)
		}
		set[name] = value
	}
	if len(set) != len(names) || len(set) != len(values) {
		t.Fatalf("UpdateExpression %q leaves placeholders unused: %v %v", expr, names, values)
	}
	delete(doc, "UpdateExpression")
	delete(doc, "ExpressionAttributeNames")
	delete(doc, "ExpressionAttributeValues")
	doc["SET"] = set
	return doc
}

func decode(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %q: %v", trunc(s), err)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("trailing data after JSON %q", trunc(s))
	}
	return v
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func trunc(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

package gateway

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/vtl"
)

// envRecorder is a TemplateEngine that records the environment of every
// render before handing it to the real engine.
type envRecorder struct {
	TemplateEngine
	mu   sync.Mutex
	envs []*vtl.Env
}

func (r *envRecorder) Render(ctx context.Context, name, src string, env *vtl.Env) (string, vtl.Overrides, error) {
	r.mu.Lock()
	r.envs = append(r.envs, env)
	r.mu.Unlock()
	return r.TemplateEngine.Render(ctx, name, src, env)
}

// TestProxyEventKeepsThePathAsSent: the proxy event carries the path, the
// path parameters and $context.path as the client encoded them, and the
// query decoded ('+' a space), the single-value map keeping the last of
// repeated values. Evidence: a live REST API capture (public repository
// hotsock/voker, vokerhttp/testdata/apigwv1-request.json: "path":
// "/capture/space%20value", "proxy": "capture/space%20value",
// "literalPlus": "a b", "encodedPlus": "a+b", "repeat": "two"), and
// LocalStack's AWS-validated snapshot (tests/aws/services/apigateway/
// test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration:
// "test%2Balias" and a literal '+' kept in the path, slashes before the
// stage and the first segment dropped, a trailing slash kept in path but not
// in proxy, an inner double slash kept).
func TestProxyEventKeepsThePathAsSent(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	for _, c := range []struct {
		sent, path, proxy, ctxPath string
	}{
		{"/prod/lambda/files/capture/space%20value", "/lambda/files/capture/space%20value", "capture/space%20value", "/prod/lambda/files/capture/space%20value"},
		{"/prod/lambda/files/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
			"/lambda/files/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
			"user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
			"/prod/lambda/files/user/test%2Balias@gmail.com/plus/test+alias@gmail.com"},
		{"/prod/lambda/files/a%2fb%3Fc%23d%25e", "/lambda/files/a%2fb%3Fc%23d%25e", "a%2fb%3Fc%23d%25e", "/prod/lambda/files/a%2fb%3Fc%23d%25e"},
		{"/prod/lambda/files/value/", "/lambda/files/value/", "value", "/prod/lambda/files/value/"},
		{"/prod/lambda/files/value//double", "/lambda/files/value//double", "value//double", "/prod/lambda/files/value//double"},
		{"/prod//lambda/files/value", "/lambda/files/value", "value", "/prod//lambda/files/value"},
		{"//prod/lambda/files/value", "/lambda/files/value", "value", "/prod/lambda/files/value"},
	} {
		req, err := http.NewRequest("POST", hs.URL+c.sent+"?literalPlus=a+b&encodedPlus=a%2Bb&repeat=one&repeat=two&empty=&sp%20ace=x", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", c.sent, resp.StatusCode)
		}
		f.mu.Lock()
		ev := f.lastEvent
		f.mu.Unlock()
		if ev.Path != c.path || ev.PathParameters["proxy"] != c.proxy || ev.RequestContext.Path != c.ctxPath {
			t.Errorf("%s: path %q, proxy %q, requestContext.path %q; want %q, %q, %q",
				c.sent, ev.Path, ev.PathParameters["proxy"], ev.RequestContext.Path, c.path, c.proxy, c.ctxPath)
		}
		wantQ := map[string]string{"literalPlus": "a b", "encodedPlus": "a+b", "repeat": "two", "empty": "", "sp ace": "x"}
		if !reflect.DeepEqual(ev.QueryStringParameters, wantQ) || !reflect.DeepEqual(ev.MultiValueQueryStringParameters["repeat"], []string{"one", "two"}) {
			t.Errorf("%s: query %v / %v, want %v", c.sent, ev.QueryStringParameters, ev.MultiValueQueryStringParameters, wantQ)
		}
	}
}

// TestEncodedSlashStaysInItsSegment: %2F inside a segment does not split
// it: a live REST API answered /resource/my-id%2F100 from /resource/{ID}
// with "pathParameters": {"ID": "my-id%2F100"} (public repository
// aws/aws-sam-cli, issue 3524, the event "in production"). So an ID with '/'
// is addressable, sent as %2F; an unencoded '/' is another path.
func TestEncodedSlashStaysInItsSegment(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	key := map[string]string{"x-api-key": freeKey}
	status, _, body := do(t, "GET", hs.URL+"/prod/lambda/items/my-id%2F100", "", key)
	if status != 200 {
		t.Fatalf("status %d %s", status, body)
	}
	f.mu.Lock()
	ev, auth := f.lastEvent, f.lastAuth
	f.mu.Unlock()
	if ev.Resource != "/lambda/items/{id}" || ev.PathParameters["id"] != "my-id%2F100" || ev.Path != "/lambda/items/my-id%2F100" {
		t.Fatalf("resource %q, id %q, path %q", ev.Resource, ev.PathParameters["id"], ev.Path)
	}
	if auth.PathParameters["id"] != "my-id%2F100" || !strings.HasSuffix(auth.MethodArn, "/prod/GET/lambda/items/my-id%2F100") {
		t.Fatalf("authorizer event: id %q, methodArn %q", auth.PathParameters["id"], auth.MethodArn)
	}
	if status, _, _ := do(t, "GET", hs.URL+"/prod/lambda/items/my-id/100", "", key); status != 403 {
		t.Fatalf("an unencoded slash: status %d, want 403 Missing Authentication Token", status)
	}
}

// TestTemplatesSeeParametersAsSent: $input.params('id') and
// $input.params().path are the segment as sent, as in the proxy event (the
// same evidence as TestProxyEventKeepsThePathAsSent and
// TestEncodedSlashStaysInItsSegment), and the query decoded, last value
// kept; $util.urlDecode turns the segment back into the ID, '+' a space.
func TestTemplatesSeeParametersAsSent(t *testing.T) {
	rec := &envRecorder{TemplateEngine: NewVTL()}
	f := &fakes{}
	srv, err := New(fixture(t, nil), Options{
		Functions:   map[string]ProxyFunc{"ItemsFunction": f.items},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": f.authorizer},
		UserPools:   map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates:   rec,
		DynamoDB:    DynamoDB{Endpoint: "http://127.0.0.1:1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	do(t, "GET", hs.URL+"/prod/direct/items/a%2Fb+c%2B%C3%A9?q=x&q=y+z%2B", "", map[string]string{"x-api-key": freeKey})
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.envs) == 0 {
		t.Fatal("no template rendered")
	}
	out, _, err := NewVTL().Render(context.Background(), "probe",
		"$input.params('id')|$input.params().path.get('id')|$input.params('q')|$util.urlDecode($input.params('id'))", rec.envs[0])
	if err != nil {
		t.Fatal(err)
	}
	if want := "a%2Fb+c%2B%C3%A9|a%2Fb+c%2B%C3%A9|y z+|a/b c+é"; out != want {
		t.Fatalf("rendered %q, want %q", out, want)
	}
}

// TestMethodARNLimit: a method with authorization whose method ARN is over
// 1,600 bytes answers 414 {"message":"Request URI too long"} before its
// authorizer runs (developer guide, "Amazon API Gateway quotas":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html);
// 1,600 bytes pass, and a method without authorization has no such limit.
func TestMethodARNLimit(t *testing.T) {
	m := fixture(t, nil)
	f := &fakes{}
	hs := serveFakes(t, m, f)
	prefix := "arn:aws:execute-api:" + m.Region + ":" + m.AccountID + ":" + m.APIID + "/prod/GET/lambda/items/"
	fits := strings.Repeat("%41", (MaxMethodARNBytes-len(prefix))/3) + strings.Repeat("b", (MaxMethodARNBytes-len(prefix))%3)
	key := map[string]string{"x-api-key": freeKey}
	if status, _, body := do(t, "GET", hs.URL+"/prod/lambda/items/"+fits, "", key); status != 200 {
		t.Fatalf("a method ARN of exactly %d bytes: %d %s", len(prefix+fits), status, body)
	}
	f.mu.Lock()
	arn := f.lastAuth.MethodArn
	f.mu.Unlock()
	if len(arn) != MaxMethodARNBytes {
		t.Fatalf("the authorizer saw a method ARN of %d bytes, want %d: %s", len(arn), MaxMethodARNBytes, arn)
	}
	calls := f.authCalls.Load()
	status, h, body := do(t, "GET", hs.URL+"/prod/lambda/items/"+fits+"c", "", key)
	if status != 414 {
		t.Fatalf("a method ARN of %d bytes: %d %s, want 414", MaxMethodARNBytes+1, status, body)
	}
	wantJSON(t, body, `{"message":"Request URI too long"}`)
	if h.Get("x-amzn-RequestId") == "" || f.authCalls.Load() != calls {
		t.Fatalf("414: request id %q, authorizer calls %d -> %d", h.Get("x-amzn-RequestId"), calls, f.authCalls.Load())
	}
	long := strings.Repeat("x", 3*MaxMethodARNBytes)
	if status, _, body := do(t, "POST", hs.URL+"/prod/lambda/files/"+long, "{}", nil); status != 200 {
		t.Fatalf("a method without authorization and a long path: %d %s, want 200", status, body)
	}
}

// TestStackItemRoutesFitTheIDLimit holds the synthesized stack to
// mapping.LongestItemARNPrefix: on every item route (all have
// authorization), an ID as long as the contract allows keeps the method ARN
// within 1,600 bytes under the longest partition and region, a 12-digit
// account and a 10-character API id, the longest route reaching exactly
// 1,600; and the local gateway lets such IDs through to the authorizer.
func TestStackItemRoutesFitTheIDLimit(t *testing.T) {
	srv, m := snapshotServer(t)
	if len(m.APIID) != 10 {
		t.Fatalf("local API id %q: API Gateway's have 10 characters", m.APIID)
	}
	longestID := strings.Repeat("é", mapping.MaxEncodedIDLength/6) + strings.Repeat("x", mapping.MaxEncodedIDLength%6)
	seg := mapping.EncodePathID(longestID)
	if len(seg) != mapping.MaxEncodedIDLength || mapping.CheckID(longestID) != nil {
		t.Fatalf("the test ID encodes to %d characters", len(seg))
	}
	longest, routes := 0, 0
	for _, meth := range m.Methods() {
		if !strings.HasSuffix(meth.ResourcePath, "/{id}") {
			continue
		}
		routes++
		if meth.AuthorizationType == "NONE" {
			t.Errorf("%s %s has no authorization", meth.HTTPMethod, meth.ResourcePath)
		}
		path := strings.TrimSuffix(meth.ResourcePath, "{id}") + seg
		arn := "arn:" + mapping.LongestPartition + ":execute-api:" + mapping.LongestRegion + ":123456789012:" + m.APIID + "/" + m.Stage + "/" + meth.HTTPMethod + path
		longest = max(longest, len(arn))
		if len(arn) > MaxMethodARNBytes {
			t.Errorf("%s %s: method ARN of %d bytes for the longest ID", meth.HTTPMethod, meth.ResourcePath, len(arn))
		}
		r := httptest.NewRequest(meth.HTTPMethod, "/"+m.Stage+path, strings.NewReader(`{}`))
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 401 {
			t.Errorf("%s %s with the longest ID: %d %s, want the authorizer's 401", meth.HTTPMethod, meth.ResourcePath, w.Code, w.Body)
		}
	}
	if routes != 9 || longest != MaxMethodARNBytes || MaxMethodARNBytes != mapping.MaxMethodARNBytes {
		t.Fatalf("%d item routes, the longest method ARN %d bytes; want 9 and exactly %d", routes, longest, MaxMethodARNBytes)
	}
}

package gateway

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/mapping"
)

// snapshotServer serves the committed CDK snapshot with stand-ins that
// refuse every caller, so a request either misses the resource tree (403
// Missing Authentication Token) or stops at its authorizer (401): nothing
// reaches a backend.
func snapshotServer(tb testing.TB) (*Server, *apidef.Model) {
	tb.Helper()
	tpl, err := cfn.LoadFile("../../cdk/snapshot/stack.template.json", cfn.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	m, err := cfn.Build(tpl, cfn.BuildOptions{Stage: "prod"})
	if err != nil {
		tb.Fatal(err)
	}
	refuse := func(ctx context.Context, ev events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
		return events.APIGatewayCustomAuthorizerResponse{}, errors.New("Unauthorized")
	}
	unreachable := func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return events.APIGatewayProxyResponse{}, errors.New("the function must not be reached")
	}
	srv, err := New(m, Options{
		Functions:   map[string]ProxyFunc{"ItemsFunction": unreachable},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": refuse},
		UserPools:   map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates:   NewVTL(),
		DynamoDB:    DynamoDB{Endpoint: "http://127.0.0.1:1"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return srv, m
}

// isToken reports whether s is a valid HTTP method token (RFC 9110).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= 0x20 || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

// FuzzRouting sends arbitrary methods, paths and queries through the
// gateway serving the real snapshot. It must never panic; a request that
// names no method of the resource tree must answer exactly API Gateway's
// 403 Missing Authentication Token; one that does must reach its
// authorizer (401 here), and a matched {id} must be the segment as sent.
func FuzzRouting(f *testing.F) {
	for _, s := range []struct{ method, path, query string }{
		{"GET", "/prod/lambda/items", "limit=5"},
		{"GET", "/prod/lambda/items/42", ""},
		{"PUT", "/prod/direct/items/a%2Fb", ""},
		{"DELETE", "/prod/items/%E2%82%AC", "x=1&x=2"},
		{"POST", "/prod/items/", ""},
		{"PATCH", "/prod/items/1", ""},
		{"GET", "/prod", ""},
		{"GET", "/prod/", ""},
		{"GET", "/", ""},
		{"GET", "/dev/items", ""},
		{"GET", "/prodx/items", ""},
		{"GET", "/prod//items", ""},
		{"GET", "/prod/items//1", ""},
		{"GET", "/prod/items/1/2", ""},
		{"GET", "/prod/items/%zz", ""},
		{"GET", "/prod/items/%00", ""},
		{"OPTIONS", "/prod/items", ""},
		{"get", "/prod/items", ""},
		{"ANY", "/prod/items", ""},
		{"HEAD", "/prod/items/..", ""},
		{"GET", "/prod/items/{id}", ""},
		{"GET", "/prod/%69tems/1", ""},
	} {
		f.Add(s.method, s.path, s.query)
	}
	srv, m := snapshotServer(f)
	f.Fuzz(func(t *testing.T, method, path, query string) {
		if !isToken(method) {
			t.Skip()
		}
		u, err := url.ParseRequestURI("/" + strings.TrimPrefix(path, "/"))
		if err != nil || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
			t.Skip()
		}
		if q, err := url.ParseQuery(query); err == nil {
			u.RawQuery = q.Encode()
		}
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Method, r.URL, r.RequestURI = method, u, u.RequestURI()
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)

		rest, onStage := splitStage(u.EscapedPath(), "prod")
		var meth *apidef.Method
		node, params, matched := match(m, rest)
		if onStage && matched {
			meth = node.Methods[method]
			if meth == nil {
				meth = node.Methods["ANY"]
			}
		}
		if meth == nil {
			body := strings.TrimSpace(w.Body.String())
			if w.Code != 403 || (method != http.MethodHead && body != `{"message":"Missing Authentication Token"}`) {
				t.Fatalf("%s %s: %d %s, want 403 Missing Authentication Token", method, u, w.Code, w.Body)
			}
			if got := w.Header().Get("x-amzn-ErrorType"); got != "MissingAuthenticationTokenException" {
				t.Fatalf("%s %s: x-amzn-ErrorType %q", method, u, got)
			}
			return
		}
		if w.Code != 401 {
			t.Fatalf("%s %s matched %s %s but answered %d %s, want the authorizer's 401", method, u, meth.HTTPMethod, meth.ResourcePath, w.Code, w.Body)
		}
		if strings.HasSuffix(meth.ResourcePath, "/{id}") {
			segs := strings.Split(strings.Trim(rest, "/"), "/")
			if want := segs[len(segs)-1]; params["id"] != want {
				t.Fatalf("%s: id = %q, want the segment as sent, %q", u, params["id"], want)
			}
		}
	})
}

// FuzzPathParameterRoundTrip encodes an arbitrary id into the item paths of
// the snapshot as clients encode a segment: each must match its {id}
// resource with the segment as sent, which decodes back to the id.
func FuzzPathParameterRoundTrip(f *testing.F) {
	for _, id := range []string{"42", "a/b", "€", "%", "a b", "..", "{id}", "\x00", "+", "items"} {
		f.Add(id)
	}
	_, m := snapshotServer(f)
	f.Fuzz(func(t *testing.T, id string) {
		if id == "" {
			t.Skip()
		}
		seg := mapping.EncodePathID(id)
		for _, prefix := range []string{"/items/", "/direct/items/", "/lambda/items/"} {
			node, params, ok := match(m, prefix+seg)
			if !ok || node.Path != strings.TrimSuffix(prefix, "/")+"/{id}" || params["id"] != seg {
				t.Fatalf("%s%s: matched %v %v %q", prefix, seg, ok, node, params["id"])
			}
			if got, err := mapping.DecodePathID(params["id"]); err != nil || got != id {
				t.Fatalf("%s%s: decodes to %q, %v", prefix, seg, got, err)
			}
		}
	})
}

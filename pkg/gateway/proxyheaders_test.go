package gateway

import (
	"context"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// TestProxyResponseMergesHeaderMaps: a Lambda proxy response's headers and
// multiValueHeaders are merged per header, a value given in both once.
func TestProxyResponseMergesHeaderMaps(t *testing.T) {
	f := newFakes()
	fn := func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return events.APIGatewayProxyResponse{StatusCode: 200, Body: "{}",
			Headers:           map[string]string{"X-A": "1", "X-B": "3"},
			MultiValueHeaders: map[string][]string{"X-A": {"1", "2"}, "Set-Cookie": {"a=1", "b=2"}}}, nil
	}
	srv, err := New(fixture(t, nil), Options{
		Functions:   map[string]ProxyFunc{"ItemsFunction": fn},
		Authorizers: map[string]AuthorizerFunc{"AuthorizerFunction": f.authorizer},
		UserPools:   map[string]TokenVerifier{"UserPool": fakeVerifier{}},
		Templates:   NewVTL(), Now: f.clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/prod/lambda/items/7", nil)
	r.Header.Set("x-api-key", freeKey)
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	for name, want := range map[string][]string{"X-A": {"1", "2"}, "X-B": {"3"}, "Set-Cookie": {"a=1", "b=2"}} {
		if got := w.Header().Values(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

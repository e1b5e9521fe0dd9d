package gateway

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/gateway/apidef"
)

// TestTokenAuthorizerEventMatchesCapturedEvent replays aws-lambda-go's
// captured TOKEN authorizer event (events/testdata/apigw-custom-auth-request.json:
// type, authorizationToken, methodArn) through a TOKEN authorizer whose
// identity source is the Authorization header, and compares the event the
// function receives with it as JSON, all fields exact: the account, API id,
// region and resource are the sample's. The sample's methodArn has "*" for
// the stage (it was recorded from the console's test invocation, which has
// no stage); a deployed stage puts its name there, as every REQUEST sample
// of the same module does, so the stage is the one difference, checked.
func TestTokenAuthorizerEventMatchesCapturedEvent(t *testing.T) {
	var want events.APIGatewayCustomAuthorizerRequest
	readSample(t, "apigw-custom-auth-request.json", &want)
	m := &apidef.Model{APIID: "ymy8tbxw7b", Name: "golden", APIKeySource: "HEADER", Stage: "prod",
		Region: "us-west-2", AccountID: "123456789012",
		Root: &apidef.Node{ID: "root", Path: "/", Methods: map[string]*apidef.Method{}}}
	m.Root.Methods["GET"] = &apidef.Method{HTTPMethod: "GET", ResourcePath: "/", ResourceID: "root",
		AuthorizationType: "CUSTOM", Integration: &apidef.Integration{Type: "MOCK", Responses: []*apidef.IntegrationResponse{{StatusCode: 200}}},
		Authorizer: &apidef.Authorizer{ID: "tok", Name: "tok", Type: "TOKEN", Function: "Authorizer",
			IdentitySources: []string{"method.request.header.Authorization"}, TTL: 0}}
	var got []byte
	auth := func(ctx context.Context, ev []byte) ([]byte, error) {
		got = ev
		var in events.APIGatewayCustomAuthorizerRequest
		_ = json.Unmarshal(ev, &in)
		return json.Marshal(events.APIGatewayCustomAuthorizerResponse{PrincipalID: "user",
			PolicyDocument: policy([]eventsStatement{{"Allow", []string{in.MethodArn}}})})
	}
	srv, err := New(m, Options{Lambdas: map[string]Lambda{"Authorizer": auth}, Templates: NewVTL(), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	if u := srv.Unsupported(); len(u) != 0 {
		t.Fatalf("unsupported: %v", u)
	}
	addr := serveKeepingHeaderCase(t, srv)
	status, body := sendRaw(t, addr, "prod", sampleRequest{method: "GET", path: "/",
		headers: map[string][]string{"Host": {"ymy8tbxw7b.execute-api.us-west-2.amazonaws.com"}, "Authorization": {want.AuthorizationToken}}})
	if status != 200 || got == nil {
		t.Fatalf("status %d %s; authorizer called: %v", status, body, got != nil)
	}
	var gotMap, wantMap map[string]any
	if err := json.Unmarshal(got, &gotMap); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(want)
	_ = json.Unmarshal(b, &wantMap)
	wantMap["methodArn"] = "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/prod/GET/"
	if !reflect.DeepEqual(gotMap, wantMap) {
		t.Fatalf("TOKEN event\n got  %s\n want %v", got, wantMap)
	}
}

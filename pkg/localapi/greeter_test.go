package localapi

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"apigwdirect/internal/testenv"
)

// greeterTemplate has a TOKEN authorizer and two provided.al2023 functions
// (its description names the public example it is modelled on).
const greeterTemplate = "pkg/localapi/testdata/greeter.template.json"

// startGreeter runs both of the greeter's functions from one bootstrap
// built for the host (internal/testenv/testdata/hello answers both events).
func startGreeter(t *testing.T, logger *slog.Logger) *Env {
	t.Helper()
	bin := testenv.BuildBootstrap(t, "apigwdirect/internal/testenv/testdata/hello")
	return start(t, Options{TemplatePath: greeterTemplate, Logger: logger, Builtins: map[string]Builtin{},
		Bootstraps: map[string]string{"AppFunction": bin, "TokenAuthorizerFunction": bin}})
}

// TestTokenAuthorizerAndFunctionsGivenAsBootstraps: the TOKEN authorizer
// gets the identity source's value and the method ARN (the developer
// guide's "Input to an API Gateway Lambda authorizer",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html);
// its Allow reaches the function with the authorizer's context, a Deny is
// 403 (with the capitalized "Message" of AWS's default ACCESS_DENIED body:
// localstack/localstack pull request #11317 records it on AWS; this
// template sets no gateway responses), its "Unauthorized" error 401, and a token its identity validation
// expression refuses is 401 too; the proxy function gets its environment
// from the template; the Lambda custom integration maps the function's
// result and, through its selection pattern on errorMessage, its error.
func TestTokenAuthorizerAndFunctionsGivenAsBootstraps(t *testing.T) {
	t.Parallel()
	env := startGreeter(t, nil)
	if len(env.Unsupported) != 0 || !strings.HasSuffix(env.URL, "/Prod") {
		t.Fatalf("unsupported %v, URL %s", env.Unsupported, env.URL)
	}
	token := func(v string) map[string]string { return map[string]string{"authorizationToken": v} }
	status, body := call(t, "GET", env.URL+"/hello/ann", "", token("allow"))
	var got struct {
		Message, User string
	}
	if status != 200 || json.Unmarshal([]byte(body), &got) != nil || got.Message != "hello, ann" || got.User != "tester" {
		t.Fatalf("allowed: %d %s", status, body)
	}
	for _, c := range []struct {
		headers map[string]string
		status  int
		body    string
	}{
		{token("deny"), 403, `{"Message":"User is not authorized to access this resource with an explicit deny"}`},
		{token("someone"), 401, `{"message":"Unauthorized"}`},
		{token("NOT-VALID-1"), 401, `{"message":"Unauthorized"}`},
		{nil, 401, `{"message":"Unauthorized"}`},
	} {
		if status, body := call(t, "GET", env.URL+"/hello/ann", "", c.headers); status != c.status || body != c.body {
			t.Errorf("%v: %d %s, want %d %s", c.headers, status, body, c.status, c.body)
		}
	}
	if status, body := call(t, "GET", env.URL+"/custom/bo", "", nil); status != 200 || !strings.Contains(body, `"message":"hello, bo"`) {
		t.Errorf("Lambda custom integration: %d %s", status, body)
	}
	if status, body := call(t, "GET", env.URL+"/custom/fail", "", nil); status != 400 || body != `{"message": "asked to fail"}` {
		t.Errorf("Lambda custom integration, function error: %d %s", status, body)
	}
}

func TestBootstrapForAFunctionNotInTheTemplateIsAnError(t *testing.T) {
	t.Parallel()
	_, err := Start(t.Context(), Options{TemplatePath: greeterTemplate, Bootstraps: map[string]string{"Nope": "/bin/true"},
		Logger: slog.New(slog.DiscardHandler)})
	if err == nil || !strings.Contains(err.Error(), "Nope") || strings.Count(err.Error(), "localapi:") != 1 {
		t.Fatalf("err = %v, want one naming Nope, prefixed once", err)
	}
}

// TestWithoutARuntimeTheFunctionsMethodsAnswer500: a template whose
// functions have no local runtime still starts; the methods that need them
// answer 500 and are listed.
func TestWithoutARuntimeTheFunctionsMethodsAnswer500(t *testing.T) {
	t.Parallel()
	env := start(t, Options{TemplatePath: greeterTemplate, Builtins: map[string]Builtin{}})
	if len(env.Unsupported) != 2 {
		t.Fatalf("unsupported %+v, want both methods", env.Unsupported)
	}
	if status, body := call(t, "GET", env.URL+"/custom/x", "", nil); status != 500 || body != `{"message":"Internal server error"}` {
		t.Fatalf("%d %s", status, body)
	}
}

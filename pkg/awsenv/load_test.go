package awsenv_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/pkg/awsenv"
)

// lambdaEnv is what the Lambda runtime sets for a function that reads no
// variables of its own: the reserved variables of
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
// (region, the execution role's temporary credentials, the function's
// identity), with made-up values.
func lambdaEnv() map[string]string {
	return map[string]string{
		"AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "eu-west-3",
		"AWS_ACCESS_KEY_ID": "ASIAEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY": "secret/example+key",
		"AWS_SESSION_TOKEN": "session-token-example", "AWS_LAMBDA_FUNCTION_NAME": "items",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512", "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
		"AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand", "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
	}
}

// with returns lambdaEnv changed by kv (key, value pairs; a value "-" unsets).
func with(kv ...string) map[string]string {
	env := lambdaEnv()
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "-" {
			delete(env, kv[i])
		} else {
			env[kv[i]] = kv[i+1]
		}
	}
	return env
}

// setEnv makes env the process's whole AWS environment for the test: every
// variable the SDK's loader reads is unset unless env names it, and HOME is
// an empty directory, so no shared config file is found.
func setEnv(t *testing.T, env map[string]string) {
	t.Helper()
	var all []string
	all = append(all, awsenv.Supported()...)
	all = append(all, awsenv.Refused()...)
	all = append(all, awsenv.Ignored()...)
	all = append(all, "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_API_GATEWAY")
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			all = append(all, k)
		}
	}
	for _, k := range all {
		t.Setenv(k, "")
		if err := os.Unsetenv(k); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", t.TempDir())
	for k, v := range env {
		t.Setenv(k, v)
	}
}

// recorder is an HTTP client that records requests and answers 200 {}.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

// Do records r.
func (c *recorder) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
	}
	c.mu.Lock()
	c.reqs = append(c.reqs, r)
	c.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
}

// wire is what a request shows of its client's configuration: method, URL
// and headers, less those that change per call (date, signature, invocation id).
func wire(r *http.Request) string {
	var b bytes.Buffer
	b.WriteString(r.Method + " " + r.URL.String() + "\n")
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range r.Header {
			if !yield(k) {
				return
			}
		}
	}) {
		v := strings.Join(r.Header[k], ",")
		switch k {
		case "X-Amz-Date", "Amz-Sdk-Invocation-Id":
			continue
		case "Authorization":
			v = regexp.MustCompile(`Signature=[0-9a-f]+`).ReplaceAllString(v, "Signature=*")
			v = regexp.MustCompile(`/\d{8}/`).ReplaceAllString(v, "/DATE/")
		}
		b.WriteString(k + ": " + v + "\n")
	}
	return b.String()
}

// sent sends one DynamoDB GetItem and one API Gateway GetApiKey through
// clients built from cfg, as the functions build them, and returns what went
// on the wire, with the resolved credentials.
func sent(t *testing.T, cfg aws.Config, ddbEndpoint, gwEndpoint func() *string) string {
	t.Helper()
	ctx := context.Background()
	rec := &recorder{}
	ddb := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		o.HTTPClient = rec
		if ddbEndpoint != nil {
			o.BaseEndpoint = ddbEndpoint()
		}
	})
	gw := apigateway.NewFromConfig(cfg, func(o *apigateway.Options) {
		o.HTTPClient = rec
		if gwEndpoint != nil {
			o.BaseEndpoint = gwEndpoint()
		}
	})
	if _, err := ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("items"), Key: map[string]types.AttributeValue{"ID": &types.AttributeValueMemberS{Value: "a"}}}); err != nil {
		t.Fatalf("GetItem: %v", err)
	}
	if _, err := gw.GetApiKey(ctx, &apigateway.GetApiKeyInput{ApiKey: aws.String("k1"), IncludeValue: aws.Bool(true)}); err != nil {
		t.Fatalf("GetApiKey: %v", err)
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatalf("credentials: %v", err)
	}
	o := ddb.Options()
	out := "credentials: " + creds.AccessKeyID + " " + creds.SecretAccessKey + " " + creds.SessionToken +
		" account=" + creds.AccountID + " source=" + creds.Source + " region=" + o.Region + " app=" + o.AppID +
		" retry=" + string(o.RetryMode) + "/" + itoa(o.RetryMaxAttempts) + " logger=" + typeName(o.Logger) + "\n" +
		fmt.Sprintf("config: %+v\n", shared(cfg))
	for _, r := range rec.reqs {
		out += wire(r)
	}
	return out
}

// TestLoadMatchesTheSDKLoader holds Load equal to config.LoadDefaultConfig on
// the environments a function meets: the Lambda runtime's own, and each
// supported variable a user may add. The evidence is the SDK itself: both
// configurations build clients that put the same requests on the wire.
func TestLoadMatchesTheSDKLoader(t *testing.T) {
	cases := map[string]map[string]string{
		"the Lambda runtime's environment": lambdaEnv(),
		"a DynamoDB endpoint":              with("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
		"a global endpoint":                with("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"),
		"global and DynamoDB endpoints":    with("AWS_ENDPOINT_URL", "http://127.0.0.1:9000", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
		"endpoints ignored":                with("AWS_ENDPOINT_URL", "http://g:1", "AWS_ENDPOINT_URL_DYNAMODB", "http://d:2", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"),
		"endpoints not ignored":            with("AWS_ENDPOINT_URL_API_GATEWAY", "http://a:3", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"),
		"AWS_DEFAULT_REGION alone":         with("AWS_REGION", "-", "AWS_DEFAULT_REGION", "ap-south-2"),
		"AWS_REGION first":                 with("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-north-1"),
		"long-term keys, no token":         with("AWS_SESSION_TOKEN", "-", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
		"the older key names":              with("AWS_ACCESS_KEY_ID", "-", "AWS_SECRET_ACCESS_KEY", "-", "AWS_ACCESS_KEY", "AKIAOLD", "AWS_SECRET_KEY", "old-secret"),
		"an account id":                    with("AWS_ACCOUNT_ID", "123456789012"),
		"retries":                          with("AWS_MAX_ATTEMPTS", "7", "AWS_RETRY_MODE", "adaptive"),
		"an app id":                        with("AWS_SDK_UA_APP_ID", "my-app"),
		"container and role settings too":  with("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok", "AWS_ROLE_ARN", "arn:aws:iam::1:role/r", "AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent"),
		"instance metadata switched off":   with("AWS_EC2_METADATA_DISABLED", "true"),
		"the execution environment is set": with("AWS_EXECUTION_ENV", "AWS_Lambda_provided.al2023"),
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			setEnv(t, env)
			want, err := config.LoadDefaultConfig(context.Background())
			if err != nil {
				t.Fatalf("LoadDefaultConfig: %v", err)
			}
			got, err := awsenv.Load(os.LookupEnv)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			w := sent(t, want, nil, nil)
			g := sent(t, got.AWS, func() *string { return got.Endpoint(dynamodb.ServiceID) }, func() *string { return got.Endpoint(apigateway.ServiceID) })
			if g != w {
				t.Errorf("Load's clients send\n%s\nthe SDK loader's\n%s", g, w)
			}
		})
	}
}

// TestLoadRejectsWhatTheLoaderRejects: malformed values of supported
// variables fail both loaders.
func TestLoadRejectsWhatTheLoaderRejects(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"max attempts not a number": with("AWS_MAX_ATTEMPTS", "three"),
		"unknown retry mode":        with("AWS_RETRY_MODE", "eager"),
		"ignore flag not a bool":    with("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "yes"),
	} {
		t.Run(name, func(t *testing.T) {
			setEnv(t, env)
			if _, err := config.LoadDefaultConfig(context.Background()); err == nil {
				t.Fatal("the SDK loader accepts it; the case is wrong")
			}
			if _, err := awsenv.Load(os.LookupEnv); err == nil {
				t.Error("Load accepts it")
			}
		})
	}
}

// TestLoadRefusesWhatItDoesNotResolve: each refused variable, and a missing
// region or credentials (where the SDK's loader would go on to the instance
// metadata service), fail Load with the variable's name.
func TestLoadRefusesWhatItDoesNotResolve(t *testing.T) {
	for _, k := range awsenv.Refused() {
		t.Run(k, func(t *testing.T) {
			setEnv(t, with(k, "x"))
			_, err := awsenv.Load(os.LookupEnv)
			if err == nil || !strings.Contains(err.Error(), k) {
				t.Errorf("Load with %s set: %v, want an error naming it", k, err)
			}
		})
	}
	for name, env := range map[string]map[string]string{
		"AWS_REGION":            with("AWS_REGION", "-", "AWS_DEFAULT_REGION", "-"),
		"AWS_ACCESS_KEY_ID":     with("AWS_ACCESS_KEY_ID", "-"),
		"AWS_SECRET_ACCESS_KEY": with("AWS_SECRET_ACCESS_KEY", "-"),
	} {
		t.Run("missing "+name, func(t *testing.T) {
			setEnv(t, env)
			_, err := awsenv.Load(os.LookupEnv)
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("Load: %v, want an error naming %s", err, name)
			}
		})
	}
}

// TestEveryLoaderVariableIsAccountedFor reads the variables the linked SDK
// loader knows (its env_config.go) and requires each to be supported,
// refused or ignored, so an SDK upgrade that adds one fails here first.
func TestEveryLoaderVariableIsAccountedFor(t *testing.T) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2/config").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	src, err := os.ReadFile(strings.TrimSpace(string(dir)) + "/env_config.go")
	if err != nil {
		t.Fatal(err)
	}
	known := append(append(awsenv.Supported(), awsenv.Refused()...), awsenv.Ignored()...)
	found := regexp.MustCompile(`"(AWS_[A-Z0-9_]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(found) < 40 {
		t.Fatalf("found %d variables in env_config.go; the file changed shape", len(found))
	}
	for _, m := range found {
		if !slices.Contains(known, m[1]) {
			t.Errorf("the SDK loader reads %s, which package awsenv neither supports, refuses nor ignores", m[1])
		}
	}
}

// shared is the part of an aws.Config that is plain data.
func shared(c aws.Config) any {
	return struct {
		Region, AppID                        string
		BaseEndpoint                         string
		RetryMaxAttempts                     int
		RetryMode                            aws.RetryMode
		DefaultsMode                         aws.DefaultsMode
		RuntimeEnvironment                   aws.RuntimeEnvironment
		AccountIDEndpointMode                aws.AccountIDEndpointMode
		RequestMinCompressSizeBytes          int64
		DisableRequestCompression, NoSkewFix bool
		RequestChecksumCalculation           aws.RequestChecksumCalculation
		ResponseChecksumValidation           aws.ResponseChecksumValidation
		AuthSchemePreference                 []string
		ClientLogMode                        aws.ClientLogMode
		HTTPClient, Retryer                  bool
	}{c.Region, c.AppID, aws.ToString(c.BaseEndpoint), c.RetryMaxAttempts, c.RetryMode, c.DefaultsMode, c.RuntimeEnvironment,
		c.AccountIDEndpointMode, c.RequestMinCompressSizeBytes, c.DisableRequestCompression, c.DisableClockSkewCorrection,
		c.RequestChecksumCalculation, c.ResponseChecksumValidation, c.AuthSchemePreference, c.ClientLogMode,
		c.HTTPClient != nil, c.Retryer != nil}
}

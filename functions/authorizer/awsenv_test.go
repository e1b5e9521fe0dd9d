package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"apigwdirect/pkg/tokens"
)

// clearAWS empties every AWS_ variable of the host's environment (a CA
// bundle or profile there would be refused, as on Lambda it cannot be set
// by the runtime).
func clearAWS(t *testing.T) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, "")
		}
	}
}

// TestBuildResolvesKeysThroughTheLambdaEnvironment: with PLAN_KEY_IDS the
// authorizer's API Gateway client is configured from the environment the
// runtime sets (region, credentials) plus AWS_ENDPOINT_URL_API_GATEWAY, and
// its signed GetApiKey calls reach that endpoint.
func TestBuildResolvesKeysThroughTheLambdaEnvironment(t *testing.T) {
	ctx := context.Background()
	pool, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "local_Pool", ClientID: "cid"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pool.Close() })
	var auth []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization")+" token="+r.Header.Get("X-Amz-Security-Token"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"` + strings.TrimPrefix(r.URL.Path, "/apikeys/") + `","value":"value-of-` + strings.TrimPrefix(r.URL.Path, "/apikeys/") + `"}`))
	}))
	t.Cleanup(api.Close)

	clearAWS(t)
	for k, v := range map[string]string{
		"ISSUER_URL": pool.IssuerURL(), "CLIENT_ID": "cid", "PLAN_KEYS": "", "PLAN_ORDER": "",
		"PLAN_KEY_IDS": `{"FreeTier":"k1"}`, "AWS_REGION": "eu-west-3", "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE",
		"AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "tok", "AWS_ENDPOINT_URL_API_GATEWAY": api.URL,
	} {
		t.Setenv(k, v)
	}
	h, err := build(ctx, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Close)
	if len(auth) != 1 || !strings.Contains(auth[0], "Credential=ASIAEXAMPLE/") || !strings.Contains(auth[0], "/eu-west-3/apigateway/") || !strings.HasSuffix(auth[0], "token=tok") {
		t.Errorf("GetApiKey calls: %q", auth)
	}
}

// TestBuildRefusesAnIncompleteEnvironment: no credentials, no cold start,
// and the error names what is missing.
func TestBuildRefusesAnIncompleteEnvironment(t *testing.T) {
	clearAWS(t)
	for k, v := range map[string]string{
		"ISSUER_URL": "http://127.0.0.1:1/pool", "CLIENT_ID": "cid", "PLAN_KEYS": "", "PLAN_ORDER": "",
		"PLAN_KEY_IDS": `{"FreeTier":"k1"}`, "AWS_REGION": "eu-west-3",
	} {
		t.Setenv(k, v)
	}
	_, err := build(context.Background(), slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID") {
		t.Fatalf("err = %v, want the missing credentials named", err)
	}
}

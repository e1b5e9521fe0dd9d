package store_test

import (
	"context"
	"strings"
	"testing"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
)

// envOf is a LookupEnv over a map.
func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// TestNewClientFromTheLambdaEnvironment: the function's client, built from
// what the Lambda runtime sets plus AWS_ENDPOINT_URL_DYNAMODB, reaches that
// endpoint with those settings (package awsenv holds the configuration equal
// to the SDK loader's).
func TestNewClientFromTheLambdaEnvironment(t *testing.T) {
	ctx := context.Background()
	client, err := store.NewClient(ctx, store.ClientOptions{Env: envOf(map[string]string{
		"AWS_REGION": "eu-west-3", "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s",
		"AWS_SESSION_TOKEN": "t", "AWS_ENDPOINT_URL_DYNAMODB": endpoint,
	})})
	if err != nil {
		t.Fatal(err)
	}
	if got := client.Options(); got.Region != "eu-west-3" || got.BaseEndpoint == nil || *got.BaseEndpoint != endpoint {
		t.Fatalf("region %q, endpoint %v", got.Region, got.BaseEndpoint)
	}
	_, table := testenv.Table(t, endpoint)
	s := store.NewDynamo(client, table)
	if _, err := s.Create(ctx, mapping.Item{ID: "env", FirstName: "Ada", Age: "36"}); err != nil {
		t.Fatalf("create through the environment's client: %v", err)
	}
}

// TestNewClientRefusesAnIncompleteEnvironment: no credentials, no client
// (the SDK's loader would look for instance metadata, absent on Lambda).
func TestNewClientRefusesAnIncompleteEnvironment(t *testing.T) {
	_, err := store.NewClient(context.Background(), store.ClientOptions{Env: envOf(map[string]string{"AWS_REGION": "eu-west-3"})})
	if err == nil || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID") {
		t.Fatalf("err = %v, want the missing credentials named", err)
	}
}

package main

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/tokens"
)

func TestBuildFromLocalEnvironment(t *testing.T) {
	ctx := context.Background()
	pool, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "local_Pool", ClientID: "cid"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = pool.Close() })

	t.Setenv("ISSUER_URL", pool.IssuerURL())
	t.Setenv("CLIENT_ID", "cid")
	t.Setenv("PLAN_KEYS", `{"FreeTier":"free-value-123","BasicUsagePlan":"basic-value-456"}`)
	t.Setenv("PLAN_KEY_IDS", "")
	t.Setenv("PLAN_ORDER", "BasicUsagePlan,FreeTier")

	var logs bytes.Buffer
	h, err := build(ctx, slog.New(slog.NewJSONHandler(&logs, nil)))
	require.NoError(t, err)
	t.Cleanup(h.Close)

	raw, err := pool.MintID(tokens.User{Sub: "u", Groups: []string{"Group-FreeTier", "Group-BasicUsagePlan"}}, time.Hour)
	require.NoError(t, err)
	resp, err := h.Handle(ctx, events.APIGatewayCustomAuthorizerRequestTypeRequest{
		HTTPMethod: "POST",
		MethodArn:  "arn:aws:execute-api:us-east-1:123456789012:api/prod/POST/items",
		Headers:    map[string]string{"Authorization": "Bearer " + raw},
	})
	require.NoError(t, err)
	assert.Equal(t, "basic-value-456", resp.UsageIdentifierKey, "PLAN_ORDER puts BasicUsagePlan first")
	assert.NotContains(t, logs.String(), "basic-value-456")
	assert.NotContains(t, logs.String(), raw)
}

func TestBuildFailsWithoutConfiguration(t *testing.T) {
	for _, k := range []string{"ISSUER_URL", "AWS_REGION", "USER_POOL_ID", "CLIENT_ID", "PLAN_KEYS", "PLAN_KEY_IDS", "PLAN_ORDER"} {
		t.Setenv(k, "")
	}
	_, err := build(context.Background(), slog.New(slog.DiscardHandler))
	assert.Error(t, err)
}

package authorizer_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/tokens"
)

// A write (token mode) and a read (key mode), against a local issuer.
func Example() {
	ctx := context.Background()
	pool, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "local_Pool", ClientID: "app-client"})
	if err != nil {
		panic(err)
	}
	defer pool.Close()

	h, err := authorizer.New(ctx, authorizer.Config{
		Issuer:    pool.IssuerURL(),
		ClientID:  "app-client",
		PlanKeys:  map[string]string{"FreeTier": "free-key-value", "BasicUsagePlan": "basic-key-value"},
		PlanOrder: []string{"BasicUsagePlan", "FreeTier"},
	})
	if err != nil {
		panic(err)
	}
	defer h.Close()

	idToken, _ := pool.MintID(tokens.User{Sub: "user-1", Email: "u1@example.com", Groups: []string{"Group-FreeTier"}}, time.Hour)
	resp, err := h.Handle(ctx, events.APIGatewayCustomAuthorizerRequestTypeRequest{
		Type:       "REQUEST",
		HTTPMethod: "POST",
		MethodArn:  "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/direct/items",
		Headers:    map[string]string{"Authorization": "Bearer " + idToken},
	})
	fmt.Println(resp.UsageIdentifierKey, resp.PolicyDocument.Statement[0].Effect, resp.PolicyDocument.Statement[0].Resource, err)

	resp, err = h.Handle(ctx, events.APIGatewayCustomAuthorizerRequestTypeRequest{
		Type:       "REQUEST",
		HTTPMethod: "GET",
		MethodArn:  "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/lambda/items",
		Headers:    map[string]string{"x-api-key": "basic-key-value"},
	})
	fmt.Println(resp.UsageIdentifierKey, resp.Context["plan"], err)

	_, err = h.Handle(ctx, events.APIGatewayCustomAuthorizerRequestTypeRequest{
		HTTPMethod: "PUT",
		MethodArn:  "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/PUT/direct/items/1",
	})
	fmt.Println(err)
	// Output:
	// free-key-value Allow [arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/* arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/PUT/*] <nil>
	// basic-key-value BasicUsagePlan <nil>
	// Unauthorized
}

// Command hello is a test Lambda function for a custom runtime: behind a
// Lambda proxy integration it answers 200 with a greeting naming the
// path's {name}, its GREETING environment variable and its process id (so
// tests can tell sandboxes apart); behind a TOKEN authorizer it allows
// the token "allow" (with a context value), denies "deny" and answers
// Unauthorized to anything else; the path parameter "fail" makes it
// return an error, "slow" makes it sleep 300 ms first.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(ctx context.Context, raw json.RawMessage) (any, error) {
	var probe struct {
		Type               string `json:"type"`
		AuthorizationToken string `json:"authorizationToken"`
		MethodArn          string `json:"methodArn"`
	}
	_ = json.Unmarshal(raw, &probe)
	if probe.Type == "TOKEN" {
		return authorize(probe.AuthorizationToken, probe.MethodArn)
	}
	var req events.APIGatewayProxyRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		return nil, err
	}
	name := req.PathParameters["name"]
	switch name {
	case "fail":
		return nil, errors.New("asked to fail")
	case "slow":
		time.Sleep(300 * time.Millisecond)
	}
	body, _ := json.Marshal(map[string]any{
		"message": fmt.Sprintf("%s, %s", os.Getenv("GREETING"), name),
		"pid":     os.Getpid(),
		"user":    req.RequestContext.Authorizer["user"],
	})
	return events.APIGatewayProxyResponse{StatusCode: 200, Headers: map[string]string{"Content-Type": "application/json"}, Body: string(body)}, nil
}

func authorize(token, arn string) (any, error) {
	effect := ""
	switch token {
	case "allow":
		effect = "Allow"
	case "deny":
		effect = "Deny"
	default:
		return nil, errors.New("Unauthorized")
	}
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: "tester",
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17", Statement: []events.IAMPolicyStatement{
			{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{arn}},
		}},
		Context: map[string]any{"user": "tester"},
	}, nil
}

func main() { lambda.Start(handle) }

// Command authorizer is the Lambda REQUEST authorizer of the items API. It
// reads its configuration from the environment once, at cold start (see
// authorizer.ParseEnv), resolves the plans' API key values once when given
// their ids (PLAN_KEY_IDS), and hands every invocation to authorizer.Handler.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/awsenv"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	h, err := build(context.Background(), logger)
	if err != nil {
		logger.Error("authorizer cold start failed", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(h.Handle)
}

// build reads the environment and constructs the handler.
func build(ctx context.Context, logger *slog.Logger) (*authorizer.Handler, error) {
	env, err := authorizer.ParseEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	keys := env.PlanKeys
	if keys == nil {
		// The environment as the SDK's loader reads it on Lambda, without
		// linking that loader (see package awsenv).
		awsCfg, err := awsenv.Load(os.LookupEnv)
		if err != nil {
			return nil, fmt.Errorf("configure API Gateway client: %w", err)
		}
		client := apigateway.NewFromConfig(awsCfg.AWS, func(o *apigateway.Options) {
			o.BaseEndpoint = awsCfg.Endpoint(apigateway.ServiceID)
		})
		keys, err = authorizer.ResolvePlanKeys(ctx, client, env.PlanKeyIDs)
		if err != nil {
			return nil, err
		}
	}
	return authorizer.New(ctx, authorizer.Config{
		Issuer:    env.Issuer,
		ClientID:  env.ClientID,
		PlanKeys:  keys,
		PlanOrder: env.PlanOrder,
		Logger:    logger,
	})
}

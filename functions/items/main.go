// Command items is the items Lambda function (runtime provided.al2023,
// arm64): it reads its configuration from the environment once, builds the
// items handler of package items and hands it to the Lambda runtime.
//
// Environment: TABLE_NAME, the table used when a request carries no
// tableName stage variable; AWS_REGION, the credentials the runtime sets and,
// for a local DynamoDB, AWS_ENDPOINT_URL_DYNAMODB, resolved as the SDK's
// default loader would resolve them (package awsenv) without linking it, so
// the cold start pays for no SSO or STS client.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"apigwdirect/pkg/items"
	"apigwdirect/pkg/store"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	client, err := store.NewClient(context.Background(), store.ClientOptions{})
	if err != nil {
		logger.Error("items: configure DynamoDB client", slog.String("error", err.Error()))
		os.Exit(1)
	}
	h := items.NewHandler(items.Config{
		Store:        store.ByTable(client),
		DefaultTable: os.Getenv("TABLE_NAME"),
		Logger:       logger,
	})
	lambda.Start(h.Handle)
}

package bench

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/internal/testenv"
)

// BenchmarkColdStart builds functions/items for the host, then per
// iteration starts a fresh process the way the Lambda service does (against
// a local Runtime API) and hands it one GET /lambda/items/{id} event for a
// stored item on dynalite. It reports the medians of init-ms (process start
// to the function's first request for work) and cold-ms (process start to
// its response); ns/op also counts stopping the process.
func BenchmarkColdStart(b *testing.B) {
	ctx := context.Background()
	progress("building %s for the host", ItemsPackage)
	bin, err := BuildFunction(ctx, ItemsPackage, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	// Local credentials, so no SDK client here goes looking for instance metadata.
	b.Setenv("AWS_ACCESS_KEY_ID", "local")
	b.Setenv("AWS_SECRET_ACCESS_KEY", "local")
	b.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv := testenv.Dynalite(b)
	client, table := testenv.Table(b, srv.Endpoint())
	const id = "cold-start"
	if _, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
		"ID": &types.AttributeValueMemberS{Value: id}, "FirstName": &types.AttributeValueMemberS{Value: "Ada"},
		"Age": &types.AttributeValueMemberN{Value: "36"},
	}}); err != nil {
		b.Fatalf("seed: %v", err)
	}
	payload, err := GetItemEvent(id, table)
	if err != nil {
		b.Fatal(err)
	}
	env := append(LambdaEnv(),
		"TABLE_NAME="+table, "AWS_ENDPOINT_URL_DYNAMODB="+srv.Endpoint(), "AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local", "AWS_SESSION_TOKEN=",
		"AWS_LAMBDA_FUNCTION_NAME=items", "AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512",
	)

	var inits, colds []time.Duration
	b.ResetTimer()
	for range b.N {
		cs, err := MeasureColdStart(ctx, bin, env, payload)
		if err != nil {
			b.Fatal(err)
		}
		var resp struct {
			StatusCode int    `json:"statusCode"`
			Body       string `json:"body"`
		}
		if err := json.Unmarshal(cs.Response, &resp); err != nil || resp.StatusCode != 200 {
			b.Fatalf("cold start answered %s (%v), want status 200", cs.Response, err)
		}
		inits, colds = append(inits, cs.Init), append(colds, cs.FirstResponse)
	}
	b.StopTimer()
	b.ReportMetric(millis(Percentile(inits, 50)), "init-ms")
	b.ReportMetric(millis(Percentile(colds, 50)), "cold-ms")
	progress("cold start n=%d init=%.2fms first response=%.2fms", b.N, millis(Percentile(inits, 50)), millis(Percentile(colds, 50)))
}

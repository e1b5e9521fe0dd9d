package localapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/pkg/gateway/apidef"
)

// throughputConcurrency is how many clients run at once on each side.
const throughputConcurrency = 16

// throughputRound is how many requests each side sends per round.
const throughputRound = 2000

// BenchmarkDirectReadVsRawGetItem measures what the local API Gateway costs
// on the direct path: GET /direct/items/{id} through the gateway (route,
// the Lambda authorizer in key mode with its cache, API key and usage plan,
// the request template, SigV4, DynamoDB's limits front, the response
// template, the access log) against the same GetItem sent straight to
// dynalite with the AWS SDK, both at 16 concurrent clients. Each b.N is
// one round of each, interleaved, so both sides see the same machine
// load. It reports both throughputs and direct-pct-of-raw, the gateway's
// throughput as a percentage of raw (a figure to read, never asserted).
//
//	go test -run '^$' -bench DirectReadVsRawGetItem -benchtime 5x ./pkg/localapi
func BenchmarkDirectReadVsRawGetItem(b *testing.B) {
	lifted := apidef.Limits{Rate: 1e9, Burst: 1e9}
	env := start(b, Options{TemplatePath: DefaultTemplatePath, PlanLimits: map[string]apidef.Limits{"FreeTier": lifted, "BasicUsagePlan": lifted}})
	ctx := context.Background()
	raw := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(env.DynamoDBEndpoint),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", ""),
		HTTPClient:  &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 4 * time.Second}}})
	if _, err := raw.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(env.TableName), Item: map[string]types.AttributeValue{
		"ID": &types.AttributeValueMemberS{Value: "bench"}, "FirstName": &types.AttributeValueMemberS{Value: "Ada"},
		"Age": &types.AttributeValueMemberN{Value: "36"}}}); err != nil {
		b.Fatal(err)
	}
	key := env.Credentials.APIKeys["FreeTier"]
	web := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	url := env.URL + "/direct/items/bench"
	viaGateway := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("x-api-key", key)
		resp, err := web.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err == nil && (resp.StatusCode != 200 || !strings.Contains(string(body), `"Ada"`)) {
			return fmt.Errorf("gateway read: %d %s", resp.StatusCode, body)
		}
		return err
	}
	in := &dynamodb.GetItemInput{TableName: aws.String(env.TableName), Key: map[string]types.AttributeValue{"ID": &types.AttributeValueMemberS{Value: "bench"}}}
	straight := func() error { _, err := raw.GetItem(ctx, in); return err }
	// Warm both sides (connections, the authorizer cache, parsed templates).
	_ = run(b, straight, 200)
	_ = run(b, viaGateway, 200)
	var rawTime, gwTime time.Duration
	b.ResetTimer()
	for range b.N {
		rawTime += run(b, straight, throughputRound)
		gwTime += run(b, viaGateway, throughputRound)
	}
	b.StopTimer()
	n := float64(b.N * throughputRound)
	rawRate, gwRate := n/rawTime.Seconds(), n/gwTime.Seconds()
	b.ReportMetric(rawRate, "raw-req/s")
	b.ReportMetric(gwRate, "direct-req/s")
	b.ReportMetric(100*gwRate/rawRate, "direct-pct-of-raw")
}

// run sends n calls of do from throughputConcurrency goroutines and
// returns the wall time they took.
func run(b *testing.B, do func() error, n int) time.Duration {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range throughputConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := do(); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

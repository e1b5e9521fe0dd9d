package localapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/pkg/gateway/apidef"
)

// TestConcurrentWritesThroughBothPaths sends 80 creates at once, half
// through the direct path and half through the Lambda path, with the usage
// plans' limits lifted, and checks every one answered 201 and was stored.
func TestConcurrentWritesThroughBothPaths(t *testing.T) {
	t.Parallel()
	lifted := apidef.Limits{Rate: 1e6, Burst: 1e6}
	env := start(t, Options{PlanLimits: map[string]apidef.Limits{"FreeTier": lifted, "BasicUsagePlan": lifted}})
	h := map[string]string{"Authorization": "Bearer " + env.Credentials.Tokens["Group-FreeTier"], "Content-Type": "application/json"}
	const n = 80
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tree := "direct"
			if i%2 == 1 {
				tree = "lambda"
			}
			body := fmt.Sprintf(`{"ID":"c%03d","FirstName":"n","Age":%d}`, i, i)
			req, _ := http.NewRequest("POST", env.URL+"/"+tree+"/items", strings.NewReader(body))
			for k, v := range h {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- fmt.Sprintf("%s create %d: %v", tree, i, err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 201 {
				errs <- fmt.Sprintf("%s create %d: %d %s", tree, i, resp.StatusCode, b)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	client := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(env.DynamoDBEndpoint),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
	out, err := client.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(env.TableName), Select: "COUNT"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Count != n {
		t.Fatalf("%d items stored, want %d", out.Count, n)
	}
}

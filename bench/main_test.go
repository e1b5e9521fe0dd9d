package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/lambda"
)

// fakeFunctionEnv makes the test binary act as a Lambda function, so the
// cold-start machinery can be tested without building one: "echo" answers
// every invocation with {"echo": <event>}, "exit" dies during init.
const fakeFunctionEnv = "BENCH_FAKE_FUNCTION"

func TestMain(m *testing.M) {
	switch os.Getenv(fakeFunctionEnv) {
	case "echo":
		lambda.Start(func(_ context.Context, ev json.RawMessage) (map[string]json.RawMessage, error) {
			return map[string]json.RawMessage{"echo": ev}, nil
		})
		return
	case "exit":
		fmt.Fprintln(os.Stderr, "fake function: init failed on purpose")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

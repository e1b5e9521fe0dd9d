package dynalite

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestSupervisorRestartsDynaliteKeepingItsData: dynalite killed as a crash
// would is restarted on the same endpoint and data directory, what was
// written before is still there, and the exit is logged with its status.
func TestSupervisorRestartsDynaliteKeepingItsData(t *testing.T) {
	t.Parallel()
	var logs lockedBuffer
	s, err := Supervise(context.Background(), Options{Path: filepath.Join(t.TempDir(), "data")}, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	client := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.Endpoint()),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
	if _, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("kept-items"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("k"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("k"), KeyType: types.KeyTypeHash}}}); err != nil {
		t.Fatal(err)
	}
	waitActive(t, client)
	if _, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("kept-items"), Item: map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: "kept"}}}); err != nil {
		t.Fatal(err)
	}
	s.Kill()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("kept-items"), Key: map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: "kept"}}})
		if err == nil {
			if out.Item == nil {
				t.Fatal("the item written before the restart is gone")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dynalite not back within 30 s: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for i := 0; i < 50 && !strings.Contains(logs.String(), "dynalite restarted"); i++ {
		time.Sleep(100 * time.Millisecond) // the log line follows the port opening
	}
	if !strings.Contains(logs.String(), "dynalite exited") || !strings.Contains(logs.String(), `"status":"signal: terminated"`) ||
		!strings.Contains(logs.String(), "dynalite restarted") {
		t.Fatalf("log:\n%s", logs.String())
	}
}

// TestSupervisorGivesUpAfterRepeatedFailures: a server that keeps exiting
// is restarted MaxRestarts times, then Done is closed and Err names the
// exit status and the last output.
func TestSupervisorGivesUpAfterRepeatedFailures(t *testing.T) {
	t.Parallel()
	modules := t.TempDir()
	if err := os.MkdirAll(filepath.Join(modules, "dynalite"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Listens, says so, and exits with status 3 soon after.
	script := `const port = process.argv[process.argv.indexOf('--port') + 1];
require('net').createServer().listen(port, '127.0.0.1', () => { console.error('crashing on ' + port); setTimeout(() => process.exit(3), 200); });
`
	if err := os.WriteFile(filepath.Join(modules, "dynalite", "cli.js"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Supervise(context.Background(), Options{ModulesDir: modules}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	select {
	case <-s.Done():
	case <-time.After(60 * time.Second):
		t.Fatal("still restarting after 60 s")
	}
	if err := s.Err(); err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "crashing on") {
		t.Fatalf("Err() = %v", err)
	}
}

func waitActive(t *testing.T, client *dynamodb.Client) {
	t.Helper()
	w := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) { o.MinDelay = 20 * time.Millisecond })
	if err := w.Wait(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String("kept-items")}, 30*time.Second); err != nil {
		t.Fatal(err)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

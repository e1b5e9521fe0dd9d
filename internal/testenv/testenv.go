// Package testenv holds helpers that tests share: a dynalite server on a free
// loopback port and fresh tables in it. Every helper cleans up after itself.
//
// Tests that need dynalite fail, never skip, when Node or the npm packages are
// missing: `make test` installs them from the committed lockfile.
package testenv

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/pkg/dynalite"
	"apigwdirect/pkg/store"
)

// Dynalite starts an in-memory dynalite server for the test and stops it when
// the test ends. It fails the test if the server cannot start.
func Dynalite(t testing.TB) *dynalite.Server {
	t.Helper()
	srv, err := dynalite.Start(context.Background(), dynalite.Options{})
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

var tableSeq atomic.Int64

// Table creates a new, empty items table on the server at endpoint and returns
// a client for it and the table's name. The table is deleted when the test ends.
func Table(t testing.TB, endpoint string) (*dynamodb.Client, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := store.NewClient(ctx, store.ClientOptions{Endpoint: endpoint})
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	name := fmt.Sprintf("items-%d-%d", time.Now().UnixNano(), tableSeq.Add(1))
	if err := store.EnsureTable(ctx, client, name); err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &name})
	})
	return client, name
}

// RunWithDynalite is a TestMain body for packages whose tests share one
// dynalite server: it starts the server, stores its endpoint in *endpoint,
// runs the tests and stops the server. It returns the exit code for os.Exit,
// and exits with 1 when the server cannot start (Node or npm packages missing).
func RunWithDynalite(m *testing.M, endpoint *string) int {
	srv, err := dynalite.Start(context.Background(), dynalite.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "testenv: these tests need dynalite: %v\n", err)
		return 1
	}
	defer srv.Close()
	*endpoint = srv.Endpoint()
	return m.Run()
}

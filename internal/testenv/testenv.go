// Package testenv holds helpers that tests share: a dynalite server on a free
// loopback port and fresh tables in it. Every helper cleans up after itself.
//
// Tests that need dynalite fail, never skip, when Node or the npm packages are
// missing: `make test` installs them from the committed lockfile.
package testenv

import (
	"context"
	"fmt"
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

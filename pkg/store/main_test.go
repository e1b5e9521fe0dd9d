package store_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"apigwdirect/pkg/dynalite"
)

// endpoint is the dynalite server every test of the package shares; each
// test makes its own table (testenv.Table).
var endpoint string

func TestMain(m *testing.M) {
	srv, err := dynalite.Start(context.Background(), dynalite.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "store tests need dynalite: %v\n", err)
		os.Exit(1)
	}
	endpoint = srv.Endpoint()
	code := m.Run()
	_ = srv.Close()
	os.Exit(code)
}

package store_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
)

// losingFirstWrite sends every request on, but answers the first UpdateItem,
// after DynamoDB has applied it, with a retryable 500: its answer is lost.
type losingFirstWrite struct {
	next http.Client
	lost atomic.Bool
}

func (l *losingFirstWrite) Do(req *http.Request) (*http.Response, error) {
	resp, err := l.next.Do(req)
	if err != nil || !strings.HasSuffix(req.Header.Get("X-Amz-Target"), ".UpdateItem") || !l.lost.CompareAndSwap(false, true) {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return &http.Response{
		StatusCode: 500, Status: "500 Internal Server Error", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
		Body:    io.NopCloser(strings.NewReader(`{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"answer lost"}`)),
		Request: req,
	}, nil
}

// TestCreateSurvivesItsOwnRetry: when the SDK retries a create whose first
// attempt was applied, the answer is still 201-worthy (the item), not
// ErrExists; a real conflict after a retry is still ErrExists.
func TestCreateSurvivesItsOwnRetry(t *testing.T) {
	ctx := context.Background()
	client, table := testenv.Table(t, endpoint)
	lossy := &losingFirstWrite{}
	s := store.NewDynamo(dynamodb.New(client.Options(), func(o *dynamodb.Options) { o.HTTPClient = lossy }), table)

	it := mapping.Item{ID: "retried", FirstName: "Ada", Age: "1e3", Extra: map[string]string{"City": "Paris"}}
	stored, err := s.Create(ctx, it)
	if !lossy.lost.Load() {
		t.Fatal("the first answer was not lost: the test did not exercise a retry")
	}
	if err != nil {
		t.Fatalf("Create after its own retried write: %v, want the stored item", err)
	}
	if stored.ID != it.ID || stored.FirstName != it.FirstName || stored.Extra["City"] != "Paris" {
		t.Fatalf("Create = %+v", stored)
	}

	// A different item under a taken ID, retried the same way, is a conflict.
	lossy2 := &losingFirstWrite{}
	s2 := store.NewDynamo(dynamodb.New(client.Options(), func(o *dynamodb.Options) { o.HTTPClient = lossy2 }), table)
	other := mapping.Item{ID: "other", FirstName: "Bo", Age: "2"}
	if _, err := store.NewDynamo(client, table).Create(ctx, other); err != nil {
		t.Fatal(err)
	}
	clash := mapping.Item{ID: "other", FirstName: "Someone else", Age: "2"}
	if _, err := s2.Create(ctx, clash); !errors.Is(err, store.ErrExists) {
		t.Fatalf("Create of a taken ID with another item: %v, want ErrExists", err)
	}
	// And without any retry, an identical item under a taken ID is ErrExists too.
	if _, err := store.NewDynamo(client, table).Create(ctx, other); !errors.Is(err, store.ErrExists) {
		t.Fatalf("duplicate Create without a retry: %v, want ErrExists", err)
	}
}

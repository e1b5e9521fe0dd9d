package store

import (
	"context"
	"maps"
	"math/big"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"apigwdirect/pkg/mapping"
)

// attemptCounter counts the HTTP attempts of one SDK call, retries included.
type attemptCounter struct{ n atomic.Int32 }

// option adds the counter to one call's middleware stack, after the SDK's
// retry middleware, so that it runs once per attempt.
func (c *attemptCounter) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("CountAttempts",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				c.n.Add(1)
				return next.HandleFinalize(ctx, in)
			}), middleware.After)
	})
}

// ownRetriedWrite reports whether a create that failed its condition after
// the SDK retried it found the very item it was writing: the earlier
// attempt was applied and only its answer was lost. It reads the item with a
// strongly consistent read.
func (d *Dynamo) ownRetriedWrite(ctx context.Context, item mapping.Item) (mapping.Item, bool) {
	in := d.GetInput(item.ID)
	in.ConsistentRead = aws.Bool(true)
	out, err := d.client.GetItem(ctx, in)
	if err != nil || len(out.Item) == 0 {
		return mapping.Item{}, false
	}
	stored, err := mapping.ItemFromAttributeValues(out.Item)
	if err != nil || !sameItem(stored, item) {
		return mapping.Item{}, false
	}
	return stored, true
}

// sameItem compares two items, Age by numeric value (DynamoDB may write a
// number differently from how it was sent: 1e3 comes back as 1000).
func sameItem(a, b mapping.Item) bool {
	if a.ID != b.ID || a.FirstName != b.FirstName || !maps.Equal(a.Extra, b.Extra) {
		return false
	}
	x, okA := new(big.Rat).SetString(string(a.Age))
	y, okB := new(big.Rat).SetString(string(b.Age))
	return okA && okB && x.Cmp(y) == 0
}

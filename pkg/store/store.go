package store

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/pkg/mapping"
)

// Errors callers branch on. Errors returned by a Store wrap them.
var (
	// ErrExists: Create found an item with the same ID; nothing was written.
	ErrExists = errors.New("item already exists")
	// ErrNotFound: Get or Delete found no item with the ID.
	ErrNotFound = errors.New("item not found")
	// ErrInvalid: DynamoDB refused the request as invalid (a ValidationException,
	// for example a key too long or a bad start key). The wrapped error's text
	// is DynamoDB's message.
	ErrInvalid = errors.New("request rejected by DynamoDB")
)

// Page is one page of a List.
type Page struct {
	// Items in DynamoDB's scan order; never more than the limit asked for.
	Items []mapping.Item
	// LastKey is DynamoDB's LastEvaluatedKey: nil on the last page, else the
	// ExclusiveStartKey of the next page (see mapping.EncodeToken).
	LastKey map[string]types.AttributeValue
}

// Store reads and writes the items of one table.
type Store interface {
	// Create writes item unless an item with its ID exists (ErrExists) and
	// returns it as stored.
	Create(ctx context.Context, item mapping.Item) (mapping.Item, error)
	// Replace writes item in place of the item with its ID, if any, so that
	// the stored item is exactly item; created reports there was none.
	Replace(ctx context.Context, item mapping.Item) (created bool, err error)
	// Get returns the item with the ID, or ErrNotFound.
	Get(ctx context.Context, id string) (mapping.Item, error)
	// List returns up to limit items after startKey (nil: from the start).
	List(ctx context.Context, limit int, startKey map[string]types.AttributeValue) (Page, error)
	// Delete removes the item with the ID and returns it, or ErrNotFound.
	Delete(ctx context.Context, id string) (mapping.Item, error)
}

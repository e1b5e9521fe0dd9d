package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"apigwdirect/pkg/mapping"
)

// Dynamo is the Store over one DynamoDB table. It is a small value, safe for
// concurrent use; make one per table name with NewDynamo.
type Dynamo struct {
	client *dynamodb.Client
	table  string
}

var _ Store = (*Dynamo)(nil)

// NewDynamo returns the Store over the named table, using client.
func NewDynamo(client *dynamodb.Client, table string) *Dynamo {
	return &Dynamo{client: client, table: table}
}

// ByTable returns a function giving the Store of any table over client, the
// shape the items handler takes (its table comes with each request).
func ByTable(client *dynamodb.Client) func(table string) Store {
	return func(table string) Store { return NewDynamo(client, table) }
}

// Table is the name of the table d works on.
func (d *Dynamo) Table() string { return d.table }

// CreateInput is the UpdateItem request Create sends for item: the item's
// mapping.Update under mapping.CreateCondition, returning ALL_NEW.
func (d *Dynamo) CreateInput(item mapping.Item) *dynamodb.UpdateItemInput {
	u := item.Update()
	return &dynamodb.UpdateItemInput{
		TableName:                 aws.String(d.table),
		Key:                       u.Key,
		UpdateExpression:          aws.String(u.Expr),
		ExpressionAttributeNames:  u.Names,
		ExpressionAttributeValues: u.Values,
		ConditionExpression:       aws.String(mapping.CreateCondition),
		ReturnValues:              mapping.UpdateReturnValues,
	}
}

// ReplaceInput is the PutItem request Replace sends for item: the whole
// item, returning the one it replaces (mapping.ReplaceReturnValues).
func (d *Dynamo) ReplaceInput(item mapping.Item) (*dynamodb.PutItemInput, error) {
	av, err := item.AttributeValues()
	if err != nil {
		return nil, fmt.Errorf("store: replace %q: %w", item.ID, err)
	}
	return &dynamodb.PutItemInput{TableName: aws.String(d.table), Item: av, ReturnValues: mapping.ReplaceReturnValues}, nil
}

// GetInput is the GetItem request Get sends (eventually consistent).
func (d *Dynamo) GetInput(id string) *dynamodb.GetItemInput {
	return &dynamodb.GetItemInput{TableName: aws.String(d.table), Key: mapping.Key(id)}
}

// ListInput is the Scan request List sends.
func (d *Dynamo) ListInput(limit int, startKey map[string]types.AttributeValue) *dynamodb.ScanInput {
	return &dynamodb.ScanInput{TableName: aws.String(d.table), Limit: aws.Int32(int32(limit)), ExclusiveStartKey: startKey}
}

// DeleteInput is the DeleteItem request Delete sends.
func (d *Dynamo) DeleteInput(id string) *dynamodb.DeleteItemInput {
	return &dynamodb.DeleteItemInput{TableName: aws.String(d.table), Key: mapping.Key(id), ReturnValues: types.ReturnValueAllOld}
}

// Create writes item unless its ID is taken (ErrExists) and returns the
// item as stored.
//
// The SDK retries a call whose answer was lost; when the lost attempt had
// been applied, the retry fails its own condition. Create tells that case
// from a real conflict: only after a retry, and only when the stored item
// equals the one being created, it answers as the applied attempt would have.
func (d *Dynamo) Create(ctx context.Context, item mapping.Item) (mapping.Item, error) {
	var attempts attemptCounter
	out, err := d.client.UpdateItem(ctx, d.CreateInput(item), attempts.option)
	if err != nil {
		var ccf *types.ConditionalCheckFailedException
		if errors.As(err, &ccf) {
			if attempts.n.Load() > 1 {
				if stored, ok := d.ownRetriedWrite(ctx, item); ok {
					return stored, nil
				}
			}
			return mapping.Item{}, fmt.Errorf("store: create %q: %w", item.ID, ErrExists)
		}
		return mapping.Item{}, d.fail("create", item.ID, err)
	}
	return d.stored("create", item.ID, out.Attributes)
}

// Replace writes item in place of whatever the table holds under its ID:
// attributes the item does not have are gone afterwards. created reports that
// there was no item to replace.
//
// A PutItem is idempotent, so the SDK may retry one whose answer was lost;
// the retry then finds the item its first attempt wrote and reports a
// replace (created false) although that first attempt created it.
func (d *Dynamo) Replace(ctx context.Context, item mapping.Item) (created bool, err error) {
	in, err := d.ReplaceInput(item)
	if err != nil {
		return false, err
	}
	out, err := d.client.PutItem(ctx, in)
	if err != nil {
		return false, d.fail("replace", item.ID, err)
	}
	return len(out.Attributes) == 0, nil
}

// stored maps the ALL_NEW attributes of a create back to an Item.
func (d *Dynamo) stored(op, id string, av map[string]types.AttributeValue) (mapping.Item, error) {
	it, err := mapping.ItemFromAttributeValues(av)
	if err != nil {
		return mapping.Item{}, fmt.Errorf("store: %s %q: %w", op, id, err)
	}
	return it, nil
}

// Get reads the item with the ID; ErrNotFound when there is none.
func (d *Dynamo) Get(ctx context.Context, id string) (mapping.Item, error) {
	out, err := d.client.GetItem(ctx, d.GetInput(id))
	if err != nil {
		return mapping.Item{}, d.fail("get", id, err)
	}
	if len(out.Item) == 0 {
		return mapping.Item{}, fmt.Errorf("store: get %q: %w", id, ErrNotFound)
	}
	it, err := mapping.ItemFromAttributeValues(out.Item)
	if err != nil {
		return mapping.Item{}, fmt.Errorf("store: get %q: %w", id, err)
	}
	return it, nil
}

// List scans up to limit items starting after startKey.
func (d *Dynamo) List(ctx context.Context, limit int, startKey map[string]types.AttributeValue) (Page, error) {
	out, err := d.client.Scan(ctx, d.ListInput(limit, startKey))
	if err != nil {
		return Page{}, d.fail("list", "", err)
	}
	page := Page{Items: make([]mapping.Item, 0, len(out.Items))}
	for _, av := range out.Items {
		it, err := mapping.ItemFromAttributeValues(av)
		if err != nil {
			return Page{}, fmt.Errorf("store: list %s: %w", d.table, err)
		}
		page.Items = append(page.Items, it)
	}
	if len(out.LastEvaluatedKey) > 0 {
		page.LastKey = out.LastEvaluatedKey
	}
	return page, nil
}

// Delete removes the item with the ID and returns what it held; ErrNotFound
// when there was none.
func (d *Dynamo) Delete(ctx context.Context, id string) (mapping.Item, error) {
	out, err := d.client.DeleteItem(ctx, d.DeleteInput(id))
	if err != nil {
		return mapping.Item{}, d.fail("delete", id, err)
	}
	if len(out.Attributes) == 0 {
		return mapping.Item{}, fmt.Errorf("store: delete %q: %w", id, ErrNotFound)
	}
	it, err := mapping.ItemFromAttributeValues(out.Attributes)
	if err != nil {
		return mapping.Item{}, fmt.Errorf("store: delete %q: %w", id, err)
	}
	return it, nil
}

// fail wraps a DynamoDB error, marking ValidationExceptions with ErrInvalid.
func (d *Dynamo) fail(op, id string, err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode() == "ValidationException" {
		return fmt.Errorf("store: %s %q in %s: %w: %w", op, id, d.table, ErrInvalid, err)
	}
	return fmt.Errorf("store: %s %q in %s: %w", op, id, d.table, err)
}

// InvalidMessage returns DynamoDB's own message for an ErrInvalid error, the
// text a client may see; ok is false for other errors.
func InvalidMessage(err error) (msg string, ok bool) {
	var apiErr smithy.APIError
	if !errors.Is(err, ErrInvalid) || !errors.As(err, &apiErr) {
		return "", false
	}
	return apiErr.ErrorMessage(), true
}

// Package store reads and writes items in the DynamoDB table over
// aws-sdk-go-v2, the real wire protocol, so it works the same against
// DynamoDB and against a local DynamoDB-compatible server.
//
// [Store] is the interface the items handler uses; [Dynamo] implements it
// over one table ([NewDynamo], or [ByTable] for a table per request). The
// requests it sends are the contract's (package mapping): creates are
// UpdateItem under attribute_not_exists(ID) with ReturnValues ALL_NEW,
// replaces PutItem of the whole item with ReturnValues ALL_OLD, gets are GetItem, lists Scan with Limit and
// ExclusiveStartKey, deletes DeleteItem with ReturnValues ALL_OLD. The
// *Input methods return those requests, so tests can hold the direct path's
// templates to them. Errors wrap [ErrExists], [ErrNotFound] or, for
// DynamoDB's ValidationException, [ErrInvalid] (see [InvalidMessage]).
package store

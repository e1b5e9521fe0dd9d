// Package ddblimits is a local DynamoDB front: an http.RoundTripper for the
// clients of a DynamoDB-compatible server (dynalite) that refuses, with
// DynamoDB's own ValidationException, the requests DynamoDB refuses and
// dynalite lets through, so that a mapping template or a Go client gets
// locally the answer it would get on AWS.
//
// It checks, before the request reaches the server:
//   - expression strings (UpdateExpression, ConditionExpression,
//     ProjectionExpression, FilterExpression, KeyConditionExpression) of
//     more than 4 KB (4,096 bytes);
//   - a partition key value over 2,048 bytes or a sort key value over 1,024
//     bytes, counted in UTF-8 bytes (dynalite counts UTF-16 code units);
//   - a PutItem item over 400 KB counted in UTF-8 bytes, and an UpdateItem
//     whose key and SET values alone are over 400 KB.
//
// Key sizes need the table's key schema, which the front asks the server
// for once per table (DescribeTable). Requests it cannot read pass through
// unchanged, as do all other operations. It is meant for local servers
// only: against DynamoDB it adds nothing but a DescribeTable call.
package ddblimits

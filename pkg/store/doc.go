// Package store reads and writes items in the DynamoDB table over
// aws-sdk-go-v2, the real wire protocol, so it works the same against
// DynamoDB and against a local DynamoDB-compatible server.
package store

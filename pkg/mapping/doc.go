// Package mapping is the API's one contract: the item model and its JSON
// Schema, the Go mapping between API JSON and DynamoDB attribute values, the
// page token, and the VTL templates the direct path deploys. The Lambda path
// uses the Go rules, the direct path the templates; tests hold them equal.
package mapping

package ddblimits

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

const targetPrefix = "DynamoDB_20120810."

// Transport is the front, an http.RoundTripper for DynamoDB clients (an
// aws-sdk-go-v2 client's HTTPClient, the local gateway's DynamoDB client).
// Build it with New; it is safe for concurrent use. A table's key schema is
// read once and kept: a table deleted and created again with another key
// keeps the first one's schema here.
type Transport struct {
	base http.RoundTripper

	mu      sync.Mutex
	schemas map[string]keySchema // by host and table name
}

// New returns a front over base (nil means http.DefaultTransport).
func New(base http.RoundTripper) *Transport {
	if base == nil {
		base = http.DefaultTransport
	}
	return &Transport{base: base, schemas: map[string]keySchema{}}
}

// RoundTrip answers a PutItem, UpdateItem, GetItem, DeleteItem, Query or
// Scan that breaks a limit the package lists with DynamoDB's 400
// ValidationException, and sends everything else to the server.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	op, ok := strings.CutPrefix(req.Header.Get("X-Amz-Target"), targetPrefix)
	if !ok || req.Body == nil {
		return t.base.RoundTrip(req)
	}
	switch op {
	case "PutItem", "UpdateItem", "GetItem", "DeleteItem", "Query", "Scan":
	default:
		return t.base.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("ddblimits: read %s request: %w", op, err)
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	if len(body) <= maxRangeKeyBytes {
		// Nothing in so short a request can pass a limit: JSON text is
		// never shorter than the UTF-8 it decodes to, and the smallest
		// limit checked is the sort key's 1,024 bytes.
		return t.base.RoundTrip(req)
	}
	var r request
	if json.Unmarshal(body, &r) != nil {
		return t.base.RoundTrip(req)
	}
	msg := checkExpressions(&r)
	if msg == "" && (op == "PutItem" || op == "UpdateItem" || op == "GetItem" || op == "DeleteItem") {
		attrs := r.Key
		if op == "PutItem" {
			attrs = r.Item
		}
		if ks, ok := t.schema(req, r.TableName); ok {
			msg = checkKeys(attrs, ks)
		}
	}
	if msg == "" && op == "PutItem" {
		msg = checkPutSize(&r)
	}
	if msg == "" && op == "UpdateItem" {
		msg = checkUpdateSize(&r)
	}
	if msg == "" {
		return t.base.RoundTrip(req)
	}
	return validationError(req, msg), nil
}

// validationError is DynamoDB's 400 answer with msg.
func validationError(req *http.Request, msg string) *http.Response {
	b, _ := json.Marshal(map[string]string{"__type": "com.amazon.coral.validate#ValidationException", "message": msg})
	return &http.Response{
		Status: "400 Bad Request", StatusCode: http.StatusBadRequest,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
		Body:          io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)),
		Request:       req,
	}
}

// schema returns the table's key schema, asking the server with the
// request's own credentials headers the first time. ok is false when the
// server does not describe the table (it then answers the request itself).
func (t *Transport) schema(req *http.Request, table string) (keySchema, bool) {
	id := req.URL.Host + "/" + table
	t.mu.Lock()
	ks, ok := t.schemas[id]
	t.mu.Unlock()
	if ok {
		return ks, true
	}
	ks, err := t.describe(req.Context(), req, table)
	if err != nil {
		return keySchema{}, false
	}
	t.mu.Lock()
	t.schemas[id] = ks
	t.mu.Unlock()
	return ks, true
}

// describe asks the server for the table's key schema. The request carries
// the original's Authorization and X-Amz-Date headers, which a local
// server checks for form only.
func (t *Transport) describe(ctx context.Context, orig *http.Request, table string) (keySchema, error) {
	in, err := json.Marshal(map[string]string{"TableName": table})
	if err != nil {
		return keySchema{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, orig.URL.String(), bytes.NewReader(in))
	if err != nil {
		return keySchema{}, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", targetPrefix+"DescribeTable")
	for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token"} {
		if v := orig.Header.Get(h); v != "" {
			req.Header.Set(h, v)
		}
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return keySchema{}, fmt.Errorf("ddblimits: describe %s: %w", table, err)
	}
	defer resp.Body.Close()
	var out struct {
		Table struct {
			KeySchema []struct{ AttributeName, KeyType string }
		}
	}
	if resp.StatusCode != http.StatusOK {
		return keySchema{}, fmt.Errorf("ddblimits: describe %s: status %d", table, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return keySchema{}, fmt.Errorf("ddblimits: describe %s: %w", table, err)
	}
	var ks keySchema
	for _, k := range out.Table.KeySchema {
		switch k.KeyType {
		case "HASH":
			ks.Hash = k.AttributeName
		case "RANGE":
			ks.Range = k.AttributeName
		}
	}
	if ks.Hash == "" {
		return keySchema{}, fmt.Errorf("ddblimits: describe %s: no hash key", table)
	}
	return ks, nil
}

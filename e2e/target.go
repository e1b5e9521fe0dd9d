package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Target is an API to test: its stage URL and the credentials its routes need.
type Target struct {
	// BaseURL is the stage URL, e.g. "http://127.0.0.1:8080/prod".
	BaseURL string
	// APIKeys maps a usage plan's name to its API key value.
	APIKeys map[string]string
	// Tokens maps a Cognito group's name to an ID token of a user in that group.
	Tokens map[string]string
	// NoGroupToken is a valid ID token of a user in no group.
	NoGroupToken string
	// WritePlan and ReadPlan name the plans whose key and group the suite uses
	// for its ordinary calls. Empty means "BasicUsagePlan".
	WritePlan, ReadPlan string
	// Client sends the requests; nil means a client with a 30 s timeout.
	Client *http.Client
	// ReadRetry bounds how long a read that must see an earlier write is
	// retried (see readAfterWrite): DeployedReadRetry against AWS, whose
	// reads are eventually consistent; zero against dynalite.
	ReadRetry time.Duration
}

func (tg Target) client() *http.Client {
	if tg.Client != nil {
		return tg.Client
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (tg Target) readKey(t testing.TB) string {
	plan := tg.ReadPlan
	if plan == "" {
		plan = "BasicUsagePlan"
	}
	k, ok := tg.APIKeys[plan]
	if !ok {
		t.Fatalf("e2e: no API key for plan %q (have %d keys)", plan, len(tg.APIKeys))
	}
	return k
}

func (tg Target) writeToken(t testing.TB) string {
	plan := tg.WritePlan
	if plan == "" {
		plan = "BasicUsagePlan"
	}
	tok, ok := tg.Tokens["Group-"+plan]
	if !ok {
		t.Fatalf("e2e: no token for group Group-%s", plan)
	}
	return tok
}

// Response is what an API call answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body, keeping numbers exact.
func (r Response) JSON(t testing.TB) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("e2e: body is not JSON (status %d): %v: %q", r.Status, err, truncate(r.Body))
	}
	return v
}

// Message returns the body's "message" field, failing the test when the body
// is not a JSON object with a string message.
func (r Response) Message(t testing.TB) string {
	t.Helper()
	obj, ok := r.JSON(t).(map[string]any)
	if !ok {
		t.Fatalf("e2e: error body is not an object: %q", truncate(r.Body))
	}
	msg, ok := obj["message"].(string)
	if !ok || msg == "" {
		t.Fatalf("e2e: error body has no message: %q", truncate(r.Body))
	}
	return msg
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

// call sends one request. Header values are set as given; body may be nil.
func (tg Target) call(ctx context.Context, method, path string, body []byte, header map[string]string) (Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(tg.BaseURL, "/")+path, rd)
	if err != nil {
		return Response{}, fmt.Errorf("e2e: build request: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := tg.client().Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("e2e: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, fmt.Errorf("e2e: read %s %s: %w", method, path, err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// do is call for tests: it fails the test on a transport error.
func (tg Target) do(t testing.TB, method, path string, body []byte, header map[string]string) Response {
	t.Helper()
	r, err := tg.call(context.Background(), method, path, body, header)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func bearer(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }

// rawToken is the ID token alone in Authorization, the form the developer
// guide shows for API Gateway's Cognito user-pool authorizer, which also
// takes bearer(tok).
func rawToken(tok string) map[string]string { return map[string]string{"Authorization": tok} }

func apiKey(k string) map[string]string { return map[string]string{"x-api-key": k} }

package gateway

import (
	"strings"
	"testing"
)

// rawGet sends exactly "GET target HTTP/1.1", the given header lines and a
// blank line, so that the test knows every byte of the header block.
func rawGet(t *testing.T, addr, target string, headerLines []string) (int, string) {
	t.Helper()
	return rawExchange(t, addr, "GET "+target+" HTTP/1.1\r\n"+strings.Join(headerLines, "\r\n")+"\r\nConnection: close\r\n\r\n")
}

// TestURLLengthLimit: a URL over 10,240 characters is refused before any
// route is looked up. Evidence for the number: "Length, in characters, of
// the URL for a regional API",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
// (the status and body are the guess documented on checkRequestLimits).
func TestURLLengthLimit(t *testing.T) {
	hs, _ := newTestServer(t, "", nil)
	addr := strings.TrimPrefix(hs.URL, "http://")
	// On AWS the URL is https://<id>.execute-api.us-east-1.amazonaws.com<target>.
	aws := len("https://") + len("abcdefghij.execute-api.us-east-1.amazonaws.com")
	target := func(n int) string {
		base := "/prod/nope?pad="
		return base + strings.Repeat("a", n-len(base))
	}
	host := "Host: " + addr
	if status, body := rawGet(t, addr, target(MaxURLLength-aws), []string{host}); status != 403 || !strings.Contains(body, "Missing Authentication Token") {
		t.Fatalf("URL of exactly %d characters: %d %s, want the route's 403", MaxURLLength, status, body)
	}
	status, body := rawGet(t, addr, target(MaxURLLength-aws+1), []string{host})
	if status != 414 {
		t.Fatalf("URL of %d characters: status %d, want 414", MaxURLLength+1, status)
	}
	wantJSON(t, body, `{"message":"Request URI too long"}`)
	// A client that names a longer host has a longer URL.
	long := "Host: " + strings.Repeat("h", len("abcdefghij.execute-api.us-east-1.amazonaws.com")+1)
	if status, _ := rawGet(t, addr, target(MaxURLLength-aws), []string{long}); status != 414 {
		t.Fatalf("URL of %d characters through a longer host name: status %d, want 414", MaxURLLength+1, status)
	}
}

// TestHeaderSizeLimit: headers over 10,240 bytes in all (names, values,
// separators and line ends) are refused before any route is looked up,
// while the local server itself accepts about 1 MB. Evidence for the
// number: "Total combined size of all header values, including header
// names, values, any line terminators, and white space",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
// (the status and body are the guess documented on checkRequestLimits).
func TestHeaderSizeLimit(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	addr := strings.TrimPrefix(hs.URL, "http://")
	host := "Host: " + addr
	// Connection: close, which rawGet adds, counts too.
	fixed := len(host+"\r\n") + len("Connection: close\r\n")
	pad := func(total int) string {
		return "X-Pad: " + strings.Repeat("p", total-fixed-len("X-Pad: \r\n"))
	}
	if status, body := rawGet(t, addr, "/prod/nope", []string{host, pad(MaxHeaderBytes)}); status != 403 || !strings.Contains(body, "Missing Authentication Token") {
		t.Fatalf("headers of exactly %d bytes: %d %s, want the route's 403", MaxHeaderBytes, status, body)
	}
	status, body := rawGet(t, addr, "/prod/lambda/items", []string{host, "x-api-key: " + freeKey, pad(MaxHeaderBytes + 1)})
	if status != 431 {
		t.Fatalf("headers of %d bytes: status %d, want 431", MaxHeaderBytes+1, status)
	}
	wantJSON(t, body, `{"message":"HTTP header is larger than 10240 bytes."}`)
	// Many small headers add up the same way.
	var many []string
	for i := 0; i < 400; i++ {
		many = append(many, "X-A: 0123456789012345678901")
	}
	if status, _ := rawGet(t, addr, "/prod/nope", append([]string{host}, many...)); status != 431 {
		t.Fatalf("400 headers of 28 bytes: status %d, want 431", status)
	}
	if n := f.authCalls.Load(); n != 0 {
		t.Fatalf("the authorizer ran %d times for refused requests", n)
	}
}

// TestPayloadLimit: a body over 10,485,760 bytes gets API Gateway's own
// 413 in plain text, on any route, and reaches no authorizer or function;
// a body of exactly that size goes on. Evidence: a recorded answer of a
// deployed REST API to an oversize body, 413 "text; charset=utf-8" "HTTP
// content length exceeded 10485760 bytes."
// (https://github.com/koki-develop/lgtm-generator/issues/10), and "Payload
// size 10 MB" on
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
func TestPayloadLimit(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	h := map[string]string{"Authorization": "basic-token", "Content-Type": "application/json"}
	over := strings.Repeat(" ", MaxPayload+1)
	for _, path := range []string{"/prod/lambda/items", "/prod/nope"} {
		status, hdr, body := do(t, "POST", hs.URL+path, over, h)
		if status != 413 || body != "HTTP content length exceeded 10485760 bytes." || hdr.Get("Content-Type") != "text; charset=utf-8" {
			t.Fatalf("POST %s with %d bytes: %d %q %q", path, len(over), status, hdr.Get("Content-Type"), body)
		}
	}
	if n := f.authCalls.Load() + f.itemsCalls.Load(); n != 0 {
		t.Fatalf("%d authorizer or function calls for oversize bodies", n)
	}
	// Exactly 10 MB passes the payload limit: an unknown route answers
	// 403, and the Lambda route the function's own limit (JSON, not text).
	if status, _, body := do(t, "POST", hs.URL+"/prod/lambda/items", `{"ID":"1","FirstName":"`+over[:MaxPayload-33]+`","Age":1}`, h); status != 413 || body != invokeTooLargeBody {
		t.Fatalf("body of exactly %d bytes to a Lambda route: %d %.80q, want the invoke limit's answer", MaxPayload, status, body)
	}
	status, _, body := do(t, "POST", hs.URL+"/prod/nope", over[1:], h)
	if status != 403 || !strings.Contains(body, "Missing Authentication Token") {
		t.Fatalf("body of exactly %d bytes to an unknown route: %d %.80s, want the route's 403", MaxPayload, status, body)
	}
}

// TestLambdaInvokeLimit: a proxy event over Lambda's 6 MB request payload
// never reaches the function, and API Gateway answers 413 {"message":
// "Request Too Long"}. Evidence: "Invocation payload (request and
// response)", 6 MB, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
// and the answer recorded from a deployed REST API in
// https://github.com/koki-develop/lgtm-generator/issues/10 (413,
// application/json, x-amzn-ErrorType BadRequestException, this body).
func TestLambdaInvokeLimit(t *testing.T) {
	hs, f := newTestServer(t, "", nil)
	url := hs.URL + "/prod/lambda/items"
	h := map[string]string{"Authorization": "basic-token", "Content-Type": "application/json"}
	item := func(first string) string { return `{"ID":"1","FirstName":"` + first + `","Age":1}` }
	for name, body := range map[string]string{
		"7 MB body":                          item(strings.Repeat("x", 7<<20)),
		"3.5 MB of quotes, 7 MB once quoted": item(strings.Repeat(`\"`, 7<<19)),
	} {
		status, hdr, got := do(t, "POST", url, body, h)
		if status != 413 || got != `{"message": "Request Too Long"}` || hdr.Get("x-amzn-ErrorType") != "BadRequestException" {
			t.Fatalf("%s: %d %q %.80q", name, status, hdr.Get("x-amzn-ErrorType"), got)
		}
	}
	if n := f.itemsCalls.Load(); n != 0 {
		t.Fatalf("the function ran %d times for events over 6 MB", n)
	}
	if status, _, body := do(t, "POST", url, item(strings.Repeat("x", 5<<20)), h); status != 200 {
		t.Fatalf("5 MB body: %d %.80s, want the function's answer", status, body)
	}
}

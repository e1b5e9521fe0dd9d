package gateway

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawGet sends exactly "GET target HTTP/1.1", the given header lines and a
// blank line, so that the test knows every byte of the header block.
func rawGet(t *testing.T, addr, target string, headerLines []string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := "GET " + target + " HTTP/1.1\r\n" + strings.Join(headerLines, "\r\n") + "\r\nConnection: close\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
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

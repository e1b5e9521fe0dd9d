package localapi

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"apigwdirect/pkg/gateway"
)

// TestRawClientsThroughTheHeaderCaseListener drives the served API the
// way non-Go clients do, through the listener that records header names:
// lower-case names, a chunked body and pipelining on one connection, then
// a body over the payload limit, whose 413 must still reach the client.
func TestRawClientsThroughTheHeaderCaseListener(t *testing.T) {
	t.Parallel()
	env := start(t, Options{})
	u, err := url.Parse(env.URL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"ID":"raw-1","FirstName":"n","Age":1}`
	stream := "POST /prod/direct/items HTTP/1.1\r\nhost: " + u.Host + "\r\nauthorization: Bearer " + env.Credentials.Tokens["Group-FreeTier"] +
		"\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n" +
		strconv.FormatInt(int64(len(body)), 16) + "\r\n" + body + "\r\n0\r\n\r\n" +
		"GET /prod/lambda/items/raw-1 HTTP/1.1\r\nhost: " + u.Host + "\r\nx-api-key: " + env.Credentials.APIKeys["FreeTier"] + "\r\n\r\n"
	if _, err := io.WriteString(conn, stream); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	for _, want := range []int{201, 200} {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("status %d %s, want %d", resp.StatusCode, b, want)
		}
	}

	big := bytes.Repeat([]byte("x"), gateway.MaxPayload+1)
	req, err := http.NewRequest("POST", env.URL+"/direct/items", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+env.Credentials.Tokens["Group-FreeTier"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Fatalf("oversized body: %d, want 413", resp.StatusCode)
	}
}

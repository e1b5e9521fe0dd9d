package headercase

import (
	"reflect"
	"testing"
)

// threeRequests is a keep-alive stream: a body that looks like headers, a
// chunked body with an extension and a trailer, then a bodiless request.
const threeRequests = "POST /a HTTP/1.1\r\nhost: h\r\nx-lower: 1\r\nContent-Length: 19\r\n\r\nx-fake: 1\r\n\r\nabcdef" +
	"PUT /b?q=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nX-MiXeD: 2\r\n\r\n5;ext=1\r\nhello\r\n0\r\nx-trailer: t\r\n\r\n" +
	"GET /c HTTP/1.1\r\nHOST: h\r\nx-api-key: k\r\nx-api-key: k2\r\n\r\n"

func TestHeaderCaseParserFindsEveryHeaderBlock(t *testing.T) {
	want := []sentHeaders{
		{"POST", "/a", []string{"host", "x-lower", "Content-Length"}},
		{"PUT", "/b?q=1", []string{"Host", "Transfer-Encoding", "X-MiXeD"}},
		{"GET", "/c", []string{"HOST", "x-api-key", "x-api-key"}},
	}
	for _, size := range []int{1, 2, 7, len(threeRequests)} {
		c := &caseConn{}
		for s := threeRequests; s != ""; {
			n := min(size, len(s))
			c.feed([]byte(s[:n]))
			s = s[n:]
		}
		if c.broken || !reflect.DeepEqual(c.queue, want) {
			t.Fatalf("fed %d bytes at a time: broken %v, queue %q", size, c.broken, c.queue)
		}
	}
}

// FuzzHeaderCaseParser feeds arbitrary bytes, cut at an arbitrary size,
// to the header-block parser: it must never panic nor keep more than its
// bounded queue.
func FuzzHeaderCaseParser(f *testing.F) {
	f.Add([]byte(threeRequests), 3)
	f.Add([]byte("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), 1)
	f.Add([]byte("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), 100)
	f.Add([]byte("\r\n\r\nGET / HTTP/1.0\r\n folded\r\nbad line\r\n\r\n"), 5)
	f.Fuzz(func(t *testing.T, stream []byte, size int) {
		if size <= 0 {
			size = 1
		}
		c := &caseConn{}
		for len(stream) > 0 {
			n := min(size, len(stream))
			c.feed(stream[:n])
			stream = stream[n:]
		}
		if len(c.queue) > maxQueued || len(c.line) > maxHeaderBlock+size {
			t.Fatalf("unbounded state: %d queued, %d-byte line", len(c.queue), len(c.line))
		}
	})
}

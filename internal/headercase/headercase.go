// Package headercase recovers the header names of HTTP/1.x requests as
// their clients spelled them, which Go's HTTP server canonicalizes.
package headercase

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// API Gateway hands REST API proxy and REQUEST-authorizer events the
// header names as the client wrote them ("x-api-key", "content-type"),
// while Go's HTTP server canonicalizes them ("X-Api-Key") and keeps no
// trace of the original spelling. A handler that looks a header up by its
// exact name works locally and then fails on AWS, or the other way round.
//
// To recover the spelling, Listener wraps the listener: each
// connection watches the bytes the server reads from it, parses just
// enough of HTTP/1.x (header blocks, Content-Length and chunked bodies) to
// find each request's header block, and queues the names it holds. The
// server's ConnContext (ConnContext) makes the connection reachable
// from the request, and the gateway takes the queued names that belong to
// the request it serves. Anything unexpected (HTTP/2, a malformed stream,
// a request the server answered without calling the handler) only makes
// the gateway fall back to the canonical names.

// maxHeaderBlock bounds what one connection buffers while looking for the
// end of a header block: Go's server rejects larger blocks anyway.
const maxHeaderBlock = http.DefaultMaxHeaderBytes + 4096

// maxQueued bounds the header blocks a connection keeps ahead of the
// handler (pipelined requests read but not yet served).
const maxQueued = 1024

// Listener wraps ln so that handlers behind an http.Server whose
// ConnContext is ConnContext can read header names as clients sent them
// (Names).
func Listener(ln net.Listener) net.Listener { return caseListener{ln} }

// ConnContext is an http.Server ConnContext hook: it makes the header
// names recorded on a connection accepted by a Listener available to the
// requests served on it.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	if cc, ok := c.(*caseConn); ok {
		return context.WithValue(ctx, caseConnKey{}, cc)
	}
	return ctx
}

type caseConnKey struct{}

type caseListener struct{ net.Listener }

// Accept wraps each accepted connection in a recorder.
func (l caseListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &caseConn{Conn: c}, nil
}

// sentHeaders is one request's header block as read off the wire.
type sentHeaders struct {
	method, target string
	names          []string // in order of appearance, as written
}

// caseConn records the header blocks of the requests read through it.
type caseConn struct {
	net.Conn

	mu      sync.Mutex
	queue   []sentHeaders
	state   parseState
	line    []byte // the line being read (header, chunk size or trailer)
	cur     sentHeaders
	length  int64 // body bytes left to skip
	chunked bool
	broken  bool
}

type parseState int

const (
	inHeaders parseState = iota
	inBody
	inChunkSize
	inChunkData // length counts the chunk and its CRLF
	inTrailers
)

// Read reads from the connection and feeds what it read to the parser.
func (c *caseConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		if !c.broken {
			c.feed(p[:n])
		}
		c.mu.Unlock()
	}
	return n, err
}

// CloseWrite half-closes a TCP connection, which http.Server does before
// closing one whose request it could not finish reading, so the client
// still gets the response; wrapping must not hide it.
func (c *caseConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// feed advances the parser over b; it stops for good at anything it does
// not understand.
func (c *caseConn) feed(b []byte) {
	for len(b) > 0 && !c.broken {
		switch c.state {
		case inBody, inChunkData:
			skip := min(int64(len(b)), c.length)
			b, c.length = b[skip:], c.length-skip
			if c.length == 0 {
				c.state = inHeaders
				if c.chunked { // the end of a chunk, not of the body
					c.state = inChunkSize
				}
			}
		default:
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				c.line = append(c.line, b...)
				c.broken = len(c.line) > maxHeaderBlock
				return
			}
			c.line = append(c.line, b[:i]...)
			b = b[i+1:]
			line := string(bytes.TrimSuffix(c.line, []byte("\r")))
			c.line = c.line[:0]
			c.endOfLine(line)
		}
	}
}

// endOfLine handles one complete line in the header, chunk-size or
// trailer state.
func (c *caseConn) endOfLine(line string) {
	switch c.state {
	case inHeaders:
		switch {
		case c.cur.method == "" && line == "":
			// Tolerated blank lines between requests.
		case c.cur.method == "":
			method, rest, ok := strings.Cut(line, " ")
			target, _, ok2 := strings.Cut(rest, " ")
			c.cur.method, c.cur.target, c.broken = method, target, !ok || !ok2 || method == ""
		case line == "":
			c.endOfHeaders()
		case line[0] == ' ' || line[0] == '\t':
			// Obsolete line folding: a continuation, not a name.
		default:
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				c.broken = true
				return
			}
			c.cur.names = append(c.cur.names, name)
			c.frame(name, strings.TrimSpace(value))
		}
		if len(c.cur.names) > maxHeaderBlock/2 {
			c.broken = true
		}
	case inChunkSize:
		size, _, _ := strings.Cut(line, ";")
		n, err := strconv.ParseInt(strings.TrimSpace(size), 16, 64)
		switch {
		case err != nil || n < 0:
			c.broken = true
		case n == 0:
			c.state = inTrailers
		default:
			c.state, c.length = inChunkData, n+2
		}
	case inTrailers:
		if line == "" {
			c.state, c.chunked = inHeaders, false
		}
	}
}

// frame notes how the body of the current request is delimited.
func (c *caseConn) frame(name, value string) {
	switch {
	case strings.EqualFold(name, "Content-Length"):
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n < 0 {
			c.broken = true
			return
		}
		c.length = n
	case strings.EqualFold(name, "Transfer-Encoding"):
		c.chunked = strings.EqualFold(strings.TrimSpace(value[strings.LastIndex(value, ",")+1:]), "chunked")
	}
}

// endOfHeaders queues the finished header block and moves on to its body.
func (c *caseConn) endOfHeaders() {
	c.queue = append(c.queue, c.cur)
	c.cur = sentHeaders{}
	switch {
	case c.chunked:
		c.state, c.length = inChunkSize, 0
	case c.length > 0:
		c.state = inBody
	}
	// A connection nobody takes names from (the handler never ran) must
	// not grow without bound.
	if len(c.queue) > maxQueued {
		c.queue = c.queue[1:]
	}
}

// take returns the names of the header block that belongs to r, dropping
// older blocks whose requests never reached the handler; nil when there
// is none.
func (c *caseConn) take(r *http.Request) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.queue) > 0 {
		e := c.queue[0]
		c.queue = c.queue[1:]
		if e.method == r.Method && e.target == r.RequestURI && sameNames(e.names, r.Header) {
			return e.names
		}
	}
	return nil
}

// sameNames reports whether names, canonicalized, are exactly the keys of
// h plus the fields Go's server moves out of the header map.
func sameNames(names []string, h http.Header) bool {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		k := textproto.CanonicalMIMEHeaderKey(n)
		switch k {
		case "Host", "Transfer-Encoding", "Trailer":
			if _, kept := h[k]; !kept {
				continue
			}
		}
		if _, ok := h[k]; !ok {
			return false
		}
		seen[k] = true
	}
	return len(seen) == len(h)
}

// Names are the header names of r as its client wrote them, in order,
// when the request came through a Listener; nil otherwise. Each request's
// names can be taken once: call it once per request.
func Names(r *http.Request) []string {
	cc, ok := r.Context().Value(caseConnKey{}).(*caseConn)
	if !ok {
		return nil
	}
	return cc.take(r)
}

// AsSent is h keyed by the names the client used (the first
// spelling wins when it used several for one header); without names it
// is a copy of h.
func AsSent(h http.Header, names []string) map[string][]string {
	out := make(map[string][]string, len(h))
	done := make(map[string]bool, len(h))
	for _, n := range names {
		k := textproto.CanonicalMIMEHeaderKey(n)
		if vs, ok := h[k]; ok && !done[k] {
			out[n], done[k] = slices.Clone(vs), true
		}
	}
	for k, vs := range h {
		if !done[k] {
			out[k] = slices.Clone(vs)
		}
	}
	return out
}

// Spelling is the client's spelling of a header name (Go's server moves
// Host out of the header map, so it cannot come from there), else name.
func Spelling(names []string, name string) string {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	return name
}

// Package runtimeapi is a minimal local Lambda Runtime API: enough for a
// function built with aws-lambda-go (AWS_LAMBDA_RUNTIME_API set to Addr) to
// fetch invocations and post their responses, so a test can run the very
// bootstrap binary that deploys and time it.
//
// It serves GET /2018-06-01/runtime/invocation/next (blocking until an
// invocation is queued), POST .../invocation/{id}/response and
// .../invocation/{id}/error (answered 202), and POST /2018-06-01/runtime/init/error.
//
// Give each function process a Server of its own, as Lambda gives each
// sandbox its own Runtime API: a process killed while it waits on /next
// leaves that request pending until the server notices the closed
// connection, and an invocation queued in that moment would go to it.
package runtimeapi

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

const prefix = "/2018-06-01/runtime/"

// Result is what the function answered to one invocation.
type Result struct {
	// RequestID is the invocation's Lambda-Runtime-Aws-Request-Id.
	RequestID string
	// PickedUp is when the function fetched the invocation from /next.
	PickedUp time.Time
	// Answered is when the function's response or error arrived.
	Answered time.Time
	// Body is the response payload, or the error payload when Failed.
	Body []byte
	// Failed is true when the function posted to /error instead of /response.
	Failed bool
}

// InitError is returned by Invoke when the function reported an
// initialisation error to /runtime/init/error.
type InitError struct {
	// Body is the error payload the function posted.
	Body string
}

// Error says the function failed to initialise, with its payload.
func (e *InitError) Error() string { return "runtimeapi: function init error: " + e.Body }

type pending struct {
	id      string
	payload []byte
	picked  chan time.Time // buffered(1)
	done    chan Result    // buffered(1)
}

// Server is a running local Runtime API. It is safe for concurrent use.
type Server struct {
	ln      net.Listener
	http    *http.Server
	queue   chan *pending
	initErr chan string

	mu       sync.Mutex
	inflight map[string]*pending
	seq      int
	timeout  time.Duration
}

// Start listens on a free loopback port and serves until Close. timeout is
// the deadline given to each invocation (Lambda-Runtime-Deadline-Ms).
func Start(timeout time.Duration) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("runtimeapi: listen: %w", err)
	}
	s := &Server{
		ln:       ln,
		queue:    make(chan *pending),
		initErr:  make(chan string, 16),
		inflight: map[string]*pending{},
		timeout:  timeout,
	}
	s.http = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(ln) }()
	return s, nil
}

// Addr is the host:port to put in AWS_LAMBDA_RUNTIME_API.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server and drops any waiting connection.
func (s *Server) Close() error {
	if err := s.http.Close(); err != nil {
		return fmt.Errorf("runtimeapi: close: %w", err)
	}
	return nil
}

// Invoke hands payload to the next function that asks for work and waits
// for its answer. It returns early with ctx's error, or an *InitError when
// a function reports a failed initialisation.
func (s *Server) Invoke(ctx context.Context, payload []byte) (Result, error) {
	s.mu.Lock()
	s.seq++
	p := &pending{
		id:      fmt.Sprintf("00000000-0000-4000-8000-%012d", s.seq),
		payload: payload,
		picked:  make(chan time.Time, 1),
		done:    make(chan Result, 1),
	}
	s.inflight[p.id] = p
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.inflight, p.id)
		s.mu.Unlock()
	}()

	select {
	case s.queue <- p:
	case msg := <-s.initErr:
		return Result{}, &InitError{Body: msg}
	case <-ctx.Done():
		return Result{}, fmt.Errorf("runtimeapi: waiting for a function to ask for work: %w", ctx.Err())
	}
	select {
	case r := <-p.done:
		return r, nil
	case msg := <-s.initErr:
		return Result{}, &InitError{Body: msg}
	case <-ctx.Done():
		return Result{}, fmt.Errorf("runtimeapi: waiting for invocation %s: %w", p.id, ctx.Err())
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case path == "invocation/next" && r.Method == http.MethodGet:
		s.next(w, r)
	case path == "init/error" && r.Method == http.MethodPost:
		body, _ := io.ReadAll(r.Body)
		select {
		case s.initErr <- string(body):
		default:
		}
		w.WriteHeader(http.StatusAccepted)
	case strings.HasPrefix(path, "invocation/") && r.Method == http.MethodPost:
		s.answer(w, r, strings.TrimPrefix(path, "invocation/"))
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) next(w http.ResponseWriter, r *http.Request) {
	var p *pending
	select {
	case p = <-s.queue:
	case <-r.Context().Done():
		return
	}
	p.picked <- time.Now()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Lambda-Runtime-Aws-Request-Id", p.id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(s.timeout).UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:items")
	h.Set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0")
	_, _ = w.Write(p.payload)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, rest string) {
	id, kind, ok := strings.Cut(rest, "/")
	if !ok || (kind != "response" && kind != "error") {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	p := s.inflight[id]
	s.mu.Unlock()
	if p == nil {
		http.Error(w, "unknown request id", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	if f, ok := w.(http.Flusher); ok {
		f.Flush() // the function has its answer before the caller hears of it
	}
	var picked time.Time
	select {
	case picked = <-p.picked:
	default:
	}
	select {
	case p.done <- Result{RequestID: id, PickedUp: picked, Answered: time.Now(), Body: body, Failed: kind == "error"}:
	default:
	}
}

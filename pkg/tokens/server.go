package tokens

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Server is an Issuer serving its JWKS over HTTP on a loopback (or any)
// address. Its BaseURL is "http://" + the address it listens on.
type Server struct {
	*Issuer
	srv  *http.Server
	stop func() bool
	done chan error
}

// Start listens on addr (for example "127.0.0.1:0" for a free port), builds
// an Issuer whose BaseURL is that address unless opts.BaseURL is set, and
// serves Handler until ctx is cancelled or Close is called.
func Start(ctx context.Context, addr string, opts Options) (*Server, error) {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("tokens: listen %s: %w", addr, err)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "http://" + ln.Addr().String()
	}
	iss, err := NewIssuer(opts)
	if err != nil {
		_ = ln.Close()
		return nil, err
	}
	s := &Server{
		Issuer: iss,
		srv:    &http.Server{Handler: iss.Handler(), ReadHeaderTimeout: 5 * time.Second},
		done:   make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	s.stop = context.AfterFunc(ctx, func() { _ = s.srv.Close() })
	return s, nil
}

// Close stops the server and waits for it to finish serving.
func (s *Server) Close() error {
	s.stop()
	err := s.srv.Close()
	if serveErr := <-s.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	s.done <- http.ErrServerClosed // let a second Close return at once
	return err
}

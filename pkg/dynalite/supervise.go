package dynalite

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// MaxRestarts is how many restarts in a row the supervisor tries before it
// gives up; a server that then runs for StableAfter resets the count.
const (
	MaxRestarts = 5
	StableAfter = 30 * time.Second
)

// Supervisor keeps a dynalite server running on one port: when the process
// exits, it logs that it did, with its exit status and its last lines of
// output, and starts it again on the same port and data directory (so
// clients keep their endpoint, and with a data directory nothing written
// is lost: dynalite writes through to disk). After MaxRestarts failed
// restarts in a row it gives up: Done is closed and Err says why.
type Supervisor struct {
	opts   Options
	logger *slog.Logger
	tail   *tail

	mu      sync.Mutex
	current *Server
	closing bool
	done    chan struct{}
	err     error
	stopped chan struct{}
}

// Supervise starts dynalite on opts.Port (a free port when 0) and watches
// it until ctx is cancelled or Close is called.
func Supervise(ctx context.Context, opts Options, logger *slog.Logger) (*Supervisor, error) {
	if opts.Port == 0 {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		opts.Port = port
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	t := &tail{max: 20}
	opts.Output = t
	srv, err := Start(context.WithoutCancel(ctx), opts)
	if err != nil {
		return nil, withOutput(err, t)
	}
	s := &Supervisor{opts: opts, logger: logger, tail: t, current: srv, done: make(chan struct{}), stopped: make(chan struct{})}
	go s.watch(ctx)
	return s, nil
}

// Endpoint is the server's base URL; it stays the same across restarts.
func (s *Supervisor) Endpoint() string { return fmt.Sprintf("http://127.0.0.1:%d", s.opts.Port) }

// Done is closed when the supervisor has given up.
func (s *Supervisor) Done() <-chan struct{} { return s.done }

// Err is why the supervisor gave up, nil before.
func (s *Supervisor) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close stops the server and the supervision. It is safe to call more
// than once.
func (s *Supervisor) Close() error {
	s.mu.Lock()
	s.closing = true
	srv := s.current
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
	<-s.stopped
	return nil
}

// Kill stops the current process abruptly, as a crash would; the
// supervisor restarts it. For tests of the supervision.
func (s *Supervisor) Kill() {
	s.mu.Lock()
	srv := s.current
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
}

func (s *Supervisor) watch(ctx context.Context) {
	defer close(s.stopped)
	failures := 0
	started := time.Now()
	for {
		s.mu.Lock()
		srv := s.current
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			_ = srv.Close()
			return
		case <-srv.Exited():
		}
		s.mu.Lock()
		closing := s.closing
		s.mu.Unlock()
		if closing {
			return
		}
		if time.Since(started) > StableAfter {
			failures = 0
		}
		status := "exit status 0"
		if err := srv.ExitErr(); err != nil {
			status = err.Error()
		}
		memory := ""
		if s.opts.Path == "" {
			memory = " (in memory: what it held is lost; keep data with a data directory)"
		}
		s.logger.Error("dynalite exited; restarting it on the same port"+memory,
			"status", status, "lastOutput", s.tail.String(), "port", s.opts.Port, "dataDir", s.opts.Path)
		for {
			if failures >= MaxRestarts {
				s.giveUp(fmt.Errorf("dynalite exited (%s) and %d restarts failed; last output:\n%s", status, failures, s.tail.String()))
				return
			}
			failures++
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Duration(failures) * 200 * time.Millisecond):
			}
			next, err := Start(context.WithoutCancel(ctx), s.opts)
			if err == nil {
				s.mu.Lock()
				if s.closing {
					s.mu.Unlock()
					_ = next.Close()
					return
				}
				s.current = next
				s.mu.Unlock()
				started = time.Now()
				s.logger.Info("dynalite restarted", "port", s.opts.Port, "attempt", failures)
				break
			}
			status = err.Error()
			s.logger.Error("dynalite restart failed", "attempt", failures, "error", err.Error())
		}
	}
}

func (s *Supervisor) giveUp(err error) {
	s.mu.Lock()
	s.err = err
	s.current = nil
	s.mu.Unlock()
	s.logger.Error("giving up on dynalite", "error", err.Error())
	close(s.done)
}

func withOutput(err error, t *tail) error {
	if out := t.String(); out != "" {
		return fmt.Errorf("%w; output:\n%s", err, out)
	}
	return err
}

// tail keeps the last max lines written to it.
type tail struct {
	mu    sync.Mutex
	max   int
	lines []string
	part  []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.part = append(t.part, p...)
	for {
		i := bytes.IndexByte(t.part, '\n')
		if i < 0 {
			break
		}
		t.lines = append(t.lines, string(t.part[:i]))
		t.part = t.part[i+1:]
		if len(t.lines) > t.max {
			t.lines = t.lines[len(t.lines)-t.max:]
		}
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := append([]string(nil), t.lines...)
	if len(t.part) > 0 {
		lines = append(lines, string(t.part))
	}
	return strings.Join(lines, "\n")
}

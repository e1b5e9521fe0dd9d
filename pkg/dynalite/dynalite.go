// Package dynalite runs dynalite, a DynamoDB-compatible server written for Node,
// as a child process on a loopback port.
//
// The server speaks DynamoDB's wire protocol, so aws-sdk-go-v2 clients talk to it
// exactly as they talk to DynamoDB; only the endpoint differs. The package finds
// the dynalite entry point in the project's node_modules (installed from the
// committed lockfile by `npm ci`) and fails with a clear error when Node or the
// package is missing.
package dynalite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Options configure a server. The zero value starts an in-memory server on a
// free port, finding node_modules by walking up from the working directory.
type Options struct {
	// Port is the loopback port to listen on; 0 picks a free one.
	Port int
	// Path, when set, keeps the data in that directory across restarts.
	// When empty the data lives in memory and is gone when the server stops.
	Path string
	// ModulesDir is the node_modules directory holding dynalite. When empty,
	// the nearest node_modules above the working directory is used.
	ModulesDir string
	// StartTimeout bounds how long Start waits for the port to accept
	// connections. Zero means 30 seconds.
	StartTimeout time.Duration
	// Output receives the process's standard output and error; nil means
	// standard error.
	Output io.Writer
}

// Server is a running dynalite process.
type Server struct {
	cmd      *exec.Cmd
	endpoint string
	done     chan struct{}
	waitErr  error
}

// Exited is closed when the process has exited; ExitErr then tells how.
func (s *Server) Exited() <-chan struct{} { return s.done }

// ExitErr is the process's exit status as exec reports it (nil for a
// clean exit), once Exited is closed.
func (s *Server) ExitErr() error {
	<-s.done
	return s.waitErr
}

// Endpoint is the server's base URL, for example "http://127.0.0.1:43121",
// suitable for AWS_ENDPOINT_URL_DYNAMODB or a client's BaseEndpoint.
func (s *Server) Endpoint() string { return s.endpoint }

// Start launches dynalite and waits until it accepts connections. The process
// is stopped when ctx is cancelled or Close is called.
func Start(ctx context.Context, opts Options) (*Server, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("dynalite: node is not on PATH (install Node.js 18 or newer): %w", err)
	}
	modules := opts.ModulesDir
	if modules == "" {
		modules, err = FindModules()
		if err != nil {
			return nil, err
		}
	}
	cli := filepath.Join(modules, "dynalite", "cli.js")
	if _, err := os.Stat(cli); err != nil {
		return nil, fmt.Errorf("dynalite: %s not found (run `npm ci` at the repository root): %w", cli, err)
	}
	port := opts.Port
	if port == 0 {
		port, err = freePort()
		if err != nil {
			return nil, err
		}
	}
	args := []string{cli, "--host", "127.0.0.1", "--port", strconv.Itoa(port)}
	if opts.Path != "" {
		if err := os.MkdirAll(opts.Path, 0o755); err != nil {
			return nil, fmt.Errorf("dynalite: create data dir: %w", err)
		}
		args = append(args, "--path", opts.Path)
	}
	cmd := exec.Command(node, args...)
	cmd.Stdout, cmd.Stderr = opts.Output, opts.Output
	if opts.Output == nil {
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
	}
	// Own process group, so that stopping the server never leaves a child behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("dynalite: start node: %w", err)
	}
	s := &Server{cmd: cmd, endpoint: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.done)
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.Close()
		case <-s.done:
		}
	}()

	timeout := opts.StartTimeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	deadline := time.Now().Add(timeout)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	for {
		select {
		case <-s.done:
			return nil, fmt.Errorf("dynalite: exited before listening on %s: %v", addr, s.waitErr)
		default:
		}
		conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			_ = conn.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			_ = s.Close()
			return nil, fmt.Errorf("dynalite: not listening on %s after %s", addr, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Close stops the server and waits for the process to exit. It is safe to
// call more than once.
func (s *Server) Close() error {
	select {
	case <-s.done:
		return nil
	default:
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
	}
	return nil
}

// FindModules returns the nearest node_modules directory containing dynalite,
// searching the working directory and its parents.
func FindModules() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("dynalite: working directory: %w", err)
	}
	for {
		candidate := filepath.Join(dir, "node_modules")
		if _, err := os.Stat(filepath.Join(candidate, "dynalite")); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("dynalite: no node_modules with dynalite above the working directory (run `npm ci` at the repository root)")
		}
		dir = parent
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("dynalite: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

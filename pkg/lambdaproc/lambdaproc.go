// Package lambdaproc runs a Lambda function built for a custom runtime
// (provided.al2023, provided.al2: an executable named bootstrap, built for
// the host) as Lambda runs it: each sandbox is one process of the
// executable with a Lambda Runtime API of its own (internal/runtimeapi),
// started when an invocation finds no idle sandbox, and kept for the next
// invocation after it answers. Concurrent invocations therefore run in
// separate processes, and a process serves one invocation at a time, as
// the Lambda developer guide's "Understanding the Lambda execution
// environment lifecycle" describes
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
//
// A sandbox whose process exits, or whose invocation times out, is
// discarded (Lambda stops a sandbox that timed out); the next invocation
// starts a fresh one.
package lambdaproc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"apigwdirect/internal/runtimeapi"
)

// Config describes one function.
type Config struct {
	// Name is the function's name (AWS_LAMBDA_FUNCTION_NAME).
	Name string
	// Bootstrap is the path of the executable.
	Bootstrap string
	// Env is the function's environment variables, from its template.
	Env map[string]string
	// Region is AWS_REGION; empty means us-east-1.
	Region string
	// MemoryMB is AWS_LAMBDA_FUNCTION_MEMORY_SIZE; 0 means 128.
	MemoryMB int
	// Timeout bounds each invocation; 0 means 3 s, Lambda's default.
	Timeout time.Duration
	// Logger receives the processes' output, one record per line.
	Logger *slog.Logger
}

// FunctionError is the function's own failure: what it posted to the
// Runtime API's error endpoint.
type FunctionError struct {
	Message string `json:"errorMessage"`
	Type    string `json:"errorType"`
}

func (e *FunctionError) Error() string { return e.Message }

// Function is a running function. It is safe for concurrent use.
type Function struct {
	cfg Config

	mu     sync.Mutex
	idle   []*sandbox
	all    map[*sandbox]bool
	closed bool
}

// New checks that the bootstrap is an executable file and returns the
// function; no process starts before the first invocation.
func New(cfg Config) (*Function, error) {
	abs, err := filepath.Abs(cfg.Bootstrap)
	if err != nil {
		return nil, fmt.Errorf("lambdaproc: %s: %w", cfg.Name, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("lambdaproc: %s: bootstrap: %w", cfg.Name, err)
	}
	if st.IsDir() || st.Mode()&0o111 == 0 {
		return nil, fmt.Errorf("lambdaproc: %s: bootstrap %s is not an executable file", cfg.Name, abs)
	}
	cfg.Bootstrap = abs
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.MemoryMB == 0 {
		cfg.MemoryMB = 128
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 3 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Function{cfg: cfg, all: map[*sandbox]bool{}}, nil
}

// Invoke runs one invocation in an idle sandbox, or a new one, and
// returns the function's result; a failure the function reported is a
// *FunctionError.
func (f *Function) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	sb, err := f.take()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	// A process that exits mid-invocation ends the wait.
	go func() {
		select {
		case <-sb.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	res, err := sb.api.Invoke(ctx, payload)
	if err != nil {
		f.discard(sb)
		var initErr *runtimeapi.InitError
		switch {
		case errors.As(err, &initErr):
			return nil, fmt.Errorf("lambdaproc: %s: init error: %s", f.cfg.Name, initErr.Body)
		case sb.exited():
			return nil, fmt.Errorf("lambdaproc: %s: the process exited during the invocation: %v", f.cfg.Name, sb.waitErr)
		}
		return nil, fmt.Errorf("lambdaproc: %s: %w", f.cfg.Name, err)
	}
	f.put(sb)
	if res.Failed {
		fe := &FunctionError{}
		if json.Unmarshal(res.Body, fe) != nil || fe.Message == "" {
			fe.Message = string(res.Body)
		}
		return nil, fe
	}
	return res.Body, nil
}

// Close stops every sandbox.
func (f *Function) Close() error {
	f.mu.Lock()
	f.closed = true
	all := make([]*sandbox, 0, len(f.all))
	for sb := range f.all {
		all = append(all, sb)
	}
	f.all, f.idle = map[*sandbox]bool{}, nil
	f.mu.Unlock()
	for _, sb := range all {
		sb.stop()
	}
	return nil
}

// Sandboxes is how many sandboxes are running.
func (f *Function) Sandboxes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.all)
}

func (f *Function) take() (*sandbox, error) {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil, fmt.Errorf("lambdaproc: %s: closed", f.cfg.Name)
	}
	for len(f.idle) > 0 {
		sb := f.idle[len(f.idle)-1]
		f.idle = f.idle[:len(f.idle)-1]
		if !sb.exited() {
			f.mu.Unlock()
			return sb, nil
		}
		delete(f.all, sb)
	}
	f.mu.Unlock()
	sb, err := f.start()
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		sb.stop()
		return nil, fmt.Errorf("lambdaproc: %s: closed", f.cfg.Name)
	}
	f.all[sb] = true
	return sb, nil
}

func (f *Function) put(sb *sandbox) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed || !f.all[sb] {
		sb.stop()
		return
	}
	f.idle = append(f.idle, sb)
}

func (f *Function) discard(sb *sandbox) {
	f.mu.Lock()
	delete(f.all, sb)
	f.mu.Unlock()
	sb.stop()
}

// environment is the sandbox's environment: the function's variables,
// then the ones Lambda defines, which win.
func (f *Function) environment(api string) []string {
	env := map[string]string{"PATH": os.Getenv("PATH"), "TZ": ":UTC", "LANG": "en_US.UTF-8"}
	for k, v := range f.cfg.Env {
		env[k] = v
	}
	for k, v := range map[string]string{
		"AWS_LAMBDA_RUNTIME_API": api, "AWS_LAMBDA_FUNCTION_NAME": f.cfg.Name, "AWS_REGION": f.cfg.Region,
		"AWS_DEFAULT_REGION": f.cfg.Region, "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": fmt.Sprint(f.cfg.MemoryMB), "_HANDLER": "bootstrap",
		"LAMBDA_TASK_ROOT": filepath.Dir(f.cfg.Bootstrap), "AWS_EXECUTION_ENV": "AWS_Lambda_provided.al2023",
	} {
		env[k] = v
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// sandbox is one process and its Runtime API.
type sandbox struct {
	api     *runtimeapi.Server
	cmd     *exec.Cmd
	done    chan struct{}
	waitErr error
}

func (f *Function) start() (*sandbox, error) {
	api, err := runtimeapi.Start(f.cfg.Timeout)
	if err != nil {
		return nil, fmt.Errorf("lambdaproc: %s: %w", f.cfg.Name, err)
	}
	cmd := exec.Command(f.cfg.Bootstrap)
	cmd.Dir = filepath.Dir(f.cfg.Bootstrap)
	cmd.Env = f.environment(api.Addr())
	out := &lineLogger{logger: f.cfg.Logger.With("function", f.cfg.Name)}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		_ = api.Close()
		return nil, fmt.Errorf("lambdaproc: %s: start %s: %w", f.cfg.Name, f.cfg.Bootstrap, err)
	}
	sb := &sandbox{api: api, cmd: cmd, done: make(chan struct{})}
	go func() {
		sb.waitErr = cmd.Wait()
		close(sb.done)
	}()
	return sb, nil
}

func (sb *sandbox) exited() bool {
	select {
	case <-sb.done:
		return true
	default:
		return false
	}
}

// stop kills the process group and closes the Runtime API.
func (sb *sandbox) stop() {
	if !sb.exited() {
		_ = syscall.Kill(-sb.cmd.Process.Pid, syscall.SIGKILL)
		<-sb.done
	}
	_ = sb.api.Close()
}

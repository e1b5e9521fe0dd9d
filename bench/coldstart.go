package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/internal/runtimeapi"
	"apigwdirect/pkg/awsenv"
)

// ItemsPackage is the import path of the items function's main package.
const ItemsPackage = "apigwdirect/functions/items"

// BuildFunction builds the Lambda main package pkg for the host into
// dir/bootstrap, as `make build` does for AWS (CGO off, lambda.norpc,
// stripped) but for the host's OS and architecture and without -trimpath,
// so it reuses what `go test` already compiled. It returns the binary's
// path and must run inside the module.
func BuildFunction(ctx context.Context, pkg, dir string) (string, error) {
	out := filepath.Join(dir, "bootstrap")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "lambda.norpc", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("bench: go build %s: %w\n%s", pkg, err, msg)
	}
	return out, nil
}

// LambdaEnv returns assignments that empty every variable of the host's
// environment that a Lambda sandbox would not have and that the functions
// refuse (awsenv.Refused: a profile, FIPS endpoints, ...), for a function
// started on the host with the host's environment underneath.
func LambdaEnv() []string {
	var env []string
	for _, k := range awsenv.Refused() {
		env = append(env, k+"=")
	}
	return env
}

// ColdStart is one cold start of a function binary.
type ColdStart struct {
	// Init is from process start to the function's first request for work
	// (its initialisation: runtime, configuration, SDK clients).
	Init time.Duration
	// FirstResponse is from process start to its answer to the first
	// invocation: what a caller waits for on a cold start.
	FirstResponse time.Duration
	// Response is the function's answer.
	Response []byte
}

// MeasureColdStart starts bin as the Lambda service would, pointed at a
// Runtime API of its own (AWS_LAMBDA_RUNTIME_API) with env added to the
// current environment, hands it payload as its first invocation, and times
// it. The process is killed once it has answered. An error carries the
// process's output.
//
// Each process gets its own Runtime API, as each Lambda sandbox does: a
// killed process may leave a request for work pending on its server for a
// moment, and on a shared one that request could take the next process's
// invocation.
func MeasureColdStart(ctx context.Context, bin string, env []string, payload []byte) (ColdStart, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	api, err := runtimeapi.Start(time.Minute)
	if err != nil {
		return ColdStart{}, fmt.Errorf("bench: runtime API: %w", err)
	}
	defer api.Close()
	var out lockedBuffer
	cmd := exec.Command(bin)
	cmd.Env = append(append(os.Environ(), env...), "AWS_LAMBDA_RUNTIME_API="+api.Addr())
	cmd.Stdout, cmd.Stderr = &out, &out

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return ColdStart{}, fmt.Errorf("bench: start %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Kill()
		<-exited
	}()

	invokeCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	go func() {
		select {
		case err := <-exited:
			exited <- err // let the deferred cleanup see it too
			if err == nil {
				err = errors.New("exit status 0")
			}
			stop(fmt.Errorf("bench: %s exited before answering: %w", bin, err))
		case <-invokeCtx.Done():
		}
	}()
	res, err := api.Invoke(invokeCtx, payload)
	if err != nil {
		if cause := context.Cause(invokeCtx); cause != nil && !errors.Is(cause, context.Canceled) {
			err = cause
		}
		return ColdStart{}, fmt.Errorf("%w\n%s", err, out.String())
	}
	if res.Failed {
		return ColdStart{}, fmt.Errorf("bench: %s answered with an error: %s\n%s", bin, res.Body, out.String())
	}
	return ColdStart{Init: res.PickedUp.Sub(start), FirstResponse: res.Answered.Sub(start), Response: res.Body}, nil
}

// GetItemEvent is the Lambda proxy event API Gateway sends for
// GET /lambda/items/{id} on stage prod with the stage variable tableName.
func GetItemEvent(id, table string) ([]byte, error) {
	ev := events.APIGatewayProxyRequest{
		Resource:       "/lambda/items/{id}",
		Path:           "/lambda/items/" + id,
		HTTPMethod:     "GET",
		Headers:        map[string]string{"Accept": "application/json", "Host": "localhost"},
		PathParameters: map[string]string{"id": id},
		StageVariables: map[string]string{"tableName": table},
		RequestContext: events.APIGatewayProxyRequestContext{
			AccountID:    "000000000000",
			ResourcePath: "/lambda/items/{id}",
			Stage:        "prod",
			RequestID:    "bench-cold-start",
			HTTPMethod:   "GET",
			Path:         "/prod/lambda/items/" + id,
			APIID:        "local",
			Identity:     events.APIGatewayRequestIdentity{SourceIP: "127.0.0.1"},
		},
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return nil, fmt.Errorf("bench: encode event: %w", err)
	}
	return b, nil
}

// lockedBuffer collects a child's output from two pipes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Command localapi serves a REST API of a CloudFormation template on
// loopback, as API Gateway would: dynalite (data kept under .local/) with
// every table of the template, a local Cognito token issuer per user pool,
// the template's Lambda functions (this project's in-process, others as
// host-built bootstraps given with -function) and the API Gateway
// emulation of pkg/gateway, auth and usage plans included.
//
//	go run ./cmd/localapi -template FILE [-stage NAME] [-addr HOST:PORT] [-data DIR|''] [-credentials FILE]
//	    [-stage-var k=v]... [-function ID=PATH]... [-log-level LEVEL]
//
// It writes the credentials file ({"apiUrl", "apiKeys", "tokens"}), prints
// a ready-to-paste curl for every route of the template, names the methods
// it cannot serve (they answer 500), logs one JSON line per request on
// standard error (and, with -log-level debug, API Gateway's execution-log
// lines), and stops everything on Ctrl-C or SIGTERM, exiting 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"apigwdirect/pkg/localapi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first signal, a second one kills at once.
		<-ctx.Done()
		stop()
	}()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			// Errors of pkg/localapi name the package already.
			msg := err.Error()
			if !strings.HasPrefix(msg, "localapi: ") {
				msg = "localapi: " + msg
			}
			fmt.Fprintln(os.Stderr, msg)
		}
		os.Exit(2)
	}
}

// functions collects repeated -function LogicalId=path/to/bootstrap flags.
type functions map[string]string

func (f functions) String() string {
	parts := make([]string, 0, len(f))
	for k, v := range f {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

func (f functions) Set(v string) error {
	id, path, ok := strings.Cut(v, "=")
	if !ok || id == "" || path == "" {
		return fmt.Errorf("want LogicalId=path/to/bootstrap, got %q", v)
	}
	f[id] = path
	return nil
}

// stageVars collects repeated -stage-var k=v flags.
type stageVars map[string]string

func (s stageVars) String() string {
	parts := make([]string, 0, len(s))
	for k, v := range s {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

func (s stageVars) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("want name=value, got %q", v)
	}
	s[k] = val
	return nil
}

// run parses args, starts the local API, prints how to call it and serves
// until ctx is cancelled.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("localapi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	vars := stageVars{}
	fns := functions{}
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	stage := fs.String("stage", "", "stage to serve; empty means the template's only stage")
	tpl := fs.String("template", localapi.DefaultTemplatePath, "CloudFormation template declaring a REST API")
	data := fs.String("data", ".local/dynamo", "dynalite data directory; empty keeps data in memory")
	creds := fs.String("credentials", ".local/credentials.json", "where to write the API URL, keys and tokens")
	level := fs.String("log-level", "info", "debug (adds API Gateway's execution-log lines), info, warn or error")
	fs.Var(vars, "stage-var", "override a stage variable, name=value (repeatable)")
	fs.Var(fns, "function", "run a provided.al2023/provided.al2 function as a host-built bootstrap, LogicalId=path (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(*level)); err != nil {
		return fmt.Errorf("-log-level %q: want debug, info, warn or error", *level)
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: lv}))
	env, err := localapi.Start(ctx, localapi.Options{
		Addr: *addr, Stage: *stage, DataDir: *data, TemplatePath: *tpl, StageVariables: vars, Logger: logger,
		Bootstraps: fns,
	})
	if err != nil {
		return err
	}
	defer env.Close()
	if err := env.Credentials.WriteFile(*creds); err != nil {
		return err
	}
	tables := strings.Join(env.Tables, ", ")
	if tables == "" {
		tables = "(none in the template)"
	}
	fmt.Fprintf(stdout, "Serving %s\nDynamoDB %s, tables %s\nCredentials in %s. Ctrl-C stops.\n",
		env.URL, env.DynamoDBEndpoint, tables, *creds)
	for _, u := range env.Unsupported {
		fmt.Fprintf(stdout, "Not served locally (answers 500): %s %s: %s\n", u.HTTPMethod, u.ResourcePath, u.Reason)
	}
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, curls(env, *creds))
	select {
	case <-ctx.Done():
	case <-env.Failed():
		_ = env.Close()
		return env.Err()
	}
	if err := env.Close(); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}

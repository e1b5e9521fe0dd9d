// Command localapi serves the synthesized stack on loopback: dynalite with
// data kept under .local/, the items table, a local Cognito token issuer and
// the API Gateway emulation of pkg/gateway, both paths, auth and all.
//
//	go run ./cmd/localapi [-addr 127.0.0.1:8080] [-stage prod] [-stage-var tableName=other]
//
// It writes .local/credentials.json ({"apiUrl", "apiKeys", "tokens"}),
// prints a ready-to-paste curl for every route, logs one JSON line per
// request on standard error, and stops everything on Ctrl-C or SIGTERM.
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
		fmt.Fprintln(os.Stderr, "localapi:", err)
		os.Exit(1)
	}
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
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	stage := fs.String("stage", "prod", "stage to serve")
	tpl := fs.String("template", localapi.DefaultTemplatePath, "synthesized CloudFormation template (JSON)")
	data := fs.String("data", ".local/dynamo", "dynalite data directory; empty keeps data in memory")
	creds := fs.String("credentials", ".local/credentials.json", "where to write the API URL, keys and tokens")
	fs.Var(vars, "stage-var", "override a stage variable, name=value (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	env, err := localapi.Start(ctx, localapi.Options{
		Addr: *addr, Stage: *stage, DataDir: *data, TemplatePath: *tpl, StageVariables: vars, Logger: logger,
	})
	if err != nil {
		return err
	}
	defer env.Close()
	if err := env.Credentials.WriteFile(*creds); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Serving %s\nDynamoDB %s, table %s\nCredentials in %s. Ctrl-C stops.\n\n",
		env.URL, env.DynamoDBEndpoint, env.TableName, *creds)
	fmt.Fprint(stdout, curls(env, *creds))
	<-ctx.Done()
	if err := env.Close(); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}

package bench

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"apigwdirect/pkg/localapi"
)

// snapshotTemplate is the committed synthesized stack, relative to bench/.
const snapshotTemplate = "../cdk/snapshot/stack.template.json"

// localAPI is the in-process local API a benchmark drives: its access log
// and the running API (to flush its authorizer cache).
type localAPI struct {
	accessLog *AccessLog
	env       *localapi.Env
}

// targetFor returns what the benchmarks drive: the deployed stack named by
// API_URL, API_KEY and ID_TOKEN (read through getenv), with no local API;
// or, when API_URL is unset, the local API started in-process on dynalite
// with the usage plans' limits lifted, and its access log. Everything
// started is stopped when tb ends.
func targetFor(tb testing.TB, getenv func(string) string) (Target, *localAPI) {
	tb.Helper()
	if t, ok, err := TargetFromEnv(getenv); ok {
		if err != nil {
			tb.Fatal(err)
		}
		progress("remote target %s", t.BaseURL)
		return t, nil
	}
	raw, err := os.ReadFile(snapshotTemplate)
	if err != nil {
		tb.Fatalf("bench: read the stack template (cdk/snapshot): %v", err)
	}
	lifted, err := LiftLimits(raw)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "stack.template.json")
	if err := os.WriteFile(path, lifted, 0o600); err != nil {
		tb.Fatalf("bench: write template: %v", err)
	}
	al := NewAccessLog()
	start := time.Now()
	env, err := localapi.Start(context.Background(), localapi.Options{
		Addr: "127.0.0.1:0", Stage: "prod", TemplatePath: path, Logger: slog.New(al),
	})
	if err != nil {
		tb.Fatalf("bench: start the local API: %v", err)
	}
	tb.Cleanup(func() { _ = env.Close() })
	t, err := TargetFromCredentials(env.URL, env.Credentials.APIKeys, env.Credentials.Tokens)
	if err != nil {
		tb.Fatal(err)
	}
	progress("local API at %s (started in %v)", env.URL, time.Since(start).Round(time.Millisecond))
	return t, &localAPI{accessLog: al, env: env}
}

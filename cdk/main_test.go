package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// The jsii runtime captures the environment once per process, so tests pass
// context the way -c flags would (strings) as run's extra context rather
// than through CDK_CONTEXT_JSON.
func contextOf(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// testProjectFile is the repository's cdk.json, seen from this package.
var testProjectFile = filepath.Join("..", projectFile)

func placeholderBundles(t *testing.T) (items, authorizer string) {
	t.Helper()
	dir := t.TempDir()
	for _, fn := range []string{"items", "authorizer"} {
		if err := os.MkdirAll(filepath.Join(dir, fn), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fn, "bootstrap"), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "items"), filepath.Join(dir, "authorizer")
}

func TestRunRejectsBadContext(t *testing.T) {
	items, auth := placeholderBundles(t)
	for _, tc := range []struct {
		ctx  map[string]string
		want string
	}{
		{map[string]string{"backend": "http", "itemsCodeDir": items, "authorizerCodeDir": auth}, `backend="http": want "direct" or "lambda"`},
		{map[string]string{"itemsCodeDir": filepath.Join(items, "missing"), "authorizerCodeDir": auth}, "run make build"},
	} {
		err := run(testProjectFile, contextOf(tc.ctx), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run() with %v = %v, want an error containing %q", tc.ctx, err, tc.want)
		}
	}
}

func TestRunSynthesizes(t *testing.T) {
	items, auth := placeholderBundles(t)
	out := t.TempDir()
	if err := run(testProjectFile, contextOf(map[string]string{"backend": "lambda", "itemsCodeDir": items, "authorizerCodeDir": auth}), out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "ApigwDirect.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tpl struct {
		Resources map[string]struct {
			Type       string
			Metadata   map[string]any
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(b, &tpl); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	plainLambda := 0
	for _, r := range tpl.Resources {
		if p, ok := r.Metadata["aws:cdk:path"].(string); ok {
			paths[p] = r.Type
		}
		if r.Type == "AWS::ApiGateway::Method" && strings.HasPrefix(r.Metadata["aws:cdk:path"].(string), "ApigwDirect/Api/Default/items/") {
			if r.Properties["Integration"].(map[string]any)["Type"] == "AWS_PROXY" {
				plainLambda++
			}
		}
	}
	for _, id := range []string{"Table", "Api", "ItemsFunction", "AuthorizerFunction", "UserPool", "UserPoolClient"} {
		if paths["ApigwDirect/"+id+"/Resource"] == "" {
			t.Errorf("no resource with path metadata ApigwDirect/%s/Resource", id)
		}
	}
	if plainLambda != 5 {
		t.Errorf("-c backend=lambda: %d plain /items methods are Lambda proxies, want 5", plainLambda)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"apigwdirect/pkg/gateway/apidef"
)

// TestBinaryServesAndStopsCleanly builds the command, runs it on a free
// port, calls it, stops it with SIGTERM and checks nothing is left running.
func TestBinaryServesAndStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "localapi")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	root, _ := filepath.Abs("../..")
	creds := filepath.Join(dir, "credentials.json")
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-template", "pkg/gateway/testdata/stack.template.json",
		"-data", filepath.Join(dir, "dynamo"), "-credentials", creds, "-stage-var", "greeting=hi")
	cmd.Dir = root
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
	})
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		exited <- cmd.Wait()
	}()
	var apiURL, dynamo string
	var curls []string
	deadline := time.After(60 * time.Second)
	for apiURL == "" || dynamo == "" || len(curls) < 8 {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("command exited before serving")
			}
			switch {
			case strings.HasPrefix(l, "Serving "):
				apiURL = strings.TrimPrefix(l, "Serving ")
			case strings.HasPrefix(l, "DynamoDB "):
				dynamo = strings.Fields(l)[1]
				dynamo = strings.TrimSuffix(dynamo, ",")
			case strings.HasPrefix(l, "curl "):
				curls = append(curls, l)
			}
		case <-deadline:
			t.Fatal("no Serving line within 60s")
		}
	}
	resp, err := http.Get(apiURL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /health: %d", resp.StatusCode)
	}
	var c struct {
		APIURL  string            `json:"apiUrl"`
		APIKeys map[string]string `json:"apiKeys"`
		Tokens  map[string]string `json:"tokens"`
	}
	b, err := os.ReadFile(creds)
	if err != nil || json.Unmarshal(b, &c) != nil || c.APIURL != apiURL || len(c.APIKeys) != 2 || len(c.Tokens) != 2 {
		t.Fatalf("credentials file: %v %s", err, b)
	}
	if !strings.Contains(strings.Join(curls, "\n"), `curl -sS -i -X DELETE -H "Authorization: Bearer $TOKEN" "$API/lambda/items/example"`) {
		t.Fatalf("curls:\n%s", strings.Join(curls, "\n"))
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still running 20s after SIGTERM")
	}
	for _, u := range []string{apiURL, dynamo} {
		pu, _ := url.Parse(u)
		if conn, err := net.DialTimeout("tcp", pu.Host, time.Second); err == nil {
			conn.Close()
			t.Errorf("%s still listening after the command exited", pu.Host)
		}
	}
}

func TestStageVarFlag(t *testing.T) {
	v := stageVars{}
	for _, arg := range []string{"tableName=other", "empty=", "url=a=b"} {
		if err := v.Set(arg); err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
	}
	if v["tableName"] != "other" || v["empty"] != "" || v["url"] != "a=b" {
		t.Fatalf("parsed %v", v)
	}
	for _, bad := range []string{"novalue", "=x"} {
		if err := v.Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFunctionFlag(t *testing.T) {
	f := functions{}
	for _, arg := range []string{"AppFunction=dist/app/bootstrap", "Auth=./a=b"} {
		if err := f.Set(arg); err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
	}
	if f["AppFunction"] != "dist/app/bootstrap" || f["Auth"] != "./a=b" {
		t.Fatalf("parsed %v", f)
	}
	for _, bad := range []string{"AppFunction", "=x", "AppFunction="} {
		if err := f.Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestErrorsNameWhatFailedOnce: a bad template, stage or -function is one
// error naming it, prefixed once.
func TestErrorsNameWhatFailedOnce(t *testing.T) {
	root, _ := filepath.Abs("../..")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-template", filepath.Join(root, "pkg/localapi/testdata/catalog.template.json"), "-stage", "dev"}, "dev"},
		{[]string{"-template", filepath.Join(root, "pkg/localapi/testdata/greeter.template.json"), "-function", "Missing=/bin/true"}, "Missing"},
		{[]string{"-log-level", "loud"}, "loud"},
	} {
		args := append([]string{"-addr", "127.0.0.1:0", "-data", "", "-credentials", filepath.Join(t.TempDir(), "c.json")}, c.args...)
		err := run(t.Context(), args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Count(err.Error(), "localapi:") > 1 {
			t.Errorf("%v: err = %v", c.args, err)
		}
	}
}

// TestCurlFollowsTheMethod: a key under the HEADER source, the required
// query string parameters, a body for a write, the identity header of
// another API's Lambda authorizer.
func TestCurlFollowsTheMethod(t *testing.T) {
	m := &apidef.Method{HTTPMethod: "GET", ResourcePath: "/products/{id}", APIKeyRequired: true,
		RequestParameters: map[string]bool{"method.request.querystring.category": true, "method.request.querystring.opt": false}}
	if got, want := curl(m, "HEADER"), `curl -sS -i -X GET -H "x-api-key: $KEY" "$API/products/example?category=example"`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := curl(m, "AUTHORIZER"); strings.Contains(got, "x-api-key") {
		t.Errorf("under the AUTHORIZER source: %s", got)
	}
	w := &apidef.Method{HTTPMethod: "POST", ResourcePath: "/hello", AuthorizationType: "CUSTOM",
		Authorizer: &apidef.Authorizer{Type: "TOKEN", IdentitySources: []string{"method.request.header.authorizationToken"}}}
	if got, want := curl(w, "HEADER"), `curl -sS -i -X POST -H 'authorizationToken: <token value>' -H 'Content-Type: application/json' -d '{}' "$API/hello"`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

package lambdaproc

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"apigwdirect/internal/testenv"
)

func proxyEvent(name string) []byte {
	b, _ := json.Marshal(map[string]any{"pathParameters": map[string]string{"name": name}})
	return b
}

// TestSandboxPerConcurrentInvocationReusedAfter: two invocations at once
// run in two processes; the ones after reuse them (the Lambda execution
// environment lifecycle, see the package doc); the function's environment
// reaches the process; an error the function returns is a FunctionError.
func TestSandboxPerConcurrentInvocationReusedAfter(t *testing.T) {
	t.Parallel()
	bin := testenv.BuildBootstrap(t, "apigwdirect/internal/testenv/testdata/hello")
	f, err := New(Config{Name: "hello", Bootstrap: bin, Env: map[string]string{"GREETING": "hi"}, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type answer struct {
		Message string `json:"message"`
		PID     int    `json:"pid"`
	}
	invoke := func(name string) answer {
		out, err := f.Invoke(context.Background(), proxyEvent(name))
		if err != nil {
			t.Error(err)
			return answer{}
		}
		var resp struct{ Body string }
		var a answer
		if json.Unmarshal(out, &resp) != nil || json.Unmarshal([]byte(resp.Body), &a) != nil {
			t.Errorf("answer %s", out)
		}
		return a
	}
	var wg sync.WaitGroup
	pids := make([]int, 2)
	for i := range pids {
		wg.Add(1)
		go func() { defer wg.Done(); pids[i] = invoke("slow").PID }()
	}
	wg.Wait()
	if pids[0] == pids[1] || pids[0] == 0 {
		t.Fatalf("concurrent invocations ran in processes %v, want two", pids)
	}
	if n := f.Sandboxes(); n != 2 {
		t.Fatalf("%d sandboxes, want 2", n)
	}
	a := invoke("ann")
	if a.Message != "hi, ann" || (a.PID != pids[0] && a.PID != pids[1]) {
		t.Fatalf("after: %+v, want a reused sandbox of %v", a, pids)
	}
	_, err = f.Invoke(context.Background(), proxyEvent("fail"))
	var fe *FunctionError
	if !errors.As(err, &fe) || fe.Message != "asked to fail" {
		t.Fatalf("err = %v, want the function's error", err)
	}
}

func TestTimeoutDiscardsTheSandbox(t *testing.T) {
	t.Parallel()
	bin := testenv.BuildBootstrap(t, "apigwdirect/internal/testenv/testdata/hello")
	f, err := New(Config{Name: "hello", Bootstrap: bin, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Invoke(context.Background(), proxyEvent("slow")); err == nil {
		t.Fatal("a 300 ms invocation within a 100 ms timeout succeeded")
	}
	if n := f.Sandboxes(); n != 0 {
		t.Fatalf("%d sandboxes after a timeout, want 0", n)
	}
}

func TestNewRefusesWhatIsNotExecutable(t *testing.T) {
	if _, err := New(Config{Name: "x", Bootstrap: t.TempDir()}); err == nil {
		t.Fatal("a directory accepted as bootstrap")
	}
}

package runtimeapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// fakeFunction plays aws-lambda-go's side of the protocol once: fetch an
// invocation, then post answer to /response (or /error when fail is set).
func fakeFunction(t *testing.T, addr string, answer string, fail bool) {
	t.Helper()
	base := "http://" + addr + "/2018-06-01/runtime/invocation/"
	resp, err := http.Get(base + "next")
	if err != nil {
		t.Errorf("next: %v", err)
		return
	}
	payload, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("next: status %d", resp.StatusCode)
		return
	}
	id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
	deadline, err := strconv.ParseInt(resp.Header.Get("Lambda-Runtime-Deadline-Ms"), 10, 64)
	if err != nil || time.UnixMilli(deadline).Before(time.Now()) {
		t.Errorf("deadline header %q is not a future epoch in ms", resp.Header.Get("Lambda-Runtime-Deadline-Ms"))
	}
	kind := "response"
	if fail {
		kind = "error"
	}
	post, err := http.Post(base+id+"/"+kind, "application/json", bytes.NewBufferString(answer+string(payload)))
	if err != nil {
		t.Errorf("post: %v", err)
		return
	}
	post.Body.Close()
	if post.StatusCode != http.StatusAccepted {
		t.Errorf("post: status %d, want 202", post.StatusCode)
	}
}

func TestInvokeRoundTrip(t *testing.T) {
	s, err := Start(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	for i, fail := range []bool{false, true} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			fakeFunction(t, s.Addr(), "echo:", fail)
		}()
		start := time.Now()
		r, err := s.Invoke(ctx, []byte(`{"n":`+strconv.Itoa(i)+`}`))
		if err != nil {
			t.Fatal(err)
		}
		<-done
		if want := `echo:{"n":` + strconv.Itoa(i) + `}`; string(r.Body) != want {
			t.Errorf("body = %q, want %q", r.Body, want)
		}
		if r.Failed != fail {
			t.Errorf("Failed = %v, want %v", r.Failed, fail)
		}
		if r.PickedUp.Before(start) || r.Answered.Before(r.PickedUp) {
			t.Errorf("times out of order: start %v picked %v answered %v", start, r.PickedUp, r.Answered)
		}
		if r.RequestID == "" {
			t.Error("empty request id")
		}
	}
}

func TestInvokeInitError(t *testing.T) {
	s, err := Start(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	done := make(chan struct{})
	defer func() { <-done }()
	go func() {
		defer close(done)
		resp, err := http.Post("http://"+s.Addr()+"/2018-06-01/runtime/init/error", "application/json", bytes.NewBufferString(`{"errorMessage":"boom"}`))
		if err == nil {
			resp.Body.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = s.Invoke(ctx, []byte(`{}`))
	var ie *InitError
	if !errors.As(err, &ie) || ie.Body != `{"errorMessage":"boom"}` {
		t.Fatalf("err = %v, want an InitError carrying the body", err)
	}
}

func TestInvokeHonoursContext(t *testing.T) {
	s, err := Start(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.Invoke(ctx, []byte(`{}`)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestUnknownAnswer(t *testing.T) {
	s, err := Start(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp, err := http.Post("http://"+s.Addr()+"/2018-06-01/runtime/invocation/nope/response", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, want 400", resp.StatusCode)
	}
}

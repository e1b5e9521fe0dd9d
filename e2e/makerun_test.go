package e2e

import (
	"apigwdirect/internal/testenv"

	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMakeRunStartsAndStopsCleanly runs `make run` as a user would, calls the
// API it serves, presses Ctrl-C (SIGINT to the foreground process group) and
// checks that no process it started is left: not make, not the API, not
// dynalite.
func TestMakeRunStartsAndStopsCleanly(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatalf("make is not installed: %v", err)
	}
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	_ = l.Close()
	creds := filepath.Join(dir, "credentials.json")
	args := "-addr 127.0.0.1:" + port + " -data " + filepath.Join(dir, "dynamo") + " -credentials " + creds
	var out testenv.Buffer
	cmd := exec.Command("make", "--no-print-directory", "run", "ARGS="+args)
	cmd.Dir = ".."
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pgid := cmd.Process.Pid
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = syscall.Kill(-pgid, syscall.SIGKILL) })

	// Ready when the credentials are written and the API answers with them.
	deadline := time.Now().Add(4 * time.Minute)
	var tg Target
	for {
		if b, err := os.ReadFile(creds); err == nil {
			var c struct {
				APIURL  string            `json:"apiUrl"`
				APIKeys map[string]string `json:"apiKeys"`
				Tokens  map[string]string `json:"tokens"`
			}
			if json.Unmarshal(b, &c) == nil && c.APIURL != "" {
				tg = Target{BaseURL: c.APIURL, APIKeys: c.APIKeys, Tokens: c.Tokens}
				break
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("make run exited before serving: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("make run did not write %s in time:\n%s", creds, out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !strings.Contains(tg.BaseURL, "127.0.0.1:"+port+"/prod") {
		t.Fatalf("apiUrl %q is not on the requested port", tg.BaseURL)
	}
	w := bearer(tg.writeToken(t))
	if r := tg.do(t, "POST", "/items", itemJSON("make-run", "Make", "1", nil), w); r.Status != 201 {
		t.Fatalf("create through make run: %d %s", r.Status, r.Body)
	}
	if !strings.Contains(out.String(), "curl") {
		t.Errorf("make run printed no curl command:\n%s", out.String())
	}

	if err := syscall.Kill(-pgid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	case <-time.After(60 * time.Second):
		t.Fatalf("make run still running 60 s after Ctrl-C:\n%s", out.String())
	}
	// Give the kernel a moment to reap, then look for anything left behind.
	var left []string
	for i := 0; i < 50; i++ {
		left = processesMentioning(dir)
		if len(left) == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(left) > 0 {
		t.Fatalf("processes left after Ctrl-C: %v", left)
	}
	if c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second); err == nil {
		_ = c.Close()
		t.Fatalf("port %s still accepts connections after Ctrl-C", port)
	}
}

// processesMentioning lists the live processes whose command line contains s.
func processesMentioning(s string) []string {
	entries, _ := os.ReadDir("/proc")
	var found []string
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if strings.Contains(string(stat), ") Z ") {
			continue // a zombie is already dead
		}
		cmdline := strings.ReplaceAll(string(b), "\x00", " ")
		if strings.Contains(cmdline, s) {
			found = append(found, e.Name()+": "+cmdline)
		}
	}
	return found
}

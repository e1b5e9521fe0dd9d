package vtl

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// diffCase is one template of testdata/diff_cases.txt.
type diffCase struct {
	name, template string
}

// loadDiffCases reads the "--- name" separated templates.
func loadDiffCases(t testing.TB) []diffCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "diff_cases.txt"))
	if err != nil {
		t.Fatalf("read cases: %v", err)
	}
	var cases []diffCase
	var cur *diffCase
	var body []string
	finish := func() {
		if cur != nil {
			cur.template = strings.Join(body, "\n")
			cases = append(cases, *cur)
		}
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if name, ok := strings.CutPrefix(line, "--- "); ok {
			finish()
			cur = &diffCase{name: name}
			body = nil
			continue
		}
		if cur == nil {
			continue // file header comments
		}
		body = append(body, line)
	}
	finish()
	// The file's last newline ends the last template's last line.
	if n := len(cases); n > 0 {
		cases[n-1].template = strings.TrimSuffix(cases[n-1].template, "\n")
	}
	return cases
}

// diffContextJSON is the data both engines see as $context and
// $stageVariables. Keys are sorted, as the Go engine sorts Env maps.
const diffContextJSON = `{
 "context": {"authorizer": {"claims": {"email": "a@b.c", "sub": "abc"}, "principalId": "user-1"},
   "e": "", "f": 2.5, "httpMethod": "POST", "identity": {"sourceIp": "1.2.3.4"},
   "items": ["x", "y", "z"], "m": {"a": 1, "b": "two"}, "n": 7, "nums": [3, 11, 2],
   "requestId": "req-1", "resourcePath": "/items", "stage": "prod", "t": true},
 "stageVariables": {"env": "test", "tableName": "Items"}
}`

// diffEnv builds the Go Env matching diffContextJSON.
func diffEnv(t testing.TB) *Env {
	t.Helper()
	var data struct {
		Context        map[string]any    `json:"context"`
		StageVariables map[string]string `json:"stageVariables"`
	}
	dec := json.NewDecoder(strings.NewReader(diffContextJSON))
	dec.UseNumber()
	if err := dec.Decode(&data); err != nil {
		t.Fatalf("decode context: %v", err)
	}
	return &Env{Context: data.Context, StageVariables: data.StageVariables}
}

// runnerResult is velocityjs' answer for one case.
type runnerResult struct {
	Name   string  `json:"name"`
	Output *string `json:"output"`
	Error  string  `json:"error"`
}

// runVelocityjs renders all cases in one node process.
func runVelocityjs(t testing.TB, cases []diffCase) map[string]runnerResult {
	t.Helper()
	var ctx any
	if err := json.Unmarshal([]byte(diffContextJSON), &ctx); err != nil {
		t.Fatal(err)
	}
	type reqCase struct {
		Name     string `json:"name"`
		Template string `json:"template"`
		Context  any    `json:"context"`
	}
	req := struct {
		Mode  string    `json:"mode"`
		Cases []reqCase `json:"cases"`
	}{Mode: "render"}
	for _, c := range cases {
		req.Cases = append(req.Cases, reqCase{c.name, c.template, ctx})
	}
	var resp struct {
		Version string         `json:"version"`
		Results []runnerResult `json:"results"`
	}
	runVelocityjsRunner(t, req, &resp)
	byName := make(map[string]runnerResult, len(resp.Results))
	for _, r := range resp.Results {
		byName[r.Name] = r
	}
	return byName
}

// TestDifferentialVelocityjs renders every case with this engine and with
// velocityjs and requires equal output, except for the intended
// differences of diffSkips, where the Go output must be the Velocity 1.7
// (Java) answer recorded there and velocityjs must indeed differ.
func TestDifferentialVelocityjs(t *testing.T) {
	cases := loadDiffCases(t)
	if len(cases) < 200 {
		t.Fatalf("only %d differential cases, want at least 200", len(cases))
	}
	js := runVelocityjs(t, cases)
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("duplicate case name %s", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			tpl, err := Parse(c.name, c.template)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got, err := tpl.Render(diffEnv(t))
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			r, ok := js[c.name]
			if !ok {
				t.Fatalf("no velocityjs result")
			}
			jsOut := "<error: " + r.Error + ">"
			if r.Output != nil {
				jsOut = *r.Output
			}
			if skip, ok := diffSkips[c.name]; ok {
				if got != skip.java {
					t.Errorf("Go output %q, want the Velocity 1.7 answer %q (%s)", got, skip.java, skip.reason)
				}
				if jsOut == got {
					t.Errorf("listed as a difference but velocityjs agrees: %q; remove it from diffSkips", got)
				}
				return
			}
			if got != jsOut {
				t.Errorf("template %q:\n go: %q\n js: %q", c.template, got, jsOut)
			}
		})
	}
	for name := range diffSkips {
		if !seen[name] {
			t.Errorf("diffSkips lists unknown case %s", name)
		}
	}
}

// runVelocityjsRunner sends req as JSON to testdata/velocityjs_runner.js in
// one node process and decodes its answer into resp. It fails the test when
// node or velocityjs is missing: `make test` installs velocityjs with npm ci.
func runVelocityjsRunner(tb testing.TB, req, resp any) {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		tb.Fatalf("node is required to run velocityjs: %v", err)
	}
	in, err := json.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "velocityjs_runner.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("velocityjs runner failed (is velocityjs installed? run npm ci): %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(out, resp); err != nil {
		tb.Fatalf("velocityjs runner output: %v", err)
	}
}

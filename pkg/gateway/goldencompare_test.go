package gateway

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readSample decodes a file of aws-lambda-go's events/testdata into out.
func readSample(t *testing.T, name string, out any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(awsEventsTestdata(t), name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// awsEventsTestdata is aws-lambda-go's events/testdata in the module cache.
func awsEventsTestdata(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-lambda-go").Output()
	if err != nil {
		t.Fatalf("locate aws-lambda-go: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "events", "testdata")
}

// compareGolden compares got and want as JSON, after masking c.masked and
// dropping c.known on both sides.
func compareGolden(t *testing.T, c goldenCase, got, want any) {
	t.Helper()
	g, w := jsonObject(t, got), jsonObject(t, want)
	for _, p := range c.masked {
		gOK, wOK := setPath(g, p, "<masked>"), setPath(w, p, "<masked>")
		if gOK != wOK {
			t.Errorf("%s: present in the local event %v, in the captured one %v", p, gOK, wOK)
		}
	}
	for p := range c.known {
		if !deletePath(w, p) {
			t.Errorf("known difference %s is not in the captured event: drop it from the list", p)
		}
		deletePath(g, p)
	}
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", " ")
		wb, _ := json.MarshalIndent(w, "", " ")
		t.Errorf("the local event differs from %s:\n%s", c.sample, jsonDiff("", g, w))
		t.Logf("local:\n%s\ncaptured:\n%s", gb, wb)
	}
}

// setPath sets the value at a slash-separated path of m, reporting whether
// it was there.
func setPath(m map[string]any, path string, v any) bool {
	parent, key, ok := walkPath(m, path)
	if ok {
		parent[key] = v
	}
	return ok
}

// deletePath removes the value at path, reporting whether it was there.
func deletePath(m map[string]any, path string) bool {
	parent, key, ok := walkPath(m, path)
	if ok {
		delete(parent, key)
	}
	return ok
}

func walkPath(m map[string]any, path string) (map[string]any, string, bool) {
	parts := strings.Split(path, "/")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			return nil, "", false
		}
		m = next
	}
	last := parts[len(parts)-1]
	_, ok := m[last]
	return m, last, ok
}

// jsonDiff lists the paths where two decoded JSON values differ.
func jsonDiff(at string, got, want any) string {
	g, gOK := got.(map[string]any)
	w, wOK := want.(map[string]any)
	if !gOK || !wOK {
		if reflect.DeepEqual(got, want) {
			return ""
		}
		return fmt.Sprintf("  %s: local %v, captured %v\n", at, got, want)
	}
	var b strings.Builder
	keys := map[string]bool{}
	for k := range g {
		keys[k] = true
	}
	for k := range w {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	for _, k := range sorted {
		gv, inG := g[k]
		wv, inW := w[k]
		switch {
		case !inG:
			fmt.Fprintf(&b, "  %s/%s: only in the captured event: %v\n", at, k, wv)
		case !inW:
			fmt.Fprintf(&b, "  %s/%s: only in the local event: %v\n", at, k, gv)
		default:
			b.WriteString(jsonDiff(at+"/"+k, gv, wv))
		}
	}
	return b.String()
}

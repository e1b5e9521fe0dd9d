package stack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// snapshotPath is the committed template the local API serves from.
var snapshotPath = filepath.Join("..", "snapshot", "stack.template.json")

// Hashes that depend on the bytes of the Lambda bundles: asset hashes (S3
// keys, asset paths) and the suffix of the functions' version logical ids.
var (
	assetHash   = regexp.MustCompile(`\b[0-9a-f]{64}\b`)
	versionHash = regexp.MustCompile(`(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}`)
)

// normalizeTemplate renders a template canonically (sorted keys, two-space
// indent, no HTML escaping) with bundle-dependent hashes replaced.
func normalizeTemplate(doc map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encoding template: %w", err)
	}
	out := assetHash.ReplaceAll(buf.Bytes(), []byte(strings.Repeat("0", 64)))
	out = versionHash.ReplaceAll(out, []byte("${1}"+strings.Repeat("0", 32)))
	return out, nil
}

func TestNormalizeTemplate(t *testing.T) {
	in := map[string]any{
		"Resources": map[string]any{
			"FnCurrentVersionB741CD0D58e88900cf98050e356726d8379f16d3": map[string]any{"Code": "<ec6a7104c6211eeb6999dd6acb5d5d8e0e36bf463d05e5bfb06f8b9fbd67001b.zip>"},
		},
	}
	got, err := normalizeTemplate(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "Resources": {
    "FnCurrentVersionB741CD0D00000000000000000000000000000000": {
      "Code": "<0000000000000000000000000000000000000000000000000000000000000000.zip>"
    }
  }
}
`
	if string(got) != want {
		t.Errorf("normalizeTemplate:\n%s\nwant:\n%s", got, want)
	}
}

// TestSnapshot fails when the synthesized default template drifts from the
// committed snapshot. UPDATE_SNAPSHOT=1 rewrites the snapshot instead.
func TestSnapshot(t *testing.T) {
	s := getDefault(t)
	got, err := normalizeTemplate(s.doc)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("UPDATE_SNAPSHOT") == "1" {
		if err := os.WriteFile(snapshotPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", snapshotPath)
		return
	}
	want, err := os.ReadFile(snapshotPath)
	if err != nil {
		t.Fatalf("%v (UPDATE_SNAPSHOT=1 go test ./cdk/stack -run TestSnapshot writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("synthesized template drifted from %s: %s\n(UPDATE_SNAPSHOT=1 go test ./cdk/stack -run TestSnapshot rewrites it)",
			snapshotPath, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d: snapshot %q, synth %q", i+1, w, g)
		}
	}
	return "no line differs"
}

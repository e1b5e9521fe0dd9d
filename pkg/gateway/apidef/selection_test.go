package apidef

import "testing"

// TestSelectionPatternsMatchWholeStatus: a pattern must match the whole
// status text and cannot escape its anchors.
func TestSelectionPatternsMatchWholeStatus(t *testing.T) {
	for _, c := range []struct {
		pattern, status string
		want            bool
	}{
		{`4\d{2}`, "404", true},
		{`4\d{2}`, "4040", false},
		{`4\d{2}`, "1404", false},
		{`4|40`, "40", true}, // the longer alternative completes the match
		{`\Q4\E0`, "40", true},
		{`\Q40`, "40", true}, // unterminated \Q quotes to the end, as in Java
		{`5\d\d|4\d\d`, "503", true},
	} {
		p, err := CompilePattern(c.pattern)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		if got := p.Matches(c.status); got != c.want {
			t.Errorf("%q on %q = %v, want %v", c.pattern, c.status, got, c.want)
		}
	}
	// Spliced into ^(?:...)$ this pattern used to compile and match
	// everything; on its own it is the unbalanced regexp it is.
	if _, err := CompilePattern(`4\d\d)|(.*`); err == nil {
		t.Fatal("an unbalanced pattern compiled")
	}
}

package gateway

import (
	"regexp"
	"regexp/syntax"
	"testing"

	"apigwdirect/pkg/gateway/apidef"
)

// anchored is the oracle for fullMatch: the pattern's parse tree wrapped
// between begin- and end-of-text, so nothing in the pattern can escape
// the anchors.
func anchored(t *testing.T, p string) *regexp.Regexp {
	t.Helper()
	tree, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		t.Fatalf("%q compiled but does not parse: %v", p, err)
	}
	whole := &syntax.Regexp{Op: syntax.OpConcat, Flags: syntax.Perl, Sub: []*syntax.Regexp{
		{Op: syntax.OpBeginText}, {Op: syntax.OpCapture, Sub: []*syntax.Regexp{tree}}, {Op: syntax.OpEndText}}}
	re, err := regexp.Compile(whole.String())
	if err != nil {
		t.Skipf("oracle cannot re-compile %q: %v", whole, err)
	}
	return re
}

// FuzzIntegrationResponseSelection selects among a default response and
// one with an arbitrary selection pattern for an arbitrary status text. It
// must never panic; the patterned response is chosen exactly when its
// pattern matches the whole text, and the default otherwise.
func FuzzIntegrationResponseSelection(f *testing.F) {
	for _, s := range []struct{ pattern, status string }{
		{`4\d{2}`, "404"}, {`4\d{2}`, "4040"}, {`400`, "400"}, {`5\d\d`, "200"},
		{`4\d\d)|(.*`, "200"}, {`\Q4`, "4"}, {`4|40`, "40"}, {`(?i)ERR.*`, "error: x"},
		{`.*ConditionalCheckFailed.*`, "ConditionalCheckFailedException"}, {`a**`, "a"},
		{`(a`, "a"}, {`^404$`, "404"}, {`\b`, ""}, {`(?m)^4$`, "4\n4"}, {"", "200"},
	} {
		f.Add(s.pattern, s.status)
	}
	f.Fuzz(func(t *testing.T, pattern, status string) {
		if pattern == "" {
			t.Skip() // an empty pattern is the default response itself
		}
		def := &apidef.IntegrationResponse{StatusCode: 200}
		re, err := apidef.CompilePattern(pattern)
		if err != nil {
			if _, perr := syntax.Parse(pattern, syntax.Perl); perr == nil {
				t.Fatalf("%q parses but does not compile: %v", pattern, err)
			}
			return
		}
		patterned := &apidef.IntegrationResponse{SelectionPattern: pattern, StatusCode: 400, Pattern: re}
		got := selectResponse([]*apidef.IntegrationResponse{def, patterned}, status)
		want := def
		if anchored(t, pattern).MatchString(status) {
			want = patterned
		}
		if got != want {
			t.Fatalf("pattern %q, status %q: selected %d, want %d", pattern, status, got.StatusCode, want.StatusCode)
		}
		if selectResponse(nil, status) != nil || selectResponse([]*apidef.IntegrationResponse{patterned}, status) == def {
			t.Fatal("selection invented a response")
		}
	})
}

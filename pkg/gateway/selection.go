package gateway

import (
	"fmt"
	"regexp"
)

// compileSelectionPattern compiles an integration response's
// SelectionPattern. API Gateway requires the pattern to match the whole
// status text (Java's Matcher.matches), so the regexp is compiled on its
// own, never spliced into "^(?:...)$": splicing lets a pattern such as
// `4\d\d)|(.*` escape the anchors and `\Q...` swallow them. Leftmost-longest
// semantics make fullMatch exact: if any match spans the whole text, the
// leftmost-longest one does.
func compileSelectionPattern(p string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("selection pattern %q: %w", p, err)
	}
	re.Longest()
	return re, nil
}

// fullMatch reports whether re, compiled by compileSelectionPattern,
// matches all of s.
func fullMatch(re *regexp.Regexp, s string) bool {
	loc := re.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s)
}

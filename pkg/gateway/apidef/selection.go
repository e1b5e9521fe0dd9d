package apidef

import (
	"fmt"
	"regexp"
)

// Pattern is an integration response's SelectionPattern, compiled. API
// Gateway requires the pattern to match the whole status text (Java's
// Matcher.matches), so the regexp is compiled on its own, never spliced
// into "^(?:...)$": splicing lets a pattern such as `4\d\d)|(.*` escape the
// anchors and `\Q...` swallow them. Leftmost-longest semantics make
// Matches exact: if any match spans the whole text, the leftmost-longest
// one does.
type Pattern struct{ re *regexp.Regexp }

// CompilePattern compiles a SelectionPattern; a pattern Go's regexp syntax
// refuses is an error naming it.
func CompilePattern(p string) (*Pattern, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("selection pattern %q: %w", p, err)
	}
	re.Longest()
	return &Pattern{re: re}, nil
}

// Matches reports whether the pattern matches all of s.
func (p *Pattern) Matches(s string) bool {
	loc := p.re.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s)
}

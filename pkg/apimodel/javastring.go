package apimodel

import (
	"sort"
	"unicode/utf16"
)

// javaLess orders strings as Java's String.compareTo does: by UTF-16 code
// unit, which differs from Go's byte order for characters above U+FFFF
// against those from U+E000 to U+FFFF. The Java library sorts property
// names and required lists this way.
func javaLess(a, b string) bool {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return ua[i] < ub[i]
		}
	}
	return len(ua) < len(ub)
}

// sortJava sorts s in place with javaLess.
func sortJava(s []string) {
	sort.Slice(s, func(i, j int) bool { return javaLess(s[i], s[j]) })
}

package vtl

import (
	"regexp"
	"testing"
)

// FuzzReplaceClass holds replaceClass, the one-pass replaceAll of a
// character class by a literal, equal to the regexp package's
// ReplaceAllLiteralString, on any string (invalid UTF-8 included).
func FuzzReplaceClass(f *testing.F) {
	patterns := []string{`[\x{0}-\x{7F}]`, `[\x{0}-\x{7FF}\x{10000}-\x{10FFFF}]`, `[a-z]`, `(?i)[a-c]`, `[^0-9]`, `\d`, `\s`, `[\x{FFFD}a]`}
	for i, s := range []string{"", "abc", "é€😀", "a\xffb", "A1 b2\n", "\uFFFD"} {
		f.Add(uint8(i), s, "")
		f.Add(uint8(i), s, "xy")
	}
	f.Fuzz(func(t *testing.T, pi uint8, s, repl string) {
		re := regexp.MustCompile(patterns[int(pi)%len(patterns)])
		got, ok := replaceClass(re, s, repl)
		if !ok {
			t.Fatalf("%s is a character class", re)
		}
		if want := re.ReplaceAllLiteralString(s, repl); got != want {
			t.Fatalf("%s on %q by %q: %q, want %q", re, s, repl, got, want)
		}
	})
}

func TestReplaceClassLeavesOtherPatterns(t *testing.T) {
	for _, p := range []string{`.`, `a`, `ab`, `[a-z]+`, `a*`} {
		if _, ok := replaceClass(regexp.MustCompile(p), "abc", ""); ok {
			t.Errorf("%s taken as one character class", p)
		}
	}
}

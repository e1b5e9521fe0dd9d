package vtl

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// javaString gives Java's UTF-16 view of a Go string for index-based
// methods; ASCII strings are used as they are.
type javaString struct {
	s     string
	ascii bool
	u     []uint16
}

func newJavaString(s string) javaString {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return javaString{s: s, u: utf16.Encode([]rune(s))}
		}
	}
	return javaString{s: s, ascii: true}
}

func (j javaString) len() int {
	if j.ascii {
		return len(j.s)
	}
	return len(j.u)
}

// slice returns the substring of UTF-16 units [b, e).
func (j javaString) slice(b, e int) string {
	if j.ascii {
		return j.s[b:e]
	}
	return string(utf16.Decode(j.u[b:e]))
}

// indexOf finds sub at or after UTF-16 index from.
func (j javaString) indexOf(sub string, from int) int {
	if from < 0 {
		from = 0
	}
	if from > j.len() {
		return -1
	}
	if j.ascii {
		i := strings.Index(j.s[from:], sub)
		if i < 0 {
			return -1
		}
		return i + from
	}
	su := utf16.Encode([]rune(sub))
	for i := from; i+len(su) <= len(j.u); i++ {
		if equalUnits(j.u[i:i+len(su)], su) {
			return i
		}
	}
	return -1
}

// lastIndexOf finds the last sub starting at or before from.
func (j javaString) lastIndexOf(sub string, from int) int {
	su := utf16.Encode([]rune(sub))
	u := j.u
	if j.ascii {
		u = utf16.Encode([]rune(j.s))
	}
	if from > len(u)-len(su) {
		from = len(u) - len(su)
	}
	for i := from; i >= 0; i-- {
		if equalUnits(u[i:i+len(su)], su) {
			return i
		}
	}
	return -1
}

func equalUnits(a, b []uint16) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// errNullArg is Java's NullPointerException for a null argument.
var errNullArg = errors.New("null argument")

// stringArgs checks that all args are strings; ok false means no such
// method signature.
func stringArgs(args []any) ([]string, bool, error) {
	out := make([]string, len(args))
	for i, a := range args {
		switch x := a.(type) {
		case nil:
			return nil, false, errNullArg
		case string:
			out[i] = x
		default:
			return nil, false, nil
		}
	}
	return out, true, nil
}

// stringMethod implements java.lang.String methods.
func (st *state) stringMethod(s, name string, args []any) (any, error) {
	switch name {
	case "length", "isEmpty", "trim", "toLowerCase", "toUpperCase", "toString", "hashCode":
		if len(args) != 0 {
			return nil, nil
		}
		switch name {
		case "length":
			return int64(newJavaString(s).len()), nil
		case "isEmpty":
			return s == "", nil
		case "trim":
			return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' }), nil
		case "toLowerCase":
			return strings.ToLower(s), nil
		case "toUpperCase":
			return javaUpper(s), nil
		case "toString":
			return s, nil
		case "hashCode":
			var h int32
			for _, u := range utf16.Encode([]rune(s)) {
				h = 31*h + int32(u)
			}
			return int64(h), nil
		}
	case "charAt":
		if len(args) != 1 {
			return nil, nil
		}
		i, ok := toInt(args[0])
		if !ok {
			return nil, nil
		}
		j := newJavaString(s)
		if i < 0 || i >= j.len() {
			return nil, fmt.Errorf("index %d out of bounds for length %d", i, j.len())
		}
		return j.slice(i, i+1), nil
	case "substring":
		return substring(s, args)
	case "indexOf", "lastIndexOf":
		return indexMethod(s, name, args)
	}
	strs, ok, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	switch {
	case !ok:
	case len(strs) == 1:
		a := strs[0]
		switch name {
		case "contains":
			return strings.Contains(s, a), nil
		case "startsWith":
			return strings.HasPrefix(s, a), nil
		case "endsWith":
			return strings.HasSuffix(s, a), nil
		case "equalsIgnoreCase":
			return strings.EqualFold(s, a), nil
		case "concat":
			return s + a, nil
		case "compareTo":
			return int64(compareUTF16(s, a)), nil
		case "compareToIgnoreCase":
			return int64(compareUTF16(strings.ToLower(s), strings.ToLower(a))), nil
		case "matches":
			if _, err := st.compile(a); err != nil {
				return nil, err
			}
			re, err := st.compile(`\A(?:` + a + `)\z`)
			if err != nil {
				return nil, err
			}
			return re.MatchString(s), nil
		case "split":
			re, err := st.compile(a)
			if err != nil {
				return nil, err
			}
			return splitList(javaSplit(re, s, 0)), nil
		}
	case len(strs) == 2:
		a, b := strs[0], strs[1]
		switch name {
		case "replace":
			if a == "" {
				return insertEverywhere(s, b), nil
			}
			return strings.ReplaceAll(s, a, b), nil
		case "replaceAll", "replaceFirst":
			re, err := st.compile(a)
			if err != nil {
				return nil, err
			}
			return st.javaReplace(re, s, b, name == "replaceAll")
		}
	}
	if name == "split" && len(args) == 2 {
		if pat, ok := args[0].(string); ok {
			if lim, ok := toInt(args[1]); ok {
				re, err := st.compile(pat)
				if err != nil {
					return nil, err
				}
				return splitList(javaSplit(re, s, lim)), nil
			}
		}
	}
	if name == "startsWith" && len(args) == 2 {
		if p, ok := args[0].(string); ok {
			if off, ok := toInt(args[1]); ok {
				j := newJavaString(s)
				if off < 0 || off > j.len() {
					return false, nil
				}
				return strings.HasPrefix(j.slice(off, j.len()), p), nil
			}
		}
	}
	return nil, nil
}

// insertEverywhere is Java's s.replace("", b): b between every character.
func insertEverywhere(s, b string) string {
	var sb strings.Builder
	sb.WriteString(b)
	for _, r := range s {
		sb.WriteRune(r)
		sb.WriteString(b)
	}
	return sb.String()
}

// substring implements substring(begin) and substring(begin, end).
func substring(s string, args []any) (any, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, nil
	}
	j := newJavaString(s)
	b, ok := toInt(args[0])
	if !ok {
		return nil, nil
	}
	e := j.len()
	if len(args) == 2 {
		if e, ok = toInt(args[1]); !ok {
			return nil, nil
		}
	}
	if b < 0 || e > j.len() || b > e {
		return nil, fmt.Errorf("begin %d, end %d, length %d", b, e, j.len())
	}
	return j.slice(b, e), nil
}

// indexMethod implements indexOf/lastIndexOf with an optional start.
func indexMethod(s, name string, args []any) (any, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, nil
	}
	sub, ok := args[0].(string)
	if !ok {
		if args[0] == nil {
			return nil, errNullArg
		}
		return nil, nil
	}
	j := newJavaString(s)
	if name == "indexOf" {
		from := 0
		if len(args) == 2 {
			if from, ok = toInt(args[1]); !ok {
				return nil, nil
			}
		}
		return int64(j.indexOf(sub, from)), nil
	}
	from := j.len()
	if len(args) == 2 {
		if from, ok = toInt(args[1]); !ok {
			return nil, nil
		}
	}
	return int64(j.lastIndexOf(sub, from)), nil
}

// compareUTF16 is String.compareTo.
func compareUTF16(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// splitList turns split parts into a list value.
func splitList(parts []string) *vlist {
	l := &vlist{items: make([]any, len(parts))}
	for i, p := range parts {
		l.items[i] = p
	}
	return l
}

// compile compiles a Java regular expression with Go's RE2 syntax, caching
// per render. Constructs RE2 lacks (lookaround, backreferences) fail.
func (st *state) compile(pattern string) (*regexp.Regexp, error) {
	if re, ok := st.t.regexes[pattern]; ok && !st.t.general {
		return re, nil // compiled with the template
	}
	if re, ok := st.regex[pattern]; ok {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("unsupported regular expression %q: %w", pattern, err)
	}
	if st.regex == nil {
		st.regex = make(map[string]*regexp.Regexp)
	}
	st.regex[pattern] = re
	return re, nil
}

// javaSplit is String.split(regex, limit).
func javaSplit(re *regexp.Regexp, s string, limit int) []string {
	matches := re.FindAllStringIndex(s, -1)
	if len(matches) == 0 {
		return []string{s}
	}
	var parts []string
	idx := 0
	for _, m := range matches {
		if limit > 0 && len(parts) >= limit-1 {
			break
		}
		if m[0] == 0 && m[1] == 0 {
			continue
		}
		parts = append(parts, s[idx:m[0]])
		idx = m[1]
	}
	parts = append(parts, s[idx:])
	if limit == 0 {
		for len(parts) > 0 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
	}
	return parts
}

// javaReplace is replaceAll/replaceFirst with Java's replacement syntax:
// $n and ${name} insert groups, a backslash quotes the next character.
func (st *state) javaReplace(re *regexp.Regexp, s, repl string, all bool) (any, error) {
	if !strings.ContainsAny(repl, `$\`) {
		// A literal replacement needs no groups: the cheaper matchers do
		// (a template counting UTF-8 bytes replaces every character of a
		// body that may be megabytes long).
		if all {
			if out, ok := replaceClassRanges(st.classOf(re), s, repl); ok {
				return out, nil
			}
			return re.ReplaceAllLiteralString(s, repl), nil
		}
		loc := re.FindStringIndex(s)
		if loc == nil {
			return s, nil
		}
		return s[:loc[0]] + repl + s[loc[1]:], nil
	}
	n := -1
	if !all {
		n = 1
	}
	matches := re.FindAllStringSubmatchIndex(s, n)
	if len(matches) == 0 {
		return s, nil
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		b.WriteString(s[last:m[0]])
		if err := expandJava(&b, re, s, m, repl); err != nil {
			return nil, err
		}
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String(), nil
}

// expandJava appends repl with group references resolved for match m.
func expandJava(b *strings.Builder, re *regexp.Regexp, s string, m []int, repl string) error {
	groups := len(m)/2 - 1
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		switch c {
		case '\\':
			i++
			if i >= len(repl) {
				return errors.New("character to be escaped is missing")
			}
			b.WriteByte(repl[i])
		case '$':
			i++
			if i >= len(repl) {
				return errors.New("illegal group reference: group index is missing")
			}
			g := -1
			if repl[i] == '{' {
				end := strings.IndexByte(repl[i:], '}')
				if end < 0 {
					return errors.New("named capturing group is missing trailing '}'")
				}
				name := repl[i+1 : i+end]
				g = re.SubexpIndex(name)
				if g < 0 {
					return fmt.Errorf("no group with name {%s}", name)
				}
				i += end
			} else {
				if !isDigit(repl[i]) {
					return errors.New("illegal group reference")
				}
				g = int(repl[i] - '0')
				if g > groups {
					return fmt.Errorf("no group %d", g)
				}
				for i+1 < len(repl) && isDigit(repl[i+1]) {
					ng := g*10 + int(repl[i+1]-'0')
					if ng > groups {
						break
					}
					g = ng
					i++
				}
			}
			if m[2*g] >= 0 {
				b.WriteString(s[m[2*g]:m[2*g+1]])
			}
		default:
			b.WriteByte(c)
		}
	}
	return nil
}

// javaUpper is String.toUpperCase with the full case mappings Java applies
// and Go's simple mapping lacks (ß -> SS and the Latin ligatures).
func javaUpper(s string) string {
	up := strings.ToUpper(s)
	if !strings.ContainsAny(up, "ßﬀﬁﬂﬃﬄﬅﬆ") {
		return up
	}
	var b strings.Builder
	for _, r := range up {
		switch r {
		case 'ß':
			b.WriteString("SS")
		case 'ﬀ':
			b.WriteString("FF")
		case 'ﬁ':
			b.WriteString("FI")
		case 'ﬂ':
			b.WriteString("FL")
		case 'ﬃ':
			b.WriteString("FFI")
		case 'ﬄ':
			b.WriteString("FFL")
		case 'ﬅ', 'ﬆ':
			b.WriteString("ST")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// noteRegex compiles, at parse time, the literal pattern of a matches,
// replaceAll, replaceFirst or split call (for matches also the anchored
// form the call uses), so that renders do not compile it again: a template
// like pathid.vtl tests every request's id against one. Patterns that do
// not compile are left for Render, which reports the error.
func (p *parser) noteRegex(name string, args []expr) {
	if len(args) == 0 {
		return
	}
	switch name {
	case "matches", "replaceAll", "replaceFirst", "split":
	default:
		return
	}
	lit, ok := args[0].(*litExpr)
	if !ok {
		return
	}
	pat, ok := lit.v.(string)
	if !ok {
		return
	}
	pats := []string{pat}
	if name == "matches" {
		pats = append(pats, `\A(?:`+pat+`)\z`)
	}
	for _, s := range pats {
		if _, seen := p.regexes[s]; seen {
			continue
		}
		if re, err := regexp.Compile(s); err == nil {
			p.regexes[s] = re
			if name == "replaceAll" {
				p.classes[s] = classRanges(re)
			}
		}
	}
}

// replaceClass is replaceAll of a pattern that is one character class
// ([a-z], \x{0}-\x{7F}...) by a literal: one pass over the runes, with the
// regexp package's rules (an invalid UTF-8 byte is U+FFFD). ok is false for
// any other pattern.
func replaceClass(re *regexp.Regexp, s, repl string) (string, bool) {
	return replaceClassRanges(classRanges(re), s, repl)
}

// classRanges is the rune ranges of a pattern that is one character
// class, nil for any other pattern.
func classRanges(re *regexp.Regexp) []rune {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil || parsed.Op != syntax.OpCharClass {
		return nil
	}
	return parsed.Rune
}

// classOf is classRanges, read once per render and regexp.
func (st *state) classOf(re *regexp.Regexp) []rune {
	if r, ok := st.t.classes[re.String()]; ok && !st.t.general {
		return r // read with the template
	}
	if r, ok := st.classes[re]; ok {
		return r
	}
	r := classRanges(re)
	if st.classes == nil {
		st.classes = make(map[*regexp.Regexp][]rune)
	}
	st.classes[re] = r
	return r
}

// replaceClassRanges replaces each rune within ranges by repl; ok is false
// when ranges is nil (the pattern is no character class).
func replaceClassRanges(ranges []rune, s, repl string) (string, bool) {
	if ranges == nil {
		return "", false
	}
	in := func(r rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= r && r <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if in(r) {
			b.WriteString(repl)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), true
}

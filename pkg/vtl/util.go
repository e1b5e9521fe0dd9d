package vtl

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf16"
)

// utilObj is $util.
type utilObj struct{ st *state }

// call implements $util's functions. A null argument gives null (which
// renders as ""). escapeJavaScript takes any value and escapes its string
// form (a number 5 gives "5", a map "{a=b}", a JSON list its JSON); the
// other functions take strings only, and other arguments find no method
// (null), as Java introspection would.
func (u utilObj) call(name string, args []any) (any, error) {
	if len(args) != 1 {
		return nil, nil
	}
	if args[0] == nil {
		return nil, nil
	}
	s, ok := args[0].(string)
	if !ok {
		if name != "escapeJavaScript" {
			return nil, nil
		}
		s = toString(args[0])
		return escapeJavaScript(s), nil
	}
	switch name {
	case "escapeJavaScript":
		if e := escapeJavaScript(s); e != s {
			return e, nil
		}
		return args[0], nil // unchanged: reuse the boxed argument
	case "parseJson":
		v, err := decodeJSONIn(s, u.st.arena())
		if err != nil {
			return nil, fmt.Errorf("parseJson: %w", err)
		}
		return v, nil
	case "urlEncode":
		return urlEncode(s), nil
	case "urlDecode":
		v, err := url.QueryUnescape(s)
		if err != nil {
			return nil, fmt.Errorf("urlDecode: %w", err)
		}
		return v, nil
	case "base64Encode":
		return base64.StdEncoding.EncodeToString([]byte(s)), nil
	case "base64Decode":
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			var err2 error
			if b, err2 = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "=")); err2 != nil {
				return nil, fmt.Errorf("base64Decode: %w", err)
			}
		}
		return string(b), nil
	}
	return nil, nil
}

// escapeJavaScript escapes like Apache Commons Lang 2's
// StringEscapeUtils.escapeJavaScript, which API Gateway uses: \b \t \n \f
// \r, other control characters and every non-ASCII UTF-16 unit as \uXXXX
// (upper-case hex), and ' " \ / with a backslash. The \' it produces is not
// valid JSON. A string with nothing to escape is returned as it is.
func escapeJavaScript(s string) string {
	i := jsCleanPrefix(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	writeEscapedJavaScript(&b, s, i)
	return b.String()
}

// jsCleanPrefix returns the length of the longest prefix of s that
// escapeJavaScript leaves unchanged.
func jsCleanPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '\'' || c == '"' || c == '\\' || c == '/' {
			return i
		}
	}
	return len(s)
}

// writeEscapedJavaScript appends escapeJavaScript(s) to b; the first clean
// bytes of s (from jsCleanPrefix) are copied without looking at them
// again, and so are the runs of clean bytes between escapes.
func writeEscapedJavaScript[W textWriter](b W, s string, clean int) {
	const hex = "0123456789ABCDEF"
	b.WriteString(s[:clean])
	for i := clean; i < len(s); i++ {
		if n := jsCleanPrefix(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			if i += n; i >= len(s) {
				return
			}
		}
		c := s[i]
		if c < 0x80 {
			switch {
			case c == '\'' || c == '"' || c == '\\' || c == '/':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\b':
				b.WriteString(`\b`)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\t':
				b.WriteString(`\t`)
			case c == '\f':
				b.WriteString(`\f`)
			case c == '\r':
				b.WriteString(`\r`)
			default: // other control characters
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
			continue
		}
		// Non-ASCII: escape each UTF-16 unit of the rune.
		r, size := decodeRune(s[i:])
		i += size - 1
		var units [2]uint16
		for _, u := range utf16.AppendRune(units[:0], r) {
			b.WriteString(`\u`)
			b.WriteByte(hex[u>>12])
			b.WriteByte(hex[u>>8&0xf])
			b.WriteByte(hex[u>>4&0xf])
			b.WriteByte(hex[u&0xf])
		}
	}
}

// decodeRune decodes one UTF-8 rune (U+FFFD for invalid bytes).
func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			n := len(string(r))
			if r == '\uFFFD' && !strings.HasPrefix(s, "\uFFFD") {
				n = 1
			}
			return r, n
		}
	}
	return '\uFFFD', 1
}

// urlEncode is Java's URLEncoder.encode(s, "UTF-8"): letters, digits and
// . - * _ stay, space becomes +, every other byte %XX.
func urlEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '*' || c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
	}
	return b.String()
}

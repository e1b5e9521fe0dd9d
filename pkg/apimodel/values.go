package apimodel

import (
	"encoding/json"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// kind is the Java library's name for the type of a decoded JSON value.
func kind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if isInteger(x) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	default:
		return "object"
	}
}

// toFloat reads a JSON number exactly enough for comparisons; an exponent
// beyond big.Float's range becomes ±Inf or ±0 by its sign.
func toFloat(n json.Number) (*big.Float, bool) {
	f, _, err := big.ParseFloat(string(n), 10, 512, big.ToNearestEven)
	if err == nil {
		return f, true
	}
	s := string(n)
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return nil, false
	}
	neg := strings.HasPrefix(s, "-")
	if strings.HasPrefix(s[i+1:], "-") {
		z := new(big.Float)
		if neg {
			z.Neg(z)
		}
		return z, true
	}
	return new(big.Float).SetInf(neg), true
}

// numCmp compares two JSON numbers by value.
func numCmp(a, b json.Number) int {
	fa, okA := toFloat(a)
	fb, okB := toFloat(b)
	if !okA || !okB {
		return strings.Compare(string(a), string(b))
	}
	return fa.Cmp(fb)
}

// jsonEqual is the library's equality for enum and uniqueItems: numbers by
// value (1 equals 1.0), everything else structurally.
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		return ok && numCmp(x, y) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}

// render prints a value as the library prints a JSON node in a message:
// compact JSON, strings escaped as Jackson escapes them. Numbers keep their
// text and object keys are sorted; both are guesses (Jackson prints numbers
// in Java's forms and keeps keys in document order).
func render(v any) string {
	var sb strings.Builder
	writeJSON(&sb, v)
	return sb.String()
}

func writeJSON(sb *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		sb.WriteString("null")
	case bool:
		sb.WriteString(strconv.FormatBool(x))
	case json.Number:
		sb.WriteString(string(x))
	case string:
		writeString(sb, x)
	case []any:
		sb.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeJSON(sb, e)
		}
		sb.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeString(sb, k)
			sb.WriteByte(':')
			writeJSON(sb, x[k])
		}
		sb.WriteByte('}')
	}
}

// writeString quotes s as Jackson does: '"' and '\' escaped, control
// characters as \b \t \n \f \r or \u00XX (upper-case hex), everything else
// (including non-ASCII) as is.
func writeString(sb *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	sb.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r == '\b':
			sb.WriteString(`\b`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\f':
			sb.WriteString(`\f`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r < 0x20:
			sb.WriteString(`\u00`)
			sb.WriteByte(hex[r>>4])
			sb.WriteByte(hex[r&0xF])
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
}

// strList renders names as a JSON array of strings.
func strList(names []string) string {
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = n
	}
	return render(vals)
}

package vtl

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxJSONDepth bounds nesting when decoding JSON.
const maxJSONDepth = 512

// decodeJSON parses JSON text into engine values: objects become ordered
// maps, arrays lists, and numbers keep their text (jsonNumber).
func decodeJSON(s string) (any, error) { return decodeJSONIn(s, nil) }

// decodeJSONIn is decodeJSON taking the maps of objects from arena (from
// the heap when arena is nil).
func decodeJSONIn(s string, arena *mapArena) (any, error) {
	d := &jsonDecoder{s: s, arena: arena}
	d.space()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.s) {
		return nil, d.errorf("unexpected data after the JSON value")
	}
	return v, nil
}

type jsonDecoder struct {
	s     string
	i     int
	arena *mapArena // where objects' maps come from; nil for the heap
	// text is the chunk unescaped strings are decoded into (see textFor),
	// so that a body's escaped strings share a few allocations.
	text strings.Builder
}

// textChunk is the usual size of a text chunk.
const textChunk = 1 << 10

// textFor returns the builder to decode a string of at most need bytes
// into, starting a new chunk when the current one lacks the room. The
// strings already cut from a chunk stay valid: a builder only appends, so
// the bytes under them are never written again.
func (d *jsonDecoder) textFor(need int) *strings.Builder {
	if d.text.Cap()-d.text.Len() < need {
		d.text = strings.Builder{}
		d.text.Grow(max(need, min(len(d.s)-d.i, textChunk)))
	}
	return &d.text
}

func (d *jsonDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON at offset %d: %s", d.i, fmt.Sprintf(format, args...))
}

func (d *jsonDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value(depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, d.errorf("nesting too deep")
	}
	if d.i >= len(d.s) {
		return nil, d.errorf("unexpected end of input")
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object(depth)
	case c == '[':
		return d.array(depth)
	case c == '"':
		return d.str()
	case c == '-' || isDigit(c):
		return d.number()
	case strings.HasPrefix(d.s[d.i:], "true"):
		d.i += 4
		return true, nil
	case strings.HasPrefix(d.s[d.i:], "false"):
		d.i += 5
		return false, nil
	case strings.HasPrefix(d.s[d.i:], "null"):
		d.i += 4
		return nil, nil
	}
	return nil, d.errorf("unexpected character %q", d.s[d.i])
}

func (d *jsonDecoder) object(depth int) (any, error) {
	d.i++
	var m *vmap
	if d.arena != nil {
		m = d.arena.newMap()
	} else {
		m = newMap(0)
	}
	d.space()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return m, nil
	}
	for {
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return nil, d.errorf("expected a string key")
		}
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return nil, d.errorf("expected ':'")
		}
		d.i++
		d.space()
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m.put(k, v)
		d.space()
		if d.i >= len(d.s) {
			return nil, d.errorf("unexpected end of input in object")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return m, nil
		default:
			return nil, d.errorf("expected ',' or '}'")
		}
	}
}

func (d *jsonDecoder) array(depth int) (any, error) {
	d.i++
	l := &vlist{json: true}
	d.space()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		return l, nil
	}
	for {
		d.space()
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		l.items = append(l.items, v)
		d.space()
		if d.i >= len(d.s) {
			return nil, d.errorf("unexpected end of input in array")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return l, nil
		default:
			return nil, d.errorf("expected ',' or ']'")
		}
	}
}

func (d *jsonDecoder) number() (any, error) {
	start := d.i
	if d.s[d.i] == '-' {
		d.i++
	}
	digits := func() int {
		n := 0
		for d.i < len(d.s) && isDigit(d.s[d.i]) {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.s) && d.s[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		return nil, d.errorf("bad number")
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return nil, d.errorf("bad number")
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return nil, d.errorf("bad number")
		}
	}
	return jsonNumber(d.s[start:d.i]), nil
}

func (d *jsonDecoder) str() (string, error) {
	d.i++
	start := d.i
	// Fast path: no escapes.
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c == '"' {
			s := d.s[start:d.i]
			d.i++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		d.i++
	}
	// Slow path: unescape into the decoder's text chunk.
	b := d.textFor(d.rawStringLen(start))
	begin := b.Len()
	b.WriteString(d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return b.String()[begin:], nil
		case c < 0x20:
			return "", d.errorf("control character in string")
		case c == '\\':
			if d.i+1 >= len(d.s) {
				return "", d.errorf("unterminated escape")
			}
			e := d.s[d.i+1]
			d.i += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, err := d.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) {
					if strings.HasPrefix(d.s[d.i:], `\u`) {
						save := d.i
						d.i += 2
						r2, err := d.hex4()
						if err == nil {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								b.WriteRune(dec)
								continue
							}
						}
						d.i = save
					}
					r = utf8.RuneError
				}
				b.WriteRune(r)
			default:
				return "", d.errorf("bad escape \\%c", e)
			}
		default:
			b.WriteByte(c)
			d.i++
		}
	}
	return "", d.errorf("unterminated string")
}

// rawStringLen returns the length of the string literal body starting at
// start, up to its closing quote (or the end of input). Decoding escapes
// never lengthens the text, so it bounds the decoded length.
func (d *jsonDecoder) rawStringLen(start int) int {
	i := d.i
	for i < len(d.s) && d.s[i] != '"' {
		if d.s[i] == '\\' {
			i++
		}
		i++
	}
	return min(i, len(d.s)) - start
}

func (d *jsonDecoder) hex4() (rune, error) {
	if d.i+4 > len(d.s) {
		return 0, d.errorf("bad \\u escape")
	}
	n, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
	if err != nil {
		return 0, d.errorf("bad \\u escape")
	}
	d.i += 4
	return rune(n), nil
}

// writeJSON appends the compact JSON text of v to b.
func writeJSON[W textWriter](b W, v any) { writeJSONDepth(b, v, 0) }

// writeJSONDepth writes v, cutting nesting (possibly cyclic, after template
// mutations) past maxValueDepth to null.
func writeJSONDepth[W textWriter](b W, v any, depth int) {
	if depth > maxValueDepth {
		b.WriteString("null")
		return
	}
	if b.Len() > maxOutput {
		return // the caller reports the size limit
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		writeJSONString(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(javaDouble(x))
	case jsonNumber:
		b.WriteString(string(x))
	case *vmap:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			writeJSONDepth(b, x.vals[i], depth+1)
		}
		b.WriteByte('}')
	case *vlist:
		b.WriteByte('[')
		for i, it := range x.items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONDepth(b, it, depth+1)
		}
		b.WriteByte(']')
	default:
		writeJSONString(b, toString(v))
	}
}

// writeJSONString writes s as a JSON string literal, escaping only what
// JSON requires.
func writeJSONString[W textWriter](b W, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[last:i])
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
		last = i + 1
	}
	b.WriteString(s[last:])
	b.WriteByte('"')
}

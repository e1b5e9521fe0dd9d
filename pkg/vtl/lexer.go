package vtl

import (
	"regexp"
	"strconv"
	"strings"
)

// maxDepth bounds nesting of blocks, parentheses and literals so that no
// input can exhaust the stack.
const maxDepth = 200

// parser holds the scanning state over src[pos:end]. Offsets are absolute in
// src so that errors in interpolated strings point into the template.
type parser struct {
	name     string
	src      string
	pos, end int
	depth    int
	inString bool       // parsing the inside of a double-quoted literal
	slots    *slotTable // variable slots, shared with sub-parsers
	// paths holds the literal JSONPaths parsed so far (see notePath),
	// shared with sub-parsers.
	paths map[string]*jsonPath
	// regexes holds the literal regular expressions compiled so far (see
	// noteRegex), shared with sub-parsers.
	regexes map[string]*regexp.Regexp
	classes map[string][]rune
}

// errAt reports a parse error at byte offset off.
func (p *parser) errAt(off int, format string, args ...any) *Error {
	return newError(p.name, p.src, off, nil, format, args...)
}

// at returns the byte at offset i, or 0 past the end of the scanned region.
func (p *parser) at(i int) byte {
	if i < 0 || i >= p.end {
		return 0
	}
	return p.src[i]
}

func isLetter(c byte) bool     { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return isLetter(c) || c == '_' }

// isIdentChar follows Velocity 1.7: letters, digits, '-' and '_'.
func isIdentChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '-' || c == '_' }

// skipSpace skips blanks and line breaks inside a directive or expression.
func (p *parser) skipSpace() {
	for p.pos < p.end {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// scanIdent reads an identifier at pos (the caller checked isIdentStart).
func (p *parser) scanIdent() string {
	start := p.pos
	for p.pos < p.end && isIdentChar(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// wordAt returns the run of letters starting at offset i.
func (p *parser) wordAt(i int) string {
	j := i
	for j < p.end && isLetter(p.src[j]) {
		j++
	}
	return p.src[i:j]
}

// isWordOp reports whether the word operator w (and, or, not, eq, in...)
// starts at pos and is not part of a longer identifier.
func (p *parser) isWordOp(w string) bool {
	if !strings.HasPrefix(p.src[p.pos:p.end], w) {
		return false
	}
	return !isIdentChar(p.at(p.pos + len(w)))
}

// hasPrefix reports whether the scanned region continues with s at pos.
func (p *parser) hasPrefix(s string) bool {
	return strings.HasPrefix(p.src[p.pos:p.end], s)
}

// expect consumes c after optional blanks or fails with a located error.
func (p *parser) expect(c byte, what string) error {
	p.skipSpace()
	if p.at(p.pos) != c {
		return p.errAt(p.pos, "expected %q %s, found %s", c, what, p.describe(p.pos))
	}
	p.pos++
	return nil
}

// describe names what is at offset i for error messages.
func (p *parser) describe(i int) string {
	if i >= p.end {
		return "end of input"
	}
	end := i + 1
	for end < p.end && end-i < 12 && isIdentChar(p.src[end]) && isIdentChar(p.src[i]) {
		end++
	}
	return strconv.Quote(p.src[i:end])
}

// scanNumber reads an integer (int64) or decimal (float64) literal at pos.
func (p *parser) scanNumber(neg bool) (expr, error) {
	start := p.pos
	for p.pos < p.end && isDigit(p.src[p.pos]) {
		p.pos++
	}
	isFloat := false
	if p.at(p.pos) == '.' && isDigit(p.at(p.pos+1)) {
		isFloat = true
		p.pos++
		for p.pos < p.end && isDigit(p.src[p.pos]) {
			p.pos++
		}
	}
	text := p.src[start:p.pos]
	if neg {
		text = "-" + text
	}
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, p.errAt(start, "bad number %s", text)
		}
		return &litExpr{v: f}, nil
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return nil, p.errAt(start, "integer %s out of range", text)
	}
	return &litExpr{v: n}, nil
}

// scanString reads a quoted literal at pos. Single quotes are literal;
// double quotes interpolate references and directives. A doubled quote
// inside stands for one quote character.
func (p *parser) scanString() (expr, error) {
	q := p.src[p.pos]
	start := p.pos
	p.pos++
	contentStart := p.pos
	dynamic := false
	for {
		if p.pos >= p.end {
			return nil, p.errAt(start, "unterminated string literal")
		}
		c := p.src[p.pos]
		if c == q {
			if p.at(p.pos+1) == q {
				p.pos += 2
				continue
			}
			break
		}
		if q == '"' && c == '\\' && p.at(p.pos+1) == '"' {
			p.pos += 2
			continue
		}
		if c == '$' || c == '#' {
			dynamic = true
		}
		p.pos++
	}
	contentEnd := p.pos
	p.pos++ // closing quote
	raw := p.src[contentStart:contentEnd]
	quote := string(q)
	if q == '\'' || !dynamic {
		return &litExpr{v: strings.ReplaceAll(raw, quote+quote, quote)}, nil
	}
	if p.depth+1 > maxDepth {
		return nil, p.errAt(start, "nesting too deep")
	}
	sub := &parser{name: p.name, src: p.src, pos: contentStart, end: contentEnd, depth: p.depth + 1, inString: true, slots: p.slots, paths: p.paths, regexes: p.regexes, classes: p.classes}
	nodes, t, err := sub.parseNodes()
	if err != nil {
		return nil, err
	}
	if t.kind != termEOF {
		return nil, sub.errAt(t.pos, "unexpected %s in string literal", t.kind)
	}
	return &interpExpr{nodes: nodes}, nil
}

// gobbleNewline consumes trailing blanks and one line break after a
// directive, as Velocity 1.7 does; blanks alone are kept.
func (p *parser) gobbleNewline() {
	i := p.pos
	for i < p.end && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	switch {
	case p.at(i) == '\n':
		p.pos = i + 1
	case p.at(i) == '\r' && p.at(i+1) == '\n':
		p.pos = i + 2
	case p.at(i) == '\r':
		p.pos = i + 1
	}
}

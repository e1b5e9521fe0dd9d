package vtl

// parseExpr parses an expression: || / or binds loosest, then && / and,
// equality, relational, additive, multiplicative, unary.
func (p *parser) parseExpr() (expr, error) {
	if err := p.enter(p.pos); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	return p.parseOr()
}

// binaryLevel parses operands with next and joins them with the operators
// of the given precedence level.
func (p *parser) binaryLevel(next func() (expr, error), level int) (expr, error) {
	l, err := next()
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		opPos := p.pos
		op := p.matchOp(level)
		if op == "" {
			return l, nil
		}
		r, err := next()
		if err != nil {
			return nil, err
		}
		l = &binExpr{op: op, l: l, r: r, pos: opPos}
	}
}

// opSpelling maps a written operator to its canonical form; word operators
// must not be followed by an identifier character.
type opSpelling struct {
	text, op string
	word     bool
}

// precedence levels of binary operators, loosest first.
const (
	levelOr = iota
	levelAnd
	levelEq
	levelRel
	levelAdd
	levelMul
)

// operators returns the spellings of the operators of a level; longer
// symbols come first so that "<" does not take the start of "<=".
func operators(level int) []opSpelling {
	switch level {
	case levelOr:
		return []opSpelling{{"||", "||", false}, {"or", "||", true}}
	case levelAnd:
		return []opSpelling{{"&&", "&&", false}, {"and", "&&", true}}
	case levelEq:
		return []opSpelling{{"==", "==", false}, {"!=", "!=", false}, {"eq", "==", true}, {"ne", "!=", true}}
	case levelRel:
		return []opSpelling{{"<=", "<=", false}, {">=", ">=", false}, {"<", "<", false}, {">", ">", false},
			{"le", "<=", true}, {"ge", ">=", true}, {"lt", "<", true}, {"gt", ">", true}}
	case levelAdd:
		return []opSpelling{{"+", "+", false}, {"-", "-", false}}
	}
	return []opSpelling{{"*", "*", false}, {"/", "/", false}, {"%", "%", false}}
}

// matchOp consumes the first operator of level found at pos.
func (p *parser) matchOp(level int) string {
	for _, o := range operators(level) {
		if o.word {
			if p.isWordOp(o.text) {
				p.pos += len(o.text)
				return o.op
			}
			continue
		}
		if p.hasPrefix(o.text) {
			p.pos += len(o.text)
			return o.op
		}
	}
	return ""
}

func (p *parser) parseOr() (expr, error)  { return p.binaryLevel(p.parseAnd, levelOr) }
func (p *parser) parseAnd() (expr, error) { return p.binaryLevel(p.parseEq, levelAnd) }
func (p *parser) parseEq() (expr, error)  { return p.binaryLevel(p.parseRel, levelEq) }
func (p *parser) parseRel() (expr, error) { return p.binaryLevel(p.parseAdd, levelRel) }
func (p *parser) parseAdd() (expr, error) { return p.binaryLevel(p.parseMul, levelAdd) }
func (p *parser) parseMul() (expr, error) { return p.binaryLevel(p.parseUnary, levelMul) }

// parseUnary parses !x, not x, -x and primaries.
func (p *parser) parseUnary() (expr, error) {
	p.skipSpace()
	pos := p.pos
	switch {
	case p.at(p.pos) == '!' && p.at(p.pos+1) != '=':
		p.pos++
		return p.parseOperand("!", pos)
	case p.isWordOp("not"):
		p.pos += 3
		return p.parseOperand("!", pos)
	case p.at(p.pos) == '-':
		p.pos++
		if isDigit(p.at(p.pos)) {
			return p.scanNumber(true)
		}
		return p.parseOperand("-", pos)
	default:
		return p.parsePrimary()
	}
}

// parseOperand parses the operand of the unary operator op found at pos,
// one nesting level deeper.
func (p *parser) parseOperand(op string, pos int) (expr, error) {
	if err := p.enter(pos); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	x, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &unaryExpr{op: op, x: x, pos: pos}, nil
}

// parsePrimary parses literals, references, lists, ranges, maps and
// parenthesised expressions.
func (p *parser) parsePrimary() (expr, error) {
	p.skipSpace()
	start := p.pos
	c := p.at(p.pos)
	switch {
	case c == '$':
		ref, quiet, ok, err := p.parseRef(false)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, p.errAt(start, "bad reference")
		}
		_ = quiet
		return ref, nil
	case isDigit(c):
		return p.scanNumber(false)
	case c == '\'' || c == '"':
		return p.scanString()
	case c == '[':
		return p.parseList()
	case c == '{':
		return p.parseMap()
	case c == '(':
		p.pos++
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(')', "to close the parenthesis"); err != nil {
			return nil, err
		}
		return x, nil
	case p.isWordOp("true"):
		p.pos += 4
		return &litExpr{v: true}, nil
	case p.isWordOp("false"):
		p.pos += 5
		return &litExpr{v: false}, nil
	case p.isWordOp("null"):
		p.pos += 4
		return &litExpr{v: nil}, nil
	}
	return nil, p.errAt(start, "unexpected %s in expression", p.describe(start))
}

// parseList parses [a, b], [] and the range [from..to].
func (p *parser) parseList() (expr, error) {
	open := p.pos
	p.pos++
	p.skipSpace()
	if p.at(p.pos) == ']' {
		p.pos++
		return &listExpr{}, nil
	}
	first, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.hasPrefix("..") {
		p.pos += 2
		to, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(']', "to close the range"); err != nil {
			return nil, err
		}
		return &rangeExpr{from: first, to: to, pos: open}, nil
	}
	l := &listExpr{items: []expr{first}}
	for {
		p.skipSpace()
		switch p.at(p.pos) {
		case ',':
			p.pos++
			x, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			l.items = append(l.items, x)
		case ']':
			p.pos++
			return l, nil
		default:
			if p.pos >= p.end {
				return nil, p.errAt(open, "unclosed list")
			}
			return nil, p.errAt(p.pos, "expected ',' or ']' in list, found %s", p.describe(p.pos))
		}
	}
}

// parseMap parses {k: v, ...}.
func (p *parser) parseMap() (expr, error) {
	open := p.pos
	p.pos++
	m := &mapExpr{}
	p.skipSpace()
	if p.at(p.pos) == '}' {
		p.pos++
		return m, nil
	}
	for {
		k, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(':', "after a map key"); err != nil {
			return nil, err
		}
		v, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		m.keys = append(m.keys, k)
		m.vals = append(m.vals, v)
		p.skipSpace()
		switch p.at(p.pos) {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return m, nil
		default:
			if p.pos >= p.end {
				return nil, p.errAt(open, "unclosed map")
			}
			return nil, p.errAt(p.pos, "expected ',' or '}' in map, found %s", p.describe(p.pos))
		}
	}
}

package vtl

import (
	"regexp"
	"strings"
)

// Template is a parsed template. It is immutable, so one Template may be
// rendered by many goroutines at once.
type Template struct {
	name  string
	src   string
	nodes []node
	// slots is the number of variable slots (see slotTable).
	slots int
	// loopVars is false when no reference names $foreach or
	// $velocityCount: nothing can observe them, so #foreach skips them.
	loopVars bool
	// paths holds the JSONPaths written as literals, parsed (read-only).
	paths map[string]*jsonPath
	// regexes holds the regular expressions written as literals, compiled
	// (read-only; a *regexp.Regexp is safe for concurrent use).
	regexes map[string]*regexp.Regexp
	// classes holds, for the literal patterns of replaceAll, their
	// character class (nil when the pattern is none), read at parse time.
	classes map[string][]rune
	// general turns off every fast path (shortcuts, the pooled state, the
	// map arena, the parsed JSONPaths, skipping $foreach upkeep), so that
	// tests can hold the fast paths equal to the general one.
	general bool
}

// Name returns the name given to Parse.
func (t *Template) Name() string { return t.name }

// Parse parses a Velocity template. The name is used in error messages.
// Errors are *Error values carrying the line and column of the problem.
func Parse(name, src string) (*Template, error) {
	p := &parser{name: name, src: src, end: len(src), slots: newSlotTable(), paths: make(map[string]*jsonPath),
		regexes: make(map[string]*regexp.Regexp), classes: make(map[string][]rune)}
	nodes, t, err := p.parseNodes()
	if err != nil {
		return nil, err
	}
	if t.kind != termEOF {
		return nil, p.errAt(t.pos, "unexpected %s", t.kind)
	}
	return &Template{
		name: name, src: src, nodes: nodes,
		slots:    len(p.slots.names),
		loopVars: p.slots.used(slotForeach) || p.slots.used(slotVelocityCount),
		paths:    p.paths,
		regexes:  p.regexes,
		classes:  p.classes,
	}, nil
}

// termKind says why parseNodes stopped.
type termKind int

const (
	termEOF termKind = iota
	termEnd
	termElse
	termElseif
)

// String names the terminator the way it is written.
func (k termKind) String() string {
	switch k {
	case termEnd:
		return "#end"
	case termElse:
		return "#else"
	case termElseif:
		return "#elseif"
	}
	return "end of input"
}

// terminator is the directive that ended a block body.
type terminator struct {
	kind termKind
	pos  int
	cond expr // for #elseif
}

// isDirective reports whether w is a directive name recognised after '#'.
func isDirective(w string) bool {
	switch w {
	case "set", "if", "elseif", "else", "end", "foreach", "break", "stop",
		"macro", "parse", "include", "evaluate", "define":
		return true
	}
	return false
}

// directiveAt returns the directive name and the offset after it when a
// directive ("#name" or "#{name}") starts at offset i, or "" otherwise.
func (p *parser) directiveAt(i int) (string, int) {
	if p.at(i+1) == '{' {
		w := p.wordAt(i + 2)
		if isDirective(w) && p.at(i+2+len(w)) == '}' {
			return w, i + 3 + len(w)
		}
		return "", 0
	}
	w := p.wordAt(i + 1)
	if isDirective(w) {
		return w, i + 1 + len(w)
	}
	return "", 0
}

// textBuf accumulates literal output between nodes.
type textBuf struct {
	b     strings.Builder
	nodes []node
	str   bool
}

func (tb *textBuf) flush() {
	if tb.b.Len() == 0 {
		return
	}
	s := tb.b.String()
	if tb.str {
		s = strings.ReplaceAll(s, `""`, `"`)
	}
	tb.nodes = append(tb.nodes, &textNode{text: s})
	tb.b.Reset()
}

func (tb *textBuf) add(n node) {
	tb.flush()
	tb.nodes = append(tb.nodes, n)
}

// trimBlanks removes trailing spaces and tabs (Velocity 1.7 gobbles the
// indentation in front of #set).
func (tb *textBuf) trimBlanks() {
	s := tb.b.String()
	t := strings.TrimRight(s, " \t")
	if len(t) != len(s) {
		tb.b.Reset()
		tb.b.WriteString(t)
	}
}

// parseNodes parses template text until end of input or a block
// terminator (#end, #else, #elseif).
func (p *parser) parseNodes() ([]node, terminator, error) {
	tb := &textBuf{str: p.inString}
	for p.pos < p.end {
		c := p.src[p.pos]
		switch c {
		case '$':
			start := p.pos
			ref, quiet, ok, err := p.parseRef(true)
			if err != nil {
				return nil, terminator{}, err
			}
			if !ok {
				p.pos = start + 1
				tb.b.WriteByte('$')
				continue
			}
			tb.add(&refNode{ref: ref, quiet: quiet})
		case '\\':
			if err := p.parseBackslashes(tb); err != nil {
				return nil, terminator{}, err
			}
		case '#':
			t, done, err := p.parseHash(tb)
			if err != nil {
				return nil, terminator{}, err
			}
			if done {
				tb.flush()
				return tb.nodes, t, nil
			}
		default:
			start := p.pos
			for p.pos < p.end {
				c := p.src[p.pos]
				if c == '$' || c == '#' || c == '\\' {
					break
				}
				p.pos++
			}
			tb.b.WriteString(p.src[start:p.pos])
		}
	}
	tb.flush()
	return tb.nodes, terminator{kind: termEOF, pos: p.pos}, nil
}

// parseBackslashes handles a run of backslashes: before a reference or a
// directive they escape it, elsewhere they are literal.
func (p *parser) parseBackslashes(tb *textBuf) error {
	start := p.pos
	j := p.pos
	for j < p.end && p.src[j] == '\\' {
		j++
	}
	n := j - start
	switch p.at(j) {
	case '$':
		p.pos = j
		ref, quiet, ok, err := p.parseRef(true)
		if err != nil {
			return err
		}
		if ok {
			tb.add(&refNode{ref: ref, quiet: quiet, slashes: n})
			return nil
		}
		p.pos = j
		tb.b.WriteString(p.src[start:j])
		return nil
	case '#':
		name, after := p.directiveAt(j)
		if name == "" {
			break
		}
		tb.b.WriteString(strings.Repeat(`\`, n/2))
		if n%2 == 1 {
			tb.b.WriteString(p.src[j:after])
			p.pos = after
		} else {
			p.pos = j
		}
		return nil
	}
	tb.b.WriteString(p.src[start:j])
	p.pos = j
	return nil
}

// parseHash handles '#': comments, unparsed blocks and directives. done is
// true when a block terminator was read.
func (p *parser) parseHash(tb *textBuf) (terminator, bool, error) {
	start := p.pos
	switch p.at(p.pos + 1) {
	case '#':
		i := strings.IndexByte(p.src[p.pos:p.end], '\n')
		if i < 0 {
			p.pos = p.end
		} else {
			p.pos += i + 1
		}
		return terminator{}, false, nil
	case '*':
		i := strings.Index(p.src[p.pos+2:p.end], "*#")
		if i < 0 {
			return terminator{}, false, p.errAt(start, "unterminated #* comment")
		}
		p.pos += 2 + i + 2
		return terminator{}, false, nil
	case '[':
		if p.at(p.pos+2) == '[' {
			i := strings.Index(p.src[p.pos+3:p.end], "]]#")
			if i < 0 {
				return terminator{}, false, p.errAt(start, "unterminated #[[ block")
			}
			tb.b.WriteString(p.src[p.pos+3 : p.pos+3+i])
			p.pos += 3 + i + 3
			return terminator{}, false, nil
		}
	}
	name, after := p.directiveAt(p.pos)
	if name == "" {
		tb.b.WriteByte('#')
		p.pos++
		return terminator{}, false, nil
	}
	p.pos = after
	switch name {
	case "set":
		tb.trimBlanks()
		n, err := p.parseSet(start)
		if err != nil {
			return terminator{}, false, err
		}
		tb.add(n)
	case "if":
		n, err := p.parseIf(start)
		if err != nil {
			return terminator{}, false, err
		}
		tb.add(n)
	case "foreach":
		n, err := p.parseForeach(start)
		if err != nil {
			return terminator{}, false, err
		}
		tb.add(n)
	case "elseif":
		cond, err := p.parseCondition("#elseif")
		if err != nil {
			return terminator{}, false, err
		}
		return terminator{kind: termElseif, pos: start, cond: cond}, true, nil
	case "else":
		p.gobbleNewline()
		return terminator{kind: termElse, pos: start}, true, nil
	case "end":
		p.gobbleNewline()
		return terminator{kind: termEnd, pos: start}, true, nil
	case "define":
		n, err := p.parseDefine(start)
		if err != nil {
			return terminator{}, false, err
		}
		tb.add(n)
	case "break":
		tb.add(&breakNode{})
	case "stop":
		tb.add(&stopNode{})
	default:
		return terminator{}, false, p.errAt(start, "unsupported directive #%s", name)
	}
	return terminator{}, false, nil
}

// enter increases the nesting depth, failing past maxDepth.
func (p *parser) enter(off int) error {
	p.depth++
	if p.depth > maxDepth {
		return p.errAt(off, "nesting too deep")
	}
	return nil
}

// parseSet parses the rest of #set( $ref = expr ).
func (p *parser) parseSet(start int) (node, error) {
	if err := p.expect('(', "after #set"); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.at(p.pos) != '$' {
		return nil, p.errAt(p.pos, "expected a reference after #set(, found %s", p.describe(p.pos))
	}
	refPos := p.pos
	ref, _, ok, err := p.parseRef(false)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, p.errAt(refPos, "bad reference in #set")
	}
	if err := p.expect('=', "in #set"); err != nil {
		return nil, err
	}
	val, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if err := p.expect(')', "to close #set"); err != nil {
		return nil, err
	}
	p.gobbleNewline()
	return &setNode{target: ref, value: val, pos: start}, nil
}

// parseCondition parses "( expr )" after #if or #elseif.
func (p *parser) parseCondition(what string) (expr, error) {
	if err := p.expect('(', "after "+what); err != nil {
		return nil, err
	}
	cond, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if err := p.expect(')', "to close "+what); err != nil {
		return nil, err
	}
	p.gobbleNewline()
	return cond, nil
}

// parseIf parses #if(...) ... [#elseif(...) ...]* [#else ...] #end.
func (p *parser) parseIf(start int) (node, error) {
	if err := p.enter(start); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	cond, err := p.parseCondition("#if")
	if err != nil {
		return nil, err
	}
	n := &ifNode{}
	for {
		body, t, err := p.parseNodes()
		if err != nil {
			return nil, err
		}
		n.conds = append(n.conds, cond)
		n.bodies = append(n.bodies, body)
		switch t.kind {
		case termElseif:
			cond = t.cond
			continue
		case termElse:
			els, t2, err := p.parseNodes()
			if err != nil {
				return nil, err
			}
			if t2.kind != termEnd {
				return nil, p.missingEnd(t2, start, "#if")
			}
			n.els = els
			return n, nil
		case termEnd:
			return n, nil
		default:
			return nil, p.missingEnd(t, start, "#if")
		}
	}
}

// missingEnd reports a block that ended without #end.
func (p *parser) missingEnd(t terminator, start int, what string) error {
	if t.kind == termEOF {
		return p.errAt(start, "%s without #end", what)
	}
	return p.errAt(t.pos, "unexpected %s", t.kind)
}

// openPlainVar reads "( $name" after #directive: the opening parenthesis
// and a plain variable (no suffixes), which what names in errors.
func (p *parser) openPlainVar(directive, what string) (*refExpr, error) {
	if err := p.expect('(', "after #"+directive); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.at(p.pos) != '$' {
		return nil, p.errAt(p.pos, "expected a %s in #%s, found %s", what, directive, p.describe(p.pos))
	}
	varPos := p.pos
	ref, _, ok, err := p.parseRef(false)
	if err != nil {
		return nil, err
	}
	if !ok || len(ref.parts) > 0 {
		return nil, p.errAt(varPos, "the #%s %s must be a plain $name", directive, what)
	}
	return ref, nil
}

// closeBlock reads the ")" that ends #directive's head and the body up to
// its #end.
func (p *parser) closeBlock(start int, directive string) ([]node, error) {
	if err := p.expect(')', "to close #"+directive); err != nil {
		return nil, err
	}
	p.gobbleNewline()
	body, t, err := p.parseNodes()
	if err != nil {
		return nil, err
	}
	if t.kind != termEnd {
		return nil, p.missingEnd(t, start, "#"+directive)
	}
	return body, nil
}

// parseForeach parses #foreach( $v in expr ) ... #end.
func (p *parser) parseForeach(start int) (node, error) {
	if err := p.enter(start); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	ref, err := p.openPlainVar("foreach", "loop variable")
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if !p.isWordOp("in") {
		return nil, p.errAt(p.pos, "expected 'in' in #foreach, found %s", p.describe(p.pos))
	}
	p.pos += 2
	iter, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	body, err := p.closeBlock(start, "foreach")
	if err != nil {
		return nil, err
	}
	return &foreachNode{varSlot: ref.slot, iter: iter, body: body, pos: start, keySet: isKeySetCall(iter)}, nil
}

// parseRef parses a reference at '$': $name, $!name, ${name}, $!{name},
// followed by .prop, .method(args) and [index] suffixes. ok is false when
// the '$' does not start a reference (it is then plain text). In text mode
// an index that does not parse ends the reference instead of failing.
func (p *parser) parseRef(textMode bool) (*refExpr, bool, bool, error) {
	start := p.pos
	i := p.pos + 1
	quiet := false
	if p.at(i) == '!' {
		quiet = true
		i++
	}
	braced := false
	if p.at(i) == '{' {
		braced = true
		i++
	}
	if !isIdentStart(p.at(i)) {
		return nil, false, false, nil
	}
	p.pos = i
	name := p.scanIdent()
	ref := &refExpr{name: name, slot: p.slots.slot(name), pos: start}
	if err := p.parseSuffixes(ref, textMode); err != nil {
		return nil, false, false, err
	}
	if braced {
		if p.at(p.pos) != '}' {
			p.pos = start
			return nil, false, false, nil
		}
		p.pos++
	}
	ref.lit = p.src[start:p.pos]
	ref.short = classifyRef(ref)
	return ref, quiet, true, nil
}

// parseSuffixes reads .prop, .method(args) and [index] after a name.
func (p *parser) parseSuffixes(ref *refExpr, textMode bool) error {
	for {
		switch {
		case p.at(p.pos) == '.' && isIdentStart(p.at(p.pos+1)):
			partPos := p.pos
			p.pos++
			name := p.scanIdent()
			if p.at(p.pos) != '(' {
				getter, isser := accessorNames(name)
				ref.parts = append(ref.parts, refPart{kind: partProp, name: name, pos: partPos, getter: getter, isser: isser})
				continue
			}
			args, err := p.parseArgs()
			if err != nil {
				return err
			}
			p.notePath(name, args)
			p.noteRegex(name, args)
			ref.parts = append(ref.parts, refPart{kind: partMethod, name: name, args: args, pos: partPos})
		case p.at(p.pos) == '[':
			partPos := p.pos
			save := p.pos
			p.pos++
			idx, err := p.parseExpr()
			if err == nil {
				err = p.expect(']', "to close the index")
			}
			if err != nil {
				if textMode {
					p.pos = save
					return nil
				}
				return err
			}
			ref.parts = append(ref.parts, refPart{kind: partIndex, index: idx, pos: partPos})
		default:
			return nil
		}
	}
}

// parseArgs reads "(a, b, ...)" of a method call.
func (p *parser) parseArgs() ([]expr, error) {
	open := p.pos
	if err := p.enter(open); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.pos++ // '('
	var args []expr
	p.skipSpace()
	if p.at(p.pos) == ')' {
		p.pos++
		return args, nil
	}
	for {
		a, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		p.skipSpace()
		switch p.at(p.pos) {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return args, nil
		default:
			if p.pos >= p.end {
				return nil, p.errAt(open, "unclosed method call")
			}
			return nil, p.errAt(p.pos, "expected ',' or ')' in method call, found %s", p.describe(p.pos))
		}
	}
}

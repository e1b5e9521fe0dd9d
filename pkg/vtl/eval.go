package vtl

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Render limits keep hostile templates from exhausting memory or time.
const (
	maxOutput   = 10 << 20 // bytes of output and of any built string (API Gateway's payload limit)
	maxRangeLen = 1 << 20  // elements of a [a..b] range
	// maxWork is the step budget of one render: a loop iteration or a range
	// element costs one step, a built string one step per 16 bytes.
	maxWork = 1 << 21
)

// ctl is the control-flow outcome of executing nodes.
type ctl int

const (
	ctlNone ctl = iota
	ctlBreak
	ctlStop
)

// state is the evaluation state of a render: what the render owns
// (renderState and the variables), which release resets, and scratch
// storage that a pooled state keeps for its next render.
type state struct {
	renderState
	vars varTable
	// regex caches compiled regular expressions (emptied between renders).
	regex map[string]*regexp.Regexp
	// classes caches replaceClass's reading of those regexps (emptied
	// with regex).
	classes map[*regexp.Regexp][]rune
	// items is a stack of #foreach item snapshots; a loop pushes its items
	// and pops them when it ends, so nested loops share one buffer.
	items []any
	// bufs holds output buffers for reuse (see takeBuf).
	bufs []*outBuf
	// maps provides the maps of decoded JSON objects (see mapArena).
	maps mapArena
}

// renderState is the part of a state that belongs to one render.
type renderState struct {
	t    *Template
	env  *Env
	work int
	// The body, parsed on first use.
	bodyParsed bool
	bodyVal    any
	bodyErr    error
	ctx        *vmap
	input      inputObj
	// blockDepth counts #define blocks being rendered.
	blockDepth int
}

// errLimit is the cause of errors raised by the render limits.
var errLimit = errors.New("render limit exceeded")

// Render renders the template with env. Render does not modify the
// template, so concurrent calls with different envs are safe. After Render,
// env.Overrides() reports what the template set on $context.responseOverride
// and $context.requestOverride.
func (t *Template) Render(env *Env) (string, error) {
	if env == nil {
		env = &Env{}
	}
	st := acquireState(t, env)
	out := st.takeBuf()
	_, err := st.exec(out, t.nodes)
	var text string
	if err == nil {
		text = string(out.b)
	}
	st.recycle(out)
	env.overrides = st.overrides()
	st.release()
	return text, err
}

// charge spends n steps of the render budget.
func (st *state) charge(n, pos int) error {
	st.work += n
	if st.work > maxWork {
		return st.fail(pos, errLimit, "render exceeds its budget of %d steps", maxWork)
	}
	return nil
}

// fail builds a render error at offset off.
func (st *state) fail(off int, cause error, format string, args ...any) *Error {
	return newError(st.t.name, st.t.src, off, cause, format, args...)
}

// exec renders nodes into out.
func (st *state) exec(out *outBuf, nodes []node) (ctl, error) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *textNode:
			out.WriteString(n.text)
		case *refNode:
			if err := st.renderRef(out, n); err != nil {
				return ctlNone, err
			}
		case *setNode:
			if err := st.execSet(n); err != nil {
				return ctlNone, err
			}
		case *ifNode:
			c, err := st.execIf(out, n)
			if err != nil || c != ctlNone {
				return c, err
			}
		case *foreachNode:
			c, err := st.execForeach(out, n)
			if err != nil || c != ctlNone {
				return c, err
			}
		case *defineNode:
			st.vars.set(n.slot, &defineBlock{body: n.body})
		case *breakNode:
			return ctlBreak, nil
		case *stopNode:
			return ctlStop, nil
		}
		if out.Len() > maxOutput {
			return ctlNone, st.fail(0, errLimit, "output larger than %d bytes", maxOutput)
		}
	}
	return ctlNone, nil
}

// renderRef writes a reference: its value, or its source text when the
// value is null (nothing for quiet references). Backslashes before the '$'
// escape it: an odd count prints the reference text itself.
func (st *state) renderRef(out *outBuf, n *refNode) error {
	var (
		v   any
		err error
	)
	if n.ref.short == shortEnvProp && n.slashes == 0 && len(n.ref.parts) == 1 && !st.t.general {
		if s, ok := st.envString(n.ref); ok {
			out.WriteString(s)
			return nil
		}
	}
	if n.ref.short == shortEscapeJS && n.slashes == 0 && !st.t.general {
		var done bool
		if v, done, err = st.renderEscapeJS(out, n.ref); done || err != nil {
			return err
		}
	} else if v, err = st.evalRef(n.ref); err != nil {
		return err
	}
	if n.slashes > 0 {
		// Every reference has a value (null ones are ""), so escaping
		// follows Velocity's rule for defined references: pairs of
		// backslashes print one each, an odd one escapes the reference.
		out.WriteString(strings.Repeat(`\`, n.slashes/2))
		if n.slashes%2 == 1 {
			out.WriteString(n.ref.lit)
			return nil
		}
	}
	if v == nil {
		return nil
	}
	if b, ok := v.(*defineBlock); ok {
		return st.renderBlock(out, b, n.ref.pos)
	}
	if s, ok := v.(string); ok {
		out.WriteString(s)
	} else {
		writeValue(out, v)
	}
	return nil
}

// execSet performs #set. A right-hand side that is a reference is never
// null (a null reference is ""); one that is null otherwise (1/0, an
// arithmetic on non-numbers) leaves the target unchanged, as in Velocity 1.7.
func (st *state) execSet(n *setNode) error {
	v, err := st.eval(n.value)
	if err != nil {
		return err
	}
	if v == nil {
		return nil
	}
	ref := n.target
	if len(ref.parts) == 0 {
		st.vars.set(ref.slot, v)
		return nil
	}
	owner, err := st.resolve(ref, len(ref.parts)-1)
	if err != nil {
		return err
	}
	if owner == nil && ref.slot == slotContext && st.lookup(slotContext) == any(st.ctx) {
		st.ensureOverrides()
		if owner, err = st.resolve(ref, len(ref.parts)-1); err != nil {
			return err
		}
	}
	last := ref.parts[len(ref.parts)-1]
	switch last.kind {
	case partProp:
		return st.setProp(owner, last.name, v, last.pos)
	case partIndex:
		idx, err := st.eval(last.index)
		if err != nil {
			return err
		}
		return st.setIndex(owner, idx, v, last.pos)
	}
	return st.fail(n.pos, nil, "cannot assign to a method call")
}

// setProp assigns owner.name = v (map put); other owners are ignored like
// a missing setter.
func (st *state) setProp(owner any, name string, v any, pos int) error {
	if m, ok := owner.(*vmap); ok {
		m.put(name, v)
	}
	return nil
}

// setIndex assigns owner[idx] = v.
func (st *state) setIndex(owner, idx, v any, pos int) error {
	switch o := owner.(type) {
	case *vmap:
		o.put(toString(idx), v)
	case *vlist:
		i, ok := toInt(idx)
		if !ok || i < 0 || i >= len(o.items) {
			return st.fail(pos, nil, "index %s out of bounds for length %d", toString(idx), len(o.items))
		}
		o.items[i] = v
	}
	return nil
}

// execIf renders the first branch whose condition is true.
func (st *state) execIf(out *outBuf, n *ifNode) (ctl, error) {
	for i, c := range n.conds {
		v, err := st.eval(c)
		if err != nil {
			return ctlNone, err
		}
		if truthy(v) {
			return st.exec(out, n.bodies[i])
		}
	}
	return st.exec(out, n.els)
}

// iterItems lists what #foreach iterates: list items, map values, or
// nothing for null and scalars.
func iterItems(v any) []any {
	switch x := v.(type) {
	case *vlist:
		return x.items
	case *vmap:
		return x.vals
	}
	return nil
}

// execForeach runs a loop body per element, maintaining $foreach and
// $velocityCount and restoring the loop variable afterwards.
func (st *state) execForeach(out *outBuf, n *foreachNode) (ctl, error) {
	// The body may modify the collection: iterate over a snapshot pushed on
	// the item stack (nested loops push above it, so index it afresh).
	base := len(st.items)
	if err := st.pushItems(n); err != nil {
		return ctlNone, err
	}
	count := len(st.items) - base
	if count == 0 {
		return ctlNone, nil
	}
	defer st.popItems(base)
	oldVar, hadVar := st.vars.get(n.varSlot)
	// $foreach and $velocityCount are maintained only when the template
	// names them (Template.loopVars); otherwise nothing could read them.
	var (
		info         *foreachInfo
		oldFE, oldVC any
		hadFE, hadVC bool
	)
	if st.t.loopVars || st.t.general {
		oldFE, hadFE = st.vars.get(slotForeach)
		oldVC, hadVC = st.vars.get(slotVelocityCount)
		info = &foreachInfo{parent: oldFE}
		st.vars.set(slotForeach, info)
	}
	result := ctlNone
	for i := range count {
		if err := st.charge(1, n.pos); err != nil {
			return ctlNone, err
		}
		it := st.items[base+i]
		if info != nil {
			info.index = i
			info.hasNext = i < count-1
			st.vars.set(slotVelocityCount, int64(i+1))
		}
		if it == nil {
			st.vars.unset(n.varSlot)
		} else {
			st.vars.set(n.varSlot, it)
		}
		c, err := st.exec(out, n.body)
		if err != nil {
			return ctlNone, err
		}
		if c == ctlBreak {
			break
		}
		if c == ctlStop {
			result = ctlStop
			break
		}
	}
	st.vars.restore(n.varSlot, oldVar, hadVar)
	if info != nil {
		st.vars.restore(slotForeach, oldFE, hadFE)
		st.vars.restore(slotVelocityCount, oldVC, hadVC)
	}
	return result, nil
}

// pushItems evaluates the collection of a #foreach and pushes a snapshot
// of what it iterates on the item stack.
func (st *state) pushItems(n *foreachNode) error {
	if n.keySet && !st.t.general {
		return st.pushKeySet(n.iter.(*refExpr))
	}
	v, err := st.eval(n.iter)
	if err != nil {
		return err
	}
	st.items = append(st.items, iterItems(v)...)
	return nil
}

// popItems drops the item snapshots above base, clearing them so the
// pooled buffer keeps no values alive.
func (st *state) popItems(base int) {
	clear(st.items[base:])
	st.items = st.items[:base]
}

// eval evaluates an expression; undefined values are nil.
func (st *state) eval(e expr) (any, error) {
	switch e := e.(type) {
	case *litExpr:
		return e.v, nil
	case *refExpr:
		return st.evalRef(e)
	case *interpExpr:
		return st.evalInterp(e)
	case *listExpr:
		l := &vlist{items: make([]any, 0, len(e.items))}
		for _, it := range e.items {
			v, err := st.eval(it)
			if err != nil {
				return nil, err
			}
			l.items = append(l.items, v)
		}
		return l, nil
	case *mapExpr:
		m := newMap(len(e.keys))
		for i := range e.keys {
			k, err := st.eval(e.keys[i])
			if err != nil {
				return nil, err
			}
			v, err := st.eval(e.vals[i])
			if err != nil {
				return nil, err
			}
			m.put(toString(k), v)
		}
		return m, nil
	case *rangeExpr:
		return st.evalRange(e)
	case *unaryExpr:
		v, err := st.eval(e.x)
		if err != nil {
			return nil, err
		}
		if e.op == "!" {
			return !truthy(v), nil
		}
		return arith("-", int64(0), v), nil
	case *binExpr:
		return st.evalBinary(e)
	}
	return nil, fmt.Errorf("vtl: unknown expression %T", e)
}

// evalInterp renders an interpolated string literal.
func (st *state) evalInterp(e *interpExpr) (any, error) {
	b := st.takeBuf()
	defer st.recycle(b)
	if _, err := st.exec(b, e.nodes); err != nil {
		return nil, err
	}
	if err := st.charge(b.Len()/16, 0); err != nil {
		return nil, err
	}
	return string(b.b), nil
}

// evalRange builds the list [from..to], counting down when from > to.
func (st *state) evalRange(e *rangeExpr) (any, error) {
	fv, err := st.eval(e.from)
	if err != nil {
		return nil, err
	}
	tv, err := st.eval(e.to)
	if err != nil {
		return nil, err
	}
	from, ok1 := toInt(fv)
	to, ok2 := toInt(tv)
	if !ok1 || !ok2 {
		return nil, nil
	}
	n := to - from
	step := 1
	if n < 0 {
		n, step = -n, -1
	}
	if n+1 > maxRangeLen {
		return nil, st.fail(e.pos, errLimit, "range of %d elements is too large", n+1)
	}
	if err := st.charge(n+1, e.pos); err != nil {
		return nil, err
	}
	l := &vlist{items: make([]any, 0, n+1)}
	for i := 0; i <= n; i++ {
		l.items = append(l.items, int64(from+i*step))
	}
	return l, nil
}

// evalBinary evaluates logic (short-circuit), comparisons and arithmetic.
func (st *state) evalBinary(e *binExpr) (any, error) {
	l, err := st.eval(e.l)
	if err != nil {
		return nil, err
	}
	switch e.op {
	case "&&":
		if !truthy(l) {
			return false, nil
		}
		r, err := st.eval(e.r)
		return truthy(r), err
	case "||":
		if truthy(l) {
			return true, nil
		}
		r, err := st.eval(e.r)
		return truthy(r), err
	}
	r, err := st.eval(e.r)
	if err != nil {
		return nil, err
	}
	switch e.op {
	case "==":
		return equal(l, r), nil
	case "!=":
		return !equal(l, r), nil
	case "<", ">", "<=", ">=":
		c, ok := compareNumbers(l, r)
		if !ok {
			return false, nil
		}
		switch e.op {
		case "<":
			return c < 0, nil
		case ">":
			return c > 0, nil
		case "<=":
			return c <= 0, nil
		}
		return c >= 0, nil
	}
	v := arith(e.op, l, r)
	if s, ok := v.(string); ok {
		if len(s) > maxOutput {
			return nil, st.fail(e.pos, errLimit, "string longer than %d bytes", maxOutput)
		}
		if err := st.charge(len(s)/16, e.pos); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// evalRef evaluates a full reference. A reference whose value is null
// (undefined, a missing key or property, a method that returns null or
// does not exist, anything past a null in the chain) evaluates to the empty
// string: API Gateway's rule (see doc.go), wherever the reference is used.
func (st *state) evalRef(r *refExpr) (any, error) {
	v, err := st.resolve(r, len(r.parts))
	if v == nil && err == nil {
		return "", nil
	}
	return v, err
}

// resolve evaluates the reference's root and its first n suffixes. A null
// anywhere makes the result null.
func (st *state) resolve(r *refExpr, n int) (any, error) {
	var v any
	i := 0
	if r.short == shortEnvProp && n > 0 && !st.t.general {
		if pv, ok := st.envProp(r); ok {
			v, i = pv, 1
		}
	}
	if i == 0 {
		v = st.lookup(r.slot)
	}
	for ; i < n && v != nil; i++ {
		p := &r.parts[i]
		var err error
		switch p.kind {
		case partProp:
			v, err = st.property(v, p)
		case partMethod:
			var buf [4]any
			args := buf[:0]
			if len(p.args) > len(buf) {
				args = make([]any, 0, len(p.args))
			}
			args = args[:len(p.args)]
			for j, a := range p.args {
				if args[j], err = st.eval(a); err != nil {
					return nil, err
				}
			}
			v, err = st.call(v, p.name, args, p.pos)
		case partIndex:
			var idx any
			if idx, err = st.eval(p.index); err != nil {
				return nil, err
			}
			v, err = st.index(v, idx, p.pos)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// lookup finds a variable, creating API Gateway's built-ins on first use.
func (st *state) lookup(slot int) any {
	if v, ok := st.vars.get(slot); ok {
		return v
	}
	var v any
	switch slot {
	case slotInput:
		v = &st.input
	case slotUtil:
		v = utilObj{st: st}
	case slotContext:
		v = st.context()
	case slotStageVariables:
		v = hashStringMap(st.env.StageVariables)
	default:
		return nil
	}
	st.vars.set(slot, v)
	return v
}

// index evaluates v[idx]: list element or map value.
func (st *state) index(v, idx any, pos int) (any, error) {
	switch x := v.(type) {
	case *vlist:
		i, ok := toInt(idx)
		if !ok {
			return nil, nil
		}
		if i < 0 || i >= len(x.items) {
			return nil, st.fail(pos, nil, "index %d out of bounds for length %d", i, len(x.items))
		}
		return x.items[i], nil
	case *vmap:
		if idx == nil {
			return nil, nil
		}
		v, _ := x.get(toString(idx))
		return v, nil
	}
	return nil, nil
}

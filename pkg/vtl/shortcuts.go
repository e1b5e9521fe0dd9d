package vtl

// shortcut marks, at parse time, a reference shape common in API Gateway
// templates that Render can evaluate without the general machinery. Every
// shortcut gives exactly the result of the general path; it only skips
// building values nobody else sees.
type shortcut uint8

const (
	shortNone shortcut = iota
	// shortEnvProp is $stageVariables.name... or $context.name...: while
	// the built-in has not been materialised (or shadowed) in this render,
	// name is read straight from the Env instead of copying the whole map.
	shortEnvProp
	// shortEscapeJS is exactly $util.escapeJavaScript(arg) rendered as
	// text: the escaped string is written straight into the output.
	shortEscapeJS
)

// The #foreach shortcut, #foreach($k in $m.keySet()), is marked on the
// foreachNode (keySet) rather than on the reference, which may carry a
// shortcut of its own.

// classifyRef picks the shortcut for a parsed reference.
func classifyRef(r *refExpr) shortcut {
	if len(r.parts) == 0 {
		return shortNone
	}
	p := &r.parts[0]
	switch {
	case (r.slot == slotStageVariables || r.slot == slotContext) && p.kind == partProp:
		return shortEnvProp
	case r.slot == slotUtil && len(r.parts) == 1 && p.kind == partMethod &&
		p.name == "escapeJavaScript" && len(p.args) == 1:
		return shortEscapeJS
	}
	return shortNone
}

// envProp evaluates the first suffix of a shortEnvProp reference from the
// Env. ok is false when the general path must be taken: the variable is
// set in this render (materialised, assigned or a loop variable), or the
// $context value is not a scalar (converting a map must go through the
// shared copy, so that later reads see the same object).
func (st *state) envProp(r *refExpr) (v any, ok bool) {
	if _, set := st.vars.get(r.slot); set {
		return nil, false
	}
	name := r.parts[0].name
	if r.slot == slotStageVariables {
		s, found := st.env.StageVariables[name]
		if !found {
			return nil, true
		}
		return s, true
	}
	if st.ctx != nil {
		return nil, false
	}
	switch v := st.env.Context[name]; v.(type) {
	case nil:
		// The override maps exist in $context without being in the Env.
		return nil, name != "requestOverride" && name != "responseOverride"
	case string, bool, int64, float64: // what toValue keeps as it is
		return v, true
	}
	return nil, false
}

// envString returns the value of a one-suffix shortEnvProp reference when
// it can be read from the Env and is a string, so that renderRef can write
// it without boxing it.
func (st *state) envString(r *refExpr) (string, bool) {
	if _, set := st.vars.get(r.slot); set {
		return "", false
	}
	name := r.parts[0].name
	if r.slot == slotStageVariables {
		s, ok := st.env.StageVariables[name]
		return s, ok
	}
	if st.ctx != nil {
		return "", false
	}
	s, ok := st.env.Context[name].(string)
	return s, ok
}

// renderEscapeJS renders a shortEscapeJS reference. When $util is the
// built-in and the argument a string, the escaped text goes straight into
// out with the same limits call applies, and done is true. Otherwise it
// returns the reference's value for renderRef to write, evaluating the
// argument only once.
func (st *state) renderEscapeJS(out *outBuf, r *refExpr) (v any, done bool, err error) {
	u, ok := st.lookup(r.slot).(utilObj)
	if !ok {
		v, err = st.evalRef(r)
		return v, false, err
	}
	p := &r.parts[0]
	arg, err := st.eval(p.args[0])
	if err != nil {
		return nil, false, err
	}
	s, ok := arg.(string)
	if !ok {
		args := [1]any{arg}
		v, err = st.call(u, p.name, args[:], p.pos)
		return v, false, err
	}
	before := out.Len()
	writeEscapedJavaScript(out, s, jsCleanPrefix(s))
	n := out.Len() - before
	if n > maxOutput {
		return nil, false, st.fail(p.pos, errLimit, "string longer than %d bytes", maxOutput)
	}
	return nil, true, st.charge(n/16, p.pos)
}

// isKeySetCall reports whether e is a reference whose last suffix is a
// call to keySet() with no arguments.
func isKeySetCall(e expr) bool {
	r, ok := e.(*refExpr)
	if !ok || len(r.parts) == 0 {
		return false
	}
	last := &r.parts[len(r.parts)-1]
	return last.kind == partMethod && last.name == "keySet" && len(last.args) == 0
}

// pushKeySet pushes the items of a #foreach over $m.keySet(). For a map
// receiver the keys are pushed directly, which is what iterating the list
// keySet() builds would give; any other receiver takes the general path
// (resolving the receiver once, then calling keySet on it, as resolve does).
func (st *state) pushKeySet(r *refExpr) error {
	recv, err := st.resolve(r, len(r.parts)-1)
	if err != nil || recv == nil {
		return err
	}
	if m, ok := recv.(*vmap); ok {
		for _, k := range m.keys {
			st.items = append(st.items, k)
		}
		return nil
	}
	last := &r.parts[len(r.parts)-1]
	v, err := st.call(recv, last.name, nil, last.pos)
	if err != nil {
		return err
	}
	st.items = append(st.items, iterItems(v)...)
	return nil
}

package vtl

import "sync"

// statePool recycles render states between renders, so that a render does
// not allocate its state, its inline variable table or its scratch
// buffers. It is the package's only package-level mutable state: a state
// belongs to exactly one Render from acquireState to release, and release
// drops every reference the render left in it, so nothing leaks from one
// render (or one Env) into another.
var statePool = sync.Pool{New: func() any { return new(state) }}

// Bounds on the scratch kept by a pooled state; bigger buffers are dropped
// rather than pinned in the pool.
const (
	maxPooledItems = 1 << 10 // elements of the #foreach item stack
	maxPooledRegex = 64      // compiled regular expressions
)

// acquireState returns a clean state for rendering t with env.
func acquireState(t *Template, env *Env) *state {
	st := statePool.Get().(*state)
	st.t, st.env = t, env
	st.vars.names, st.vars.vals = st.vars.nameBuf[:0], st.vars.valBuf[:0]
	st.input.st = st
	return st
}

// release clears st and returns it to the pool. The regular expression
// cache is emptied too: patterns may come from request data, and a cache
// shared across renders would grow without bound.
func (st *state) release() {
	items := st.items
	if cap(items) > maxPooledItems {
		items = nil
	}
	regex := st.regex
	if len(regex) > maxPooledRegex {
		regex = nil
	}
	clear(regex)
	*st = state{} // drops the render's values, including the inline variable table
	st.items, st.regex = items[:0], regex
	statePool.Put(st)
}

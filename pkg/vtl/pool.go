package vtl

import "sync"

// statePool recycles render states between renders, so that a render does
// not allocate its state, its variable table, its scratch buffers (the
// #foreach item stack, output buffers) or the maps of the JSON objects it
// decodes (mapArena). It is the package's only package-level mutable
// state: a state belongs to exactly one Render from acquireState to
// release, and release drops every reference the render left in it, so
// nothing leaks from one render (or one Env) into another.
var statePool = sync.Pool{New: func() any { return new(state) }}

// Bounds on the scratch kept by a pooled state; bigger buffers are dropped
// rather than pinned in the pool.
const (
	maxPooledItems = 1 << 10 // elements of the #foreach item stack
	maxPooledRegex = 64      // compiled regular expressions
	maxPooledBufs  = 4       // output buffers (each at most maxPooledBuf bytes)
)

// acquireState returns a clean state for rendering t with env.
func acquireState(t *Template, env *Env) *state {
	st := new(state)
	if !t.general {
		st = statePool.Get().(*state)
	}
	st.t, st.env = t, env
	st.vars.init(t.slots)
	st.input.st = st
	return st
}

// release clears st and returns it to the pool: the render's values are
// dropped, and the scratch is emptied (the regular expression cache too:
// patterns may come from request data, and a cache shared across renders
// would grow without bound) and trimmed to the bounds above.
func (st *state) release() {
	general := st.t.general
	st.renderState = renderState{}
	clear(st.vars.vals)
	st.vars.vals = nil
	clear(st.items) // empty already unless a loop was cut short
	if cap(st.items) > maxPooledItems {
		st.items = nil
	}
	st.items = st.items[:0]
	if len(st.regex) > maxPooledRegex {
		st.regex = nil
	}
	clear(st.regex)
	st.classes = nil
	if len(st.bufs) > maxPooledBufs {
		clear(st.bufs[maxPooledBufs:])
		st.bufs = st.bufs[:maxPooledBufs]
	}
	st.maps.reset()
	if !general {
		statePool.Put(st)
	}
}

// arena is where the render's JSON objects take their maps from: the
// pooled arena, or the heap for a general render.
func (st *state) arena() *mapArena {
	if st.t.general {
		return nil
	}
	return &st.maps
}

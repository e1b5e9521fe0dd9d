package vtl

// varTable holds a render's variables. Templates use few variables, so a
// linear scan over a small inline array beats a hash map and usually
// allocates nothing.
type varTable struct {
	names   []string
	vals    []any
	nameBuf [16]string
	valBuf  [16]any
}

// get returns the variable's value and whether it is set.
func (t *varTable) get(name string) (any, bool) {
	for i, n := range t.names {
		if n == name {
			return t.vals[i], true
		}
	}
	return nil, false
}

// set assigns a variable.
func (t *varTable) set(name string, v any) {
	for i, n := range t.names {
		if n == name {
			t.vals[i] = v
			return
		}
	}
	t.names = append(t.names, name)
	t.vals = append(t.vals, v)
}

// unset removes a variable.
func (t *varTable) unset(name string) {
	for i, n := range t.names {
		if n == name {
			last := len(t.names) - 1
			t.names[i], t.vals[i] = t.names[last], t.vals[last]
			t.names, t.vals = t.names[:last], t.vals[:last]
			t.vals[:last+1][last] = nil
			return
		}
	}
}

// restore puts back a saved variable, or removes it if it was unset.
func (t *varTable) restore(name string, v any, had bool) {
	if had {
		t.set(name, v)
	} else {
		t.unset(name)
	}
}

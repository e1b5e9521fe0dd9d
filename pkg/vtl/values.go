package vtl

import (
	"strconv"
	"strings"
)

// Values inside the engine are Go values standing for Java objects:
//
//	nil              null
//	string           java.lang.String
//	bool             java.lang.Boolean
//	int64            java.lang.Integer / Long
//	float64          java.lang.Double
//	jsonNumber       a number read from JSON, kept as its text
//	*vmap            java.util.LinkedHashMap (insertion ordered, string keys)
//	*vlist           java.util.ArrayList
//	*mapEntry        java.util.Map.Entry
//	*foreachInfo     $foreach
//	*inputObj        $input
//	utilObj          $util

// jsonNumber is a number read from JSON, rendered exactly as written.
type jsonNumber string

// vmap is an insertion-ordered map with string keys. Small maps are
// searched linearly; an index is built once they grow.
type vmap struct {
	keys  []string
	vals  []any
	index map[string]int
	// fold makes key lookups case-insensitive (the header map).
	fold bool
	// opaque maps render as the empty string: the maps inside $context
	// (identity, requestOverride, ...) are objects whose string form API
	// Gateway renders as "" (see doc.go).
	opaque bool
	// Inline storage: small maps need a single allocation.
	keyBuf [8]string
	valBuf [8]any
}

// indexAbove is the size from which a vmap keeps a hash index.
const indexAbove = 8

func newMap(n int) *vmap {
	m := &vmap{}
	if n <= len(m.keyBuf) {
		m.keys, m.vals = m.keyBuf[:0], m.valBuf[:0]
	} else {
		m.keys, m.vals = make([]string, 0, n), make([]any, 0, n)
	}
	return m
}

// find returns the position of k or -1.
func (m *vmap) find(k string) int {
	if m == nil {
		return -1
	}
	if m.fold {
		for i, key := range m.keys {
			if strings.EqualFold(key, k) {
				return i
			}
		}
		return -1
	}
	if m.index != nil {
		if i, ok := m.index[k]; ok {
			return i
		}
		return -1
	}
	for i, key := range m.keys {
		if key == k {
			return i
		}
	}
	return -1
}

// get returns the value for k and whether it is present.
func (m *vmap) get(k string) (any, bool) {
	if i := m.find(k); i >= 0 {
		return m.vals[i], true
	}
	return nil, false
}

// put sets k to v and returns the previous value.
func (m *vmap) put(k string, v any) any {
	if i := m.find(k); i >= 0 {
		old := m.vals[i]
		m.vals[i] = v
		return old
	}
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
	switch {
	case m.fold:
	case m.index != nil:
		m.index[k] = len(m.keys) - 1
	case len(m.keys) > indexAbove:
		m.reindex()
	}
	return nil
}

// reindex rebuilds the hash index (case-folding maps keep none).
func (m *vmap) reindex() {
	if m.fold {
		m.index = nil
		return
	}
	m.index = make(map[string]int, len(m.keys))
	for i, k := range m.keys {
		m.index[k] = i
	}
}

// remove deletes k and returns its value.
func (m *vmap) remove(k string) any {
	i := m.find(k)
	if i < 0 {
		return nil
	}
	old := m.vals[i]
	m.keys = append(m.keys[:i:i], m.keys[i+1:]...)
	m.vals = append(m.vals[:i:i], m.vals[i+1:]...)
	if m.index != nil {
		m.reindex()
	}
	return old
}

// clear removes every entry.
func (m *vmap) clear() {
	m.keys, m.vals, m.index = m.keys[:0], m.vals[:0], nil
}

// vlist is a mutable list. A list read from JSON ($input.path,
// $util.parseJson) renders as compact JSON, as API Gateway's JSON arrays
// do; a list built by the template renders Java-style ([a, b]).
type vlist struct {
	items []any
	json  bool
}

// mapEntry is an element of $map.entrySet().
type mapEntry struct {
	key string
	val any
}

// foreachInfo is the $foreach object of the innermost loop.
type foreachInfo struct {
	index   int
	hasNext bool
	parent  any
}

// toString renders a value the way Java's toString would.
func toString(v any) string {
	switch x := v.(type) { // scalars need no builder
	case string:
		return x
	case jsonNumber:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	}
	var b strings.Builder
	writeValue(&b, v)
	return b.String()
}

// maxValueDepth bounds recursion into nested (possibly cyclic) lists and
// maps when rendering or comparing them.
const maxValueDepth = 256

// writeValue appends the Java string form of v to b.
func writeValue[W textWriter](b W, v any) { writeValueDepth(b, v, 0) }

// writeValueDepth renders v; a collection containing itself renders as
// Java does ("(this Collection)", "(this Map)"), and nesting past
// maxValueDepth renders as "...".
func writeValueDepth[W textWriter](b W, v any, depth int) {
	if depth > maxValueDepth {
		b.WriteString("...")
		return
	}
	if b.Len() > maxOutput {
		return // the caller reports the size limit
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(javaDouble(x))
	case jsonNumber:
		b.WriteString(string(x))
	case *vmap:
		if x.opaque {
			return
		}
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k)
			b.WriteByte('=')
			if m, ok := x.vals[i].(*vmap); ok && m == x {
				b.WriteString("(this Map)")
				continue
			}
			writeValueDepth(b, x.vals[i], depth+1)
		}
		b.WriteByte('}')
	case *vlist:
		if x.json {
			writeJSONDepth(b, x, depth)
			return
		}
		b.WriteByte('[')
		for i, it := range x.items {
			if i > 0 {
				b.WriteString(", ")
			}
			if l, ok := it.(*vlist); ok && l == x {
				b.WriteString("(this Collection)")
				continue
			}
			writeValueDepth(b, it, depth+1)
		}
		b.WriteByte(']')
	case *mapEntry:
		b.WriteString(x.key)
		b.WriteByte('=')
		writeValueDepth(b, x.val, depth+1)
	case *foreachInfo:
		b.WriteString("$foreach")
	case *inputObj:
		b.WriteString("$input")
	case utilObj:
		b.WriteString("$util")
	default:
		b.WriteString("?")
	}
}

// truthy is Velocity 1.7's #if test: null and false are false, every other
// value (even "" and empty collections) is true.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	}
	return true
}

// isNumber reports whether v is a numeric value.
func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64, jsonNumber:
		return true
	}
	return false
}

// equal implements Velocity's == : numbers compare by value, values of the
// same kind with equals(), values of different kinds by their string form.
// (A null reference is "" before it gets here, so $missing == "" holds.)
func equal(a, b any) bool {
	budget := maxCompareSteps
	return equalDepth(a, b, 0, &budget)
}

// maxCompareSteps bounds the elements one comparison may visit.
const maxCompareSteps = 1 << 20

// equalDepth is equal with bounds on nesting and on visited elements
// (cyclic or huge values compare unequal once a bound is reached).
func equalDepth(a, b any, depth int, budget *int) bool {
	*budget--
	if depth > maxValueDepth || *budget < 0 {
		return false
	}
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if isNumber(a) && isNumber(b) {
		c, ok := compareNumbers(a, b)
		return ok && c == 0
	}
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return x == y
		}
	case bool:
		if y, ok := b.(bool); ok {
			return x == y
		}
	case *vlist:
		if y, ok := b.(*vlist); ok {
			if len(x.items) != len(y.items) {
				return false
			}
			for i := range x.items {
				if !javaEqualsDepth(x.items[i], y.items[i], depth+1, budget) {
					return false
				}
			}
			return true
		}
	case *vmap:
		if y, ok := b.(*vmap); ok {
			if len(x.keys) != len(y.keys) {
				return false
			}
			for i, k := range x.keys {
				yv, ok := y.get(k)
				if !ok || !javaEqualsDepth(x.vals[i], yv, depth+1, budget) {
					return false
				}
			}
			return true
		}
	}
	return toString(a) == toString(b)
}

// javaEquals is Object.equals: like equal but values of different kinds
// (other than numbers of one kind) are never equal.
func javaEquals(a, b any) bool {
	budget := maxCompareSteps
	return javaEqualsDepth(a, b, 0, &budget)
}

// javaEqualsDepth is javaEquals with bounds on nesting and work.
func javaEqualsDepth(a, b any, depth int, budget *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	switch a.(type) {
	case string:
		if _, ok := b.(string); !ok {
			return false
		}
	case bool:
		if _, ok := b.(bool); !ok {
			return false
		}
	case int64, jsonNumber:
		switch b.(type) {
		case int64, jsonNumber:
		default:
			return false
		}
	case float64:
		if !isNumber(b) {
			return false
		}
	case *vlist:
		if _, ok := b.(*vlist); !ok {
			return false
		}
	case *vmap:
		if _, ok := b.(*vmap); !ok {
			return false
		}
	}
	return equalDepth(a, b, depth, budget)
}

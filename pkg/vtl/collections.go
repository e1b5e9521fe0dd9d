package vtl

import "fmt"

// listMethod implements java.util.List methods on *vlist.
func listMethod(l *vlist, name string, args []any) (any, error) {
	n := len(l.items)
	switch len(args) {
	case 0:
		switch name {
		case "size", "count":
			// count is not a java.util.List method, but the API Gateway
			// developer guide's $input.path example says
			// $input.path('$.pets').count() returns 3 for three pets.
			return int64(n), nil
		case "isEmpty":
			return n == 0, nil
		case "clear":
			l.items = l.items[:0]
			return nil, nil
		}
	case 1:
		a := args[0]
		switch name {
		case "get":
			i, ok := toInt(a)
			if !ok {
				return nil, nil
			}
			if i < 0 || i >= n {
				return nil, fmt.Errorf("index %d out of bounds for length %d", i, n)
			}
			return l.items[i], nil
		case "contains":
			return indexOf(l.items, a) >= 0, nil
		case "indexOf":
			return int64(indexOf(l.items, a)), nil
		case "lastIndexOf":
			for i := n - 1; i >= 0; i-- {
				if javaEquals(l.items[i], a) {
					return int64(i), nil
				}
			}
			return int64(-1), nil
		case "add":
			l.items = append(l.items, a)
			return true, nil
		case "addAll":
			o, ok := a.(*vlist)
			if !ok {
				return nil, nil
			}
			l.items = append(l.items, o.items...)
			return len(o.items) > 0, nil
		case "remove":
			if i, ok := a.(int64); ok {
				if i < 0 || i >= int64(n) {
					return nil, fmt.Errorf("index %d out of bounds for length %d", i, n)
				}
				old := l.items[i]
				l.items = append(l.items[:i:i], l.items[i+1:]...)
				return old, nil
			}
			if i := indexOf(l.items, a); i >= 0 {
				l.items = append(l.items[:i:i], l.items[i+1:]...)
				return true, nil
			}
			return false, nil
		}
	case 2:
		i, ok := toInt(args[0])
		if !ok {
			return nil, nil
		}
		switch name {
		case "set":
			if i < 0 || i >= n {
				return nil, fmt.Errorf("index %d out of bounds for length %d", i, n)
			}
			old := l.items[i]
			l.items[i] = args[1]
			return old, nil
		case "add":
			if i < 0 || i > n {
				return nil, fmt.Errorf("index %d out of bounds for length %d", i, n)
			}
			l.items = append(l.items[:i:i], append([]any{args[1]}, l.items[i:]...)...)
			return nil, nil
		case "subList":
			j, ok := toInt(args[1])
			if !ok {
				return nil, nil
			}
			if i < 0 || j > n || i > j {
				return nil, fmt.Errorf("subList(%d, %d) out of bounds for length %d", i, j, n)
			}
			return &vlist{items: append([]any(nil), l.items[i:j]...)}, nil
		}
	}
	return nil, nil
}

// indexOf finds a by equals() in items.
func indexOf(items []any, a any) int {
	for i, it := range items {
		if javaEquals(it, a) {
			return i
		}
	}
	return -1
}

// mapMethod implements java.util.Map methods on *vmap. Keys are compared
// by their string form.
func mapMethod(m *vmap, name string, args []any) (any, error) {
	switch len(args) {
	case 0:
		switch name {
		case "size":
			return int64(len(m.keys)), nil
		case "isEmpty":
			return len(m.keys) == 0, nil
		case "keySet":
			l := &vlist{items: make([]any, len(m.keys))}
			for i, k := range m.keys {
				l.items[i] = k
			}
			return l, nil
		case "values":
			return &vlist{items: append([]any(nil), m.vals...)}, nil
		case "entrySet":
			l := &vlist{items: make([]any, len(m.keys))}
			for i, k := range m.keys {
				l.items[i] = &mapEntry{key: k, val: m.vals[i]}
			}
			return l, nil
		case "clear":
			m.clear()
			return nil, nil
		}
	case 1:
		a := args[0]
		switch name {
		case "get":
			if a == nil {
				return nil, nil
			}
			v, _ := m.get(toString(a))
			return v, nil
		case "containsKey":
			if a == nil {
				return false, nil
			}
			_, ok := m.get(toString(a))
			return ok, nil
		case "containsValue":
			return indexOf(m.vals, a) >= 0, nil
		case "remove":
			if a == nil {
				return nil, nil
			}
			return m.remove(toString(a)), nil
		case "putAll":
			o, ok := a.(*vmap)
			if !ok {
				return nil, nil
			}
			for i, k := range o.keys {
				m.put(k, o.vals[i])
			}
			return nil, nil
		}
	case 2:
		switch name {
		case "put":
			if args[0] == nil {
				return nil, nil
			}
			return m.put(toString(args[0]), args[1]), nil
		case "getOrDefault":
			if args[0] == nil {
				return args[1], nil
			}
			if v, ok := m.get(toString(args[0])); ok {
				return v, nil
			}
			return args[1], nil
		}
	}
	return nil, nil
}

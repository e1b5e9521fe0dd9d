package vtl

import (
	"strings"
)

// property evaluates v.name: a map lookup, or the getter getName()/isName()
// as Java bean introspection would find it. Missing properties are null.
func (st *state) property(v any, p *refPart) (any, error) {
	name := p.name
	switch x := v.(type) {
	case *vmap:
		r, _ := x.get(name)
		return r, nil
	case *mapEntry:
		switch name {
		case "key":
			return x.key, nil
		case "value":
			return x.val, nil
		}
		return nil, nil
	case *foreachInfo:
		return x.prop(name), nil
	case *inputObj:
		if name == "body" {
			return st.body(), nil
		}
		return nil, nil
	}
	if name == "" {
		return nil, nil
	}
	r, err := st.call(v, p.getter, nil, p.pos)
	if r != nil || err != nil {
		return r, err
	}
	return st.call(v, p.isser, nil, p.pos)
}

// accessorNames returns the getter and the boolean getter Java bean
// introspection looks for to read property name: getName and isName.
func accessorNames(name string) (getter, isser string) {
	if name == "" {
		return "", ""
	}
	cap := strings.ToUpper(name[:1]) + name[1:]
	return "get" + cap, "is" + cap
}

// prop returns a property of $foreach.
func (f *foreachInfo) prop(name string) any {
	switch name {
	case "index":
		return int64(f.index)
	case "count":
		return int64(f.index + 1)
	case "hasNext":
		return f.hasNext
	case "first":
		return f.index == 0
	case "last":
		return !f.hasNext
	case "parent":
		return f.parent
	}
	return nil
}

// call invokes a method with Java semantics. An unknown method or
// arguments of the wrong kind give null (the reference then renders as its
// text); a method that would throw in Java gives an error.
func (st *state) call(v any, name string, args []any, pos int) (any, error) {
	var (
		r   any
		err error
	)
	switch x := v.(type) {
	case string:
		r, err = st.stringMethod(x, name, args)
	case *vlist:
		r, err = listMethod(x, name, args)
	case *vmap:
		r, err = mapMethod(x, name, args)
	case int64, float64, jsonNumber:
		r = numberMethod(x, name, args)
	case bool:
		r = boolMethod(x, name, args)
	case *mapEntry:
		r = entryMethod(x, name, args)
	case *foreachInfo:
		r = foreachMethod(x, name, args)
	case *inputObj:
		r, err = x.call(name, args)
	case utilObj:
		r, err = x.call(name, args)
	}
	if err != nil {
		return nil, st.fail(pos, err, "%s: %v", name, err)
	}
	if r == nil && len(args) == 0 {
		switch name {
		case "toString":
			return toString(v), nil
		case "getClass":
			return nil, nil
		}
	}
	if name == "equals" && len(args) == 1 {
		return javaEquals(v, args[0]), nil
	}
	if s, ok := r.(string); ok {
		if len(s) > maxOutput {
			return nil, st.fail(pos, errLimit, "string longer than %d bytes", maxOutput)
		}
		if err := st.charge(len(s)/16, pos); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// numberMethod implements the java.lang.Number methods.
func numberMethod(v any, name string, args []any) any {
	n, _ := toNumber(v)
	if len(args) != 0 {
		if name == "compareTo" && len(args) == 1 {
			if c, ok := compareNumbers(v, args[0]); ok {
				return int64(c)
			}
		}
		return nil
	}
	switch name {
	case "intValue":
		if n.isInt {
			return int64(int32(n.i))
		}
		return int64(int32(n.f))
	case "longValue":
		if n.isInt {
			return n.i
		}
		return int64(n.f)
	case "doubleValue", "floatValue":
		return n.float()
	}
	return nil
}

// boolMethod implements java.lang.Boolean methods.
func boolMethod(b bool, name string, args []any) any {
	if name == "booleanValue" && len(args) == 0 {
		return b
	}
	return nil
}

// entryMethod implements Map.Entry.
func entryMethod(e *mapEntry, name string, args []any) any {
	switch {
	case name == "getKey" && len(args) == 0:
		return e.key
	case name == "getValue" && len(args) == 0:
		return e.val
	}
	return nil
}

// foreachMethod implements the $foreach methods.
func foreachMethod(f *foreachInfo, name string, args []any) any {
	if len(args) != 0 {
		return nil
	}
	switch name {
	case "hasNext", "getHasNext":
		return f.hasNext
	case "getIndex":
		return int64(f.index)
	case "getCount":
		return int64(f.index + 1)
	case "isFirst":
		return f.index == 0
	case "isLast":
		return !f.hasNext
	case "getParent":
		return f.parent
	}
	return nil
}

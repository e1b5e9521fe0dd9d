package cfn

import (
	"fmt"
	"sort"
)

// unresolved stands in a resolved value where an intrinsic function could
// not be evaluated locally (a Ref to nothing, an attribute not known, an
// import from another stack). It travels up through every function that
// uses it, and is reported only where the model reads the value, so a
// value the API never uses never stops it from starting.
type unresolved struct{ err error }

func (u unresolved) Error() string { return u.err.Error() }

// failed returns an unresolved value for the formatted error.
func failed(format string, args ...any) unresolved {
	return unresolved{fmt.Errorf(format, args...)}
}

// firstUnresolved returns the first unresolved value inside v, in a stable
// order, with the path that leads to it ("Integration.Uri").
func firstUnresolved(v any, path string) (string, *unresolved) {
	switch x := v.(type) {
	case unresolved:
		return path, &x
	case []any:
		for i, e := range x {
			if p, u := firstUnresolved(e, fmt.Sprintf("%s[%d]", path, i)); u != nil {
				return p, u
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if p, u := firstUnresolved(x[k], p); u != nil {
				return p, u
			}
		}
	}
	return "", nil
}

// Err reports the first value of the named properties (all of them when
// none is named) that could not be resolved locally, naming the resource
// and the property: the error to surface when the model needs the value.
func (r *Resource) Err(names ...string) error {
	check := func(name string, v any) error {
		if p, u := firstUnresolved(v, name); u != nil {
			return fmt.Errorf("%s (%s) property %s: %w", r.LogicalID, r.Type, p, u.err)
		}
		return nil
	}
	if len(names) == 0 {
		return check("", r.Properties)
	}
	for _, n := range names {
		if err := check(n, r.Properties[n]); err != nil {
			return err
		}
	}
	return nil
}

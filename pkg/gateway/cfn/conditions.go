package cfn

import (
	"fmt"
	"strings"
)

// cond evaluates the template's condition name once: Fn::Equals, Fn::Not,
// Fn::And, Fn::Or and Condition over parameters, pseudo parameters and
// mappings (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html).
func (r *resolver) cond(name string) (bool, error) {
	if b, ok := r.condMemo[name]; ok {
		return b, nil
	}
	expr, ok := r.conditions[name]
	if !ok {
		return false, fmt.Errorf("no condition %q in Conditions", name)
	}
	if r.condBusy[name] {
		return false, fmt.Errorf("condition %s refers to itself", name)
	}
	r.condBusy[name] = true
	defer delete(r.condBusy, name)
	b, err := r.condExpr(expr)
	if err != nil {
		return false, fmt.Errorf("condition %s: %w", name, err)
	}
	r.condMemo[name] = b
	return b, nil
}

// condExpr evaluates one condition expression.
func (r *resolver) condExpr(expr any) (bool, error) {
	if b, ok := expr.(bool); ok {
		return b, nil
	}
	m := obj(expr)
	if len(m) != 1 {
		if s, ok := expr.(string); ok && (strings.EqualFold(s, "true") || strings.EqualFold(s, "false")) {
			return strings.EqualFold(s, "true"), nil
		}
		return false, fmt.Errorf("not a condition: %v", expr)
	}
	for fn, arg := range m {
		switch fn {
		case "Condition":
			return r.cond(str(arg))
		case "Fn::Equals":
			l := list(arg)
			if len(l) != 2 {
				return false, fmt.Errorf("Fn::Equals: want two values")
			}
			a, ua := r.resolveArgs(l[0])
			b, ub := r.resolveArgs(l[1])
			for _, u := range []*unresolved{ua, ub} {
				if u != nil {
					return false, fmt.Errorf("Fn::Equals: %w", u.err)
				}
			}
			return str(a) == str(b), nil
		case "Fn::Not":
			l := list(arg)
			if len(l) != 1 {
				return false, fmt.Errorf("Fn::Not: want one condition")
			}
			b, err := r.condExpr(l[0])
			return !b, err
		case "Fn::And", "Fn::Or":
			l := list(arg)
			if len(l) < 2 {
				return false, fmt.Errorf("%s: want at least two conditions", fn)
			}
			and := fn == "Fn::And"
			for _, e := range l {
				b, err := r.condExpr(e)
				if err != nil {
					return false, err
				}
				if b != and {
					return b, nil
				}
			}
			return and, nil
		}
		// Any other function (Fn::FindInMap, Ref...) must yield a boolean.
		v, u := r.resolveArgs(expr)
		if u != nil {
			return false, u.err
		}
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			if strings.EqualFold(x, "true") || strings.EqualFold(x, "false") {
				return strings.EqualFold(x, "true"), nil
			}
		}
		return false, fmt.Errorf("%s does not yield a boolean", fn)
	}
	return false, nil
}

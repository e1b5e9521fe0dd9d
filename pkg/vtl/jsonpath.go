package vtl

import (
	"fmt"
	"strconv"
	"strings"
)

// pathStep is one step of a JSONPath expression.
type pathStep struct {
	kind    stepKind
	names   []string // stepChild, stepDeep ("" for any)
	indexes []int    // stepIndex
	lo, hi  *int     // stepSlice bounds
}

type stepKind int

const (
	stepChild stepKind = iota
	stepIndex
	stepWildcard
	stepDeep
	stepSlice
)

// jsonPath is a parsed JSONPath. Templates keep the paths written as
// literals ($input.path('$.a')) parsed once, in Template.paths; a jsonPath
// is shared by concurrent renders and never modified.
type jsonPath struct {
	steps    []pathStep
	definite bool
}

// notePath parses the literal argument of a $input.path or $input.json
// call at parse time, so that renders find it ready. Paths that do not
// parse are left for Render, which reports the error.
func (p *parser) notePath(name string, args []expr) {
	if (name != "path" && name != "json") || len(args) != 1 {
		return
	}
	lit, ok := args[0].(*litExpr)
	if !ok {
		return
	}
	s, ok := lit.v.(string)
	if !ok || p.paths[s] != nil {
		return
	}
	if steps, definite, err := parseJSONPath(s); err == nil {
		p.paths[s] = &jsonPath{steps: steps, definite: definite}
	}
}

// parseJSONPath parses the JSONPath subset API Gateway templates use: $,
// .name, ['name'], ["a","b"], [0], [-1], [0,2], [*], .*, ..name, ..*,
// [start:end]. A path without a leading $ is taken relative to the root.
func parseJSONPath(path string) ([]pathStep, bool, error) {
	p := strings.TrimSpace(path)
	if strings.HasPrefix(p, "$") {
		p = p[1:]
	} else if p != "" && p[0] != '.' && p[0] != '[' {
		p = "." + p
	}
	var steps []pathStep
	definite := true
	for i := 0; i < len(p); {
		switch {
		case strings.HasPrefix(p[i:], ".."):
			i += 2
			name, n := pathName(p[i:])
			if p[i:i+min(1, len(p)-i)] == "*" {
				name, n = "", 1
			} else if n == 0 {
				return nil, false, fmt.Errorf("bad JSONPath %q: name expected after '..'", path)
			}
			i += n
			steps = append(steps, pathStep{kind: stepDeep, names: []string{name}})
			definite = false
		case p[i] == '.':
			i++
			if i < len(p) && p[i] == '*' {
				i++
				steps = append(steps, pathStep{kind: stepWildcard})
				definite = false
				continue
			}
			name, n := pathName(p[i:])
			if n == 0 {
				return nil, false, fmt.Errorf("bad JSONPath %q: name expected at offset %d", path, i)
			}
			i += n
			steps = append(steps, pathStep{kind: stepChild, names: []string{name}})
		case p[i] == '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return nil, false, fmt.Errorf("bad JSONPath %q: missing ']'", path)
			}
			step, def, err := parseBracket(p[i+1 : i+end])
			if err != nil {
				return nil, false, fmt.Errorf("bad JSONPath %q: %w", path, err)
			}
			definite = definite && def
			steps = append(steps, step)
			i += end + 1
		default:
			return nil, false, fmt.Errorf("bad JSONPath %q: unexpected %q at offset %d", path, p[i], i)
		}
	}
	return steps, definite, nil
}

// pathName reads a dot-notation name.
func pathName(s string) (string, int) {
	n := 0
	for n < len(s) && s[n] != '.' && s[n] != '[' && s[n] != ' ' {
		n++
	}
	return s[:n], n
}

// parseBracket parses what is between [ and ].
func parseBracket(in string) (pathStep, bool, error) {
	s := strings.TrimSpace(in)
	switch {
	case s == "*":
		return pathStep{kind: stepWildcard}, false, nil
	case s == "":
		return pathStep{}, false, fmt.Errorf("empty brackets")
	case s[0] == '\'' || s[0] == '"':
		var names []string
		for _, part := range strings.Split(s, ",") {
			part = strings.TrimSpace(part)
			if len(part) < 2 || (part[0] != '\'' && part[0] != '"') || part[len(part)-1] != part[0] {
				return pathStep{}, false, fmt.Errorf("bad quoted name %s", part)
			}
			names = append(names, part[1:len(part)-1])
		}
		return pathStep{kind: stepChild, names: names}, len(names) == 1, nil
	case strings.Contains(s, ":"):
		lo, hi, _ := strings.Cut(s, ":")
		step := pathStep{kind: stepSlice}
		for _, b := range []struct {
			text string
			dst  **int
		}{{lo, &step.lo}, {hi, &step.hi}} {
			t := strings.TrimSpace(b.text)
			if t == "" {
				continue
			}
			n, err := strconv.Atoi(t)
			if err != nil {
				return pathStep{}, false, fmt.Errorf("bad slice bound %q", t)
			}
			*b.dst = &n
		}
		return step, false, nil
	}
	var idx []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			return pathStep{}, false, fmt.Errorf("bad index %q", part)
		}
		idx = append(idx, n)
	}
	return pathStep{kind: stepIndex, indexes: idx}, len(idx) == 1, nil
}

// selectPath evaluates steps over root. A definite path yields its single
// value (found false when missing); an indefinite one yields a list.
func selectPath(root any, steps []pathStep, definite bool) (any, bool) {
	if definite {
		return selectDefinite(root, steps)
	}
	cur := []any{root}
	for _, st := range steps {
		var next []any
		for _, n := range cur {
			next = applyStep(next, n, st)
			if len(next) > maxRangeLen {
				next = next[:maxRangeLen] // wildcards over cyclic data
				break
			}
		}
		cur = next
	}
	if !definite {
		return &vlist{items: cur, json: true}, true
	}
	if len(cur) != 1 {
		return nil, false
	}
	return cur[0], true
}

// applyStep appends the results of one step on node n to out.
func applyStep(out []any, n any, st pathStep) []any {
	switch st.kind {
	case stepChild:
		if m, ok := n.(*vmap); ok {
			for _, name := range st.names {
				if v, ok := m.get(name); ok {
					out = append(out, v)
				}
			}
		}
	case stepIndex:
		if l, ok := n.(*vlist); ok {
			for _, i := range st.indexes {
				if i < 0 {
					i += len(l.items)
				}
				if i >= 0 && i < len(l.items) {
					out = append(out, l.items[i])
				}
			}
		}
	case stepWildcard:
		out = append(out, iterItems(n)...)
	case stepSlice:
		if l, ok := n.(*vlist); ok {
			lo, hi := 0, len(l.items)
			if st.lo != nil {
				lo = clampIndex(*st.lo, len(l.items))
			}
			if st.hi != nil {
				hi = clampIndex(*st.hi, len(l.items))
			}
			if lo < hi {
				out = append(out, l.items[lo:hi]...)
			}
		}
	case stepDeep:
		budget := maxCompareSteps
		out = deepScan(out, n, st.names[0], 0, &budget)
	}
	return out
}

// clampIndex resolves a slice bound against length n.
func clampIndex(i, n int) int {
	if i < 0 {
		i += n
	}
	return max(0, min(i, n))
}

// deepScan collects, depth first, every value under a key named name (any
// key when name is "") at any depth below n.
func deepScan(out []any, n any, name string, depth int, budget *int) []any {
	*budget--
	if depth > maxJSONDepth || *budget < 0 {
		return out
	}
	switch x := n.(type) {
	case *vmap:
		for i, k := range x.keys {
			v := x.vals[i]
			if name == "" || k == name {
				out = append(out, v)
			}
			out = deepScan(out, v, name, depth+1, budget)
		}
	case *vlist:
		for _, v := range x.items {
			if name == "" {
				out = append(out, v)
			}
			out = deepScan(out, v, name, depth+1, budget)
		}
	}
	return out
}

// selectDefinite walks a path of single-name and single-index steps
// without building intermediate lists.
func selectDefinite(v any, steps []pathStep) (any, bool) {
	for _, st := range steps {
		switch st.kind {
		case stepChild:
			m, ok := v.(*vmap)
			if !ok {
				return nil, false
			}
			if v, ok = m.get(st.names[0]); !ok {
				return nil, false
			}
		case stepIndex:
			l, ok := v.(*vlist)
			if !ok {
				return nil, false
			}
			i := st.indexes[0]
			if i < 0 {
				i += len(l.items)
			}
			if i < 0 || i >= len(l.items) {
				return nil, false
			}
			v = l.items[i]
		default:
			return nil, false
		}
	}
	return v, true
}

package gateway

import (
	"net/url"
	"strings"
)

// match finds the resource for a path relative to the stage ("/items/42")
// the way API Gateway does: a literal segment beats a {param}, which beats
// a greedy {proxy+}. It returns the node and the URL-decoded path parameters.
func (m *Model) match(path string) (*Node, map[string]string, bool) {
	trimmed := strings.Trim(path, "/")
	if trimmed == "" {
		return m.Root, map[string]string{}, true
	}
	segs := strings.Split(trimmed, "/")
	params := map[string]string{}
	n, ok := matchFrom(m.Root, segs, params)
	return n, params, ok
}

func matchFrom(n *Node, segs []string, params map[string]string) (*Node, bool) {
	if len(segs) == 0 {
		return n, true
	}
	seg, err := url.PathUnescape(segs[0])
	if err != nil || segs[0] == "" {
		return nil, false
	}
	for _, c := range n.Children {
		// A {param} part is a placeholder, never a literal: the segment
		// "{id}" is an id like any other.
		if _, isParam := paramName(c.PathPart); !isParam && c.PathPart == seg {
			if found, ok := matchFrom(c, segs[1:], params); ok {
				return found, true
			}
		}
	}
	for _, c := range n.Children {
		name, ok := paramName(c.PathPart)
		if !ok || strings.HasSuffix(name, "+") {
			continue
		}
		if found, ok := matchFrom(c, segs[1:], params); ok {
			params[name] = seg
			return found, true
		}
	}
	for _, c := range n.Children {
		name, ok := paramName(c.PathPart)
		if !ok || !strings.HasSuffix(name, "+") {
			continue
		}
		rest := make([]string, len(segs))
		for i, s := range segs {
			rest[i], _ = url.PathUnescape(s)
		}
		params[strings.TrimSuffix(name, "+")] = strings.Join(rest, "/")
		return c, true
	}
	return nil, false
}

func paramName(part string) (string, bool) {
	if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") {
		return part[1 : len(part)-1], true
	}
	return "", false
}

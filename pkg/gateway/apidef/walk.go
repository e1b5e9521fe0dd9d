package apidef

import "sort"

// PlanKeys maps each usage plan's name to the value of its first API key.
func (m *Model) PlanKeys() map[string]string {
	out := map[string]string{}
	for _, p := range m.Plans {
		if len(p.Keys) > 0 {
			out[p.Name] = p.Keys[0].Value
		}
	}
	return out
}

// Methods lists every method of the API, ordered by resource path then
// HTTP method.
func (m *Model) Methods() []*Method {
	var out []*Method
	var walk func(n *Node)
	walk = func(n *Node) {
		names := make([]string, 0, len(n.Methods))
		for k := range n.Methods {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			out = append(out, n.Methods[k])
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(m.Root)
	return out
}

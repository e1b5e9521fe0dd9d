package cfn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Decode parses a CloudFormation template, or any document in the same
// notation (an OpenAPI definition), in JSON or YAML into plain values:
// map[string]any, []any, string, bool, nil and numbers as json.Number
// (their text as written, so an account id stays "123456789012").
//
// Text whose first non-blank character is "{" is read as JSON; anything
// else as YAML, where CloudFormation's short forms become the long ones:
// "!Ref x" is {"Ref": "x"}, "!GetAtt a.b" is {"Fn::GetAtt": ["a", "b"]},
// "!Condition c" is {"Condition": "c"} and every other "!Name v" is
// {"Fn::Name": v} (!Sub, !Join, !If, !FindInMap, !ImportValue...).
// See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// for the short forms.
func Decode(src []byte) (any, error) {
	if t := bytes.TrimLeft(src, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
		d := json.NewDecoder(bytes.NewReader(t))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("parse JSON: %w", err)
		}
		return v, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("parse YAML: empty document")
	}
	c := &yamlConv{}
	return c.fromYAML(doc.Content[0], 0)
}

// maxYAMLDepth bounds nesting so that a hostile document cannot exhaust
// the stack, and maxYAMLNodes the values made, so that aliases of aliases
// cannot blow a small document up exponentially.
const (
	maxYAMLDepth = 200
	maxYAMLNodes = 500_000
)

// yamlConv converts a YAML tree, counting the values it makes.
type yamlConv struct{ nodes int }

func (c *yamlConv) fromYAML(n *yaml.Node, depth int) (any, error) {
	if depth > maxYAMLDepth {
		return nil, fmt.Errorf("line %d: YAML nested deeper than %d", n.Line, maxYAMLDepth)
	}
	if c.nodes++; c.nodes > maxYAMLNodes {
		return nil, fmt.Errorf("line %d: YAML expands to more than %d values", n.Line, maxYAMLNodes)
	}
	v, err := c.plainYAML(n, depth)
	if err != nil {
		return nil, err
	}
	tag := n.Tag
	if tag == "" || strings.HasPrefix(tag, "!!") || n.Kind == yaml.AliasNode {
		return v, nil
	}
	name := strings.TrimPrefix(tag, "!")
	switch name {
	case "Ref", "Condition":
		return map[string]any{name: v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok {
			id, attr, found := strings.Cut(s, ".")
			if !found {
				return nil, fmt.Errorf("line %d: !GetAtt %q: want Resource.Attribute", n.Line, s)
			}
			return map[string]any{"Fn::GetAtt": []any{id, attr}}, nil
		}
		return map[string]any{"Fn::GetAtt": v}, nil
	}
	return map[string]any{"Fn::" + name: v}, nil
}

// plainYAML converts a node ignoring its own local tag.
func (c *yamlConv) plainYAML(n *yaml.Node, depth int) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return c.fromYAML(n.Alias, depth+1)
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" && k.Tag == "!!merge" {
				merged, err := c.fromYAML(v, depth+1)
				if err != nil {
					return nil, err
				}
				for mk, mv := range obj(merged) {
					if _, set := out[mk]; !set {
						out[mk] = mv
					}
				}
				continue
			}
			val, err := c.fromYAML(v, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = val
		}
		return out, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			val, err := c.fromYAML(e, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, val)
		}
		return out, nil
	case yaml.ScalarNode:
		// A local tag (!Ref x) says nothing about the scalar's own type:
		// it is a string unless it resolves to another core type.
		switch n.ShortTag() {
		case "!!null":
			if n.Tag != "" && !strings.HasPrefix(n.Tag, "!!") {
				return n.Value, nil
			}
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, fmt.Errorf("line %d: %w", n.Line, err)
			}
			return b, nil
		case "!!int", "!!float":
			if json.Valid([]byte(n.Value)) {
				return json.Number(n.Value), nil
			}
			return n.Value, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
}

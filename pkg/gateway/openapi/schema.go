package openapi

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"apigwdirect/pkg/gateway/internal/jsonval"
)

// refName is the model a schema reference names: "#/definitions/X",
// "#/components/schemas/X", or API Gateway's own model URL
// "https://apigateway.amazonaws.com/restapis/<api>/models/X"; "" for
// anything else.
func refName(ref string) string {
	for _, prefix := range []string{"#/definitions/", "#/components/schemas/"} {
		if n, ok := strings.CutPrefix(ref, prefix); ok {
			return n
		}
	}
	if strings.HasPrefix(ref, "https://apigateway.amazonaws.com/restapis/") {
		if i := strings.Index(ref, "/models/"); i >= 0 {
			return ref[i+len("/models/"):]
		}
	}
	return ""
}

// maxInlineDepth bounds nested references.
const maxInlineDepth = 32

// inlined is the schema as JSON with every reference to another model
// replaced by that model's schema, so the validator (which takes one
// self-contained schema) checks what API Gateway checks. A model that
// refers to itself, directly or not, cannot be inlined and is an error.
func (b *builder) inlined(schema any) ([]byte, error) {
	v, err := b.inline(schema, map[string]bool{}, 0)
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode schema: %w", err)
	}
	return out, nil
}

func (b *builder) inline(v any, open map[string]bool, depth int) (_ any, err error) {
	if depth > maxInlineDepth {
		return nil, fmt.Errorf("references nested deeper than %d", maxInlineDepth)
	}
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok {
			name := refName(ref)
			target := b.definition(name)
			if name == "" || target == nil {
				return nil, fmt.Errorf("reference %q names no schema of the definition", ref)
			}
			if open[name] {
				return nil, fmt.Errorf("schema %s refers to itself, which the local validator cannot check", name)
			}
			open[name] = true
			defer delete(open, name)
			return b.inline(target, open, depth+1)
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if out[k], err = b.inline(e, open, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			if out[i], err = b.inline(e, open, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}

// definition is the named schema of the definition, or nil.
func (b *builder) definition(name string) any {
	if d, ok := jsonval.Obj(b.doc["definitions"])[name]; ok {
		return d
	}
	if d, ok := jsonval.Obj(jsonval.Obj(b.doc["components"])["schemas"])[name]; ok {
		return d
	}
	return nil
}

// sortStrings sorts selection patterns with "default" last.
func sortStrings(s []string) {
	sort.Slice(s, func(i, j int) bool {
		if (s[i] == "default") != (s[j] == "default") {
			return s[j] == "default"
		}
		return s[i] < s[j]
	})
}

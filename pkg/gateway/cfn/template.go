package cfn

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Template is a parsed CloudFormation template with its intrinsic functions
// resolved. Resources keeps every resource; Properties hold plain JSON values
// (string, float64, bool, []any, map[string]any) with no intrinsics left.
type Template struct {
	// Resources by logical id.
	Resources map[string]*Resource
	// Region, AccountID and Partition are the pseudo parameters the template
	// was resolved against.
	Region, AccountID, Partition string
}

// Resource is one resolved resource of a Template.
type Resource struct {
	LogicalID  string
	Type       string
	Properties map[string]any
	// CDKPath is the aws:cdk:path metadata, for example "Stack/Api/Resource";
	// empty when the template has none.
	CDKPath string
	// Ref is what {"Ref": LogicalID} resolved to locally.
	Ref string
}

// LoadOptions are the local values the template's intrinsics resolve to.
type LoadOptions struct {
	// Region defaults to "us-east-1".
	Region string
	// AccountID defaults to "123456789012".
	AccountID string
	// StackName defaults to "local".
	StackName string
	// Parameters override template parameters' defaults, by name.
	Parameters map[string]string
}

// LoadFile reads and resolves the template at path.
func LoadFile(path string, opts LoadOptions) (*Template, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cfn: read template: %w", err)
	}
	t, err := Load(b, opts)
	if err != nil {
		return nil, fmt.Errorf("cfn: template %s: %w", path, err)
	}
	return t, nil
}

type rawTemplate struct {
	Parameters map[string]struct {
		Default any `json:"Default"`
	} `json:"Parameters"`
	Resources map[string]struct {
		Type       string         `json:"Type"`
		Properties map[string]any `json:"Properties"`
		Metadata   map[string]any `json:"Metadata"`
	} `json:"Resources"`
}

// Load parses a CloudFormation template in JSON and resolves its intrinsic
// functions. A Ref or Fn::GetAtt naming no resource or parameter is an error.
func Load(src []byte, opts LoadOptions) (*Template, error) {
	var raw rawTemplate
	if err := json.Unmarshal(src, &raw); err != nil {
		return nil, fmt.Errorf("cfn: parse template: %w", err)
	}
	if len(raw.Resources) == 0 {
		return nil, fmt.Errorf("cfn: template has no Resources")
	}
	r := newResolver(opts)
	ids := make([]string, 0, len(raw.Resources))
	for id := range raw.Resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	t := &Template{Resources: map[string]*Resource{}, Region: r.region, AccountID: r.account, Partition: "aws"}
	for _, id := range ids {
		rr := raw.Resources[id]
		res := &Resource{LogicalID: id, Type: rr.Type, Properties: rr.Properties}
		if p, ok := rr.Metadata["aws:cdk:path"].(string); ok {
			res.CDKPath = p
		}
		t.Resources[id] = res
	}
	r.resources = t.Resources
	for name, p := range raw.Parameters {
		if v, ok := opts.Parameters[name]; ok {
			r.params[name] = v
		} else if p.Default != nil {
			r.params[name] = fmt.Sprint(p.Default)
		} else {
			r.params[name] = name
		}
	}
	// Refs first (they may depend on literal properties only), then everything.
	for _, id := range ids {
		ref, err := r.refOf(t.Resources[id])
		if err != nil {
			return nil, err
		}
		t.Resources[id].Ref = ref
	}
	for _, id := range ids {
		res := t.Resources[id]
		v, err := r.resolve(res.Properties)
		if err != nil {
			return nil, fmt.Errorf("cfn: resource %s: %w", id, err)
		}
		props, _ := v.(map[string]any)
		if props == nil {
			props = map[string]any{}
		}
		res.Properties = props
	}
	return t, nil
}

// ByConstruct returns the resources whose aws:cdk:path contains the construct
// id as a whole path segment ("/<id>/"), optionally only those of typ (empty
// for any), sorted by logical id.
func (t *Template) ByConstruct(id, typ string) []*Resource {
	var out []*Resource
	for _, r := range t.sorted() {
		if typ != "" && r.Type != typ {
			continue
		}
		if strings.Contains(r.CDKPath+"/", "/"+id+"/") {
			out = append(out, r)
		}
	}
	return out
}

// ByType returns the resources of a type, sorted by logical id.
func (t *Template) ByType(typ string) []*Resource {
	var out []*Resource
	for _, r := range t.sorted() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func (t *Template) sorted() []*Resource {
	out := make([]*Resource, 0, len(t.Resources))
	for _, r := range t.Resources {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LogicalID < out[j].LogicalID })
	return out
}

// ConstructID is the resource's construct id: the path segment of its
// aws:cdk:path after the stack, "Api" for "Stack/Api/Resource". It is the
// logical id when the resource has no path.
func (r *Resource) ConstructID() string {
	parts := strings.Split(r.CDKPath, "/")
	if len(parts) < 2 {
		return r.LogicalID
	}
	return parts[1]
}

// String returns a string property, "" when absent or not a string.
func (r *Resource) String(name string) string { return str(r.Properties[name]) }

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64, bool, json.Number:
		return fmt.Sprint(x)
	}
	return ""
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// boolean reads a CloudFormation boolean: true, or the string "true" in
// any case.
func boolean(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	s, _ := v.(string)
	return strings.EqualFold(s, "true")
}

func number(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		var f float64
		_, _ = fmt.Sscan(x, &f)
		return f
	}
	return 0
}

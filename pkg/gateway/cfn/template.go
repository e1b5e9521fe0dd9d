package cfn

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"apigwdirect/pkg/gateway/internal/jsonval"
)

// Template is a parsed CloudFormation template with its intrinsic functions
// resolved. Resources keeps every resource the template creates (its
// Condition holds); Properties hold plain values (string, json.Number,
// float64, bool, []any, map[string]any) with no intrinsics left, except
// where a value could not be resolved locally (see Resource.Err).
type Template struct {
	// Resources by logical id.
	Resources map[string]*Resource
	// Region, AccountID and Partition are the pseudo parameters the template
	// was resolved against.
	Region, AccountID, Partition string
	// Transforms are the template's Transform section, such as
	// "AWS::Serverless-2016-10-31".
	Transforms []string
}

// Resource is one resolved resource of a Template.
type Resource struct {
	LogicalID  string
	Type       string
	Properties map[string]any
	// CDKPath is the aws:cdk:path metadata, for example "Stack/Api/Resource";
	// empty when the template has none.
	CDKPath string
	// Ref is what {"Ref": LogicalID} resolved to locally; "" with RefErr
	// set when it could not be resolved.
	Ref    string
	RefErr error
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

// LoadFile reads and resolves the template at path (JSON or YAML).
func LoadFile(path string, opts LoadOptions) (*Template, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read template: %w", err)
	}
	t, err := Load(b, opts)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", path, err)
	}
	return t, nil
}

// Load parses a CloudFormation template in JSON or YAML (see Decode) and
// resolves its intrinsic functions, CloudFormation's way: a resource whose
// Condition is false is left out, Fn::If picks its branch, AWS::NoValue
// removes what holds it. A value that cannot be resolved locally (a Ref to
// nothing, an unknown attribute, Fn::ImportValue, a parameter without a
// value) is no error here: it is kept as an unresolved value that
// Resource.Err, and Build where the API needs it, report with its reason.
// Errors are for what makes the template unreadable: bad syntax, no
// Resources, a resource Condition that cannot be evaluated.
func Load(src []byte, opts LoadOptions) (*Template, error) {
	doc, err := Decode(src)
	if err != nil {
		return nil, err
	}
	top := obj(doc)
	rawResources := obj(top["Resources"])
	if len(rawResources) == 0 {
		return nil, fmt.Errorf("template has no Resources")
	}
	r := newResolver(opts)
	r.mappings = obj(top["Mappings"])
	r.conditions = obj(top["Conditions"])
	for name, p := range obj(top["Parameters"]) {
		r.params[name] = parameterValue(name, obj(p), opts.Parameters)
	}
	t := &Template{Resources: map[string]*Resource{}, Region: r.region, AccountID: r.account, Partition: r.partition}
	t.Transforms = append(t.Transforms, asStrings(top["Transform"])...)
	ids := make([]string, 0, len(rawResources))
	for id := range rawResources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rr := obj(rawResources[id])
		if c, ok := rr["Condition"].(string); ok {
			b, err := r.cond(c)
			if err != nil {
				return nil, fmt.Errorf("resource %s: %w", id, err)
			}
			if !b {
				r.dropped[id] = c
				continue
			}
		}
		res := &Resource{LogicalID: id, Type: str(rr["Type"])}
		if p, ok := obj(rr["Metadata"])["aws:cdk:path"].(string); ok {
			res.CDKPath = p
		}
		r.raw[id] = obj(rr["Properties"])
		r.resources[id] = res
		t.Resources[id] = res
	}
	for _, id := range ids {
		res, ok := t.Resources[id]
		if !ok {
			continue
		}
		switch ref := r.refOf(id).(type) {
		case unresolved:
			res.RefErr = fmt.Errorf("the Ref of %s: %w", id, ref.err)
		default:
			res.Ref = str(ref)
		}
		props := obj(r.resolve(r.raw[id]))
		if props == nil {
			props = map[string]any{}
		}
		res.Properties = props
	}
	return t, nil
}

// parameterValue is a parameter's value: the override, else its Default;
// a list for List<...> and CommaDelimitedList types. A parameter with
// neither, or one read from Systems Manager, is unresolved.
func parameterValue(name string, p map[string]any, overrides map[string]string) any {
	typ := str(p["Type"])
	v, ok := overrides[name]
	if !ok {
		d, has := p["Default"]
		switch {
		case !has:
			return failed("parameter %s has no Default and no value was given", name)
		case strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<"):
			return failed("parameter %s is read from the Systems Manager parameter %v, which is not available locally", name, d)
		}
		if l, isList := d.([]any); isList {
			return l
		}
		v = str(d)
	}
	if typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") {
		var out []any
		for _, e := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(e))
		}
		return out
	}
	return v
}

// asStrings reads a string or a list of strings.
func asStrings(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	var out []string
	for _, e := range list(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
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

func number(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case json.Number:
		f, _ := x.Float64()
		return f
	case string:
		var f float64
		_, _ = fmt.Sscan(x, &f)
		return f
	}
	return 0
}

// Short names for the value accessors this package uses everywhere.
var (
	obj       = jsonval.Obj
	list      = jsonval.List
	str       = jsonval.Str
	strs      = jsonval.Strs
	stringMap = jsonval.StrMap
	boolean   = jsonval.Bool // a CloudFormation boolean: true, or "true" in any case
)

package stack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	// The rain module ships CloudFormation's resource type schemas, as the
	// CloudFormation registry publishes them, under
	// internal/aws/cfn/schemas/. Nothing of it is called; the import keeps
	// the module, at the version go.mod pins, among the modules `go mod
	// download` fetches, so the schemas are on disk for the tests, offline.
	_ "github.com/aws-cloudformation/rain/cft"
)

// The resource type schemas are CloudFormation's own: for a registry-backed
// resource type CloudFormation validates a resource's properties against
// its schema before it calls the handler, and fails the resource with
// "Properties validation failed" when they do not conform
// (https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html
// describes the schema; rain's copies, github.com/aws-cloudformation/rain,
// internal/aws/cfn/schemas/aws/<service>/<type>.json, are the registry's
// files). The check below covers property names (additionalProperties),
// types, required properties, enums, patterns, lengths and bounds, nested
// definitions, and read-only properties set in a template.
//
// What it cannot check:
//   - values computed by intrinsic functions (Ref, Fn::GetAtt, Fn::Join,
//     Fn::Sub...): CloudFormation resolves them at deploy time, so an error
//     located at or inside an intrinsic is ignored, and an anyOf/oneOf
//     branch that fails only there counts as matching;
//   - rules the schemas state only in prose (which properties go together,
//     such as AuthorizerId with AuthorizationType CUSTOM), what the service
//     itself refuses (a VTL template that does not parse, an IAM policy's
//     grammar: PolicyDocument is only an object to the schema), "format"
//     keywords, and account limits;
//   - patterns written in a regex dialect Go cannot compile (look-arounds,
//     possessive quantifiers): \Z is read as \z, and any other pattern that
//     still does not compile is left unchecked and logged by the test;
//   - schema changes the registry published after the rain version in
//     go.mod.

// english renders the validator's messages.
var english = message.NewPrinter(language.English)

// schemaSource is the module that ships the schemas, and where in it.
const (
	schemaModule = "github.com/aws-cloudformation/rain"
	schemaDir    = "internal/aws/cfn/schemas"
)

// cfnSchemas compiles and caches resource type schemas by type name.
type cfnSchemas struct {
	dir string

	mu         sync.Mutex
	compiled   map[string]*compiledType
	uncompiled map[string]bool // patterns Go cannot compile, left unchecked
}

type compiledType struct {
	schema   *jsonschema.Schema
	readOnly []string // top-level property names CloudFormation sets itself
}

var loadSchemas = sync.OnceValues(func() (*cfnSchemas, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", schemaModule).Output()
	if err != nil {
		return nil, fmt.Errorf("locating %s (go mod download fetches it): %w", schemaModule, err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return nil, fmt.Errorf("%s is not downloaded: run go mod download", schemaModule)
	}
	return &cfnSchemas{dir: filepath.Join(dir, schemaDir), compiled: map[string]*compiledType{}, uncompiled: map[string]bool{}}, nil
})

func getSchemas(t *testing.T) *cfnSchemas {
	t.Helper()
	s, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schemaFile maps AWS::Service::Type to aws/service/type.json.
func (s *cfnSchemas) schemaFile(typeName string) (string, error) {
	parts := strings.Split(typeName, "::")
	if len(parts) != 3 {
		return "", fmt.Errorf("resource type %q: want Org::Service::Type", typeName)
	}
	return filepath.Join(s.dir, strings.ToLower(parts[0]), strings.ToLower(parts[1]), strings.ToLower(parts[2])+".json"), nil
}

// javaZ is \Z (end of input in Java and Python regexes), outside a class.
var javaZ = regexp.MustCompile(`\\Z`)

func (s *cfnSchemas) regexpEngine(pattern string) (jsonschema.Regexp, error) {
	re, err := regexp.Compile(javaZ.ReplaceAllString(pattern, `\z`))
	if err != nil {
		s.uncompiled[pattern] = true // under s.mu: compile runs inside get
		return anything{pattern}, nil
	}
	return re, nil
}

// anything stands for a pattern Go cannot compile: it matches every string.
type anything struct{ src string }

func (a anything) MatchString(string) bool { return true }
func (a anything) String() string          { return a.src }

func (s *cfnSchemas) get(typeName string) (*compiledType, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.compiled[typeName]; ok {
		return c, nil
	}
	file, err := s.schemaFile(typeName)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("no schema for %s in %s: %w", typeName, schemaModule, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", typeName, err)
	}
	m, ok := doc.(map[string]any)
	if !ok || m["typeName"] != typeName {
		return nil, fmt.Errorf("schema file %s does not describe %s", file, typeName)
	}
	// The registry's meta-schema is draft-07 with keywords of its own, which
	// the validator ignores; its URL is not fetched.
	delete(m, "$schema")
	// Some schemas point into themselves as "resource-schema.json#/...".
	url := "https://schemas.invalid/" + strings.ReplaceAll(typeName, "::", "/") + "/resource-schema.json"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.UseRegexpEngine(s.regexpEngine)
	if err := c.AddResource(url, m); err != nil {
		return nil, fmt.Errorf("schema of %s: %w", typeName, err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling the schema of %s: %w", typeName, err)
	}
	ct := &compiledType{schema: sch}
	ro, _ := m["readOnlyProperties"].([]any)
	for _, p := range ro {
		if name, ok := strings.CutPrefix(fmt.Sprint(p), "/properties/"); ok && !strings.Contains(name, "/") {
			ct.readOnly = append(ct.readOnly, name)
		}
	}
	s.compiled[typeName] = ct
	return ct, nil
}

// isIntrinsic reports whether v is an intrinsic function call or a
// condition reference: an object whose one key is Ref, Condition or Fn::*.
func isIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

// underIntrinsic reports whether the value at loc in doc is, or lies
// inside, an intrinsic function.
func underIntrinsic(doc any, loc []string) bool {
	v := doc
	for i := 0; ; i++ {
		if isIntrinsic(v) {
			return true
		}
		if i == len(loc) {
			return false
		}
		switch c := v.(type) {
		case map[string]any:
			v = c[loc[i]]
		case []any:
			var n int
			if _, err := fmt.Sscan(loc[i], &n); err != nil || n < 0 || n >= len(c) {
				return false
			}
			v = c[n]
		default:
			return false
		}
	}
}

// realErrors returns the leaf errors of e that CloudFormation would raise,
// leaving out those an intrinsic function could resolve.
func realErrors(e *jsonschema.ValidationError, doc any) []*jsonschema.ValidationError {
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf:
		return allBranchesFail(e, doc)
	case *kind.OneOf:
		if k.Subschemas == nil { // no branch matched
			return allBranchesFail(e, doc)
		}
	}
	if len(e.Causes) == 0 {
		if underIntrinsic(doc, e.InstanceLocation) {
			return nil
		}
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, realErrors(c, doc)...)
	}
	return out
}

// allBranchesFail: an anyOf or oneOf fails only if every branch has a real
// error; then all of them are reported.
func allBranchesFail(e *jsonschema.ValidationError, doc any) []*jsonschema.ValidationError {
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		r := realErrors(c, doc)
		if len(r) == 0 {
			return nil
		}
		out = append(out, r...)
	}
	if len(e.Causes) == 0 && !underIntrinsic(doc, e.InstanceLocation) {
		out = append(out, e)
	}
	return out
}

// checkTemplate validates every resource's properties of a template (as
// JSON) against its type's schema and returns one line per violation,
// "<logical id> (<type>) /<path>: <message>", sorted.
func (s *cfnSchemas) checkTemplate(doc map[string]any) ([]string, error) {
	res, ok := doc["Resources"].(map[string]any)
	if !ok || len(res) == 0 {
		return nil, fmt.Errorf("template has no Resources")
	}
	var out []string
	for id, r := range res {
		rm, _ := r.(map[string]any)
		typ, _ := rm["Type"].(string)
		ct, err := s.get(typ)
		if err != nil {
			return nil, fmt.Errorf("resource %s: %w", id, err)
		}
		props, _ := rm["Properties"].(map[string]any)
		if props == nil {
			props = map[string]any{}
		}
		// Round-trip through the schema library's JSON reader, so numbers
		// are what it expects.
		b, err := json.Marshal(props)
		if err != nil {
			return nil, fmt.Errorf("resource %s: %w", id, err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("resource %s: %w", id, err)
		}
		for _, name := range ct.readOnly {
			if _, set := props[name]; set {
				out = append(out, fmt.Sprintf("%s (%s) /%s: read-only property set in the template", id, typ, name))
			}
		}
		err = ct.schema.Validate(inst)
		if err == nil {
			continue
		}
		ve, ok := err.(*jsonschema.ValidationError)
		if !ok {
			return nil, fmt.Errorf("resource %s: %w", id, err)
		}
		for _, e := range realErrors(ve, inst) {
			out = append(out, fmt.Sprintf("%s (%s) /%s: %s", id, typ, strings.Join(e.InstanceLocation, "/"), e.ErrorKind.LocalizedString(english)))
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// TestTemplatesMatchResourceSchemas validates both synthesized templates
// (plain routes on the direct path, and on the Lambda path with every other
// context key flipped) against CloudFormation's resource type schemas.
func TestTemplatesMatchResourceSchemas(t *testing.T) {
	schemas := getSchemas(t)
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		t.Run(string(s.cfg.Backend), func(t *testing.T) {
			bad, err := schemas.checkTemplate(s.doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bad {
				t.Error(b)
			}
		})
	}
	schemas.mu.Lock()
	defer schemas.mu.Unlock()
	for p := range schemas.uncompiled {
		t.Logf("pattern left unchecked (Go cannot compile it): %s", p)
	}
}

// TestResourceSchemasCatchBrokenTemplates feeds broken copies of the default
// template, one fault each, of the kinds CloudFormation refuses; each must
// be reported at the property it breaks.
func TestResourceSchemasCatchBrokenTemplates(t *testing.T) {
	schemas := getSchemas(t)
	s := getDefault(t)
	fn := s.byPath(t, "ItemsFunction/Resource").ID
	logs := s.byPath(t, "ItemsFunctionLogs/Resource").ID
	var method string
	for _, m := range s.resources("AWS::ApiGateway::Method") {
		if integ, _ := m.Props["Integration"].(map[string]any); integ["Type"] == "AWS" {
			method = m.ID
			break
		}
	}
	if method == "" {
		t.Fatal("no direct-path method in the default template")
	}
	for _, tc := range []struct {
		name   string
		id     string
		break_ func(props map[string]any)
		want   string
	}{
		{"unknown property", method, func(p map[string]any) { p["HttpVerb"] = "GET" }, "/: additional properties 'HttpVerb' not allowed"},
		{"required property missing", method, func(p map[string]any) { delete(p, "HttpMethod") }, "missing property 'HttpMethod'"},
		{"wrong type", method, func(p map[string]any) { p["ApiKeyRequired"] = "yes" }, "/ApiKeyRequired: got string, want boolean"},
		{"enum in a nested definition", method, func(p map[string]any) {
			p["Integration"].(map[string]any)["PassthroughBehavior"] = "SOMETIMES"
		}, "/Integration/PassthroughBehavior: value must be one of"},
		{"pattern", fn, func(p map[string]any) { p["Handler"] = "boot strap" }, "/Handler: 'boot strap' does not match pattern"},
		{"array item enum", fn, func(p map[string]any) { p["Architectures"] = []any{"aarch64"} }, "/Architectures/0: value must be one of"},
		{"numeric enum", logs, func(p map[string]any) { p["RetentionInDays"] = 31 }, "/RetentionInDays: value must be one of"},
		{"read-only property", fn, func(p map[string]any) { p["Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:x" }, "/Arn: read-only property"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(s.doc)
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			tc.break_(doc["Resources"].(map[string]any)[tc.id].(map[string]any)["Properties"].(map[string]any))
			bad, err := schemas.checkTemplate(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) != 1 || !strings.HasPrefix(bad[0], tc.id+" (") || !strings.Contains(bad[0], tc.want) {
				t.Errorf("violations %q, want one at %s containing %q", bad, tc.id, tc.want)
			}
		})
	}
}

// TestIntrinsicsAreNotJudged: a value an intrinsic function computes is left
// to CloudFormation, while a literal in the
// same place is checked.
func TestIntrinsicsAreNotJudged(t *testing.T) {
	schemas := getSchemas(t)
	for _, tc := range []struct {
		handler any
		bad     bool
	}{
		{map[string]any{"Fn::Join": []any{"", []any{"boot", " strap"}}}, false},
		{map[string]any{"Ref": "HandlerParameter"}, false},
		{"boot strap", true},
	} {
		doc := map[string]any{"Resources": map[string]any{"Fn": map[string]any{
			"Type": "AWS::Lambda::Function",
			"Properties": map[string]any{
				"Code":    map[string]any{"ZipFile": "x"},
				"Role":    map[string]any{"Fn::GetAtt": []any{"Role", "Arn"}},
				"Handler": tc.handler,
			},
		}}}
		bad, err := schemas.checkTemplate(doc)
		if err != nil {
			t.Fatal(err)
		}
		if (len(bad) > 0) != tc.bad {
			t.Errorf("Handler %v: violations %q, want any: %v", tc.handler, bad, tc.bad)
		}
	}
}

package stack

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"
)

// Synthesizing costs seconds, so each variant is synthesized once per test
// binary and shared. The default variant is what cdk synth gives without
// context; the other one flips every context key.

// placeholderBootstrap stands in for the Lambda binaries: synth only copies
// and hashes the bundle, and fixed bytes keep asset hashes stable without
// cross-compiling functions/ in every test run.
const placeholderBootstrap = "#!/bin/sh\necho 'placeholder bundle: run make build' >&2\nexit 1\n"

// variantContext is the context of the second variant.
var variantContext = map[string]any{
	ContextBackend: "lambda",
	ContextRetain:  "true",
	ContextUsagePlans: `[{"name":"Gold","quota":{"limit":1000,"period":"WEEK"},"throttle":{"rateLimit":20,"burstLimit":40}},` +
		`{"name":"Silver","quota":{"limit":200,"period":"DAY"},"throttle":{"rateLimit":2,"burstLimit":4}},` +
		`{"name":"Bronze","quota":{"limit":50,"period":"MONTH"},"throttle":{"rateLimit":1,"burstLimit":1}}]`,
}

// assetRoot holds the placeholder bundles and the cloud assemblies; TestMain
// sets it before any test runs and removes it afterwards.
var assetRoot string

func TestMain(m *testing.M) {
	code, err := runTests(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

func runTests(m *testing.M) (int, error) {
	dir, err := os.MkdirTemp("", "cdkstack")
	if err != nil {
		return 0, fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	defer jsii.Close()
	for _, fn := range []string{"items", "authorizer"} {
		if err := os.MkdirAll(filepath.Join(dir, fn), 0o755); err != nil {
			return 0, fmt.Errorf("bundle dir: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, fn, "bootstrap"), []byte(placeholderBootstrap), 0o755); err != nil {
			return 0, fmt.Errorf("bundle: %w", err)
		}
	}
	assetRoot = dir
	return m.Run(), nil
}

// synthed is one synthesized variant.
type synthed struct {
	cfg   Config
	stack awscdk.Stack
	tpl   assertions.Template
	doc   map[string]any // the template as JSON
}

var (
	defaultSynth = sync.OnceValues(func() (*synthed, error) { return synth("default", nil, false) })
	variantSynth = sync.OnceValues(func() (*synthed, error) { return synth("variant", variantContext, false) })
)

// projectFile is the repository's cdk.json, whose context (the feature
// flags) every synth starts from.
var projectFile = filepath.Join("..", "..", "cdk.json")

// nagProbeID is the id of the non-compliant construct TestNagFailsSynth adds.
const nagProbeID = "NagProbe"

func synth(name string, extra map[string]any, probe bool) (s *synthed, err error) {
	defer func() {
		if r := recover(); r != nil { // jsii reports JavaScript errors as panics
			err = fmt.Errorf("synth %s: %v", name, r)
		}
	}()
	ctx, err := AppContext(projectFile)
	if err != nil {
		return nil, err
	}
	maps.Copy(ctx, extra)
	app := awscdk.NewApp(&awscdk.AppProps{Context: &ctx, Outdir: jsii.String(filepath.Join(assetRoot, "out-"+name))})
	cfg, err := ConfigFromContext(app)
	if err != nil {
		return nil, err
	}
	cfg.ItemsCodeDir = filepath.Join(assetRoot, "items")
	cfg.AuthorizerCodeDir = filepath.Join(assetRoot, "authorizer")
	st, err := New(app, StackID, Props{Config: cfg})
	if err != nil {
		return nil, err
	}
	if probe {
		// A topic without encryption or an SSL-only policy: the nag checks New
		// attaches must flag it, and the flagged error must fail the synth
		// (TestNagFailsSynth).
		awssns.NewTopic(st, jsii.String(nagProbeID), nil)
	}
	tpl := assertions.Template_FromStack(st, nil)
	return &synthed{cfg: cfg, stack: st, tpl: tpl, doc: *tpl.ToJSON()}, nil
}

func getDefault(t *testing.T) *synthed {
	t.Helper()
	s, err := defaultSynth()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func getVariant(t *testing.T) *synthed {
	t.Helper()
	s, err := variantSynth()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// check runs an assertions.Template check, turning its panic into a test error.
func check(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: %v", what, r)
		}
	}()
	f()
}

// resource is one template resource.
type resource struct {
	ID    string
	Type  string
	Props map[string]any
	Meta  map[string]any
	Raw   map[string]any
}

func (s *synthed) resources(typ string) []resource {
	res := s.doc["Resources"].(map[string]any)
	var out []resource
	for _, id := range slices.Sorted(maps.Keys(res)) {
		r := res[id].(map[string]any)
		if typ != "" && r["Type"] != typ {
			continue
		}
		p, _ := r["Properties"].(map[string]any)
		m, _ := r["Metadata"].(map[string]any)
		out = append(out, resource{ID: id, Type: r["Type"].(string), Props: p, Meta: m, Raw: r})
	}
	return out
}

func (s *synthed) resource(t *testing.T, id string) resource {
	t.Helper()
	for _, r := range s.resources("") {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no resource %s", id)
	return resource{}
}

// byPath finds the resource whose aws:cdk:path is StackID/<path>.
func (s *synthed) byPath(t *testing.T, path string) resource {
	t.Helper()
	for _, r := range s.resources("") {
		if r.Meta["aws:cdk:path"] == StackID+"/"+path {
			return r
		}
	}
	t.Fatalf("no resource at path %s", path)
	return resource{}
}

// ref is what CloudFormation's Ref of a logical id looks like.
func ref(id string) map[string]any { return map[string]any{"Ref": id} }

func getAtt(id, attr string) map[string]any {
	return map[string]any{"Fn::GetAtt": []any{id, attr}}
}

// flat renders an intrinsic as text: Fn::Join is joined, Ref becomes
// {Ref:X} and Fn::GetAtt {X.Attr}, so tests can compare URIs and ARNs.
func flat(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if j, ok := v["Fn::Join"].([]any); ok {
			var parts []string
			for _, p := range j[1].([]any) {
				parts = append(parts, flat(p))
			}
			return strings.Join(parts, j[0].(string))
		}
		if r, ok := v["Ref"].(string); ok {
			return "{Ref:" + r + "}"
		}
		if g, ok := v["Fn::GetAtt"].([]any); ok {
			return fmt.Sprintf("{%v.%v}", g[0], g[1])
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// method is one API method with its full resource path.
type method struct {
	resource
	Verb string
	Path string
}

// methods returns the API's methods keyed "VERB /path", with paths rebuilt
// from the AWS::ApiGateway::Resource tree (PathPart, ParentId).
func (s *synthed) methods(t *testing.T) map[string]method {
	t.Helper()
	api := s.byPath(t, "Api/Resource")
	paths := map[string]string{}
	var resolve func(id string) string
	resolve = func(id string) string {
		if p, ok := paths[id]; ok {
			return p
		}
		r := s.resource(t, id)
		parent := r.Props["ParentId"].(map[string]any)
		var base string
		if g, ok := parent["Fn::GetAtt"].([]any); ok && g[0] == api.ID && g[1] == "RootResourceId" {
			base = ""
		} else {
			base = resolve(parent["Ref"].(string))
		}
		paths[id] = base + "/" + r.Props["PathPart"].(string)
		return paths[id]
	}
	out := map[string]method{}
	for _, r := range s.resources("AWS::ApiGateway::Method") {
		verb := r.Props["HttpMethod"].(string)
		rid := r.Props["ResourceId"].(map[string]any)
		var path string
		if g, ok := rid["Fn::GetAtt"].([]any); ok && g[1] == "RootResourceId" {
			path = "/"
		} else {
			path = resolve(rid["Ref"].(string))
		}
		out[verb+" "+path] = method{resource: r, Verb: verb, Path: path}
	}
	return out
}

package vtl

import (
	"testing"
)

// FuzzFastPathsAgree holds the renderer's fast paths (the parse-time
// shortcuts of shortcuts.go, the pooled render state, the JSON map arena,
// the JSONPaths parsed with the template, and skipping $foreach upkeep when
// no reference names it) equal to the general path: every template renders
// to the same text, the same error and the same overrides both ways.
func FuzzFastPathsAgree(f *testing.F) {
	for _, c := range loadDiffCases(f) {
		f.Add(c.template, `{"a":1,"b":[1,{"c":"d"}]}`)
	}
	for _, s := range [][2]string{
		{"$stageVariables.t|$context.stage|$context.requestOverride.header.put('a','b')|$context.nope", `{}`},
		{"#set($context = {})$context.stage", `{}`},
		{"#foreach($context in [1])$context.stage#end$context.stage", `{}`},
		{"#set($stageVariables.t = 'x')$stageVariables.t", `{}`},
		{"$util.escapeJavaScript($input.path('$.a'))$util.escapeJavaScript($input.path('$'))", `{"a":"it's é"}`},
		{"#set($util = 5)$util.escapeJavaScript('x')", `{}`},
		{"#foreach($k in $input.path('$').keySet())$k#end#foreach($k in $nope.keySet())$k#end", `{"z":1,"y":2}`},
		{"#foreach($k in $context.keySet())$k,#end", `{}`},
		{"$input.path('$.a')$input.json('$.a')#set($p = '$.a')$input.path($p)", `{"a":[1,2]}`},
		{"#foreach($i in [1,2])$foreach.index$velocityCount#end", `{}`},
		{"$util.parseJson($input.body).a $input.path('$').a", `{"a":{"b":1}}`},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, src, body string) {
		fast, err := Parse("fuzz", src)
		if err != nil {
			return
		}
		general := *fast
		general.general = true
		env := func() *Env {
			return &Env{
				Body:           body,
				PathParams:     map[string]string{"id": "i-1"},
				QueryParams:    map[string]string{"q": body},
				Headers:        map[string]string{"X-H": "h"},
				StageVariables: map[string]string{"t": "Items"},
				Context: map[string]any{
					"stage": "prod", "n": int64(2), "identity": map[string]any{"sourceIp": "1.2.3.4"},
				},
			}
		}
		e1, e2 := env(), env()
		out1, err1 := fast.Render(e1)
		out2, err2 := general.Render(e2)
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("errors differ: fast %v, general %v", err1, err2)
		}
		if out1 != out2 {
			t.Fatalf("outputs differ:\n fast:    %q\n general: %q", out1, out2)
		}
		o1, o2 := e1.Overrides(), e2.Overrides()
		if o1.Status != o2.Status || !sameMap(o1.Headers, o2.Headers) || !sameMap(o1.RequestHeaders, o2.RequestHeaders) ||
			!sameMap(o1.RequestPath, o2.RequestPath) || !sameMap(o1.RequestQuery, o2.RequestQuery) {
			t.Fatalf("overrides differ: fast %+v, general %+v", o1, o2)
		}
	})
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

package vtl

import (
	"errors"
	"testing"
)

// FuzzParseRender feeds arbitrary templates and bodies to Parse and Render:
// neither may panic, every error must be a located *Error, and rendering a
// parsed template twice must give the same result.
func FuzzParseRender(f *testing.F) {
	for _, c := range loadDiffCases(f) {
		f.Add(c.template, `{"a":1}`)
	}
	seeds := [][2]string{
		{"$input.json('$')", `{"a":[1,2,{"b":"c"}]}`},
		{"#foreach($k in $input.path('$').keySet())$k=$util.escapeJavaScript($input.path(\"$.$k\"))#end", `{"x":"it's","y":"\u00e9"}`},
		{"$input.path('$..b[*]')", `[{"b":[1]},{"b":[2]}]`},
		{"$input.path('$[')", `{}`},
		{"$util.parseJson($input.body).a", `{"a":1e400}`},
		{"$util.base64Decode($input.body)", "aGk="},
		{"#set($context.responseOverride.status = $input.path('$.s'))", `{"s":"x"}`},
		{"#if(", ""},
		{"${", ""},
		{"$a.b(", ""},
		{"#set($x = [1..", ""},
		{"\\\\\\#if(true)#end", ""},
		{"#set($s = \"$s$s\")", ""},
		{"#[[", ""},
		{"#*", ""},
		{"$!{a.b[0]['c'].d()}", ""},
		{"#set($x = -9223372036854775807 - 2)$x", ""},
		{"#set($x = 9223372036854775807 * -1 / -1 % -1)$x", ""},
		{"$input.json('$')", "[" + "1,"},
		{"#set($l = [])$l.add($l)$l#if($l == $l)#end", ""},
		{"#set($r = $input.path('$'))$r.put('r', $r)$input.json('$')$input.path('$..r')", `{"a":{"b":1}}`},
		{"#set($l = [1])#foreach($i in [1..40])#set($l = [$l, $l])#end$l", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, src, body string) {
		tpl, err := Parse("fuzz", src)
		if err != nil {
			var verr *Error
			if !errors.As(err, &verr) || verr.Line < 1 || verr.Col < 1 {
				t.Fatalf("parse error %v (%T) is not a located *vtl.Error", err, err)
			}
			return
		}
		env := func() *Env {
			return &Env{Body: body, QueryParams: map[string]string{"q": body}, Context: map[string]any{"stage": "prod"}}
		}
		out1, err1 := tpl.Render(env())
		out2, err2 := tpl.Render(env())
		if err1 != nil {
			var verr *Error
			if !errors.As(err1, &verr) || verr.Line < 1 || verr.Col < 1 {
				t.Fatalf("render error %v (%T) is not a located *vtl.Error", err1, err1)
			}
			if err2 == nil || err2.Error() != err1.Error() {
				t.Fatalf("render is not repeatable: %v then %v", err1, err2)
			}
			return
		}
		if err2 != nil || out1 != out2 {
			t.Fatalf("render is not repeatable: %q, %v", out2, err2)
		}
	})
}

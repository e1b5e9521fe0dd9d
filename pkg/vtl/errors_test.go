package vtl

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"stray end", "a\nb\n  #end", 3, 3, "unexpected #end"},
		{"stray else", "#else", 1, 1, "unexpected #else"},
		{"stray elseif", "x #elseif(true)", 1, 3, "unexpected #elseif"},
		{"if without end", "line\n#if(true)\nx", 2, 1, "#if without #end"},
		{"foreach without end", "#foreach($i in [1])", 1, 1, "#foreach without #end"},
		{"else without end", "#if(true)a#{else}b", 1, 1, "#if without #end"},
		{"if without paren", "#if true", 1, 5, `expected '(' after #if`},
		{"unclosed if paren", "#if(true", 1, 9, `expected ')' to close #if`},
		{"set without ref", "#set(x = 1)", 1, 6, "expected a reference after #set("},
		{"set without equals", "#set($x 1)", 1, 9, `expected '=' in #set`},
		{"bad expression", "#set($x = )", 1, 11, `unexpected ")" in expression`},
		{"foreach without in", "#foreach($i of $l)#end", 1, 13, "expected 'in'"},
		{"define without end", "#define($b)x", 1, 1, "#define without #end"},
		{"define without name", "#define(x)#end", 1, 9, "expected a block name in #define"},
		{"define of a property", "#define($a.b)#end", 1, 9, "the #define block name must be a plain $name"},
		{"define unclosed", "#define($b x", 1, 12, "expected ')' to close #define"},
		{"foreach bad var", "#foreach($a.b in $l)#end", 1, 10, "plain $name"},
		{"unterminated string", "#set($x = 'abc)", 1, 11, "unterminated string literal"},
		{"unterminated comment", "ok\n #* never closed", 2, 2, "unterminated #* comment"},
		{"unterminated unparsed", "#[[ raw", 1, 1, "unterminated #[[ block"},
		{"unclosed method", "$a.b(1, 2", 1, 5, "unclosed method call"},
		{"bad method arg sep", "$a.b(1 2)", 1, 8, "expected ',' or ')'"},
		{"unclosed list", "#set($l = [1, 2)", 1, 16, "expected ',' or ']' in list"},
		{"unclosed map", "#set($m = {'a': 1)", 1, 18, "expected ',' or '}' in map"},
		{"map without colon", "#set($m = {'a' 1})", 1, 16, "expected ':'"},
		{"unsupported macro", "#macro(x)#end", 1, 1, "unsupported directive #macro"},
		{"integer too big", "#set($x = 99999999999999999999)", 1, 11, "out of range"},
		{"error inside interpolation", "#set($x = \"a #if(\")", 1, 18, "expected"},
		{"end inside string", "#set($x = \"#end\")", 1, 12, "unexpected #end in string literal"},
		{"deep nesting", strings.Repeat("(", 300), 1, 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := c.src
			if c.name == "deep nesting" {
				src = "#set($x = " + c.src + ")"
			}
			_, err := Parse("tpl.vtl", src)
			require.Error(t, err)
			var verr *Error
			require.True(t, errors.As(err, &verr), "error %T is not *vtl.Error", err)
			if c.name == "deep nesting" {
				assert.Contains(t, verr.Msg, "nesting too deep")
				return
			}
			assert.Equal(t, c.line, verr.Line, "line of %v", err)
			assert.Equal(t, c.col, verr.Col, "col of %v", err)
			assert.Contains(t, verr.Msg, c.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "tpl.vtl:"), err.Error())
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := Parse("name", "a\nb\n\t\t\tx #end")
	require.Error(t, err)
	assert.Equal(t, "name:3:6: unexpected #end", err.Error())
}

func TestRenderErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"substring out of range", "ok\n#set($s = 'abc')$s.substring(5)", 2, 19, "substring"},
		{"charAt out of range", "#set($s = '')$s.charAt(0)", 1, 16, "charAt"},
		{"list get out of range", "#set($l = [])$l.get(0)", 1, 16, "out of bounds"},
		{"index out of range", "#set($l = [1])$l[3]", 1, 17, "out of bounds"},
		{"bad regex", "#set($s = 'a')$s.replaceAll('(', 'x')", 1, 17, "unsupported regular expression"},
		{"lookahead unsupported", "#set($s = 'a')$s.matches('(?=a)a')", 1, 17, "unsupported regular expression"},
		{"bad replacement", "#set($s = 'a')$s.replaceAll('a', '$x')", 1, 17, "illegal group reference"},
		{"missing group", "#set($s = 'a')$s.replaceAll('a', '$2')", 1, 17, "no group 2"},
		{"null argument", "#set($s = 'a')$s.contains(1 / 0)", 1, 17, "null argument"},
		{"range too large", "#foreach($i in [0..2000000])#end", 1, 16, "too large"},
		{"step budget", "#foreach($i in [1..1000])#set($l = [1..10000])#end", 1, 36, "budget"},
		{"string work budget", "#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..16])#set($s = \"$s$s\")#end#foreach($i in [1..100])#set($t = $s.concat(''))#end", 1, 158, "budget"},
		{"string growth", "#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..30])#set($s = $s + $s)#end", 1, 82, "string longer"},
		{"output growth", "#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..18])#set($s = \"$s$s\")#end$s$s$s$s", 1, 1, "output larger"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl, err := Parse("r", c.src)
			require.NoError(t, err)
			out, err := tpl.Render(&Env{})
			require.Error(t, err, "rendered %d bytes", len(out))
			var verr *Error
			require.ErrorAs(t, err, &verr)
			assert.Contains(t, verr.Msg, c.msg)
			assert.Equal(t, c.line, verr.Line, "line of %v", err)
			assert.Equal(t, c.col, verr.Col, "col of %v", err)
		})
	}
}

// TestHostileValues checks that cyclic and exponentially shared values
// render, compare and serialise in bounded time without crashing.
func TestHostileValues(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"self list", "#set($l = [1])#set($ok = $l.add($l))$l", "[1, (this Collection)]"},
		{"self map", "#set($m = {})$!m.put('me', $m)$m", "{me=(this Map)}"},
		{"cycle equality", "#set($a = [])#set($ok = $a.add($a))#set($b = [])#set($ok = $b.add($b))#if($a == $b)eq#{else}ne#end", "ne"},
		{"cyclic json", "#set($r = $input.path('$'))$!r.put('r', $r)$input.json('$')", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl, err := Parse("h", c.src)
			require.NoError(t, err)
			out, err := tpl.Render(&Env{Body: `{"a":1}`})
			require.NoError(t, err)
			if c.name == "cyclic json" {
				assert.True(t, strings.HasPrefix(out, `{"a":1,"r":{"a":1,"r":`), out[:40])
				assert.True(t, json.Valid([]byte(out)), "cut-off cyclic JSON is still JSON")
				return
			}
			assert.Equal(t, c.want, out)
		})
	}
	// 2^40 leaves: rendering must stop at the output limit.
	tpl, err := Parse("wide", "#set($l = [1])#foreach($i in [1..40])#set($l = [$l, $l])#end$l#if($l == $l)#end")
	require.NoError(t, err)
	_, err = tpl.Render(&Env{})
	var verr *Error
	require.ErrorAs(t, err, &verr)
	assert.Contains(t, verr.Msg, "output larger")
}

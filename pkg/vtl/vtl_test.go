package vtl

import (
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// render parses and renders src, failing the test on any error.
func render(t *testing.T, src string, env *Env) string {
	t.Helper()
	tpl, err := Parse("t", src)
	require.NoError(t, err, "parse %q", src)
	out, err := tpl.Render(env)
	require.NoError(t, err, "render %q", src)
	return out
}

type renderCase struct {
	name, src, want string
}

func runCases(t *testing.T, cases []renderCase, env func() *Env) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e *Env
			if env != nil {
				e = env()
			}
			assert.Equal(t, c.want, render(t, c.src, e), "template %q", c.src)
		})
	}
}

func TestDirectives(t *testing.T) {
	runCases(t, []renderCase{
		{"set and ref", "#set($a = 'x')$a", "x"},
		{"if elseif else", "#set($n = 2)#if($n == 1)a#elseif($n == 2)b#{else}c#end", "b"},
		{"foreach helpers", "#foreach($x in ['a','b'])$foreach.index$foreach.count$foreach.first$foreach.last$velocityCount#end", "01truefalse112falsetrue2"},
		{"foreach parent", "#foreach($a in [1])#foreach($b in [1,2])$foreach.parent.index#end#end", "00"},
		{"foreach map values", "#foreach($v in {'a':1,'b':2})$v#end", "12"},
		{"break in nested if", "#foreach($i in [1..9])#if($i > 2)#if(true)#break#end#end$i#end", "12"},
		{"break outer unaffected", "#foreach($a in [1,2])#foreach($b in [1,2])#break#end$a#end", "12"},
		{"stop inside loop", "a#foreach($i in [1,2,3])$i#if($i == 2)#stop#end#end z", "a12"},
		{"velocityCount restored", "#foreach($i in [1])#end[$velocityCount]", "[]"},
		{"foreach modifies list safely", "#set($l=[1,2])#foreach($i in $l)#set($d=$l.add(9))#end$l", "[1, 2, 9, 9]"},
		{"unparsed", "#[[#if($x)]]#", "#if($x)"},
		{"line comment eats newline", "a## c\nb", "ab"},
		{"block comment", "a#* x\ny *#b", "ab"},
		{"set gobbles line", "x\n    #set($a = 1)\ny", "x\ny"},
		{"if keeps indent", "  #if(true)\nz\n  #end\n", "  z\n  "},
		{"crlf gobbled", "#if(true)\r\nz\r\n#end\r\n", "z\r\n"},
		{"else gobbles", "#if(false)\na\n#else   \nb\n#end", "b\n"},
		{"directive in string", `#set($s = "#foreach($i in [1,2])$i#end")$s`, "12"},
		{"set map by index", "#set($m = {})#set($m['k'] = 1)$m", "{k=1}"},
		{"set list by index", "#set($l = [1,2])#set($l[1] = 5)$l", "[1, 5]"},
		{"null value keeps the old one", "#set($a = 1)#set($a = 1 / 0)[$a]", "[1]"},
	}, nil)
}

func TestReferences(t *testing.T) {
	runCases(t, []renderCase{
		{"undefined renders empty", "[$a.b('c', 1)]", "[]"},
		{"quiet", "[$!a.b]", "[]"},
		{"quiet braced", "[$!{a}]", "[]"},
		{"braced then text", "#set($a='x')${a}y", "xy"},
		{"unclosed brace is text", "#set($a='x')${a", "${a"},
		{"escaped defined", `#set($a='x')\$a \\$a \\\$a`, `$a \x \$a`},
		{"escaped undefined", `\$a \\$a`, `$a \`},
		{"escaped directive", `\#if(true)x\#end`, `#if(true)x#end`},
		{"double escaped directive", `\\#if(true)x#end`, `\x`},
		{"hyphen ident", "#set($a-b = 1)$a-b", "1"},
		{"dot not followed by ident", "#set($a='x')$a.", "x."},
		{"index text fallback", "#set($a='x')$a[nope", "x[nope"},
		{"property getter", "#set($s='')$s.empty", "true"},
		{"entry getters", "#set($m={'k':'v'})#foreach($e in $m.entrySet())$e.getKey()$e.getValue()#end", "kv"},
		{"foreach is-getters", "#foreach($i in [1])$foreach.isFirst()$foreach.getCount()#end", "true1"},
		{"toString", "#set($l=[1])$l.toString()", "[1]"},
	}, nil)
}

func TestValuesAndArithmetic(t *testing.T) {
	runCases(t, []renderCase{
		{"int division", "#set($a = 7 / 2)$a", "3"},
		{"negative division truncates", "#set($a = -7 / 2)$a", "-3"},
		{"modulo sign", "#set($a = -7 % 3)$a", "-1"},
		{"double render", "#set($a = 0.1 + 0.2)$a", "0.30000000000000004"},
		{"double whole", "#set($a = 2.0 * 3)$a", "6.0"},
		{"double large", "#set($a = 10000000.0 * 10)$a", "1.0E8"},
		{"double small", "#set($a = 0.0001 * 1)$a", "1.0E-4"},
		{"overflow widens", "#set($a = 9223372036854775807 + 1)$a", "9.223372036854776E18"},
		{"string concat", "#set($a = 'n=' + 5)$a", "n=5"},
		{"null reference is an empty string in +", "#set($a = 1)#set($a = $nope + 1)[$a]", "[1]"},
		{"null reference in * gives null", "#set($a = 5)#set($a = $nope * 2)[$a]", "[5]"},
		{"unary minus", "#set($b = 3)#set($a = -$b)$a", "-3"},
		{"compare int double", "#if(2 == 2.0)eq#end", "eq"},
		{"compare strings by text", "#if(true == 'true')eq#end", "eq"},
		{"lt non numbers false", "#if('a' < 'b')y#{else}n#end", "n"},
		{"empty list true", "#if([])t#end", "t"},
		{"map equality", "#if({'a':1} == {'a':1})eq#end", "eq"},
		{"list equality", "#if([1,'a'] == [1,'a'])eq#end", "eq"},
		{"range desc", "#foreach($i in [2..-1])$i#end", "210-1"},
		{"word ops", "#if(1 lt 2 and not false or false)y#end", "y"},
		{"json number exact", "#set($m = $util.parseJson('{\"n\":12345678901234567890,\"e\":1e3,\"f\":1.50}'))$m.n $m.e $m.f", "12345678901234567890 1e3 1.50"},
		{"json number arithmetic", "#set($m = $util.parseJson('[40, 1.5]'))#set($a = $m[0] + 2)#set($b = $m[1] * 2)$a $b", "42 3.0"},
	}, nil)
}

func TestStringMethods(t *testing.T) {
	runCases(t, []renderCase{
		{"length utf16", "#set($s = 'a😀')$s.length()", "3"},
		{"substring utf16", "#set($s = 'é😀x')$s.substring(1)", "😀x"},
		{"charAt", "#set($s = 'abc')$s.charAt(2)", "c"},
		{"indexOf from", "#set($s = 'abab')$s.indexOf('b', 2)", "3"},
		{"lastIndexOf", "#set($s = 'abab')$s.lastIndexOf('ab')", "2"},
		{"split trailing empties dropped", "#set($s = 'a,b,,')$s.split(',').size()", "2"},
		{"split limit keeps", "#set($s = 'a,b,,')$s.split(',', -1).size()", "4"},
		{"split limit 2", "#set($s = 'a,b,c')$s.split(',', 2)", "[a, b,c]"},
		{"split regex", "#set($s = 'a1b22c')$s.split('[0-9]+')", "[a, b, c]"},
		{"split empty regex", "#set($s = 'abc')$s.split('')", "[a, b, c]"},
		{"replaceAll escape", `#set($s = 'a.b')$s.replaceAll('\.', '\$')`, "a$b"},
		{"replaceAll named", "#set($s = 'ab')$s.replaceAll('(?P<x>a)', '${x}${x}')", "aab"},
		{"replace literal dots", "#set($s = 'a.b.c')$s.replace('.', '')", "abc"},
		{"matches full", "#set($s = 'abc')$s.matches('b')", "false"},
		{"trim control chars", "#set($s = \"\t x \n\")[$s.trim()]", "[x]"},
		{"toUpperCase sharp s", "#set($s = 'ß')$s.toUpperCase()", "SS"},
		{"startsWith offset", "#set($s = 'abc')$s.startsWith('b', 1)", "true"},
		{"compareTo", "#set($s = 'a')$s.compareTo('c')", "-2"},
		{"hashCode", "#set($s = 'hello')$s.hashCode()", "99162322"},
		{"wrong arg type is null", "#set($s = 'abc')[$s.substring('x')]", "[]"},
		{"unknown method is null", "#set($s = 'abc')[$s.reverse()]", "[]"},
	}, nil)
}

func TestCollectionMethods(t *testing.T) {
	runCases(t, []renderCase{
		{"list get set remove", "#set($l = ['a','b','c'])#set($x = $l.set(0, 'z'))#set($y = $l.remove(1))$x$y$l", "ab[z, c]"},
		{"list remove object", "#set($l = ['a','b'])$l.remove('a')$l", "true[b]"},
		{"list add at", "#set($l = ['a'])$!l.add(0, 'b')$l", "[b, a]"},
		{"list subList", "#set($l = [1,2,3])$l.subList(1, 3)", "[2, 3]"},
		{"list addAll", "#set($l = [1])$l.addAll([2,3])$l", "true[1, 2, 3]"},
		{"list lastIndexOf", "$util.parseJson('[1,2,1]').lastIndexOf(1)", "2"},
		{"map put returns old", "#set($m = {'a':1})$m.put('a', 2)$m", "1{a=2}"},
		{"map remove", "#set($m = {'a':1,'b':2})$m.remove('a')$m", "1{b=2}"},
		{"map getOrDefault", "#set($m = {})$m.getOrDefault('x', 'd')", "d"},
		{"map putAll order", "#set($m = {'b':1})$!m.putAll({'a':2,'b':3})$m", "{b=3, a=2}"},
		{"map containsValue", "#set($m = {'a':1})$m.containsValue(1)", "true"},
		{"map keys are strings", "#set($m = {1: 'one'})$m.get('1')", "one"},
		{"map clear", "#set($m = {'a':1})$!m.clear()$m.isEmpty()", "true"},
	}, nil)
}

func TestConcurrentRender(t *testing.T) {
	tpl, err := Parse("c", `#set($b = $input.path('$'))#foreach($k in $b.keySet())$k=$b.get($k);#end#set($context.responseOverride.status = $b.code)`)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				code := 200 + i
				env := &Env{Body: `{"code":` + strconv.Itoa(code) + `,"v":"x"}`}
				out, err := tpl.Render(env)
				if !assert.NoError(t, err) {
					return
				}
				assert.Equal(t, "code="+strconv.Itoa(code)+";v=x;", out)
				assert.Equal(t, code, env.Overrides().Status)
			}
		}(i)
	}
	wg.Wait()
}

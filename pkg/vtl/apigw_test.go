package vtl

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleBody = `{"name":"Ann \"A\" O'Neil","age":42,"big":12345678901234567890,"exp":1e3,` +
	`"tags":["a","b"],"nested":{"k":[{"v":1},{"v":2}]},"nil":null,"flag":true,"uni":"é/<"}`

func sampleEnv() *Env {
	return &Env{
		Body:           sampleBody,
		PathParams:     map[string]string{"id": "p-1", "dup": "from-path"},
		QueryParams:    map[string]string{"limit": "10", "dup": "from-query"},
		Headers:        map[string]string{"X-Trace": "t-1", "dup": "from-header"},
		StageVariables: map[string]string{"tableName": "Items"},
		Context: map[string]any{
			"requestId": "r-1", "stage": "prod", "httpMethod": "POST", "resourcePath": "/items",
			"authorizer": map[string]any{"principalId": "u-1", "claims": map[string]string{"sub": "s-1"}},
			"identity":   map[string]any{"sourceIp": "10.0.0.1"},
			"port":       8080,
			"ratio":      json.Number("0.25"),
		},
	}
}

func TestInput(t *testing.T) {
	runCases(t, []renderCase{
		{"body", "$input.body", sampleBody},
		{"json root", "$input.json('$')", sampleBody},
		{"json string keeps quotes", "$input.json('$.name')", `"Ann \"A\" O'Neil"`},
		{"json number exact", "$input.json('$.big') $input.json('$.exp')", "12345678901234567890 1e3"},
		{"json object", "$input.json('$.nested')", `{"k":[{"v":1},{"v":2}]}`},
		{"json wildcard", "$input.json('$.nested.k[*].v')", `[1,2]`},
		{"json missing", "[$input.json('$.missing')]", "[]"},
		{"json null", "$input.json('$.nil')", "null"},
		{"path string", "$input.path('$.name')", `Ann "A" O'Neil`},
		{"path number exact", "$input.path('$.big')", "12345678901234567890"},
		{"path number arithmetic", "#set($n = $input.path('$.age') + 1)$n", "43"},
		{"path map methods", "$input.path('$').keySet()", "[name, age, big, exp, tags, nested, nil, flag, uni]"},
		{"path list", "$input.path('$.tags').size() $input.path('$.tags')[1]", "2 b"},
		{"path bracket", "$input.path(\"$['nested']['k'][1].v\")", "2"},
		{"path negative index", "$input.path('$.tags[-1]')", "b"},
		{"path missing empty", "[$input.path('$.nope')]", "[]"},
		{"path without dollar", "$input.path('nested.k[0].v')", "1"},
		{"path bool", "#if($input.path('$.flag'))yes#end", "yes"},
		{"path deep scan", "$input.path('$..v')", "[1,2]"},
		{"params all", "$input.params()", "{path={id=p-1, dup=from-path}, header={dup=from-header, X-Trace=t-1}, querystring={limit=10, dup=from-query}}"},
		{"params order path first", "$input.params('dup')", "from-path"},
		{"params query", "$input.params('limit')", "10"},
		{"params header any case", "$input.params('x-trace')", "t-1"},
		{"params missing", "[$input.params('zzz')]", "[]"},
		{"params submap", "$input.params().querystring.limit", "10"},
	}, sampleEnv)
}

func TestEmptyAndInvalidBody(t *testing.T) {
	assert.Equal(t, "{} []", render(t, "$input.json('$') [$input.path('$.a')]", &Env{}))
	tpl, err := Parse("bad", "x $input.path('$.a')")
	require.NoError(t, err)
	_, err = tpl.Render(&Env{Body: "{not json"})
	var verr *Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, 1, verr.Line)
	assert.Equal(t, 9, verr.Col)
	assert.Contains(t, verr.Msg, "not valid JSON")
}

func TestUtil(t *testing.T) {
	runCases(t, []renderCase{
		{"escapeJavaScript quotes", `$util.escapeJavaScript($input.path('$.name'))`, `Ann \"A\" O\'Neil`},
		{"escapeJavaScript non-ascii and slash", `$util.escapeJavaScript($input.path('$.uni'))`, `\u00E9\/<`},
		{"escapeJavaScript controls", "#set($s = \"a\tb\nc\\d\")$util.escapeJavaScript($s)", `a\tb\nc\\d`},
		{"escapeJavaScript other control", "$util.escapeJavaScript($util.urlDecode('%01'))", `\u0001`},
		{"escapeJavaScript astral", "#set($s = '😀')$util.escapeJavaScript($s)", `\uD83D\uDE00`},
		{"escapeJavaScript of a number", "$util.escapeJavaScript($input.path('$.age'))", "42"},
		{"unescape quote idiom replace", `$util.escapeJavaScript($input.path('$.name')).replace("\'", "'")`, `Ann \"A\" O'Neil`},
		{"unescape quote idiom replaceAll", `$util.escapeJavaScript($input.path('$.name')).replaceAll("\\'", "'")`, `Ann \"A\" O'Neil`},
		{"unknown util function", "[$util.hmac('x')]", "[]"},
		{"parseJson", `#set($o = $util.parseJson($input.json('$.nested')))$o.k[1].v`, "2"},
		{"urlEncode", "$util.urlEncode('a b&c=d/é~*')", "a+b%26c%3Dd%2F%C3%A9%7E*"},
		{"urlDecode", "$util.urlDecode('a+b%26c')", "a b&c"},
		{"base64 round trip", "$util.base64Encode('héllo') $util.base64Decode('aMOpbGxv')", "aMOpbGxv héllo"},
		{"base64 unpadded", "$util.base64Decode('YQ')", "a"},
	}, sampleEnv)
}

func TestUtilErrors(t *testing.T) {
	for _, src := range []string{
		"$util.parseJson('{')",
		"$util.urlDecode('%zz')",
		"$util.base64Decode('!!!')",
	} {
		tpl, err := Parse("u", src)
		require.NoError(t, err)
		_, err = tpl.Render(sampleEnv())
		var verr *Error
		require.ErrorAs(t, err, &verr, src)
		assert.Equal(t, 6, verr.Col, src)
	}
}

func TestContextAndStageVariables(t *testing.T) {
	runCases(t, []renderCase{
		{"fields", "$context.requestId $context.stage $context.httpMethod $context.resourcePath", "r-1 prod POST /items"},
		{"authorizer", "$context.authorizer.principalId $context.authorizer.claims.sub", "u-1 s-1"},
		{"identity", "$context.identity.sourceIp", "10.0.0.1"},
		{"numbers", "$context.port $context.ratio", "8080 0.25"},
		{"missing", "[$context.nothing]", "[]"},
		{"stage variable", "$stageVariables.tableName", "Items"},
		{"stage variable missing quiet", "[$!stageVariables.x]", "[]"},
	}, sampleEnv)
}

func TestOverrides(t *testing.T) {
	env := sampleEnv()
	out := render(t, `#set($context.responseOverride.status = 409)
#set($context.responseOverride.header.Location = "/items/$input.params('id')")
#set($context.requestOverride.header.X-Up = 'h')
#set($context.requestOverride.path.id = 'p2')
#set($context.requestOverride.querystring.q = 5)
done`, env)
	assert.Equal(t, "done", out)
	assert.Equal(t, Overrides{
		Status:         409,
		Headers:        map[string]string{"Location": "/items/p-1"},
		RequestHeaders: map[string]string{"X-Up": "h"},
		RequestPath:    map[string]string{"id": "p2"},
		RequestQuery:   map[string]string{"q": "5"},
	}, env.Overrides())
	// The caller's Context map is not modified.
	_, ok := env.Context["responseOverride"]
	assert.False(t, ok)

	env2 := sampleEnv()
	render(t, `#set($context.responseOverride.status = "404")`, env2)
	assert.Equal(t, 404, env2.Overrides().Status)

	env3 := sampleEnv()
	render(t, "nothing", env3)
	assert.Equal(t, Overrides{}, env3.Overrides())
}

func TestNilEnv(t *testing.T) {
	tpl, err := Parse("n", "$input.params('x')|$context.stage|$stageVariables.x")
	require.NoError(t, err)
	out, err := tpl.Render(nil)
	require.NoError(t, err)
	assert.Equal(t, "||", out)
}

func TestCyclicContext(t *testing.T) {
	cyc := map[string]any{"name": "loop"}
	cyc["a"], cyc["b"] = cyc, cyc
	out := render(t, "$context.a.b.a.name", &Env{Context: cyc})
	assert.Equal(t, "loop", out)
}

package vtl

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The rules in this file are where API Gateway's Velocity differs from
// Apache Velocity 1.7. Each test names the public recording it follows;
// templates, inputs and expected outputs are this project's own, written to
// exercise the recorded rule.
//
// Sources:
//   - [lsCommon]: LocalStack, tests/aws/services/apigateway/test_apigateway_common.py
//     and .snapshot.json, tests marked aws.validated (recorded on AWS):
//     test_input_path_template_formatting, test_input_body_formatting.
//   - [lsInteg]: LocalStack, tests/aws/services/apigateway/test_apigateway_integrations.py
//     and .snapshot.json: test_integration_mock_with_vtl_map_assignation,
//     test_integration_mock_with_response_override_in_request_template.
//   - [lsKinesis]: LocalStack, tests/aws/services/apigateway/test_apigateway_kinesis.py
//     and .snapshot.json (PartitionKey "20": the #else branch was taken).
//   - [lsSQS]: LocalStack, tests/aws/services/apigateway/test_apigateway_sqs.py
//     and .snapshot.json: test_sqs_amz_json_protocol.
//   - [slsDefault]: serverless/serverless,
//     lib/plugins/aws/package/compile/events/apiGateway/lib/method/integration.js:
//     the default request templates of every `integration: lambda` function
//     deployed with the Serverless Framework (#define, and
//     $input.path('$').split('&') on form posts).
//   - [agwRef]: the API Gateway developer guide, "API Gateway mapping template
//     and access logging variable reference" (api-gateway-mapping-template-reference,
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html):
//     the parameter mapping example's stated output lists path, header,
//     querystring in that order; $input.path('$.pets').count() returns 3.
//   - [agwOverride]: the developer guide, "Use a mapping template to override an
//     API's request and response parameters and status codes"
//     (apigateway-override-request-response-parameters): a list assigned to
//     a header override reaches the endpoint as "foo,header1Valheader2Val".
//   - [slsOffline50]: dherault/serverless-offline issue #50, comment of
//     2016-06-03: with value undefined, #if($elem.value) renders its text on
//     AWS (the offline emulator, on velocityjs, skipped it).
//   - [toqoz5]: github.com/ToQoz/api-gateway-mapping-template issue #5 and
//     pull request #4 ("API Gateway prints null objects as empty string").

func renderAWS(t *testing.T, src string, env *Env) string {
	t.Helper()
	if env == nil {
		env = &Env{}
	}
	return render(t, src, env)
}

// [lsCommon] test_input_path_template_formatting, [toqoz5], [lsInteg].
func TestAWSNullRendersEmpty(t *testing.T) {
	env := func() *Env { return &Env{Body: `{"user":{"name":"Kim"},"tags":[]}`} }
	runCases(t, []renderCase{
		{"undefined variable", "<$nothing>", "<>"},
		{"braced and quiet agree", "<${nothing}|$!nothing|$!{nothing}>", "<||>"},
		{"missing path", "<$input.path('$.absent')>", "<>"},
		{"chain through null", "<$input.path('$.absent').deeper.still>", "<>"},
		{"method call on null", "<$input.path('$.absent').toUpperCase()>", "<>"},
		{"property of a string", "<$input.path('$.user.name').first>", "<>"},
		{"property of a list", "<$input.path('$.tags').first>", "<>"},
		{"inside a string literal", `#set($s = "a${nothing}b$input.path('$.absent')c")$s`, "abc"},
		{"null method result", "<$input.path('$.user').put('age', 3)>", "<>"},
		{"json null value", `#set($b = $input.path('$.n'))<$b>`, "<>"},
	}, env)
}

// [lsCommon] test_input_path_template_formatting ("isNull", "isEmptyString"),
// [lsKinesis] (#if( $foo.bar.stuff != ”) takes the #else branch).
func TestAWSNullEqualsEmptyString(t *testing.T) {
	env := func() *Env { return &Env{Body: `{"list":[],"text":""}`} }
	runCases(t, []renderCase{
		{"missing == null", "#set($r = $input.path('$.nope'))#if($r == $null)y#{else}n#end", "y"},
		{"missing == empty", "#set($r = $input.path('$.nope'))#if($r == '')y#{else}n#end", "y"},
		{"undefined chain != '' is false", "#if($a.b.c != '')n#{else}y#end", "y"},
		{"empty string == null", "#if($input.path('$.text') == $nothing)y#{else}n#end", "y"},
		{"empty list is neither", "#set($r = $input.path('$.list'))#if($r == $null || $r == '')n#{else}y#end", "y"},
		{"empty list renders", "$input.path('$.list')", "[]"},
	}, env)
}

// [lsCommon] test_input_path_template_formatting: a JSON array read by
// $input.path renders as compact JSON (maps inside it too); a JSON object
// renders Java-style, {key=value, ...}, with arrays inside it as JSON.
func TestAWSPathRendering(t *testing.T) {
	runCases(t, []renderCase{
		{"object", "$input.path('$')", "{city=Oslo, zip=0150, n=2}"},
		{"object toString", "$input.path('$').toString()", "{city=Oslo, zip=0150, n=2}"},
	}, func() *Env { return &Env{Body: `{"city":"Oslo","zip":"0150","n":2}`} })
	runCases(t, []renderCase{
		{"array of objects", "$input.path('$')", `[{"k":"v","n":1},{"k":"w"}]`},
		{"object taken from an array", "$input.path('$')[0]", "{k=v, n=1}"},
		{"array toString", "$input.path('$').toString()", `[{"k":"v","n":1},{"k":"w"}]`},
	}, func() *Env { return &Env{Body: `[{"k":"v","n":1},{"k":"w"}]`} })
	runCases(t, []renderCase{
		{"array in array", "$input.path('$')[0]", `[{"a":true}]`},
	}, func() *Env { return &Env{Body: `[[{"a":true}]]`} })
	runCases(t, []renderCase{
		{"array inside object", "$input.path('$')", `{owner=Ann, pets=[{"name":"Rex"}], deep={a={b=c}}}`},
		{"array property", "$input.path('$').pets", `[{"name":"Rex"}]`},
		{"object inside object", "$input.path('$.deep')", `{a={b=c}}`},
		{"template-built list stays Java-style", "#set($l = ['x', 1])$l", "[x, 1]"},
	}, func() *Env { return &Env{Body: `{"owner":"Ann","pets":[{"name":"Rex"}],"deep":{"a":{"b":"c"}}}`} })
}

// [lsCommon] test_input_body_formatting: $input.body of an empty body is {};
// a body that is not JSON passes through $input.body unchanged, and a
// property of the body string is null.
// [slsDefault]: the form-post template splits $input.path('$') on '&', so
// $input.path('$') of a form body is the body text.
func TestAWSBodyRules(t *testing.T) {
	assert.Equal(t, "{}", renderAWS(t, "$input.body", &Env{}))
	assert.Equal(t, "x={}", renderAWS(t, "x=$input.body", &Env{}))
	assert.Equal(t, "<>", renderAWS(t, "<$input.body.field>", &Env{Body: `{"field":1}`}))
	assert.Equal(t, "v=", renderAWS(t, "v=$util.urlEncode($input.body.field)", &Env{Body: "plain text"}))
	form := &Env{Body: "name=Ann+Lee&city=Oslo"}
	assert.Equal(t, "name=Ann+Lee&city=Oslo", renderAWS(t, "$input.body", form))
	assert.Equal(t, "name=Ann+Lee|city=Oslo",
		renderAWS(t, "#foreach($kv in $input.path('$').split('&'))$kv#if($foreach.hasNext)|#end#end", form))
	assert.Equal(t, `"name=Ann+Lee&city=Oslo"`, renderAWS(t, "$input.json('$')", form))
	assert.Equal(t, "<>", renderAWS(t, "<$input.path('$.name')>", form))
}

// [slsDefault]: #define($loop) ... #end, rendered once per #set($map = ...).
func TestAWSDefine(t *testing.T) {
	src := "#define($pairs)#foreach($k in $m.keySet())$k:$m.get($k)#if($foreach.hasNext),#end#end#end" +
		"#set($m = {'a': 1, 'b': 2})[$pairs]#set($m = {'c': 3})[$pairs]"
	assert.Equal(t, "[a:1,b:2][c:3]", renderAWS(t, src, nil))
	assert.Equal(t, "x=[y]", renderAWS(t, `#define($b)[$v]#end#set($v = "y")#set($s = "x=$b")$s`, nil))
	_, err := mustParse(t, "#define($self)$self#end$self").Render(&Env{})
	assert.ErrorContains(t, err, "#define blocks nested deeper")
}

// [lsInteg] test_integration_mock_with_vtl_map_assignation: the override
// maps exist before any #set, accept put, index and bracket assignment, and
// put's null answer renders as nothing.
// [lsInteg] test_integration_mock_with_response_override_in_request_template:
// keys of any name may be set on responseOverride and read back.
func TestAWSOverrideMaps(t *testing.T) {
	src := "#set($n = 'foo')" +
		"#set($context.requestOverride.querystring[$n] = 'bar')" +
		"<$context.requestOverride.querystring.put('put', 'putBar')>" +
		"#set($context['requestOverride'].querystring['nested'] = 'nestedFoo')" +
		"#set($context.responseOverride.custom = 'kept')" +
		"$context.requestOverride.querystring.foo,$context.requestOverride.querystring.put," +
		"$context.requestOverride.querystring.nested,$context.responseOverride.custom"
	env := &Env{}
	assert.Equal(t, "<>bar,putBar,nestedFoo,kept", renderAWS(t, src, env))
	assert.Equal(t, map[string]string{"foo": "bar", "put": "putBar", "nested": "nestedFoo"}, env.Overrides().RequestQuery)
	assert.Equal(t, map[string]string{"custom": "kept"}, env.Overrides().ResponseOther)
}

// [lsSQS] test_sqs_amz_json_protocol: $context, $context.identity and the
// override maps iterate in Java HashMap order, and every map inside $context
// renders as the empty string.
func TestAWSContextIterationAndRendering(t *testing.T) {
	ctx := map[string]any{}
	for _, k := range []string{"apiId", "deploymentId", "domainName", "domainPrefix", "extendedRequestId",
		"httpMethod", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId",
		"resourcePath", "stage", "accountId"} {
		ctx[k] = "v"
	}
	identity := map[string]any{}
	for _, k := range []string{"accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
		"cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId",
		"sourceIp", "user", "userAgent", "userArn"} {
		identity[k] = "v"
	}
	ctx["identity"] = identity
	env := &Env{Context: ctx}
	keys := renderAWS(t, "#foreach($k in $context.keySet())$k #end", env)
	assert.Equal(t, "resourceId resourcePath httpMethod extendedRequestId requestTime path accountId "+
		"protocol requestOverride stage domainPrefix requestTimeEpoch requestId identity domainName "+
		"deploymentId responseOverride apiId ", keys)
	ids := renderAWS(t, "#foreach($k in $context.identity.keySet())$k #end", env)
	assert.Equal(t, "cognitoIdentityPoolId accountId cognitoIdentityId caller sourceIp principalOrgId "+
		"accessKey cognitoAuthenticationType cognitoAuthenticationProvider userArn userAgent user ", ids)
	assert.Equal(t, "path header querystring |header ",
		renderAWS(t, "#foreach($k in $context.requestOverride.keySet())$k #end|#foreach($k in $context.responseOverride.keySet())$k #end", env))
	assert.Equal(t, "<|||>",
		renderAWS(t, "<$context.identity|$context.get('requestOverride')|$context.requestOverride.header|$context.responseOverride>", env))
	assert.Equal(t, "v", renderAWS(t, "$context.identity.sourceIp", env))
}

// Headers iterate sorted without regard to case and are found in any case
// (a guess consistent with Java's case-insensitive TreeMap; no recording
// shows a header loop).
func TestHeaderMapOrderAndCase(t *testing.T) {
	env := &Env{Headers: map[string]string{"x-b": "1", "Accept": "2", "X-A": "3", "content-type": "4"}}
	assert.Equal(t, "Accept content-type X-A x-b ",
		renderAWS(t, "#foreach($h in $input.params().header.keySet())$h #end", env))
	assert.Equal(t, "4|3", renderAWS(t, "$input.params().header.get('Content-Type')|$input.params().header.x-a", env))
}

// javaStringHash and the bucket order agree with java.util.HashMap on
// values computed with a JVM (String.hashCode of these strings).
func TestJavaStringHash(t *testing.T) {
	for s, want := range map[string]int32{
		"": 0, "a": 97, "requestId": 693933066, "identity": -135761730, "é": 233, "😀": 1772899,
	} {
		assert.Equal(t, want, javaStringHash(s), s)
	}
}

func mustParse(t *testing.T, src string) *Template {
	t.Helper()
	tpl, err := Parse("t", src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return tpl
}

// [agwRef]: $input.params() iterates path, header, querystring.
func TestAWSParamsOrder(t *testing.T) {
	env := &Env{PathParams: map[string]string{"id": "1"}, QueryParams: map[string]string{"q": "2"},
		Headers: map[string]string{"h": "3"}}
	assert.Equal(t, "path header querystring ",
		renderAWS(t, "#foreach($type in $input.params().keySet())$type #end", env))
}

// [agwRef]: count() on a list read by $input.path.
func TestAWSListCount(t *testing.T) {
	env := &Env{Body: `{"pets":[{"id":1},{"id":2},{"id":3}]}`}
	assert.Equal(t, "3", renderAWS(t, "$input.path('$.pets').count()", env))
}

// [agwOverride]: a list assigned to a header override is its values joined
// by commas.
func TestAWSMultiValueHeaderOverride(t *testing.T) {
	env := &Env{Headers: map[string]string{"header1": "header1Val", "header2": "header2Val"}}
	src := `#set($one = "foo")#set($three = "$input.params('header1')$input.params('header2')")` +
		`#set($context.requestOverride.header.multivalueheader = [$one, $three])`
	renderAWS(t, src, env)
	assert.Equal(t, "foo,header1Valheader2Val", env.Overrides().RequestHeaders["multivalueheader"])
}

// [slsOffline50]: a null reference is the empty string, and #if counts ""
// true (Velocity 1.7's rule for non-null values); #set from a null
// reference assigns "" (a guess that follows from the same model: the
// value of the reference is "", no recording shows #set on its own).
func TestAWSIfAndSetOnNullReference(t *testing.T) {
	runCases(t, []renderCase{
		{"if on undefined is true", "#if($elem.value)rendered#end", "rendered"},
		{"not undefined is false", "#if(!$elem.value)rendered#{else}skipped#end", "skipped"},
		{"set from undefined assigns the empty string", "#set($x = 'old')#set($x = $nope)[$x]#if($x == '')empty#end", "[]empty"},
		{"assigned empty string has a length", "#set($x = $nope)$x.length()", "0"},
		{"chain through null stops at the null", "[$nope.length()]", "[]"},
		{"text comparison is portable", "#if(\"$!elem.value\" != '')rendered#{else}skipped#end", "skipped"},
	}, func() *Env { return &Env{} })
}

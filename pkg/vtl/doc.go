// Package vtl is a Velocity Template Language engine with the variables of
// Amazon API Gateway mapping templates ($input, $util, $context,
// $stageVariables). It follows Velocity 1.7, which API Gateway's engine
// derives from, with Java semantics for values and methods, except where
// API Gateway's recorded behaviour differs (see "API Gateway's rules").
//
// Parse once, render many:
//
//	t, err := vtl.Parse("create.request", src) // *vtl.Error with Line and Col
//	out, err := t.Render(&vtl.Env{Body: body, StageVariables: sv})
//
// A Template is immutable; concurrent Render calls with different Envs are
// safe. After Render, Env.Overrides reports what the template assigned to
// $context.responseOverride (status, header.*, any other key) and
// $context.requestOverride (header.*, path.*, querystring.*); a list
// assigned to a header is its values joined by commas.
//
// # Language
//
// #set, #if/#elseif/#else/#end, #foreach (with $foreach.index, .count,
// .hasNext, .first, .last, .parent and $velocityCount), #break, #stop, ##
// and #* *# comments, #[[unparsed]]#, braced directives (#{else}), ${x},
// quiet $!x and $!{x}, escaping with \$ and \#, #define, string interpolation in
// double quotes (references and directives), single-quoted literals, lists,
// maps, ranges [1..5], arithmetic, comparisons (== != < > <= >= and eq ne
// lt gt le ge), && || ! and and/or/not. In string literals a doubled quote
// stands for one quote and backslashes are kept as written, so the common
// $util.escapeJavaScript($s).replace("\'", "'") works; \uXXXX is not
// decoded. #macro, #parse, #include and #evaluate are rejected at parse
// time.
//
// # API Gateway's rules
//
// API Gateway's Velocity is not plain Apache Velocity 1.7. Where they
// differ, this package follows API Gateway as its outputs were recorded
// (awsrules_test.go names the recording of each rule):
//
//   - A reference whose value is null is the empty string, wherever it is
//     used: $nope, ${nope}, $!nope, a chain through null ($missing.a.b, which
//     stops at the null: $missing.length() is "" too), a missing map key, a
//     method that returns null or does not exist. So it renders as nothing
//     (in text and inside string literals), compares equal to "" and to
//     $null (itself ""), is true in #if (Velocity 1.7 counts every non-null
//     value but false true), !$nope is false, #set($x = $nope) assigns "",
//     and \$nope prints $nope. This is Velocity 1.7 with every null
//     reference replaced by "", the one model the recordings agree with:
//     LocalStack's AWS-validated test_input_path_template_formatting (a
//     missing path renders empty and equals both "" and $null),
//     test_integration_mock_with_vtl_map_assignation (a put() whose null
//     answer renders as nothing), the Kinesis test ($foo.bar.stuff != ”
//     is false), and serverless-offline issue #50 (#if on an undefined
//     value renders its text on AWS). Portable templates test "$!x" != "".
//   - Values that are null without being references (1/0, * on a non-number)
//     stay null: #set keeps the target's old value, as in Velocity 1.7.
//   - A JSON array read from a body ($input.path, $util.parseJson, a
//     JSONPath with several results) renders as compact JSON, objects
//     inside it too; a JSON object renders Java-style, {key=value, ...},
//     with the arrays inside it as JSON. Lists a template builds render
//     Java-style, [a, b]. Evidence: test_input_path_template_formatting.
//   - $input.body of an empty body is {}; a body that is not JSON (a form
//     post) reads as one string through $input.path('$') and
//     $input.json('$'), and selects nothing below it. Evidence: LocalStack's
//     test_input_body_formatting; the Serverless Framework's default form
//     template splits $input.path('$') on '&'.
//   - #define($name) ... #end binds a block rendered where $name is
//     rendered (the Serverless Framework's default request template).
//   - $context holds requestOverride{path, header, querystring} and
//     responseOverride{header} before any #set; $context, $context.identity
//     and the override maps iterate in java.util.HashMap order, and every
//     map inside $context renders as "" (LocalStack's AWS-validated SQS
//     test, which loops over them). $input.params().path and .querystring
//     and $stageVariables are HashMaps too (a guess); headers iterate sorted
//     without regard to case and are found in any case (a guess consistent
//     with Java's case-insensitive TreeMap).
//   - $util.escapeJavaScript takes any value and escapes its string form
//     (5 gives "5", a map "{a=b}"); null gives null (a guess: Commons Lang's
//     escapeJavaScript(null) is null).
//
// Velocity 1.7 rules that API Gateway keeps: a directive's trailing blanks
// and newline are consumed and so are the blanks in front of #set (but not
// in front of other directives); identifiers may contain '-' ($a-b is one
// name); a #foreach loop variable is restored afterwards.
//
// # Values
//
// Integers are Java longs: + - * / % on two integers stay integral (7/2 is
// 3, Java truncation), with overflow widening to a double. A decimal operand
// gives a double, rendered like Java's Double.toString (1.5*2 is "3.0").
// Division by zero gives null. + with a string operand concatenates.
// Numbers read from JSON ($input.path, $util.parseJson, Env.Context
// json.Number) keep their text and render exactly as written, so
// 12345678901234567890 and 1e3 pass through unchanged (the JVM would turn
// 1e3 into 1000.0 where it parses to a double; keeping the text is what a
// template that copies numbers into DynamoDB JSON wants). In arithmetic
// they act as longs when integral, else as doubles.
//
// Maps keep insertion order (LinkedHashMap) and compare keys by their
// string form; Env maps are presented in API Gateway's order (above).
// Lists and maps render as Java does ([a, b], {k=v}), but for JSON arrays.
//
// Methods follow Java: strings (length, isEmpty, charAt, substring,
// indexOf, lastIndexOf, contains, startsWith, endsWith, equals,
// equalsIgnoreCase, compareTo, concat, toLowerCase, toUpperCase, trim,
// replace, replaceAll, replaceFirst, matches, split, hashCode, toString;
// indexes count UTF-16 units), maps (size, isEmpty, get, getOrDefault,
// containsKey, containsValue, put, putAll, remove, keySet, values,
// entrySet, clear), lists (size, isEmpty, get, set, add, addAll, remove,
// contains, indexOf, lastIndexOf, subList, clear), numbers (intValue,
// longValue, doubleValue, compareTo). Property access $a.b calls get("b")
// on maps and getB()/isB() otherwise, so $s.empty is $s.isEmpty(). An
// unknown method or arguments of the wrong type give null (the reference
// renders as its text); what would throw in Java (substring out of range,
// a bad regular expression, malformed JSON for parseJson) makes Render
// return an *Error. Regular expressions use Go's RE2 syntax, which covers
// Java's common syntax but not lookaround or backreferences; replacement
// strings use Java's $1 / ${name} / \ rules.
//
// # API Gateway variables
//
// $input.body is Env.Body ({} when empty). $input.json(path) is the compact
// JSON text of the selection, $input.path(path) the selection as a value
// (map, list, string, number, boolean). Both return "" when the path
// selects nothing (for $input.json a guess). An empty body reads as {}; a
// body that is not JSON reads as a string unless it starts with { or [, in
// which case they fail with an *Error. The
// body is parsed once per render and $input.path hands out that tree, so
// changing a returned map or list is seen by later calls in the render.
// Objects keep the body's key order (API Gateway does not promise an
// order, so templates should not depend on it). The
// JSONPath subset: $, .name, ['name'], ["a","b"], [0], [-1], [0,2], [*],
// .*, ..name, ..*, [start:end]; wildcards, deep scans, unions and slices
// return a list. $input.params() is {path, querystring, header};
// $input.params(name) searches path, then query string, then headers
// (headers also case-insensitively) and returns "" when absent.
//
// $util.escapeJavaScript escapes like Commons Lang 2's escapeJavaScript:
// \" \\ \/ \b \t \n \f \r, other control characters and every non-ASCII
// UTF-16 unit as \uXXXX (upper-case hex), and ' as \' — which is not valid
// JSON, as the API Gateway reference warns. $util.parseJson,
// $util.urlEncode (Java URLEncoder: space is +, only letters, digits and
// . - * _ stay), $util.urlDecode, $util.base64Encode and
// $util.base64Decode (padded or not) complete $util.
//
// $context is a copy of Env.Context with the override maps added.
// $stageVariables is Env.StageVariables.
//
// # Limits
//
// Parse rejects nesting deeper than 200 levels. Render fails with an
// *Error past 10 MiB of output or of any string, or past a budget of 2^21
// steps (a loop iteration or range element is a step, a built string a
// step per 16 bytes); ranges are limited to 2^20 elements. Rendering and
// comparing nested values is bounded too: a collection containing itself
// renders as Java does ("(this Collection)"), deeper cycles are cut off.
// No input makes Parse or Render panic.
//
// # Differences from velocityjs
//
// The package is tested against velocityjs 2.1.7 on a corpus of templates
// (testdata/diff_cases.txt). Where velocityjs is not Velocity 1.7 the test
// checks the Java answer instead (diff_skips_test.go); the categories are:
//
//   - Java methods velocityjs lacks or gives JavaScript meaning: length,
//     isEmpty, contains, equals, equalsIgnoreCase, matches, replaceAll,
//     replaceFirst, containsKey, values; String.replace replaces every
//     occurrence in Java, only the first in velocityjs.
//   - Java return values: List.add returns true, Map.put the previous
//     value (null), where velocityjs returns the new length or value.
//   - Integer division (7/2 is 3) and Double rendering (1.5*2 is 3.0).
//   - API Gateway's null rule: a null or undefined reference is "" (it
//     renders as nothing, #if counts it true, \$x prints $x).
//   - Division by zero is null (so #set keeps the old value), not Infinity.
//   - #if treats "" as true.
//   - The blanks in front of #set are removed.
//   - Grammar velocityjs lacks: #{if} and #{foreach}, references as map
//     keys, doubled quotes in literals, properties named like keywords
//     ($m.in).
//   - Operator precedence: && binds tighter than ||.
//   - #break inside #if leaves the enclosing #foreach; #stop is supported.
//   - Line breaks: \r\n after a directive is consumed like \n, and the line
//     break after a #* *# comment is kept (velocityjs removes it).
package vtl

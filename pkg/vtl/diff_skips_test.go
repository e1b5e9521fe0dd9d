package vtl

// diffSkip records an intended difference from velocityjs: java is what
// this engine (like Velocity 1.7 on the JVM) renders. Every category is
// explained in doc.go.
type diffSkip struct {
	java, reason string
}

// Reasons, one per category of doc.go's "Differences from velocityjs".
const (
	whyMethods    = "velocityjs lacks this Java method (or gives it JavaScript semantics)"
	whyReturns    = "Java's List.add returns true and Map.put the previous value (null here)"
	whyIntDiv     = "Velocity 1.7 keeps integers integral: Java integer division"
	whyDouble     = "a decimal operand makes a Java Double, rendered as Double.toString"
	whyDivZero    = "division by zero gives null in Velocity 1.7, so #set keeps the old value"
	whyAWSNull    = "API Gateway: a null or undefined reference is the empty string (doc.go)"
	whyIfNull     = "API Gateway: a null reference is \"\", which #if counts true (doc.go)"
	whyTruthy     = "Velocity 1.7's #if is false only for null and false; an empty string is true"
	whySetIndent  = "Velocity 1.7 gobbles the blanks in front of #set"
	whyGrammar    = "velocityjs' grammar lacks this Velocity 1.7 syntax"
	whyPrecedence = "&& binds tighter than ||, as in Java and Velocity 1.7"
	whyBreak      = "#break leaves the enclosing #foreach even from inside an #if"
	whyStop       = "velocityjs does not implement #stop"
	whyComment    = "a #* *# comment does not consume the line break after it in Velocity 1.7"
	whyCRLF       = "Velocity 1.7 gobbles \\r\\n after a directive like \\n; velocityjs only \\n"
)

// diffSkips lists the differential cases where velocityjs is not Velocity
// 1.7. Keep in step with the "Differences from velocityjs" section of doc.go.
var diffSkips = map[string]diffSkip{
	"ref/undefined":                {"", whyAWSNull},
	"ref/undefined-braced":         {"", whyAWSNull},
	"ref/undefined-property":       {"", whyAWSNull},
	"ref/undefined-method":         {"", whyAWSNull},
	"ref/defined-missing-property": {"", whyAWSNull},
	"ref/defined-missing-deep":     {"", whyAWSNull},
	"ref/stage-variable-missing":   {"", whyAWSNull},
	"ref/email-like":               {"user@", whyAWSNull},
	"ref/paren-after":              {"", whyAWSNull},
	"set/null-keeps-old":           {"", whyAWSNull},
	"set/null-undefined":           {"", whyAWSNull},
	"set/interp-undefined":         {"v=", whyAWSNull},
	"escape/hash-set":              {"#set( = 1)", whyAWSNull},
	"string/interp-concat":         {"POST", whyAWSNull},
	"method/unknown-on-string":     {"", whyAWSNull},
	"map/missing-key":              {"", whyAWSNull},
	"set/nested-map-property":      {"5", whyGrammar},
	"set/copy-alias":               {"true[1, 2]", whyReturns},
	"if/precedence":                {"a", whyPrecedence},
	"if/braced":                    {"yes", whyGrammar},
	"if/contains":                  {"has", whyMethods},
	"if/isEmpty-map":               {"empty", whyMethods},
	"foreach/break":                {"12", whyBreak},
	"foreach/braced":               {"12", whyGrammar},
	"method/replace":               {"a+b+c", whyMethods},
	"method/replaceAll":            {"a#b#c#", whyMethods},
	"method/replaceAll-group":      {"smith john", whyMethods},
	"method/replaceFirst":          {"baa", whyMethods},
	"method/contains":              {"true", whyMethods},
	"method/equals":                {"true false", whyMethods},
	"method/equalsIgnoreCase":      {"true", whyMethods},
	"method/matches":               {"true", whyMethods},
	"method/matches-partial":       {"false", whyMethods},
	"method/chained":               {"heLLo", whyMethods},
	"list/add-quiet":               {"true[1, 2]", whyReturns},
	"list/contains":                {"true false", whyMethods},
	"map/containsKey":              {"true false", whyMethods},
	"map/values":                   {"[1, 2]", whyMethods},
	"map/put-quiet":                {"{k=v}", whyReturns},
	"stop/basic":                   {"before", whyStop},
	"misc/ref-key-map-literal":     {"1", whyGrammar},
	"java/int-division":            {"3", whyIntDiv},
	"java/int-division-negative":   {"-3", whyIntDiv},
	"java/decimal-product":         {"3.0", whyDouble},
	"java/decimal-from-context":    {"5.0", whyDouble},
	"java/division-by-zero":        {"keep", whyDivZero},
	"if/undefined":                 {"yes", whyIfNull},
	"if/not":                       {"", whyIfNull},
	"if/not-word":                  {"", whyIfNull},
	"java/empty-string-is-true":    {"t", whyTruthy},
	"java/set-gobbles-indent":      {"a\nb1", whySetIndent},
	"java/doubled-quote":           {"it's", whyGrammar},
	"java/string-length":           {"4", whyMethods},
	"java/list-isEmpty":            {"false", whyMethods},
	"java/string-empty-property":   {"false", whyMethods},
	"layout/block-comment-lines":   {"\nvalue", whyComment},
	"layout/windows-newlines":      {"a\r\nz", whyCRLF},
}

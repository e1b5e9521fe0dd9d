package gateway

import (
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

type verdict int

const (
	notAllowed verdict = iota
	allowed
	denied
)

// evaluatePolicy applies an authorizer's IAM policy to a method ARN: an
// explicit Deny wins, then an Allow; nothing matching means not allowed.
// Actions and resources may use * and ? wildcards. As in IAM, action names
// match case-insensitively ("Execute-API:invoke" is execute-api:Invoke)
// while resource ARNs are case-sensitive.
func evaluatePolicy(doc events.APIGatewayCustomAuthorizerPolicy, arn string) verdict {
	v := notAllowed
	for _, st := range doc.Statement {
		if !anyMatch(st.Action, "execute-api:invoke", strings.ToLower) || !anyMatch(st.Resource, arn, nil) {
			continue
		}
		switch strings.ToLower(st.Effect) {
		case "deny":
			return denied
		case "allow":
			v = allowed
		}
	}
	return v
}

// anyMatch reports whether s matches one of the patterns, each first
// passed through fold when it is not nil.
func anyMatch(patterns []string, s string, fold func(string) string) bool {
	for _, p := range patterns {
		if fold != nil {
			p = fold(p)
		}
		if wildcard(p, s) {
			return true
		}
	}
	return false
}

// wildcard matches s against p, where * matches any run of characters and
// ? any one character (byte). It backtracks only to the last *, so it runs
// in O(len(p)*len(s)) whatever the pattern: a policy cannot make a request
// slow.
func wildcard(p, s string) bool {
	pi, si := 0, 0
	star, resume := -1, 0 // position of the last * in p, and where in s it resumes
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, resume = pi, si
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case star >= 0:
			// Let the last * swallow one more byte and try again.
			resume++
			pi, si = star+1, resume
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

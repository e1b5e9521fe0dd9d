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
// Actions and resources may use * and ? wildcards.
func evaluatePolicy(doc events.APIGatewayCustomAuthorizerPolicy, arn string) verdict {
	v := notAllowed
	for _, st := range doc.Statement {
		if !anyMatch(st.Action, "execute-api:Invoke") || !anyMatch(st.Resource, arn) {
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

func anyMatch(patterns []string, s string) bool {
	for _, p := range patterns {
		if wildcard(p, s) {
			return true
		}
	}
	return false
}

// wildcard matches s against p, where * matches any run of characters and
// ? any one character.
func wildcard(p, s string) bool {
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			if p == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if wildcard(p, s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != p[0] {
				return false
			}
		}
		p, s = p[1:], s[1:]
	}
	return s == ""
}

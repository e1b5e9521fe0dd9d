package gateway

import (
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// referenceWildcard is the obvious backtracking matcher, exponential in the
// number of stars: the oracle for wildcard on small inputs.
func referenceWildcard(p, s string) bool {
	if p == "" {
		return s == ""
	}
	switch p[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if referenceWildcard(p[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && referenceWildcard(p[1:], s[1:])
	}
	return s != "" && s[0] == p[0] && referenceWildcard(p[1:], s[1:])
}

// FuzzPolicy evaluates authorizer policies with arbitrary effects,
// actions and resource patterns against arbitrary method ARNs. It must
// never panic; an Allow naming the exact ARN allows it, unless a Deny also
// matches; wildcard agrees with the reference matcher.
func FuzzPolicy(f *testing.F) {
	arn := "arn:aws:execute-api:us-east-1:123456789012:abcdef0123/prod/GET/lambda/items/42"
	for _, s := range []struct{ effect, action, pattern, arn string }{
		{"Allow", "execute-api:Invoke", arn, arn},
		{"Allow", "execute-api:*", "arn:aws:execute-api:*:*:abcdef0123/prod/*", arn},
		{"allow", "*", "*", arn},
		{"Deny", "Execute-API:invoke", "arn:aws:execute-api:us-east-1:123456789012:abcdef0123/prod/GET/*", arn},
		{"Allow", "execute-api:Invoke", "arn:aws:execute-api:?s-east-1:*:*/*/GET/lambda/items/??", arn},
		{"Allow", "execute-api:Invoke", "a*a*a*a*a*a*a*a*a*a*a*a*b", strings.Repeat("a", 200)},
		{"Allow", "execute-api:Invoke", "", ""},
		{"Maybe", "s3:GetObject", "**", "x"},
		{"Allow", "execute-api:Invoke", "arn:*/DELETE/*", "arn:x/DELETE/"},
	} {
		f.Add(s.effect, s.action, s.pattern, s.arn)
	}
	f.Fuzz(func(t *testing.T, effect, action, pattern, arn string) {
		doc := events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17", Statement: []events.IAMPolicyStatement{
			{Effect: effect, Action: []string{action}, Resource: []string{pattern}},
		}}
		_ = evaluatePolicy(doc, arn)

		if !wildcard(pattern, pattern) || !wildcard(arn, arn) {
			t.Fatalf("a pattern must match itself: %q / %q", pattern, arn)
		}
		if len(arn) <= 64 && strings.Count(pattern, "*") <= 3 {
			if got, want := wildcard(pattern, arn), referenceWildcard(pattern, arn); got != want {
				t.Fatalf("wildcard(%q, %q) = %v, want %v", pattern, arn, got, want)
			}
		}

		exact := events.IAMPolicyStatement{Effect: "Allow", Action: []string{"execute-api:Invoke"}, Resource: []string{arn}}
		withFuzzed := doc
		withFuzzed.Statement = append([]events.IAMPolicyStatement{exact}, doc.Statement...)
		v := evaluatePolicy(withFuzzed, arn)
		fuzzedDenies := strings.EqualFold(effect, "deny") && wildcard(strings.ToLower(action), "execute-api:invoke") && wildcard(pattern, arn)
		switch {
		case fuzzedDenies && v != denied:
			t.Fatalf("a matching Deny (%q %q) must win over an exact Allow; got %v", action, pattern, v)
		case !fuzzedDenies && v != allowed:
			t.Fatalf("an Allow of exactly %q must allow it; got %v", arn, v)
		}
	})
}

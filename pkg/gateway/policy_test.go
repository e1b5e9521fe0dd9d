package gateway

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// TestPolicyActionsIgnoreCase: IAM action names are case-insensitive,
// resource ARNs are not.
func TestPolicyActionsIgnoreCase(t *testing.T) {
	arn := "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/items"
	doc := func(action, resource string) events.APIGatewayCustomAuthorizerPolicy {
		return events.APIGatewayCustomAuthorizerPolicy{Statement: []events.IAMPolicyStatement{
			{Effect: "Allow", Action: []string{action}, Resource: []string{resource}}}}
	}
	if v := evaluatePolicy(doc("Execute-API:invoke", arn), arn); v != allowed {
		t.Errorf("mixed-case action: %v, want allowed", v)
	}
	if v := evaluatePolicy(doc("EXECUTE-API:*", arn), arn); v != allowed {
		t.Errorf("upper-case action wildcard: %v, want allowed", v)
	}
	if v := evaluatePolicy(doc("execute-api:Invoke", strings.ToUpper(arn)), arn); v != notAllowed {
		t.Errorf("upper-case resource: %v, want not allowed", v)
	}
}

// TestWildcardIsLinear: a pattern full of stars against a long ARN that
// it does not match used to backtrack exponentially.
func TestWildcardIsLinear(t *testing.T) {
	p, s := strings.Repeat("a*", 30)+"b", strings.Repeat("a", 4000)
	start := time.Now()
	if wildcard(p, s) {
		t.Fatal("matched")
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("took %v", d)
	}
}

package localapi

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"apigwdirect/pkg/gateway/cfn"
)

// TestOneIssuerPerPoolAndTheTokensNames: each user pool gets its own
// issuer, whose tokens only its verifier accepts; tokens are named by
// group, by pool logical id for a pool without groups, and
// "<pool>/<group>" once there are several pools.
func TestOneIssuerPerPoolAndTheTokensNames(t *testing.T) {
	t.Parallel()
	const src = `{"Resources": {
	  "Staff": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
	  "StaffClient": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Staff"}}},
	  "Admins": {"Type": "AWS::Cognito::UserPoolGroup", "Properties": {"UserPoolId": {"Ref": "Staff"}, "GroupName": "admins"}},
	  "Editors": {"Type": "AWS::Cognito::UserPoolGroup", "Properties": {"UserPoolId": {"Ref": "Staff"}, "GroupName": "editors"}},
	  "Customers": {"Type": "AWS::Cognito::UserPool", "Properties": {}}
	}}`
	tpl, err := cfn.Load([]byte(src), cfn.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ids, err := startIdentities(ctx, tpl, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	defer ids.close()
	var names []string
	for k := range ids.tokens {
		names = append(names, k)
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "Customers Staff/admins Staff/editors" {
		t.Fatalf("token names %v", names)
	}
	verifiers := ids.verifiers()
	staff, customers := verifiers["Staff"], verifiers["Customers"]
	claims, err := staff.Verify(ctx, ids.tokens["Staff/admins"])
	if err != nil || claims["cognito:groups"] != "admins" || claims["aud"] != tpl.Resources["StaffClient"].Ref {
		t.Fatalf("staff token on the staff pool: %v %v", claims, err)
	}
	if _, err := customers.Verify(ctx, ids.tokens["Staff/admins"]); err == nil {
		t.Fatal("the customers pool accepted a staff token")
	}
	if _, err := customers.Verify(ctx, ids.tokens["Customers"]); err != nil {
		t.Fatalf("customer token: %v", err)
	}
}

package localapi

import (
	"testing"
	"time"

	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/tokens"
)

// TestPlanOrderFromTemplate: the local authorizer ranks plans as the
// deployed one does, in the order the stack writes into the authorizer
// function's PLAN_ORDER (the configured usagePlans order), so a user in
// several plan groups writes with the first configured plan, FreeTier, and
// not with the alphabetically first, BasicUsagePlan. Which plan metered a
// write shows in the quotas: FreeTier's is cut to one call.
func TestPlanOrderFromTemplate(t *testing.T) {
	t.Parallel()
	roomy := apidef.Limits{Rate: 1000, Burst: 1000, QuotaLimit: 1000, QuotaPeriod: "DAY"}
	tight := roomy
	tight.QuotaLimit = 1
	env := start(t, Options{TemplatePath: DefaultTemplatePath, PlanLimits: map[string]apidef.Limits{"FreeTier": tight, "BasicUsagePlan": roomy}})

	src, err := findTemplate(DefaultTemplatePath)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfn.LoadFile(src, cfn.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fns := tpl.ByConstruct(AuthorizerFunctionID, "AWS::Lambda::Function")
	if len(fns) != 1 {
		t.Fatalf("%d authorizer functions in the snapshot", len(fns))
	}
	if order := stringVars(fns[0].Properties["Environment"])["PLAN_ORDER"]; order != "FreeTier,BasicUsagePlan" {
		t.Fatalf("PLAN_ORDER of the snapshot reads %q, want FreeTier,BasicUsagePlan", order)
	}

	both, err := env.Issuer.MintID(tokens.User{Sub: "both", Groups: []string{"Group-BasicUsagePlan", "Group-FreeTier"}}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	post := func(id, token string) (int, string) {
		return call(t, "POST", env.URL+"/direct/items", `{"ID":"`+id+`","FirstName":"A","Age":1}`,
			map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json"})
	}
	if status, body := post("po1", both); status != 201 {
		t.Fatalf("first write: %d %s", status, body)
	}
	if status, body := post("po2", both); status != 429 || body != `{"message":"Limit Exceeded"}` {
		t.Errorf("second write of a user in both groups: %d %s, want FreeTier's quota: 429 Limit Exceeded", status, body)
	}
	// BasicUsagePlan alone still has room: the 429 was FreeTier's.
	if status, body := post("po3", env.Credentials.Tokens["Group-BasicUsagePlan"]); status != 201 {
		t.Errorf("write of a BasicUsagePlan user: %d %s, want 201", status, body)
	}
}

package localapi

import (
	"testing"
	"time"

	"apigwdirect/pkg/tokens"
)

// TestDeleteTakesAnyIDTokenOfThePool pins the documented trade-off of
// DELETE (README, security notes): the Cognito user-pool authorizer admits
// any valid ID token of the pool, so a user in no plan group, whom the write
// routes refuse with 403, may delete any item, and the delete is metered by
// no usage plan (the method requires no API key, as cdk/stack tests).
func TestDeleteTakesAnyIDTokenOfThePool(t *testing.T) {
	t.Parallel()
	env := start(t, Options{TemplatePath: DefaultTemplatePath})
	nobody, err := env.Issuer.MintID(tokens.User{Sub: "nobody"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	writer := env.Credentials.Tokens["Group-BasicUsagePlan"]
	json := map[string]string{"Content-Type": "application/json"}
	with := func(h map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for hk, hv := range h {
			out[hk] = hv
		}
		return out
	}
	for _, tree := range []string{"/direct/items", "/lambda/items", "/items"} {
		if status, body := call(t, "POST", env.URL+tree, `{"ID":"del-1","FirstName":"A","Age":1}`, with(json, "Authorization", "Bearer "+nobody)); status != 403 {
			t.Errorf("POST %s by a user in no plan group: %d %s, want 403", tree, status, body)
		}
		if status, body := call(t, "POST", env.URL+tree, `{"ID":"del-1","FirstName":"A","Age":1}`, with(json, "Authorization", "Bearer "+writer)); status != 201 {
			t.Fatalf("POST %s: %d %s", tree, status, body)
		}
		if status, body := call(t, "DELETE", env.URL+tree+"/del-1", "", map[string]string{"Authorization": "Bearer " + nobody}); status != 204 {
			t.Errorf("DELETE %s/del-1 by a user in no plan group: %d %s, want 204", tree, status, body)
		}
	}
}

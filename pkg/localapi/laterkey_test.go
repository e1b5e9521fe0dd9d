package localapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestKeyAddedToAPlanLaterWorks: the read authorizer passes x-api-key on to
// API Gateway's own key check, so a key attached to a usage plan that the
// authorizer was never configured with (as when an operator adds a key to a
// plan after the deploy) serves reads, and a disabled or made-up key is
// API Gateway's 403 Forbidden.
func TestKeyAddedToAPlanLaterWorks(t *testing.T) {
	t.Parallel()
	src, err := findTemplate(DefaultTemplatePath)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	resources := map[string]map[string]any{}
	for id, r := range doc["Resources"].(map[string]any) {
		resources[id] = r.(map[string]any)
	}
	plan := ""
	for id, r := range resources {
		if r["Type"] == "AWS::ApiGateway::UsagePlan" && r["Properties"].(map[string]any)["UsagePlanName"] == "FreeTier" {
			plan = id
		}
	}
	if plan == "" {
		t.Fatal("no FreeTier usage plan in the snapshot")
	}
	const later, disabled = "KeyAddedLater-0123456789abcdefghijklmn", "KeyDisabled-0123456789abcdefghijklmnop"
	add := func(id, value string, enabled bool) {
		resources[id+"Key"] = map[string]any{"Type": "AWS::ApiGateway::ApiKey", "Properties": map[string]any{"Enabled": enabled, "Value": value}}
		// Sorted after the stack's own plan key, so it is not the key the
		// authorizer is configured with.
		resources["UsagePlanFreeTierZZ"+id] = map[string]any{"Type": "AWS::ApiGateway::UsagePlanKey", "Properties": map[string]any{
			"KeyId": map[string]any{"Ref": id + "Key"}, "KeyType": "API_KEY", "UsagePlanId": map[string]any{"Ref": plan},
		}}
	}
	add("Later", later, true)
	add("Disabled", disabled, false)
	doc["Resources"] = resources
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stack.template.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}

	env := start(t, Options{TemplatePath: path})
	if k := env.Credentials.APIKeys["FreeTier"]; k == later || k == "" {
		t.Fatalf("the authorizer's FreeTier key is %q; the test needs it to be the stack's own", k)
	}
	for _, c := range []struct {
		key    string
		status int
	}{
		{env.Credentials.APIKeys["FreeTier"], 200},
		{later, 200},
		{disabled, 403},
		{"KeyOfNoPlan-0123456789abcdefghijklmnopq", 403},
	} {
		status, body := call(t, "GET", env.URL+"/direct/items", "", map[string]string{"x-api-key": c.key})
		if status != c.status {
			t.Errorf("GET with key %.12s…: %d %s, want %d", c.key, status, body, c.status)
		}
		if c.status == 403 && body != `{"message":"Forbidden"}` {
			t.Errorf("GET with key %.12s…: body %s, want API Gateway's Forbidden", c.key, body)
		}
	}
}

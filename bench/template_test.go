package bench

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

func TestLiftLimits(t *testing.T) {
	in := `{"Resources":{
	  "Plan":{"Type":"AWS::ApiGateway::UsagePlan","Properties":{"UsagePlanName":"FreeTier",
	    "Quota":{"Limit":500,"Period":"DAY"},"Throttle":{"RateLimit":5,"BurstLimit":10},
	    "ApiStages":[{"Stage":"prod","Throttle":{"/items/GET":{"RateLimit":1,"BurstLimit":2}}}]}},
	  "Stage":{"Type":"AWS::ApiGateway::Stage","Properties":{"StageName":"prod",
	    "MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","ThrottlingRateLimit":5,"ThrottlingBurstLimit":10,"MetricsEnabled":true}]}},
	  "Table":{"Type":"AWS::DynamoDB::Table","Properties":{"TableName":"t"}}}}`
	out, err := LiftLimits([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	plan := doc.Resources["Plan"].Properties
	if _, ok := plan["Quota"]; ok {
		t.Error("quota kept")
	}
	if th := plan["Throttle"].(map[string]any); th["RateLimit"] != float64(liftedRate) || th["BurstLimit"] != float64(liftedRate) {
		t.Errorf("plan throttle = %v", th)
	}
	st := plan["ApiStages"].([]any)[0].(map[string]any)["Throttle"].(map[string]any)["/items/GET"].(map[string]any)
	if st["RateLimit"] != float64(liftedRate) {
		t.Errorf("method throttle = %v", st)
	}
	if plan["UsagePlanName"] != "FreeTier" {
		t.Error("unrelated property lost")
	}
	ms := doc.Resources["Stage"].Properties["MethodSettings"].([]any)[0].(map[string]any)
	if ms["ThrottlingRateLimit"] != float64(liftedRate) || ms["ThrottlingBurstLimit"] != float64(liftedRate) || ms["MetricsEnabled"] != true {
		t.Errorf("method settings = %v", ms)
	}
	if doc.Resources["Table"].Properties["TableName"] != "t" {
		t.Error("table changed")
	}
	if _, err := LiftLimits([]byte(`{"nope":1}`)); err == nil {
		t.Error("template without resources: want an error")
	}
}

func TestReadStackConfig(t *testing.T) {
	raw, err := os.ReadFile(snapshotTemplate)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ReadStackConfig(raw)
	if err != nil {
		t.Fatal(err)
	}
	// The stack: items function 512 MB, authorizer 256 MB, TTL 300 s.
	if c != (StackConfig{ItemsMemoryMB: 512, AuthorizerMemoryMB: 256, AuthorizerTTL: 300 * time.Second}) {
		t.Errorf("ReadStackConfig = %+v", c)
	}
	if c, err := ReadStackConfig([]byte(`{"Resources":{}}`)); err != nil || c != (StackConfig{}) {
		t.Errorf("empty template: %+v, %v", c, err)
	}
	if _, err := ReadStackConfig([]byte(`{`)); err == nil {
		t.Error("bad JSON: want an error")
	}
}

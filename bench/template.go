package bench

import (
	"encoding/json"
	"fmt"
)

// liftedRate is the throttle the benchmark template gives every usage plan
// and stage: far above what one client on one machine can send.
const liftedRate = 100000

// LiftLimits returns the CloudFormation template with the usage plans'
// quotas removed and every throttle (plan, plan stage, stage method
// setting) raised to 100000 requests per second, so a benchmark measures
// the paths rather than the plans' 429s. Everything else is unchanged.
func LiftLimits(template []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(template, &doc); err != nil {
		return nil, fmt.Errorf("bench: parse template: %w", err)
	}
	resources, _ := doc["Resources"].(map[string]any)
	if resources == nil {
		return nil, fmt.Errorf("bench: template has no Resources")
	}
	for _, r := range resources {
		res, _ := r.(map[string]any)
		props, _ := res["Properties"].(map[string]any)
		if props == nil {
			continue
		}
		switch res["Type"] {
		case "AWS::ApiGateway::UsagePlan":
			delete(props, "Quota")
			if _, ok := props["Throttle"]; ok {
				props["Throttle"] = map[string]any{"RateLimit": liftedRate, "BurstLimit": liftedRate}
			}
			stages, _ := props["ApiStages"].([]any)
			for _, s := range stages {
				st, _ := s.(map[string]any)
				throttles, _ := st["Throttle"].(map[string]any)
				for k := range throttles {
					throttles[k] = map[string]any{"RateLimit": liftedRate, "BurstLimit": liftedRate}
				}
			}
		case "AWS::ApiGateway::Stage":
			settings, _ := props["MethodSettings"].([]any)
			for _, s := range settings {
				ms, _ := s.(map[string]any)
				for _, k := range []string{"ThrottlingRateLimit", "ThrottlingBurstLimit"} {
					if _, ok := ms[k]; ok {
						ms[k] = liftedRate
					}
				}
			}
		}
	}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("bench: encode template: %w", err)
	}
	return out, nil
}

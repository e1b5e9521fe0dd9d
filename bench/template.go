package bench

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"apigwdirect/pkg/localapi"
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

// DefaultTemplate is the committed synthesized stack, relative to the
// repository root (where make bench runs the report).
const DefaultTemplate = localapi.DefaultTemplatePath

// StackConfig is what the cost model reads from the stack template.
type StackConfig struct {
	// ItemsMemoryMB and AuthorizerMemoryMB are the functions' MemorySize,
	// 0 when the template does not say.
	ItemsMemoryMB, AuthorizerMemoryMB int
	// AuthorizerTTL is the Lambda authorizers' result cache TTL (API
	// Gateway's 300 s default when unset), 0 without a Lambda authorizer.
	AuthorizerTTL time.Duration
}

// ReadStackConfig reads the items function's and the authorizer's memory
// (by their construct ids in the aws:cdk:path metadata) and the Lambda
// authorizer's TTL from a synthesized template.
func ReadStackConfig(template []byte) (StackConfig, error) {
	var doc struct {
		Resources map[string]struct {
			Type       string
			Metadata   map[string]any
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(template, &doc); err != nil {
		return StackConfig{}, fmt.Errorf("bench: parse template: %w", err)
	}
	var c StackConfig
	for _, r := range doc.Resources {
		switch r.Type {
		case "AWS::Lambda::Function":
			path, _ := r.Metadata["aws:cdk:path"].(string)
			mem, _ := r.Properties["MemorySize"].(float64)
			switch {
			case strings.Contains(path+"/", "/"+localapi.ItemsFunctionID+"/"):
				c.ItemsMemoryMB = int(mem)
			case strings.Contains(path+"/", "/"+localapi.AuthorizerFunctionID+"/"):
				c.AuthorizerMemoryMB = int(mem)
			}
		case "AWS::ApiGateway::Authorizer":
			if t, _ := r.Properties["Type"].(string); t != "REQUEST" && t != "TOKEN" {
				continue
			}
			ttl := 300.0
			if v, ok := r.Properties["AuthorizerResultTtlInSeconds"].(float64); ok {
				ttl = v
			}
			c.AuthorizerTTL = max(c.AuthorizerTTL, time.Duration(ttl)*time.Second)
		}
	}
	return c, nil
}

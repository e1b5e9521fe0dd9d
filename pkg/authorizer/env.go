package authorizer

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"apigwdirect/pkg/cognito"
)

// Environment variables read by ParseEnv.
const (
	EnvUserPoolID = "USER_POOL_ID" // user pool id; with AWS_REGION gives the issuer
	EnvRegion     = "AWS_REGION"   // set by the Lambda runtime
	EnvIssuerURL  = "ISSUER_URL"   // overrides the derived issuer (local runs)
	EnvClientID   = "CLIENT_ID"    // app client id (aud of ID tokens)
	EnvPlanKeys   = "PLAN_KEYS"    // JSON {"<plan>": "<key value>"} (local runs, tests)
	EnvPlanKeyIDs = "PLAN_KEY_IDS" // JSON {"<plan>": "<API key id>"} (AWS; values resolved at cold start)
	EnvPlanOrder  = "PLAN_ORDER"   // comma-separated plan names, highest priority first (optional)
)

// Env is the authorizer's configuration as read from the environment.
// Exactly one of PlanKeys and PlanKeyIDs is set.
type Env struct {
	Issuer, ClientID string
	PlanKeys         map[string]string
	PlanKeyIDs       map[string]string
	PlanOrder        []string
}

// ParseEnv reads the variables above through getenv (os.Getenv in main).
// The issuer is ISSUER_URL when set, else cognito.IssuerURL(AWS_REGION,
// USER_POOL_ID). Errors never contain a key value.
func ParseEnv(getenv func(string) string) (Env, error) {
	var e Env
	e.Issuer = getenv(EnvIssuerURL)
	if e.Issuer == "" {
		region, pool := getenv(EnvRegion), getenv(EnvUserPoolID)
		if region == "" || pool == "" {
			return Env{}, fmt.Errorf("authorizer: set %s, or both %s and %s", EnvIssuerURL, EnvRegion, EnvUserPoolID)
		}
		e.Issuer = cognito.IssuerURL(region, pool)
	}
	if e.ClientID = getenv(EnvClientID); e.ClientID == "" {
		return Env{}, fmt.Errorf("authorizer: %s is required", EnvClientID)
	}

	keys, ids := getenv(EnvPlanKeys), getenv(EnvPlanKeyIDs)
	switch {
	case keys != "" && ids != "":
		return Env{}, fmt.Errorf("authorizer: set only one of %s and %s", EnvPlanKeys, EnvPlanKeyIDs)
	case keys != "":
		m, err := planMap(keys)
		if err != nil {
			return Env{}, fmt.Errorf("authorizer: %s: %w", EnvPlanKeys, err)
		}
		e.PlanKeys = m
	case ids != "":
		m, err := planMap(ids)
		if err != nil {
			return Env{}, fmt.Errorf("authorizer: %s: %w", EnvPlanKeyIDs, err)
		}
		e.PlanKeyIDs = m
	default:
		return Env{}, fmt.Errorf("authorizer: %s or %s is required", EnvPlanKeyIDs, EnvPlanKeys)
	}

	for _, p := range strings.Split(getenv(EnvPlanOrder), ",") {
		if p = strings.TrimSpace(p); p != "" {
			e.PlanOrder = append(e.PlanOrder, p)
		}
	}
	return e, nil
}

// planMap decodes a JSON object of non-empty strings. Its errors describe
// the shape, not the content, because the content may be secret.
func planMap(s string) (map[string]string, error) {
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, errors.New(`want a JSON object {"<plan>": "<string>", ...}`)
	}
	if len(m) == 0 {
		return nil, errors.New("no plans")
	}
	for p, v := range m {
		if p == "" || v == "" {
			return nil, errors.New("empty plan name or value")
		}
	}
	return m, nil
}

package authorizer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/authorizer"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseEnvInAWS(t *testing.T) {
	e, err := authorizer.ParseEnv(envOf(map[string]string{
		"AWS_REGION": "eu-west-1", "USER_POOL_ID": "eu-west-1_Pool", "CLIENT_ID": "cid",
		"PLAN_KEY_IDS": `{"FreeTier":"k1","BasicUsagePlan":"k2"}`, "PLAN_ORDER": "BasicUsagePlan, FreeTier",
	}))
	require.NoError(t, err)
	assert.Equal(t, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool", e.Issuer)
	assert.Equal(t, "cid", e.ClientID)
	assert.Equal(t, map[string]string{"FreeTier": "k1", "BasicUsagePlan": "k2"}, e.PlanKeyIDs)
	assert.Nil(t, e.PlanKeys)
	assert.Equal(t, []string{"BasicUsagePlan", "FreeTier"}, e.PlanOrder)
}

func TestParseEnvLocally(t *testing.T) {
	e, err := authorizer.ParseEnv(envOf(map[string]string{
		"ISSUER_URL": "http://127.0.0.1:4000/local_pool", "AWS_REGION": "us-east-1", "USER_POOL_ID": "ignored",
		"CLIENT_ID": "cid", "PLAN_KEYS": `{"FreeTier":"` + freeKey + `"}`,
	}))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:4000/local_pool", e.Issuer, "ISSUER_URL wins")
	assert.Equal(t, map[string]string{"FreeTier": freeKey}, e.PlanKeys)
	assert.Empty(t, e.PlanOrder)
}

func TestParseEnvErrors(t *testing.T) {
	full := map[string]string{"AWS_REGION": "us-east-1", "USER_POOL_ID": "p", "CLIENT_ID": "c", "PLAN_KEYS": `{"FreeTier":"` + freeKey + `"}`}
	cases := map[string]func(map[string]string){
		"no region":          func(m map[string]string) { delete(m, "AWS_REGION") },
		"no pool":            func(m map[string]string) { delete(m, "USER_POOL_ID") },
		"no client":          func(m map[string]string) { delete(m, "CLIENT_ID") },
		"no plans":           func(m map[string]string) { delete(m, "PLAN_KEYS") },
		"both plan sources":  func(m map[string]string) { m["PLAN_KEY_IDS"] = `{"FreeTier":"id"}` },
		"keys not JSON":      func(m map[string]string) { m["PLAN_KEYS"] = `FreeTier=` + freeKey },
		"keys not strings":   func(m map[string]string) { m["PLAN_KEYS"] = `{"FreeTier":["` + freeKey + `"]}` },
		"empty keys object":  func(m map[string]string) { m["PLAN_KEYS"] = `{}` },
		"empty value":        func(m map[string]string) { m["PLAN_KEYS"] = `{"FreeTier":""}` },
		"ids not JSON":       func(m map[string]string) { delete(m, "PLAN_KEYS"); m["PLAN_KEY_IDS"] = "k1,k2" },
		"truncated key JSON": func(m map[string]string) { m["PLAN_KEYS"] = `{"FreeTier":"` + freeKey },
	}
	for name, mod := range cases {
		t.Run(name, func(t *testing.T) {
			m := map[string]string{}
			for k, v := range full {
				m[k] = v
			}
			mod(m)
			_, err := authorizer.ParseEnv(envOf(m))
			require.Error(t, err)
			assert.NotContains(t, err.Error(), freeKey)
		})
	}
}

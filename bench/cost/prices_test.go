package cost

import (
	"flag"
	"testing"
)

func TestPricesFromEnv(t *testing.T) {
	env := map[string]string{
		"PRICE_APIGW_PER_MILLION":        "3.70",
		"PRICE_DYNAMODB_RRU_PER_MILLION": "0.1425",
		"PRICE_REGION":                   "eu-west-1",
	}
	base := DefaultPrices()
	p, err := PricesFromEnv(func(k string) string { return env[k] }, base)
	if err != nil {
		t.Fatal(err)
	}
	if p.APIGatewayPerMillion != 3.70 || p.ReadUnitsPerMillion != 0.1425 || p.Region != "eu-west-1" {
		t.Errorf("overrides not applied: %+v", p)
	}
	if p.LambdaGBSecond != base.LambdaGBSecond || p.WriteUnitsPerMillion != base.WriteUnitsPerMillion {
		t.Errorf("unset prices changed: %+v", p)
	}
	if p.AsOf == base.AsOf {
		t.Errorf("AsOf %q should say the prices were overridden", p.AsOf)
	}
}

func TestPricesFromEnvRejects(t *testing.T) {
	for _, env := range []map[string]string{
		{"PRICE_LAMBDA_GB_SECOND": "cheap"},
		{"PRICE_DYNAMODB_WRU_PER_MILLION": "-1"},
	} {
		if _, err := PricesFromEnv(func(k string) string { return env[k] }, DefaultPrices()); err == nil {
			t.Errorf("PricesFromEnv(%v): want an error", env)
		}
	}
}

func TestPricesFlags(t *testing.T) {
	p := DefaultPrices()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	p.RegisterFlags(fs)
	if err := fs.Parse([]string{"-price-lambda-gbs", "0.0000166667", "-price-region", "us-west-2"}); err != nil {
		t.Fatal(err)
	}
	if p.LambdaGBSecond != 0.0000166667 || p.Region != "us-west-2" {
		t.Errorf("flags not applied: %+v", p)
	}
	if p.APIGatewayPerMillion != DefaultPrices().APIGatewayPerMillion {
		t.Errorf("default changed: %v", p.APIGatewayPerMillion)
	}
}

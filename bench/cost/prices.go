package cost

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
)

// Prices are the unit prices the model uses, in USD, with where and when
// they were read. The zero value is not useful; start from DefaultPrices.
type Prices struct {
	// Region the prices apply to, e.g. "us-east-1".
	Region string
	// AsOf is the date the prices were checked, e.g. "2025-06".
	AsOf string
	// Source names where the prices were read.
	Source string

	// APIGatewayPerMillion is the REST API price per million requests
	// (first pricing tier).
	APIGatewayPerMillion float64
	// LambdaRequestsPerMillion is the Lambda price per million invocations.
	LambdaRequestsPerMillion float64
	// LambdaGBSecond is the Lambda duration price per GB-second for the
	// functions' architecture (arm64 by default).
	LambdaGBSecond float64
	// WriteUnitsPerMillion is the DynamoDB on-demand price per million write
	// request units.
	WriteUnitsPerMillion float64
	// ReadUnitsPerMillion is the DynamoDB on-demand price per million read
	// request units.
	ReadUnitsPerMillion float64

	// HTTPAPIPerMillion is the HTTP API price per million requests (first
	// tier; each 512 KB of a request counts as one request).
	HTTPAPIPerMillion float64
	// RESTTiers and HTTPTiers are the monthly volume tiers of REST and
	// HTTP APIs, used only when a Traffic asks for them: the first tier's
	// price is APIGatewayPerMillion or HTTPAPIPerMillion (so their
	// overrides apply), the later tiers' are these.
	RESTTiers, HTTPTiers []Tier
	// LambdaFreeRequests and LambdaFreeGBSeconds are Lambda's monthly free
	// tier, applied only when a Traffic asks for it.
	LambdaFreeRequests, LambdaFreeGBSeconds float64
}

// DefaultPrices returns the us-east-1 list prices as published on the AWS
// pricing pages for API Gateway (https://aws.amazon.com/api-gateway/pricing/,
// tiers as restated in the whitepaper "Best Practices for Designing Amazon
// API Gateway Private APIs and Private Integration", cost optimization:
// https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html),
// Lambda (https://aws.amazon.com/lambda/pricing/: arm64, free tier of one
// million requests and 400,000 GB-seconds a month) and DynamoDB
// (on-demand, after the November 2024 reduction), checked in 2025 and
// again in November 2026. Check them before quoting.
func DefaultPrices() Prices {
	return Prices{
		Region:                   "us-east-1",
		AsOf:                     "2025, rechecked 2026-11",
		Source:                   "AWS pricing pages for API Gateway (REST first 333M, HTTP first 300M), Lambda (arm64) and DynamoDB (on-demand)",
		APIGatewayPerMillion:     3.50,
		LambdaRequestsPerMillion: 0.20,
		LambdaGBSecond:           0.0000133334,
		WriteUnitsPerMillion:     0.625,
		ReadUnitsPerMillion:      0.125,
		HTTPAPIPerMillion:        1.00,
		// REST: first 333 million a month at APIGatewayPerMillion, the next
		// 667 million at 2.80, the next 19 billion at 2.38, the rest at 1.51.
		RESTTiers: []Tier{{Requests: 333e6}, {Requests: 667e6, PerMillion: 2.80}, {Requests: 19e9, PerMillion: 2.38}, {PerMillion: 1.51}},
		// HTTP: first 300 million a month at HTTPAPIPerMillion, the rest at 0.90.
		HTTPTiers:           []Tier{{Requests: 300e6}, {PerMillion: 0.90}},
		LambdaFreeRequests:  1e6,
		LambdaFreeGBSeconds: 400000,
	}
}

// Validate reports an error when a price is negative or the region is empty.
func (p Prices) Validate() error {
	var errs []error
	if p.Region == "" {
		errs = append(errs, errors.New("cost: region is empty"))
	}
	for _, f := range p.fields() {
		if *f.value < 0 {
			errs = append(errs, fmt.Errorf("cost: %s is negative: %v", f.env, *f.value))
		}
	}
	for _, tiers := range [][]Tier{p.RESTTiers, p.HTTPTiers} {
		if err := validTiers(tiers); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// priceField ties one numeric price to its environment variable and flag.
type priceField struct {
	env, flag, usage string
	value            *float64
}

func (p *Prices) fields() []priceField {
	return []priceField{
		{"PRICE_APIGW_PER_MILLION", "price-apigw", "API Gateway REST USD per million requests", &p.APIGatewayPerMillion},
		{"PRICE_LAMBDA_REQUESTS_PER_MILLION", "price-lambda-requests", "Lambda USD per million requests", &p.LambdaRequestsPerMillion},
		{"PRICE_LAMBDA_GB_SECOND", "price-lambda-gbs", "Lambda USD per GB-second", &p.LambdaGBSecond},
		{"PRICE_DYNAMODB_WRU_PER_MILLION", "price-wru", "DynamoDB USD per million write request units", &p.WriteUnitsPerMillion},
		{"PRICE_DYNAMODB_RRU_PER_MILLION", "price-rru", "DynamoDB USD per million read request units", &p.ReadUnitsPerMillion},
		{"PRICE_HTTP_API_PER_MILLION", "price-http-api", "API Gateway HTTP API USD per million requests", &p.HTTPAPIPerMillion},
		{"PRICE_LAMBDA_FREE_REQUESTS", "price-lambda-free-requests", "Lambda free-tier requests a month", &p.LambdaFreeRequests},
		{"PRICE_LAMBDA_FREE_GB_SECONDS", "price-lambda-free-gbs", "Lambda free-tier GB-seconds a month", &p.LambdaFreeGBSeconds},
	}
}

// PricesFromEnv returns base with every price overridden whose environment
// variable is set: PRICE_REGION, PRICE_AS_OF, PRICE_SOURCE,
// PRICE_APIGW_PER_MILLION, PRICE_LAMBDA_REQUESTS_PER_MILLION,
// PRICE_LAMBDA_GB_SECOND, PRICE_DYNAMODB_WRU_PER_MILLION,
// PRICE_DYNAMODB_RRU_PER_MILLION, PRICE_HTTP_API_PER_MILLION,
// PRICE_LAMBDA_FREE_REQUESTS and PRICE_LAMBDA_FREE_GB_SECONDS. getenv is usually os.Getenv. When any
// price is overridden and PRICE_AS_OF is not set, AsOf says so.
func PricesFromEnv(getenv func(string) string, base Prices) (Prices, error) {
	p := base
	overridden := false
	for name, dst := range map[string]*string{"PRICE_REGION": &p.Region, "PRICE_AS_OF": &p.AsOf, "PRICE_SOURCE": &p.Source} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	for _, f := range p.fields() {
		v := getenv(f.env)
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return base, fmt.Errorf("cost: %s: %w", f.env, err)
		}
		*f.value = x
		overridden = true
	}
	if overridden && getenv("PRICE_AS_OF") == "" {
		p.AsOf = base.AsOf + ", overridden"
	}
	if err := p.Validate(); err != nil {
		return base, err
	}
	return p, nil
}

// RegisterFlags defines one flag per price on fs (-price-apigw,
// -price-lambda-requests, -price-lambda-gbs, -price-wru, -price-rru,
// -price-http-api, -price-lambda-free-requests, -price-lambda-free-gbs,
// -price-region, -price-as-of), writing into p, with p's current values as
// defaults. Call Validate after fs.Parse.
func (p *Prices) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&p.Region, "price-region", p.Region, "region the prices apply to")
	fs.StringVar(&p.AsOf, "price-as-of", p.AsOf, "date the prices were checked")
	fs.StringVar(&p.Source, "price-source", p.Source, "where the prices come from")
	for _, f := range p.fields() {
		fs.Float64Var(f.value, f.flag, *f.value, f.usage+" (env "+f.env+")")
	}
}

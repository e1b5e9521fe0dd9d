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
}

// DefaultPrices returns the us-east-1 list prices as published on the AWS
// pricing pages for API Gateway, Lambda and DynamoDB (on-demand, after the
// November 2024 reduction), checked in 2025. Check them before quoting.
func DefaultPrices() Prices {
	return Prices{
		Region:                   "us-east-1",
		AsOf:                     "2025",
		Source:                   "AWS pricing pages for API Gateway (REST, first 333M), Lambda (arm64) and DynamoDB (on-demand)",
		APIGatewayPerMillion:     3.50,
		LambdaRequestsPerMillion: 0.20,
		LambdaGBSecond:           0.0000133334,
		WriteUnitsPerMillion:     0.625,
		ReadUnitsPerMillion:      0.125,
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
	}
}

// PricesFromEnv returns base with every price overridden whose environment
// variable is set: PRICE_REGION, PRICE_AS_OF, PRICE_SOURCE,
// PRICE_APIGW_PER_MILLION, PRICE_LAMBDA_REQUESTS_PER_MILLION,
// PRICE_LAMBDA_GB_SECOND, PRICE_DYNAMODB_WRU_PER_MILLION and
// PRICE_DYNAMODB_RRU_PER_MILLION. getenv is usually os.Getenv. When any
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

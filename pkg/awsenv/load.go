package awsenv

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
)

// LookupEnv reports the value of an environment variable and whether it is
// set, the shape of os.LookupEnv.
type LookupEnv func(key string) (string, bool)

// credentialsSourceName is the Source the SDK's loader gives credentials it
// read from the environment (config.CredentialsSourceName).
const credentialsSourceName = "EnvConfigCredentials"

// Config is a resolved environment: the aws.Config every client shares, and
// what resolves per service (the endpoint).
type Config struct {
	// AWS is the shared configuration; pass it to a service's NewFromConfig
	// with [Config.Endpoint] as an option.
	AWS aws.Config
	env LookupEnv
	// ignoreEndpoints is AWS_IGNORE_CONFIGURED_ENDPOINT_URLS.
	ignoreEndpoints bool
}

// Load resolves the environment given by env (os.LookupEnv in a function).
// It fails, naming the variable, on a malformed value, on a variable of
// [Refused] that is set, and when the region or the credentials are missing.
func Load(env LookupEnv) (Config, error) {
	get := func(k string) string { v, _ := env(k); return v }
	for _, k := range Refused() {
		if get(k) != "" {
			return Config{}, fmt.Errorf("awsenv: %s is set: only the environment the Lambda runtime sets is supported (see package awsenv)", k)
		}
	}
	region := first(get, "AWS_REGION", "AWS_DEFAULT_REGION")
	if region == "" {
		return Config{}, fmt.Errorf("awsenv: no region: AWS_REGION and AWS_DEFAULT_REGION are empty")
	}
	creds := aws.Credentials{
		AccessKeyID:     first(get, "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"),
		SecretAccessKey: first(get, "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY"),
		Source:          credentialsSourceName,
	}
	if !creds.HasKeys() {
		return Config{}, fmt.Errorf("awsenv: no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set")
	}
	creds.SessionToken = get("AWS_SESSION_TOKEN")
	creds.AccountID = get("AWS_ACCOUNT_ID")

	cfg := aws.Config{
		Region: region,
		Credentials: aws.NewCredentialsCache(credentials.StaticCredentialsProvider{
			Value: creds, Source: []aws.CredentialSource{aws.CredentialSourceEnvVars},
		}),
		Logger: logging.NewStandardLogger(os.Stderr),
		AppID:  get("AWS_SDK_UA_APP_ID"),
		// The loader's defaults when nothing configures these.
		DefaultsMode:                aws.DefaultsModeLegacy,
		AccountIDEndpointMode:       aws.AccountIDEndpointModePreferred,
		RequestMinCompressSizeBytes: 10240,
		RequestChecksumCalculation:  aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation:  aws.ResponseChecksumValidationWhenSupported,
	}
	if v := get("AWS_MAX_ATTEMPTS"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return Config{}, fmt.Errorf("awsenv: AWS_MAX_ATTEMPTS=%q: %w", v, err)
		}
		cfg.RetryMaxAttempts = int(n)
	}
	if v := get("AWS_RETRY_MODE"); v != "" {
		mode, err := aws.ParseRetryMode(v)
		if err != nil {
			return Config{}, fmt.Errorf("awsenv: AWS_RETRY_MODE: %w", err)
		}
		cfg.RetryMode = mode
	}
	if v := get("AWS_CA_BUNDLE"); v != "" {
		client, err := caBundleClient(v)
		if err != nil {
			return Config{}, err
		}
		cfg.HTTPClient = client
	}
	ignore, err := boolVar(get, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
	if err != nil {
		return Config{}, err
	}
	if v := get("AWS_ENDPOINT_URL"); v != "" && !ignore {
		cfg.BaseEndpoint = aws.String(v)
	}
	return Config{AWS: cfg, env: env, ignoreEndpoints: ignore}, nil
}

// Endpoint returns the endpoint configured for the service whose SDK id is
// sdkID ("DynamoDB", "API Gateway"): AWS_ENDPOINT_URL_<ID> (upper case,
// spaces as underscores), else AWS_ENDPOINT_URL, none when both are empty or
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. A client's own resolution from
// the process environment gives the same answer; setting it explicitly keeps
// a client built from a LookupEnv other than os.LookupEnv right.
func (c Config) Endpoint(sdkID string) *string {
	if c.ignoreEndpoints {
		return nil
	}
	key := "AWS_ENDPOINT_URL_" + strings.ReplaceAll(strings.ToUpper(sdkID), " ", "_")
	if v, _ := c.env(key); v != "" {
		return aws.String(v)
	}
	return c.AWS.BaseEndpoint
}

// first returns the first non-empty value of keys.
func first(get func(string) string, keys ...string) string {
	for _, k := range keys {
		if v := get(k); v != "" {
			return v
		}
	}
	return ""
}

// boolVar reads a true/false variable (any case) as the SDK's loader does;
// empty is false.
func boolVar(get func(string) string, key string) (bool, error) {
	switch v := get(key); {
	case v == "", strings.EqualFold(v, "false"):
		return false, nil
	case strings.EqualFold(v, "true"):
		return true, nil
	default:
		return false, fmt.Errorf("awsenv: %s=%q: need true or false", key, v)
	}
}

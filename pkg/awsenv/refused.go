package awsenv

// Refused returns the variables the SDK's shared-config loader reads that Load
// does not resolve and would otherwise silently ignore: each changes how the
// loader configures a DynamoDB or API Gateway client (profiles and shared
// files, endpoint variants, defaults mode, request compression,
// clock skew, account-based endpoints, checksums, auth scheme order). Load
// refuses a non-empty one.
//
// Variables the loader reads that change nothing once the environment holds
// the credentials are neither used nor refused: see [Ignored].
func Refused() []string {
	return []string{
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
		"AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_DEFAULTS_MODE",
		"AWS_ENABLE_ENDPOINT_DISCOVERY", "AWS_DISABLE_REQUEST_COMPRESSION",
		"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "AWS_DISABLE_CLOCK_SKEW_CORRECTION",
		"AWS_ACCOUNT_ID_ENDPOINT_MODE", "AWS_REQUEST_CHECKSUM_CALCULATION",
		"AWS_RESPONSE_CHECKSUM_VALIDATION", "AWS_AUTH_SCHEME_PREFERENCE",
	}
}

// Ignored returns the variables the SDK's loader reads that matter only when
// the credentials do not come from the environment (container, web identity
// and role settings, the EC2 instance metadata service), or only to other
// services (S3), or only to cached credential files: Load always takes the
// credentials from the environment, so these change nothing (their values
// are not checked either, where the loader would refuse a malformed one).
func Ignored() []string {
	return []string{
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_ROLE_SESSION_NAME", "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_V1_DISABLED",
		"AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
		"AWS_S3_USE_ARN_REGION", "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
		"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH", "AWS_RESTRICT_FILE_PERMISSIONS",
	}
}

// Supported returns the variables Load resolves, each as the SDK's loader
// does: the region (AWS_REGION before AWS_DEFAULT_REGION), the credentials
// (AWS_ACCESS_KEY_ID or AWS_ACCESS_KEY, AWS_SECRET_ACCESS_KEY or
// AWS_SECRET_KEY, AWS_SESSION_TOKEN, AWS_ACCOUNT_ID), endpoints
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> through [Config.Endpoint],
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), retries (AWS_MAX_ATTEMPTS,
// AWS_RETRY_MODE), TLS roots (AWS_CA_BUNDLE) and the user agent's
// AWS_SDK_UA_APP_ID.
func Supported() []string {
	return []string{
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY",
		"AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_ACCOUNT_ID",
		"AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_MAX_ATTEMPTS",
		"AWS_RETRY_MODE", "AWS_SDK_UA_APP_ID", "AWS_CA_BUNDLE",
	}
}

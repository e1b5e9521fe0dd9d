// Package awsenv builds the aws.Config of a Lambda function from its
// environment without the SDK's shared-config loader (package config), whose
// SSO, SSO-OIDC, sign-in and STS clients cost every cold start their package
// initialisation although a function never uses them.
//
// [Load] reads what the Lambda runtime sets (AWS_REGION, AWS_DEFAULT_REGION,
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) and the few
// settings a user may add (endpoint URLs, retries, an application id), and
// resolves them as config.LoadDefaultConfig does when the environment holds
// the credentials: the same region, the same credentials and credential
// source, the same endpoint, retry settings and logger, so a client made
// with NewFromConfig sends the same requests. The package tests hold the two
// equal, request by request, and list every variable the SDK's loader reads.
//
// Where the loader would look further than the environment, Load refuses
// instead, naming the variable, so a function never runs with a configuration
// the SDK would have resolved differently: a profile or shared config file
// (AWS_PROFILE, AWS_CONFIG_FILE, ...), FIPS or dual-stack
// endpoints, a defaults mode, and the other settings in [Refused]. Missing
// credentials or region are refused too (the loader would go on to the EC2
// instance metadata service, which a Lambda sandbox does not have). The
// shared config files in the home directory are not read: a Lambda sandbox
// has none (an assumption, not a documented rule).
package awsenv

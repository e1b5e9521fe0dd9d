package store

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/pkg/awsenv"
)

// ClientOptions configure NewClient.
type ClientOptions struct {
	// Endpoint is a local DynamoDB-compatible server (dynalite). When set, the
	// client is a local one: region from Region, else AWS_REGION or
	// AWS_DEFAULT_REGION, else "us-east-1"; the environment's access keys if
	// both are set, else static dummy ones (local servers check none); nothing
	// else of the environment is read.
	Endpoint string
	// Region overrides the region.
	Region string
	// Env is the environment read; nil means the process's (os.LookupEnv).
	Env awsenv.LookupEnv
}

// NewClient returns a DynamoDB client. Without opts.Endpoint it is the
// Lambda function's client, configured from the environment exactly as the
// SDK's default loader would configure it there (see package awsenv, which
// refuses, with an error naming the variable, what it does not resolve),
// without linking that loader into the function.
func NewClient(ctx context.Context, opts ClientOptions) (*dynamodb.Client, error) {
	env := opts.Env
	if env == nil {
		env = os.LookupEnv
	}
	if opts.Endpoint != "" {
		return localClient(opts, env), nil
	}
	cfg, err := awsenv.Load(env)
	if err != nil {
		return nil, fmt.Errorf("store: configure DynamoDB client: %w", err)
	}
	return dynamodb.NewFromConfig(cfg.AWS, func(o *dynamodb.Options) {
		o.BaseEndpoint = cfg.Endpoint(dynamodb.ServiceID)
		if opts.Region != "" {
			o.Region = opts.Region
		}
	}), nil
}

// localClient is the client of a local server at opts.Endpoint.
func localClient(opts ClientOptions, env awsenv.LookupEnv) *dynamodb.Client {
	get := func(k string) string { v, _ := env(k); return v }
	region := opts.Region
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if region == "" {
			region = get(k)
		}
	}
	if region == "" {
		region = "us-east-1"
	}
	key, secret := get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")
	if key == "" || secret == "" {
		key, secret = "local", "local"
	}
	return dynamodb.New(dynamodb.Options{
		Region:       region,
		BaseEndpoint: aws.String(opts.Endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, get("AWS_SESSION_TOKEN")),
	})
}

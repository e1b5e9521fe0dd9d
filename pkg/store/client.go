package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// ClientOptions configure NewClient. The zero value gives the standard SDK
// behaviour: region, credentials and endpoint from the environment and shared
// config (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, ...).
type ClientOptions struct {
	// Endpoint overrides the DynamoDB endpoint, for example a local dynalite
	// server. When set and no credentials are found in the environment,
	// static dummy credentials are used, since local servers do not check them,
	// and the EC2 instance metadata service is not consulted.
	Endpoint string
	// Region overrides the region. When empty and Endpoint is set, "us-east-1"
	// is used if the environment names none.
	Region string
}

// NewClient returns a DynamoDB client configured the standard SDK way
// (config.LoadDefaultConfig), with the overrides in opts.
func NewClient(ctx context.Context, opts ClientOptions) (*dynamodb.Client, error) {
	var loaders []func(*config.LoadOptions) error
	if opts.Region != "" {
		loaders = append(loaders, config.WithRegion(opts.Region))
	}
	if opts.Endpoint != "" {
		// A local endpoint never runs on EC2: asking the instance metadata
		// service for credentials would only add a slow, noisy failure.
		loaders = append(loaders, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return nil, fmt.Errorf("store: load AWS config: %w", err)
	}
	if opts.Endpoint != "" {
		if cfg.Region == "" {
			cfg.Region = "us-east-1"
		}
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			cfg.Credentials = credentials.NewStaticCredentialsProvider("local", "local", "")
		}
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
		}
	}), nil
}

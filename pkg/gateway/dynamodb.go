package gateway

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// dynamoIdleTimeout is how long the default client keeps an idle connection
// to DynamoDB: less than a Node HTTP server such as dynalite keeps one (its
// keep-alive timeout is 5 s; dynalite was seen closing idle connections
// between 6 and 9 s). A request written on a connection the server is
// closing at that moment fails, and Go does not resend a POST, so the client
// must be the side that closes first.
const dynamoIdleTimeout = 4 * time.Second

// dynamoDB is the AWS integration with the dynamodb service: the integration
// request's payload is POSTed with X-Amz-Target DynamoDB_20120810.<Action>
// and the request overrides' headers and query, signed with SigV4, and
// DynamoDB's status selects the integration response. One signer and one
// client serve every request.
type dynamoDB struct {
	endpoint string
	region   string
	creds    aws.CredentialsProvider
	signer   *v4.Signer
	client   *http.Client
	now      func() time.Time
	logger   *slog.Logger
}

func newDynamoDB(cfg DynamoDB, region string, now func() time.Time, logger *slog.Logger) *dynamoDB {
	d := &dynamoDB{endpoint: strings.TrimSuffix(cfg.Endpoint, "/") + "/", region: cfg.Region, creds: cfg.Credentials,
		signer: v4.NewSigner(), client: cfg.Client, now: now, logger: logger}
	if d.region == "" {
		d.region = region
	}
	if d.creds == nil {
		d.creds = credentials.NewStaticCredentialsProvider("local", "local", "")
	} else {
		d.creds = aws.NewCredentialsCache(d.creds)
	}
	if d.client == nil {
		d.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: dynamoIdleTimeout}}
	}
	return d
}

// awsAction parses an AWS integration URI,
// arn:aws:apigateway:<region>:<service>:action/<Action>.
func awsAction(uri string) (service, action string, ok bool) {
	parts := strings.SplitN(uri, ":", 6)
	if len(parts) != 6 || parts[2] != "apigateway" {
		return "", "", false
	}
	action, ok = strings.CutPrefix(parts[5], "action/")
	return parts[4], action, ok && action != ""
}

func (d *dynamoDB) invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	in := inv.method.Integration
	service, action, ok := awsAction(substituteStageVariables(in.URI, inv.api.StageVariables))
	if !ok || service != "dynamodb" {
		d.logger.ErrorContext(ctx, "unsupported AWS integration", "requestId", inv.requestID, "uri", in.URI)
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	inv.servedBy = "dynamodb"
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	start := d.now()
	res, err := d.call(ctx, action, req)
	inv.integrationLatency += d.now().Sub(start)
	if err != nil {
		d.logger.ErrorContext(ctx, "dynamodb call failed", "requestId", inv.requestID, "error", err.Error())
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, gwErr(IntegrationTimeout, "Endpoint request timed out")
		}
		return nil, &gatewayError{Type: IntegrationFailure, Status: 500, Message: ptr("Internal server error")}
	}
	return res, nil
}

func (d *dynamoDB) call(ctx context.Context, action string, in *integrationRequest) (*integrationResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.endpoint, strings.NewReader(in.payload))
	if err != nil {
		return nil, err
	}
	for k, vs := range in.headers {
		req.Header[k] = vs
	}
	if len(in.query) > 0 {
		req.URL.RawQuery = in.query.Encode()
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+action)
	creds, err := d.creds.Retrieve(ctx)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(in.payload))
	if err := d.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "dynamodb", d.region, time.Now()); err != nil {
		return nil, err
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &integrationResult{status: resp.StatusCode, headers: resp.Header, body: b}, nil
}

// substituteStageVariables replaces ${stageVariables.x} in s.
func substituteStageVariables(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, "${stageVariables."+k+"}", v)
	}
	return s
}

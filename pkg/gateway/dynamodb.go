package gateway

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

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

// invokeAWS runs an AWS integration against DynamoDB: the rendered request
// template is POSTed with X-Amz-Target DynamoDB_20120810.<Action>, signed
// with SigV4, and DynamoDB's status selects the integration response.
func (s *Server) invokeAWS(ctx context.Context, c *call) (*response, *gatewayError) {
	in := c.method.Integration
	service, action, ok := awsAction(c.substituteStageVariables(in.URI))
	if !ok || service != "dynamodb" {
		s.logger.ErrorContext(ctx, "unsupported AWS integration", "requestId", c.requestID, "uri", in.URI)
		return nil, gwErr(APIConfigurationError, "Internal server error")
	}
	c.servedBy = "dynamodb"
	payload, e := s.renderRequest(ctx, c)
	if e != nil {
		return nil, e
	}
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	start := s.now()
	status, hdr, body, err := s.callDynamoDB(ctx, action, payload)
	c.integrationLatency += s.now().Sub(start)
	if err != nil {
		s.logger.ErrorContext(ctx, "dynamodb call failed", "requestId", c.requestID, "error", err.Error())
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, gwErr(IntegrationTimeout, "Endpoint request timed out")
		}
		return nil, &gatewayError{Type: IntegrationFailure, Status: 500, Message: ptr("Internal server error")}
	}
	return s.integrationResponse(ctx, c, status, hdr, body)
}

func ptr(s string) *string { return &s }

func (s *Server) callDynamoDB(ctx context.Context, action, payload string) (int, http.Header, string, error) {
	endpoint := strings.TrimSuffix(s.opts.DynamoDB.Endpoint, "/") + "/"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(payload))
	if err != nil {
		return 0, nil, "", err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+action)
	region := s.opts.DynamoDB.Region
	if region == "" {
		region = s.model.Region
	}
	provider := s.opts.DynamoDB.Credentials
	if provider == nil {
		provider = credentials.NewStaticCredentialsProvider("local", "local", "")
	}
	creds, err := provider.Retrieve(ctx)
	if err != nil {
		return 0, nil, "", err
	}
	sum := sha256.Sum256([]byte(payload))
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "dynamodb", region, time.Now()); err != nil {
		return 0, nil, "", err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, "", err
	}
	return resp.StatusCode, resp.Header, string(b), nil
}

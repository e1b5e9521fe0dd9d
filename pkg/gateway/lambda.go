package gateway

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// lambdaProxy is the AWS_PROXY integration.
type lambdaProxy struct {
	lambdas map[string]Lambda
	now     func() time.Time
	logger  *slog.Logger
}

// proxyFailure is API Gateway's answer to a failed or malformed Lambda
// proxy invocation: 502 {"message": "Internal server error"}.
func proxyFailure() *gatewayError {
	return &gatewayError{Type: IntegrationFailure, Status: 502, Message: ptr("Internal server error")}
}

// invoke calls the function of an AWS_PROXY integration with the event
// and turns its response into the method response: status, headers
// (single and multi-value, merged) and body (base64-decoded when flagged).
// A function error or a malformed response answers 502
// {"message": "Internal server error"}.
func (l *lambdaProxy) invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	in := inv.method.Integration
	inv.servedBy = "lambda:" + in.Function
	ev, err := json.Marshal(req.event)
	if err != nil {
		return nil, proxyFailure()
	}
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	start := l.now()
	out, err := l.lambdas[in.Function](ctx, ev)
	inv.integrationLatency += l.now().Sub(start)
	if err != nil {
		l.logger.ErrorContext(ctx, "lambda function failed", "requestId", inv.requestID, "function", in.Function, "error", err.Error())
		if ctx.Err() != nil {
			return nil, gwErr(IntegrationTimeout, "Endpoint request timed out")
		}
		return nil, proxyFailure()
	}
	var resp events.APIGatewayProxyResponse
	if err := json.Unmarshal(out, &resp); err != nil || resp.StatusCode < 100 || resp.StatusCode > 599 {
		l.logger.ErrorContext(ctx, "malformed Lambda proxy response", "requestId", inv.requestID, "statusCode", strconv.Itoa(resp.StatusCode))
		return nil, proxyFailure()
	}
	res := &integrationResult{status: resp.StatusCode, headers: http.Header{}, body: []byte(resp.Body), proxied: true}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			res.headers.Add(k, v)
		}
	}
	// Both maps count: the developer guide's "Output format of a Lambda
	// function for proxy integration" has API Gateway merge them into one
	// list per header, a value given in both appearing once.
	for k, v := range resp.Headers {
		if !slices.Contains(res.headers.Values(k), v) {
			res.headers.Add(k, v)
		}
	}
	if res.headers.Get("Content-Type") == "" {
		res.headers.Set("Content-Type", "application/json")
	}
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			return nil, proxyFailure()
		}
		res.body = b
	}
	return res, nil
}

// lambdaCustom is the AWS integration with the lambda service (a Lambda
// custom, non-proxy, integration): the integration request's payload is
// the event, the function's result the integration response body with
// status 200. A function error's payload ({"errorMessage", "errorType"})
// is the body, and its errorMessage is what the selection patterns match,
// as the developer guide's "Handle Lambda errors in API Gateway"
// describes
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html).
// A successful result is matched by its own errorMessage property when it
// has one, else by "" (so a pattern matching "" takes it before the
// default): LocalStack's emulation does so
// (localstack-core/localstack/services/apigateway/next_gen/execute_api/handlers/integration_response.py,
// parse_error_message_from_lambda); no recording of AWS pins it, a guess.
type lambdaCustom struct {
	lambdas map[string]Lambda
	now     func() time.Time
	logger  *slog.Logger
}

func (l *lambdaCustom) invoke(ctx context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	in := inv.method.Integration
	inv.servedBy = "lambda:" + in.Function
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	start := l.now()
	out, err := l.lambdas[in.Function](ctx, []byte(req.payload))
	inv.integrationLatency += l.now().Sub(start)
	if msg, ok := functionError(err); ok {
		body, _ := json.Marshal(err)
		return &integrationResult{status: 200, headers: http.Header{}, body: body, selector: &msg}, nil
	}
	if err != nil {
		l.logger.ErrorContext(ctx, "lambda function failed", "requestId", inv.requestID, "function", in.Function, "error", err.Error())
		if ctx.Err() != nil {
			return nil, gwErr(IntegrationTimeout, "Endpoint request timed out")
		}
		return nil, &gatewayError{Type: IntegrationFailure, Status: 500, Message: ptr("Internal server error")}
	}
	var result struct {
		ErrorMessage string `json:"errorMessage"`
	}
	_ = json.Unmarshal(out, &result)
	return &integrationResult{status: 200, headers: http.Header{}, body: out, selector: &result.ErrorMessage}, nil
}

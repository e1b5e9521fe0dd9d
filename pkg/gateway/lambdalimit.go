package gateway

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
)

// MaxInvokePayload is Lambda's limit on the request payload of a
// synchronous invocation, 6 MB (6,291,456 bytes): "Invocation payload
// (request and response)", https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html.
// A proxy event over it never reaches the function; API Gateway answers
// invokeTooLarge. The local event has the fields of proxyEvent, so its size
// is close to, not exactly, the size of the event AWS would send.
const MaxInvokePayload = 6 << 20

// invokeTooLargeBody is API Gateway's answer when the Lambda proxy event is
// over MaxInvokePayload, as recorded from a deployed REST API (413,
// application/json, x-amzn-ErrorType BadRequestException, this exact body):
// https://github.com/koki-develop/lgtm-generator/issues/10.
const invokeTooLargeBody = `{"message": "Request Too Long"}`

// encodeProxyEvent is the event as the function receives it, after a JSON
// round trip, or tooLarge when its JSON is over MaxInvokePayload.
func encodeProxyEvent(ev events.APIGatewayProxyRequest) (out events.APIGatewayProxyRequest, tooLarge bool, err error) {
	b, err := json.Marshal(ev)
	if err != nil {
		return out, false, fmt.Errorf("gateway: encode proxy event: %w", err)
	}
	if len(b) > MaxInvokePayload {
		return out, true, nil
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return out, false, fmt.Errorf("gateway: decode proxy event: %w", err)
	}
	return out, false, nil
}

// invokeTooLarge is the answer to a proxy event over MaxInvokePayload.
func invokeTooLarge() *response {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("x-amzn-ErrorType", "BadRequestException")
	return &response{Status: http.StatusRequestEntityTooLarge, Headers: h, Body: []byte(invokeTooLargeBody)}
}

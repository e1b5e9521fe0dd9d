package gateway

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
)

// newRequestID is a request id shaped like API Gateway's: a random UUID
// in its 8-4-4-4-12 hex form ($context.requestId, x-amzn-RequestId).
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newExtendedRequestID is an extended request id shaped like API
// Gateway's ($context.extendedRequestId, the x-amz-apigw-id response
// header): 16 characters of padded standard base64, such as
// "Rs4FaHq2IAMEbUA=". API Gateway's is a different value from the request
// id, so clients that log both can tell them apart locally too.
func newExtendedRequestID() string {
	b := make([]byte, 11)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

package gateway

import (
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"
)

// Limits API Gateway sets on every request to a REST API, before it looks
// for a route (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html).
const (
	// MaxPayload is the payload limit, 10 MB: 10,485,760 bytes (see
	// payloadTooLarge for the recording that shows the number).
	MaxPayload = 10 << 20
	// MaxURLLength is the "Length, in characters, of the URL for a regional
	// API": scheme, host, path and query string.
	MaxURLLength = 10240
	// MaxHeaderBytes is the "Total combined size of all header values,
	// including header names, values, any line terminators, and white
	// space".
	MaxHeaderBytes = 10240
)

// executeAPIHostLength is the length of a regional API's host name,
// <10-character id>.execute-api.<region>.amazonaws.com.
func executeAPIHostLength(region string) int {
	return len("0123456789.execute-api.") + len(region) + len(".amazonaws.com")
}

// urlLength is the length in characters of the URL the request would have
// on AWS: https://, the longer of the host it was sent to and the API's
// execute-api host (so that a URL within the limit here is within it on
// AWS), then the path and query as sent.
func urlLength(r *http.Request, region string) int {
	host := utf8.RuneCountInString(r.Host)
	if n := executeAPIHostLength(region); n > host {
		host = n
	}
	return len("https://") + host + utf8.RuneCountInString(r.RequestURI)
}

// headerBytes is the size of the request's header block as the client sent
// it, "Name: value\r\n" per value, the Host header included. Go's server
// trims the white space around values, so that is not counted.
func headerBytes(r *http.Request) int {
	n := len("Host: ") + len(r.Host) + len("\r\n")
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(": ") + len(v) + len("\r\n")
		}
	}
	return n
}

// Answers for a request over a limit. API Gateway has no gateway response
// type for these, so an API cannot change them. Both are guesses: no
// recording of AWS's answer was found. The 414 and its message follow
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
// which says a method ARN over 1,600 bytes gets "414 Request URI too long";
// the header answer uses 431 (RFC 6585) and the text a user
// reported API Gateway gave, "HTTP header is larger than 10240 bytes."
// (https://ntsblog.homedev.com.au/index.php/2021/03/09/aws-api-gateway-http-header-is-larger-than-10240-bytes/).
const (
	urlTooLongBody    = `{"message":"Request URI too long"}`
	headerTooLongBody = `{"message":"HTTP header is larger than 10240 bytes."}`
)

// parseRequest is API Gateway's first stage: the URL and header limits
// (the URL first), the payload limit (from Content-Length, then from the
// body as read, for a body sent without one), then the query and body the
// later stages read. A request over a limit gets a fixedAnswer, whatever
// its route.
func (s *Server) parseRequest(inv *invocation) error {
	status, body := 0, ""
	switch {
	case urlLength(inv.r, s.model.Region) > MaxURLLength:
		status, body = http.StatusRequestURITooLong, urlTooLongBody
	case headerBytes(inv.r) > MaxHeaderBytes:
		status, body = http.StatusRequestHeaderFieldsTooLarge, headerTooLongBody
	case inv.r.ContentLength > s.opts.MaxPayload:
		return s.payloadTooLarge()
	}
	if status != 0 {
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		return &fixedAnswer{&response{Status: status, Headers: h, Body: []byte(body)}}
	}
	b, err := io.ReadAll(io.LimitReader(inv.r.Body, s.opts.MaxPayload+1))
	if err != nil {
		return gwErr(BadRequestBody, "Invalid request body")
	}
	if int64(len(b)) > s.opts.MaxPayload {
		return s.payloadTooLarge()
	}
	inv.body = b
	inv.query = inv.r.URL.Query()
	return nil
}

// payloadTooLarge is API Gateway's answer to a body over MaxPayload, as
// recorded from a deployed REST API: 413, Content-Type "text;
// charset=utf-8", "HTTP content length exceeded 10485760 bytes.", and not
// the API's REQUEST_TOO_LARGE gateway response, which the recording's
// author set to no effect (https://github.com/koki-develop/lgtm-generator/issues/10).
// The recording also fixes MaxPayload at 10,485,760 bytes.
func (s *Server) payloadTooLarge() *fixedAnswer {
	h := http.Header{}
	h.Set("Content-Type", "text; charset=utf-8")
	return &fixedAnswer{&response{Status: http.StatusRequestEntityTooLarge, Headers: h,
		Body: []byte(fmt.Sprintf("HTTP content length exceeded %d bytes.", s.opts.MaxPayload))}}
}

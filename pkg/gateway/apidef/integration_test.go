package apidef

import (
	"strings"
	"testing"
)

// TestLocalGap: what the local API can run (MOCK, HTTP, DynamoDB, a
// Lambda function of the template) has no gap; another service, a
// function outside the template and a private integration say why.
// Which integration types exist is the API reference's list
// (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html).
func TestLocalGap(t *testing.T) {
	for _, c := range []struct {
		in   Integration
		want string
	}{
		{Integration{Type: "MOCK"}, ""},
		{Integration{Type: "HTTP_PROXY", URI: "https://example.com/{p}"}, ""},
		{Integration{Type: "AWS", URI: "arn:aws:apigateway:us-east-1:dynamodb:action/Query", Service: "dynamodb"}, ""},
		{Integration{Type: "AWS_PROXY", Service: "lambda", Function: "Fn"}, ""},
		{Integration{Type: "AWS_PROXY", Service: "lambda", URI: "arn:...:function:other/invocations"}, "not in the template"},
		{Integration{Type: "AWS", Service: "sqs"}, "sqs are not supported"},
		{Integration{Type: "HTTP", ConnectionType: "VPC_LINK"}, "VPC_LINK"},
		{Integration{}, "no integration"},
	} {
		got := c.in.LocalGap()
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%+v: LocalGap = %q, want %q", c.in, got, c.want)
		}
	}
	if s := ServiceOf("arn:aws-cn:apigateway:cn-north-1:dynamodb:action/GetItem"); s != "dynamodb" {
		t.Errorf("ServiceOf = %q", s)
	}
}

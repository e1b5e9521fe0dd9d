package apidef

import (
	"fmt"
	"strings"
	"time"
)

// ServiceOf is the AWS service an integration URI of the form
// arn:<partition>:apigateway:<region>:<service>:<action or path> names,
// such as "dynamodb" or "lambda"; "" for any other URI.
func ServiceOf(uri string) string {
	parts := strings.SplitN(uri, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "apigateway" {
		return ""
	}
	return parts[4]
}

// LocalGap is the reason the local API cannot run the integration, or ""
// when it can: MOCK, HTTP and HTTP_PROXY over the internet, AWS with
// DynamoDB, and Lambda (AWS_PROXY, or AWS with the lambda service) with a
// Function of the template. A private integration (VPC_LINK) and any other
// AWS service are out of reach of a laptop.
func (in *Integration) LocalGap() string {
	if in.ConnectionType == "VPC_LINK" {
		return "a private integration (VPC_LINK) is not reachable locally"
	}
	switch in.Type {
	case "MOCK", "HTTP", "HTTP_PROXY":
		return ""
	case "AWS", "AWS_PROXY":
	case "":
		return "the method has no integration"
	default:
		return fmt.Sprintf("integration type %q is not supported", in.Type)
	}
	switch {
	case in.Service == "lambda" && in.Function != "":
		return ""
	case in.Service == "lambda":
		return fmt.Sprintf("the Lambda function of %q is not in the template", in.URI)
	case in.Type == "AWS_PROXY":
		return fmt.Sprintf("an AWS_PROXY integration must invoke a Lambda function, not %q", in.URI)
	case in.Service == "dynamodb":
		return ""
	case in.Service == "":
		return fmt.Sprintf("%q is not an AWS service integration URI", in.URI)
	}
	return fmt.Sprintf("AWS integrations with %s are not supported locally (DynamoDB and Lambda are)", in.Service)
}

// SetIntegration gives the method its integration and marks it
// Unsupported with the reasons in gaps and the integration's LocalGap, if
// any, joined by "; ".
func (m *Method) SetIntegration(in *Integration, gaps []string) {
	m.Integration = in
	if g := in.LocalGap(); g != "" {
		gaps = append(gaps, g)
	}
	m.Unsupported = strings.Join(gaps, "; ")
}

// Complete fills what a loader leaves to API Gateway's defaults: Timeout
// from timeoutMillis (29 s when it is 0 or less), PassthroughBehavior
// WHEN_NO_MATCH when empty, and for an AWS or AWS_PROXY integration the
// Service its URI names and, for Lambda, the Function that functionOf
// finds for the URI.
func (in *Integration) Complete(timeoutMillis int, functionOf func(uri string) string) {
	in.Timeout = 29 * time.Second
	if timeoutMillis > 0 {
		in.Timeout = time.Duration(timeoutMillis) * time.Millisecond
	}
	if in.PassthroughBehavior == "" {
		in.PassthroughBehavior = "WHEN_NO_MATCH"
	}
	if in.Type == "AWS" || in.Type == "AWS_PROXY" {
		in.Service = ServiceOf(in.URI)
		if in.Service == "lambda" {
			in.Function = functionOf(in.URI)
		}
	}
}

package stack

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"apigwdirect/pkg/mapping"
)

// jsonType is the content type of every template, model and gateway response.
const jsonType = "application/json"

type apiDeps struct {
	cfg    Config
	schema map[string]any // mapping.Schema(), parsed
	table  awsdynamodb.Table
	items  awslambda.Function
	alias  awslambda.Alias
	auth   *auth
}

// restAPI is the REST API with what its methods share.
type restAPI struct {
	rest      awsapigateway.RestApi
	deps      apiDeps
	role      awsiam.Role                     // what the direct integrations act as
	invoke    awsiam.Role                     // what the Lambda proxy integrations act as
	validator awsapigateway.IRequestValidator // body (and parameters) of POST and PUT
	model     awsapigateway.IModel            // mapping.Schema(), for create
	replace   awsapigateway.IModel            // mapping.ReplaceSchema(), for PUT
	responses []*awsapigateway.MethodResponse // one per mapping.StatusCodes
}

func newAPI(stack awscdk.Stack, d apiDeps) *restAPI {
	accessLogs := awslogs.NewLogGroup(stack, jsii.String("ApiAccessLogs"), &awslogs.LogGroupProps{
		Retention:     awslogs.RetentionDays_ONE_MONTH,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	rest := awsapigateway.NewRestApi(stack, jsii.String("Api"), &awsapigateway.RestApiProps{
		Description:      jsii.String("Items: /direct (VTL to DynamoDB), /lambda (items function), /items (" + string(d.cfg.Backend) + ")"),
		ApiKeySourceType: awsapigateway.ApiKeySourceType_AUTHORIZER,
		EndpointTypes:    &[]awsapigateway.EndpointType{awsapigateway.EndpointType_REGIONAL},
		// Access and execution logs need the account's API Gateway CloudWatch role.
		CloudWatchRole: jsii.Bool(true),
		DeployOptions: &awsapigateway.StageOptions{
			StageName:            jsii.String(StageName),
			Variables:            &map[string]*string{StageVarTable: d.table.TableName(), StageVarItemsAlias: jsii.String(ItemsAliasName)},
			AccessLogDestination: awsapigateway.NewLogGroupLogDestination(accessLogs),
			AccessLogFormat:      awsapigateway.AccessLogFormat_Custom(jsii.String(accessLogFormat())),
			LoggingLevel:         awsapigateway.MethodLoggingLevel_ERROR,
			DataTraceEnabled:     jsii.Bool(false),
			MetricsEnabled:       jsii.Bool(true),
			TracingEnabled:       jsii.Bool(true),
		},
	})
	// The explicit ApiUrl output replaces the one RestApi adds by itself.
	rest.Node().TryRemoveChild(jsii.String("Endpoint"))
	cdknag.NagSuppressions_AddResourceSuppressions(rest, &[]*cdknag.NagPackSuppression{
		{
			Id:        jsii.String("AwsSolutions-IAM4"),
			Reason:    jsii.String("The CloudWatch role is set once per account and Region (AWS::ApiGateway::Account) and API Gateway writes every REST API's execution and access logs with it, creating their log groups, so it cannot be narrowed to this API's groups; AmazonAPIGatewayPushToCloudWatchLogs is the AWS managed policy made for that role."),
			AppliesTo: &[]any{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"},
		},
		{
			Id:     jsii.String("AwsSolutions-APIG3"),
			Reason: jsii.String("No WAF web ACL: this sample measures the two paths, and a web ACL adds its own per-request charge and latency to both. Nothing in the stack caps spend: usage-plan throttles and quotas are best-effort targets that clients can exceed, not a cost control; what bounds the request rate is API Gateway's account-level throttle per Region, and each method still needs a valid API key or ID token. Watch cost with AWS Budgets, or add a web ACL with a rate-based rule."),
		},
	}, jsii.Bool(true))

	a := &restAPI{rest: rest, deps: d}
	a.role = awsiam.NewRole(stack, jsii.String("ApiDynamoRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("apigateway.amazonaws.com"), nil),
		Description: jsii.String("Lets the direct integrations call the item actions on the table, nothing else"),
	})
	d.table.Grant(a.role, dynamoActions()...)
	a.invoke = newInvokeRole(stack, d.items)

	a.validator = rest.AddRequestValidator(jsii.String("BodyValidator"), &awsapigateway.RequestValidatorOptions{
		ValidateRequestBody:       jsii.Bool(true),
		ValidateRequestParameters: jsii.Bool(true),
	})
	a.model = addSchemaModel(stack, rest, "ItemModel", "Item", mapping.Schema())
	a.replace = addSchemaModel(stack, rest, "ItemReplacementModel", "ItemReplacement", mapping.ReplaceSchema())
	for _, code := range mapping.StatusCodes {
		a.responses = append(a.responses, &awsapigateway.MethodResponse{StatusCode: jsii.String(strconv.Itoa(code))})
	}
	addGatewayResponses(rest)

	root := rest.Root()
	a.addTree(root.AddResource(jsii.String("direct"), nil).AddResource(jsii.String("items"), nil), BackendDirect)
	a.addTree(root.AddResource(jsii.String("lambda"), nil).AddResource(jsii.String("items"), nil), BackendLambda)
	a.addTree(root.AddResource(jsii.String("items"), nil), d.cfg.Backend)
	return a
}

// The resource paths of the contract, relative to each tree's root.
const (
	collectionPath = "/items"
	itemPath       = "/items/{id}"
)

// checkContract checks what the stack assumes of pkg/mapping: known paths
// and methods, integration responses whose status has a method response,
// exactly one default response per route, and a JSON object schema. It
// returns the parsed schema.
func checkContract(ins []mapping.Integration, statusCodes []int, schemaJSON []byte) (map[string]any, error) {
	if len(ins) == 0 {
		return nil, errors.New("mapping: no integrations")
	}
	for _, in := range ins {
		if in.Path != collectionPath && in.Path != itemPath {
			return nil, fmt.Errorf("mapping: route %s: path %q is neither %s nor %s", in.Route, in.Path, collectionPath, itemPath)
		}
		switch in.Method {
		case "POST", "PUT", "GET", "DELETE":
		default:
			return nil, fmt.Errorf("mapping: route %s: no authorization defined for method %q", in.Route, in.Method)
		}
		if in.Action == "" || in.RequestTemplate == "" {
			return nil, fmt.Errorf("mapping: route %s: action or request template missing", in.Route)
		}
		defaults := 0
		for _, r := range in.Responses {
			if !slices.Contains(statusCodes, r.StatusCode) {
				return nil, fmt.Errorf("mapping: route %s: status %d has no method response (not in StatusCodes)", in.Route, r.StatusCode)
			}
			if r.SelectionPattern == "" {
				defaults++
			}
		}
		if defaults != 1 {
			return nil, fmt.Errorf("mapping: route %s: %d default integration responses, want 1", in.Route, defaults)
		}
	}
	var schema map[string]any
	if err := json.Unmarshal(schemaJSON, &schema); err != nil {
		return nil, fmt.Errorf("mapping: schema: %w", err)
	}
	return schema, nil
}

// addSchemaModel deploys a JSON Schema of pkg/mapping as a model named name.
// The L1 resource takes the schema as parsed JSON, so nothing is re-expressed.
func addSchemaModel(stack awscdk.Stack, rest awsapigateway.RestApi, id, name string, schemaJSON []byte) awsapigateway.IModel {
	var schema map[string]any
	if err := json.Unmarshal(schemaJSON, &schema); err != nil {
		// checkContract has parsed the item schema already; the replace
		// schema is derived from it by pkg/mapping.
		panic(fmt.Sprintf("stack: schema of model %s: %v", name, err))
	}
	m := awsapigateway.NewCfnModel(stack, jsii.String(id), &awsapigateway.CfnModelProps{
		RestApiId:   rest.RestApiId(),
		ContentType: jsii.String(jsonType),
		Name:        jsii.String(name),
		Description: jsii.String("A JSON Schema of pkg/mapping: " + name),
		Schema:      schema,
	})
	// A schema change must produce a new deployment of the stage.
	rest.LatestDeployment().AddToLogicalId(string(schemaJSON))
	return awsapigateway.Model_FromModelName(stack, jsii.String(id+"Ref"), m.Ref())
}

// accessLogFormat is one JSON object per request.
func accessLogFormat() string {
	fields := map[string]string{
		"requestId":          "$context.requestId",
		"ip":                 "$context.identity.sourceIp",
		"requestTime":        "$context.requestTimeEpoch",
		"httpMethod":         "$context.httpMethod",
		"resourcePath":       "$context.resourcePath",
		"status":             "$context.status",
		"protocol":           "$context.protocol",
		"responseLength":     "$context.responseLength",
		"responseLatency":    "$context.responseLatency",
		"integrationLatency": "$context.integrationLatency",
		"integrationStatus":  "$context.integrationStatus",
		"authorizerLatency":  "$context.authorizer.latency",
		"authorizerError":    "$context.authorizer.error",
		"apiKeyId":           "$context.identity.apiKeyId",
		"errorMessage":       "$context.error.message",
		"xrayTraceId":        "$context.xrayTraceId",
	}
	b, _ := json.Marshal(fields) // a map of strings always marshals
	return string(b)
}

// gatewayResponse is one of API Gateway's own answers, reshaped to the
// contract's {"message": ...} body.
type gatewayResponse struct {
	id     string
	typ    awsapigateway.ResponseType
	status string // "" keeps API Gateway's status
	body   string
}

// messageBody is the body of every gateway response but BAD_REQUEST_BODY;
// $context.error.messageString is the message already quoted as JSON.
const messageBody = `{"message":$context.error.messageString}`

// badBodyBody names what the validator rejected. Gateway responses are
// plain substitution, not VTL; validationErrorString comes JSON-escaped.
const badBodyBody = `{"message":"Invalid request body: $context.error.validationErrorString"}`

func gatewayResponses() []gatewayResponse {
	return []gatewayResponse{
		{"BadRequestBody", awsapigateway.ResponseType_BAD_REQUEST_BODY(), "400", badBodyBody},
		{"Unauthorized", awsapigateway.ResponseType_UNAUTHORIZED(), "401", messageBody},
		{"AccessDenied", awsapigateway.ResponseType_ACCESS_DENIED(), "403", messageBody},
		{"MissingAuthenticationToken", awsapigateway.ResponseType_MISSING_AUTHENTICATION_TOKEN(), "403", messageBody},
		{"InvalidApiKey", awsapigateway.ResponseType_INVALID_API_KEY(), "403", messageBody},
		{"Throttled", awsapigateway.ResponseType_THROTTLED(), "429", messageBody},
		{"QuotaExceeded", awsapigateway.ResponseType_QUOTA_EXCEEDED(), "429", messageBody},
		{"Default4xx", awsapigateway.ResponseType_DEFAULT_4XX(), "", messageBody},
		{"Default5xx", awsapigateway.ResponseType_DEFAULT_5XX(), "", messageBody},
	}
}

func addGatewayResponses(rest awsapigateway.RestApi) {
	for _, g := range gatewayResponses() {
		opts := &awsapigateway.GatewayResponseOptions{
			Type:      g.typ,
			Templates: &map[string]*string{jsonType: jsii.String(g.body)},
		}
		if g.status != "" {
			opts.StatusCode = jsii.String(g.status)
		}
		rest.AddGatewayResponse(jsii.String(g.id), opts)
	}
}

// addTree adds every route of the contract under itemsRes ("…/items" and
// "…/items/{id}"), integrated the way backend says.
func (a *restAPI) addTree(itemsRes awsapigateway.Resource, backend Backend) {
	itemRes := itemsRes.AddResource(jsii.String("{id}"), nil)
	for _, in := range mapping.Integrations() {
		res := itemsRes // checkContract allows only collectionPath and itemPath
		if in.Path == itemPath {
			res = itemRes
		}
		var integ awsapigateway.Integration
		if backend == BackendDirect {
			integ = a.directIntegration(in)
		} else {
			integ = a.lambdaIntegration()
		}
		m := res.AddMethod(jsii.String(in.Method), integ, a.methodOptions(in))
		if in.Method != "DELETE" {
			cdknag.NagSuppressions_AddResourceSuppressions(m, &[]*cdknag.NagPackSuppression{{
				Id:     jsii.String("AwsSolutions-COG4"),
				Reason: jsii.String("Writes and reads use the Lambda REQUEST authorizer so it can hand API Gateway the caller's usage-plan key (API-key source AUTHORIZER); only DELETE uses the Cognito authorizer."),
			}}, jsii.Bool(true))
		}
	}
}

// alnum keeps the letters and digits of s, for construct ids.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// arnPath turns a resource path into its execute-api ARN form: each {param} is *.
func arnPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			parts[i] = "*"
		}
	}
	return strings.Join(parts, "/")
}

func (a *restAPI) methodOptions(in mapping.Integration) *awsapigateway.MethodOptions {
	o := &awsapigateway.MethodOptions{MethodResponses: &a.responses}
	switch in.Method {
	case "POST", "PUT":
		o.Authorizer = a.deps.auth.token
		o.AuthorizationType = awsapigateway.AuthorizationType_CUSTOM
		o.ApiKeyRequired = jsii.Bool(true)
		o.RequestValidator = a.validator
		model := a.model
		if in.Method == "PUT" {
			model = a.replace
		}
		o.RequestModels = &map[string]awsapigateway.IModel{jsonType: model}
	case "GET":
		o.Authorizer = a.deps.auth.key
		o.AuthorizationType = awsapigateway.AuthorizationType_CUSTOM
		o.ApiKeyRequired = jsii.Bool(true)
	default: // DELETE, the only other method checkContract allows
		o.Authorizer = a.deps.auth.cognito
		o.AuthorizationType = awsapigateway.AuthorizationType_COGNITO
	}
	params := map[string]*bool{}
	if strings.Contains(in.Path, "{id}") {
		params["method.request.path.id"] = jsii.Bool(true)
	}
	if in.Route == mapping.RouteList {
		params["method.request.querystring.limit"] = jsii.Bool(false)
		params["method.request.querystring.next"] = jsii.Bool(false)
	}
	if len(params) > 0 {
		o.RequestParameters = &params
	}
	return o
}

// directIntegration calls the route's DynamoDB action with the route's
// templates and integration responses, exactly as pkg/mapping holds them.
func (a *restAPI) directIntegration(in mapping.Integration) awsapigateway.Integration {
	resps := make([]*awsapigateway.IntegrationResponse, 0, len(in.Responses))
	for _, r := range in.Responses {
		ir := &awsapigateway.IntegrationResponse{
			StatusCode:        jsii.String(strconv.Itoa(r.StatusCode)),
			ResponseTemplates: &map[string]*string{jsonType: jsii.String(r.Template)},
		}
		if r.SelectionPattern != "" {
			ir.SelectionPattern = jsii.String(r.SelectionPattern)
		}
		resps = append(resps, ir)
	}
	return awsapigateway.NewAwsIntegration(&awsapigateway.AwsIntegrationProps{
		Service:               jsii.String("dynamodb"),
		Action:                jsii.String(in.Action),
		IntegrationHttpMethod: jsii.String("POST"),
		Options: &awsapigateway.IntegrationOptions{
			CredentialsRole:      a.role,
			PassthroughBehavior:  awsapigateway.PassthroughBehavior_NEVER,
			RequestTemplates:     &map[string]*string{jsonType: jsii.String(in.RequestTemplate)},
			IntegrationResponses: &resps,
		},
	})
}

// lambdaIntegration proxies to the items function's alias named by the
// stage variable itemsAlias, so the console can repoint the Lambda path. It
// acts as the invoke role, which may invoke any alias or version of the
// items function: a resource-based permission would cover one alias only,
// and repointing the stage variable would then fail until one is added.
func (a *restAPI) lambdaIntegration() awsapigateway.Integration {
	uri := fmt.Sprintf("arn:%s:apigateway:%s:lambda:path/2015-03-31/functions/%s:${stageVariables.%s}/invocations",
		*awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *a.deps.items.FunctionArn(), StageVarItemsAlias)
	return awsapigateway.NewIntegration(&awsapigateway.IntegrationProps{
		Type:                  awsapigateway.IntegrationType_AWS_PROXY,
		IntegrationHttpMethod: jsii.String("POST"),
		Uri:                   jsii.String(uri),
		Options:               &awsapigateway.IntegrationOptions{CredentialsRole: a.invoke},
	})
}

// newInvokeRole is the role API Gateway assumes to invoke the items
// function: lambda:InvokeFunction on its qualified ARNs (every alias and
// version), nothing else.
func newInvokeRole(stack awscdk.Stack, items awslambda.Function) awsiam.Role {
	role := awsiam.NewRole(stack, jsii.String("ApiInvokeRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("apigateway.amazonaws.com"), nil),
		Description: jsii.String("Lets the Lambda proxy integrations invoke the items function's aliases, nothing else"),
	})
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("lambda:InvokeFunction"),
		Resources: jsii.Strings(*items.FunctionArn() + ":*"),
	}))
	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{{
		Id:        jsii.String("AwsSolutions-IAM5"),
		Reason:    jsii.String("The stage variable itemsAlias picks the items function's alias at request time, so the role may invoke any qualifier of that one function."),
		AppliesTo: &[]any{&cdknag.RegexAppliesTo{Regex: jsii.String(`/^Resource::<ItemsFunction[0-9A-F]+\.Arn>:\*$/`)}},
	}}, jsii.Bool(true))
	return role
}

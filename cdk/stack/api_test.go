package stack

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"apigwdirect/pkg/mapping"
)

// routeKey is "VERB /prefix/items..." for a contract route under prefix.
func routeKey(in mapping.Integration, prefix string) string {
	return in.Method + " " + prefix + in.Path
}

func TestRoutesExistOnEveryTree(t *testing.T) {
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		ms := s.methods(t)
		var want []string
		for _, prefix := range []string{"/direct", "/lambda", ""} {
			for _, in := range mapping.Integrations() {
				want = append(want, routeKey(in, prefix))
			}
		}
		got := slices.Sorted(maps.Keys(ms))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("backend %s: methods\n%v\nwant\n%v", s.cfg.Backend, got, want)
		}
	}
}

// integrationKind checks a method's integration and names it "direct" or "lambda".
func integrationKind(t *testing.T, m method) string {
	t.Helper()
	integ := m.Props["Integration"].(map[string]any)
	uri := flat(integ["Uri"])
	switch integ["Type"] {
	case "AWS":
		if !strings.HasPrefix(uri, "arn:{Ref:AWS::Partition}:apigateway:{Ref:AWS::Region}:dynamodb:action/") {
			t.Errorf("%s %s: AWS integration URI %s", m.Verb, m.Path, uri)
		}
		return "direct"
	case "AWS_PROXY":
		want := "arn:{Ref:AWS::Partition}:apigateway:{Ref:AWS::Region}:lambda:path/2015-03-31/functions/{" +
			itemsFunctionID(t) + ".Arn}:${stageVariables.itemsAlias}/invocations"
		if uri != want {
			t.Errorf("%s %s: Lambda proxy URI %s, want %s", m.Verb, m.Path, uri, want)
		}
		if integ["IntegrationHttpMethod"] != "POST" {
			t.Errorf("%s %s: Lambda proxy integration method %v", m.Verb, m.Path, integ["IntegrationHttpMethod"])
		}
		return "lambda"
	}
	t.Errorf("%s %s: integration type %v", m.Verb, m.Path, integ["Type"])
	return ""
}

func itemsFunctionID(t *testing.T) string {
	t.Helper()
	// The logical id is the same in every variant: it derives from the path.
	return getDefault(t).byPath(t, "ItemsFunction/Resource").ID
}

func TestIntegrationTypeByTree(t *testing.T) {
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		for key, m := range s.methods(t) {
			want := string(s.cfg.Backend) // plain /items routes
			switch {
			case strings.HasPrefix(m.Path, "/direct/"):
				want = "direct"
			case strings.HasPrefix(m.Path, "/lambda/"):
				want = "lambda"
			}
			if got := integrationKind(t, m); got != want {
				t.Errorf("backend %s: %s is %s, want %s", s.cfg.Backend, key, got, want)
			}
		}
	}
	if getDefault(t).cfg.Backend != BackendDirect || getVariant(t).cfg.Backend != BackendLambda {
		t.Fatalf("variants: backends %s and %s", getDefault(t).cfg.Backend, getVariant(t).cfg.Backend)
	}
}

// TestDirectIntegrationsAreTheMappingTemplates: the deployed VTL is the
// embedded text, byte for byte, with the integration responses in order.
func TestDirectIntegrationsAreTheMappingTemplates(t *testing.T) {
	s := getDefault(t)
	ms := s.methods(t)
	role := s.byPath(t, "ApiDynamoRole/Resource").ID
	for _, prefix := range []string{"/direct", ""} {
		for _, in := range mapping.Integrations() {
			m, ok := ms[routeKey(in, prefix)]
			if !ok {
				t.Fatalf("no method %s", routeKey(in, prefix))
			}
			integ := m.Props["Integration"].(map[string]any)
			if got := integ["RequestTemplates"]; !reflect.DeepEqual(got, map[string]any{"application/json": in.RequestTemplate}) {
				t.Errorf("%s: request templates %q, want %q", routeKey(in, prefix), got, in.RequestTemplate)
			}
			var want []any
			for _, r := range in.Responses {
				ir := map[string]any{
					"StatusCode":        strconv.Itoa(r.StatusCode),
					"ResponseTemplates": map[string]any{"application/json": r.Template},
				}
				if r.SelectionPattern != "" {
					ir["SelectionPattern"] = r.SelectionPattern
				}
				want = append(want, ir)
			}
			if got := integ["IntegrationResponses"]; !reflect.DeepEqual(got, want) {
				t.Errorf("%s: integration responses\n%v\nwant\n%v", routeKey(in, prefix), got, want)
			}
			if uri := flat(integ["Uri"]); !strings.HasSuffix(uri, ":dynamodb:action/"+in.Action) {
				t.Errorf("%s: URI %s, want action %s", routeKey(in, prefix), uri, in.Action)
			}
			if integ["PassthroughBehavior"] != "NEVER" || integ["IntegrationHttpMethod"] != "POST" {
				t.Errorf("%s: passthrough %v, method %v", routeKey(in, prefix), integ["PassthroughBehavior"], integ["IntegrationHttpMethod"])
			}
			if !reflect.DeepEqual(integ["Credentials"], getAtt(role, "Arn")) {
				t.Errorf("%s: credentials %v, want the API's DynamoDB role", routeKey(in, prefix), integ["Credentials"])
			}
		}
	}
}

func TestMethodResponsesCoverStatusCodes(t *testing.T) {
	var want []any
	for _, c := range mapping.StatusCodes {
		want = append(want, map[string]any{"StatusCode": strconv.Itoa(c)})
	}
	for key, m := range getDefault(t).methods(t) {
		if got := m.Props["MethodResponses"]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: method responses %v, want %v", key, got, want)
		}
	}
}

func TestValidatorAndModel(t *testing.T) {
	s := getDefault(t)
	validator := s.byPath(t, "Api/BodyValidator/Resource")
	if validator.Props["ValidateRequestBody"] != true || validator.Props["ValidateRequestParameters"] != true {
		t.Errorf("validator %v", validator.Props)
	}
	models := map[string]resource{}
	for verb, want := range map[string]struct {
		path   string
		schema []byte
	}{"POST": {"ItemModel", mapping.Schema()}, "PUT": {"ItemReplacementModel", mapping.ReplaceSchema()}} {
		model := s.byPath(t, want.path)
		var schema any
		if err := json.Unmarshal(want.schema, &schema); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(model.Props["Schema"], schema) {
			t.Errorf("%s model schema %v\nwant %s", verb, model.Props["Schema"], want.schema)
		}
		if model.Props["ContentType"] != "application/json" {
			t.Errorf("%s model content type %v", verb, model.Props["ContentType"])
		}
		models[verb] = model
	}
	for key, m := range s.methods(t) {
		body := m.Verb == "POST" || m.Verb == "PUT"
		gotV, gotM := m.Props["RequestValidatorId"], m.Props["RequestModels"]
		if body {
			if !reflect.DeepEqual(gotV, ref(validator.ID)) || !reflect.DeepEqual(gotM, map[string]any{"application/json": ref(models[m.Verb].ID)}) {
				t.Errorf("%s: validator %v, models %v", key, gotV, gotM)
			}
		} else if gotV != nil || gotM != nil {
			t.Errorf("%s: unexpected validator %v, models %v", key, gotV, gotM)
		}
		wantParams := map[string]any{}
		if strings.HasSuffix(m.Path, "/{id}") {
			wantParams["method.request.path.id"] = true
		} else if m.Verb == "GET" {
			wantParams["method.request.querystring.limit"] = false
			wantParams["method.request.querystring.next"] = false
		}
		gotP, _ := m.Props["RequestParameters"].(map[string]any)
		if len(wantParams) == 0 && gotP == nil {
			continue
		}
		if !reflect.DeepEqual(gotP, wantParams) {
			t.Errorf("%s: request parameters %v, want %v", key, gotP, wantParams)
		}
	}
}

func TestGatewayResponses(t *testing.T) {
	s := getDefault(t)
	want := map[string]string{
		"BAD_REQUEST_BODY": "400", "UNAUTHORIZED": "401", "ACCESS_DENIED": "403",
		"MISSING_AUTHENTICATION_TOKEN": "403", "INVALID_API_KEY": "403",
		"THROTTLED": "429", "QUOTA_EXCEEDED": "429", "DEFAULT_4XX": "", "DEFAULT_5XX": "",
	}
	got := map[string]bool{}
	for _, r := range s.resources("AWS::ApiGateway::GatewayResponse") {
		typ := r.Props["ResponseType"].(string)
		got[typ] = true
		status, ok := want[typ]
		if !ok {
			t.Errorf("unexpected gateway response %s", typ)
			continue
		}
		if gs, _ := r.Props["StatusCode"].(string); gs != status {
			t.Errorf("%s: status %q, want %q", typ, gs, status)
		}
		body := r.Props["ResponseTemplates"].(map[string]any)["application/json"].(string)
		if typ == "BAD_REQUEST_BODY" && !strings.Contains(body, "$context.error.validationErrorString") {
			t.Errorf("%s: body %s does not name the validation error", typ, body)
		}
		// What API Gateway substitutes: messageString comes quoted, the
		// validation string JSON-escaped.
		rendered := strings.NewReplacer(
			"$context.error.messageString", `"Forbidden"`,
			"$context.error.validationErrorString", `[object has missing required properties ([\"Age\"])]`,
		).Replace(body)
		var msg map[string]string
		if err := json.Unmarshal([]byte(rendered), &msg); err != nil || msg["message"] == "" || len(msg) != 1 {
			t.Errorf("%s: body %s renders to %s, not {\"message\": ...} (%v)", typ, body, rendered, err)
		}
	}
	for typ := range want {
		if !got[typ] {
			t.Errorf("no gateway response %s", typ)
		}
	}
}

func TestStage(t *testing.T) {
	s := getDefault(t)
	stage := s.byPath(t, "Api/DeploymentStage.prod/Resource")
	table := s.byPath(t, "Table/Resource").ID
	logs := s.byPath(t, "ApiAccessLogs/Resource").ID
	check(t, "stage", func() {
		s.tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::Stage"), map[string]any{
			"StageName":      "prod",
			"TracingEnabled": true,
			"Variables":      map[string]any{"tableName": ref(table), "itemsAlias": "live"},
			"AccessLogSetting": map[string]any{
				"DestinationArn": assertions.Match_AnyValue(),
				"Format":         assertions.Match_AnyValue(),
			},
			"MethodSettings": []any{map[string]any{
				"HttpMethod": "*", "ResourcePath": "/*", "MetricsEnabled": true, "LoggingLevel": "ERROR", "DataTraceEnabled": false,
			}},
		})
	})
	// The log group's ARN without the trailing ":*" of its Arn attribute
	// (feature flag apigateway:logGroupDestinationArnWithoutWildcard).
	dest := flat(stage.Props["AccessLogSetting"].(map[string]any)["DestinationArn"])
	if want := "arn:{Ref:AWS::Partition}:logs:{Ref:AWS::Region}:{Ref:AWS::AccountId}:log-group:{Ref:" + logs + "}"; dest != want {
		t.Errorf("access log destination %s, want %s", dest, want)
	}
	format := stage.Props["AccessLogSetting"].(map[string]any)["Format"].(string)
	var fields map[string]string
	if err := json.Unmarshal([]byte(format), &fields); err != nil {
		t.Fatalf("access log format is not JSON: %v", err)
	}
	for _, k := range []string{"requestId", "status", "resourcePath", "integrationLatency", "apiKeyId"} {
		if !strings.HasPrefix(fields[k], "$context.") {
			t.Errorf("access log field %s = %q", k, fields[k])
		}
	}
	check(t, "one stage", func() { s.tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::Stage"), jsii.Number(1)) })
	check(t, "account logging role", func() { s.tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::Account"), jsii.Number(1)) })
}

func TestRestAPI(t *testing.T) {
	s := getDefault(t)
	check(t, "rest api", func() {
		s.tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::RestApi"), map[string]any{
			"ApiKeySourceType":      "AUTHORIZER",
			"EndpointConfiguration": map[string]any{"Types": []any{"REGIONAL"}},
		})
	})
}

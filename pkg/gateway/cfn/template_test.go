package cfn

import (
	"strings"
	"testing"
	"time"

	"apigwdirect/pkg/gateway/apidef"
)

func TestLoadResolvesIntrinsics(t *testing.T) {
	src := `{"Parameters":{"Env":{"Type":"String","Default":"dev"}},
	"Resources":{
	  "Tbl":{"Type":"AWS::DynamoDB::Table","Properties":{"TableName":"items"}},
	  "Fn":{"Type":"AWS::Lambda::Function","Properties":{},"Metadata":{"aws:cdk:path":"S/ItemsFunction/Resource"}},
	  "X":{"Type":"Custom::Thing","Properties":{
	    "Join":{"Fn::Join":["-",["a",{"Ref":"Tbl"},{"Ref":"AWS::Region"}]]},
	    "Arn":{"Fn::GetAtt":["Fn","Arn"]},
	    "Dotted":{"Fn::GetAtt":"Tbl.Arn"},
	    "Sub":{"Fn::Sub":"${Tbl}/${Fn.Arn}/${AWS::AccountId}/${Env}/${!Literal}/${stageVariables.alias}"},
	    "SubVars":{"Fn::Sub":["${A}-${Tbl}",{"A":{"Ref":"Env"}}]},
	    "Select":{"Fn::Select":[1,{"Fn::Split":[",","x,y,z"]}]},
	    "List":[{"Ref":"AWS::Partition"},{"Ref":"AWS::URLSuffix"}]}}}}`
	tpl, err := Load([]byte(src), LoadOptions{Region: "eu-west-1", AccountID: "111122223333", Parameters: map[string]string{}})
	p := propsOf(t, tpl, err, "X")
	want := map[string]string{
		"Join":    "a-items-eu-west-1",
		"Arn":     "arn:aws:lambda:eu-west-1:111122223333:function:Fn",
		"Dotted":  "arn:aws:dynamodb:eu-west-1:111122223333:table/items",
		"Sub":     "items/arn:aws:lambda:eu-west-1:111122223333:function:Fn/111122223333/dev/${Literal}/${stageVariables.alias}",
		"SubVars": "dev-items",
		"Select":  "y",
	}
	wantStrings(t, p, want)
	if l := list(p["List"]); len(l) != 2 || l[0] != "aws" || l[1] != "amazonaws.com" {
		t.Errorf("List = %v", l)
	}
	if got := tpl.ByConstruct("ItemsFunction", "AWS::Lambda::Function"); len(got) != 1 || got[0].LogicalID != "Fn" {
		t.Errorf("ByConstruct(ItemsFunction) = %v", got)
	}
}

// TestUnresolvedValuesSurfaceOnlyWhereUsed: a dangling Ref in a resource
// the API never reads loads fine and is reported by Resource.Err; the
// issue's rule is that a value the API never uses never stops it.
func TestUnresolvedValuesSurfaceOnlyWhereUsed(t *testing.T) {
	tpl, err := Load([]byte(`{"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"X":{"Ref":"Nope"},
	  "Y":{"Fn::Select":[0,{"Fn::Split":[",",{"Fn::GetAtt":["B","NoSuchAttr"]}]}]}}},
	  "B":{"Type":"AWS::SQS::Queue"}}}`), LoadOptions{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	a := tpl.Resources["A"]
	if err := a.Err("X"); err == nil || !strings.Contains(err.Error(), "Nope") || !strings.Contains(err.Error(), "A (AWS::SNS::Topic) property X") {
		t.Fatalf("Err(X) = %v, want one naming the resource, the property and the dangling Ref", err)
	}
	if err := a.Err("Y"); err == nil || !strings.Contains(err.Error(), "NoSuchAttr") {
		t.Fatalf("Err(Y) = %v, want the unknown attribute through Fn::Split and Fn::Select", err)
	}
}

func TestBuildModelFromCDKShapedTemplate(t *testing.T) {
	m := fixture(t, map[string]string{"extra": "1"})
	if m.Stage != "prod" || m.APIKeySource != "AUTHORIZER" {
		t.Fatalf("stage %q, key source %q", m.Stage, m.APIKeySource)
	}
	if got := m.StageVariables; got["tableName"] != "TableCD117FA1" || got["itemsAlias"] != "live" || got["extra"] != "1" {
		t.Fatalf("stage variables = %v", got)
	}
	var routes []string
	for _, meth := range m.Methods() {
		routes = append(routes, meth.HTTPMethod+" "+meth.ResourcePath)
	}
	wantRoutes := "POST /direct/items,GET /direct/items/{id},GET /health,ANY /lambda/files/{proxy+},GET /lambda/items,POST /lambda/items,DELETE /lambda/items/{id},GET /lambda/items/{id}"
	if got := strings.Join(routes, ","); got != wantRoutes {
		t.Fatalf("routes:\n got %s\nwant %s", got, wantRoutes)
	}
	post := methodAt(t, m, "POST", "/direct/items")
	if post.Integration.Type != "AWS" || !strings.HasSuffix(post.Integration.URI, ":dynamodb:action/PutItem") || post.Integration.PassthroughBehavior != "NEVER" {
		t.Fatalf("direct POST integration = %+v", post.Integration)
	}
	if len(post.Integration.Responses) != 3 || post.Integration.Responses[1].SelectionPattern != `4\d{2}` || post.Integration.Responses[1].StatusCode != 400 {
		t.Fatalf("integration responses = %+v", post.Integration.Responses)
	}
	if a := post.Authorizer; a.Type != "REQUEST" || a.Function != "AuthorizerFunction" || a.TTL != 300*time.Second ||
		strings.Join(a.IdentitySources, ",") != "method.request.header.Authorization" {
		t.Fatalf("authorizer = %+v", a)
	}
	if !post.APIKeyRequired || post.Validator == nil || !post.Validator.ValidateRequestBody || post.RequestModels["application/json"] == nil {
		t.Fatalf("POST key/validator/model = %v %+v %v", post.APIKeyRequired, post.Validator, post.RequestModels)
	}
	// OperationName reaches the proxy event's requestContext.operationName
	// (aws-lambda-go's events/testdata/apigw-restapi-openapi-request.json).
	if files := methodAt(t, m, "ANY", "/lambda/files/{proxy+}"); files.OperationName != "ReadFiles" {
		t.Fatalf("operation name %q, want the method's OperationName", files.OperationName)
	}
	lambdaGet := methodAt(t, m, "GET", "/lambda/items")
	if lambdaGet.Integration.Type != "AWS_PROXY" || lambdaGet.Integration.Function != "ItemsFunction" {
		t.Fatalf("lambda GET integration = %+v", lambdaGet.Integration)
	}
	del := methodAt(t, m, "DELETE", "/lambda/items/{id}")
	if del.Authorizer.Type != "COGNITO_USER_POOLS" || strings.Join(del.Authorizer.UserPools, ",") != "UserPool" {
		t.Fatalf("DELETE authorizer = %+v", del.Authorizer)
	}
	if gr := m.GatewayResponses["BAD_REQUEST_BODY"]; gr == nil || gr.StatusCode != 400 {
		t.Fatalf("BAD_REQUEST_BODY gateway response = %+v", gr)
	}
	if len(m.Plans) != 2 {
		t.Fatalf("plans = %d, want 2", len(m.Plans))
	}
	plans := map[string]*apidef.UsagePlan{}
	for _, p := range m.Plans {
		plans[p.Name] = p
	}
	free := plans["FreeTier"]
	if free == nil || free.Rate != 5 || free.Burst != 10 || free.QuotaLimit != 500 || free.QuotaPeriod != "DAY" {
		t.Fatalf("FreeTier = %+v", free)
	}
	if got := m.PlanKeys(); got["FreeTier"] != freeKey || got["BasicUsagePlan"] != basicKey {
		t.Fatalf("plan keys = %v", got)
	}
}

func TestBuildGeneratesKeysAndChecksStage(t *testing.T) {
	tpl, err := LoadFile("../testdata/stack.template.json", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(tpl, BuildOptions{})
	if err != nil {
		t.Fatalf("the only stage should be picked: %v", err)
	}
	keys := m.PlanKeys()
	if len(keys["FreeTier"]) != 40 || keys["FreeTier"] == keys["BasicUsagePlan"] {
		t.Fatalf("generated keys = %v, want two distinct 40-character values", keys)
	}
	if _, err := Build(tpl, BuildOptions{Stage: "dev"}); err == nil || !strings.Contains(err.Error(), "prod") {
		t.Fatalf("unknown stage: err = %v, want one listing prod", err)
	}
}

func TestPlanLimitsOverrideTheTemplate(t *testing.T) {
	tpl, err := LoadFile("../testdata/stack.template.json", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(tpl, BuildOptions{PlanLimits: map[string]apidef.Limits{"FreeTier": {Rate: 1000, Burst: 2000, QuotaLimit: 3, QuotaPeriod: "week"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Plans {
		switch p.Name {
		case "FreeTier":
			if p.Rate != 1000 || p.Burst != 2000 || p.QuotaLimit != 3 || p.QuotaPeriod != "WEEK" {
				t.Fatalf("FreeTier = %+v", p)
			}
		case "BasicUsagePlan":
			if p.Rate != 50 || p.Burst != 100 {
				t.Fatalf("BasicUsagePlan changed: %+v", p)
			}
		}
	}
}

func TestBuildRejectsAnUnbalancedSelectionPattern(t *testing.T) {
	src := `{"Resources":{
 "A":{"Type":"AWS::ApiGateway::RestApi"},
 "S":{"Type":"AWS::ApiGateway::Stage","Properties":{"RestApiId":{"Ref":"A"},"StageName":"p"}},
 "M":{"Type":"AWS::ApiGateway::Method","Properties":{"RestApiId":{"Ref":"A"},"ResourceId":{"Fn::GetAtt":["A","RootResourceId"]},
  "HttpMethod":"GET","Integration":{"Type":"MOCK","IntegrationResponses":[{"StatusCode":"400","SelectionPattern":"4\\d\\d)|(.*"}]}}}}}`
	tpl, err := Load([]byte(src), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(tpl, BuildOptions{}); err == nil || !strings.Contains(err.Error(), "selection pattern") {
		t.Fatalf("Build: %v, want a selection pattern error", err)
	}
}

const (
	freeKey  = "free-key-0123456789abcdefghijklmnopqrstuv"
	basicKey = "basic-key-0123456789abcdefghijklmnopqrstu"
)

// fixture builds the model of the gateway's test template, shaped like
// CDK's output.
func fixture(t *testing.T, stageVars map[string]string) *apidef.Model {
	t.Helper()
	tpl, err := LoadFile("../testdata/stack.template.json", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(tpl, BuildOptions{Stage: "prod", StageVariables: stageVars,
		APIKeyValues: map[string]string{"ApiKeyFreeTier": freeKey, "ApiKeyBasicUsagePlan9A8B7C6D": basicKey}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// methodAt is the model's method for verb on the resource path.
func methodAt(t *testing.T, m *apidef.Model, verb, resource string) *apidef.Method {
	t.Helper()
	for _, meth := range m.Methods() {
		if meth.HTTPMethod == verb && meth.ResourcePath == resource {
			return meth
		}
	}
	t.Fatalf("no %s %s", verb, resource)
	return nil
}

// wantStrings fails for each property of want whose text (str) in props
// differs.
func wantStrings(t *testing.T, props map[string]any, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := str(props[k]); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

// propsOf is the properties of resource id of a template Load returned
// with err, failing the test on err.
func propsOf(t *testing.T, tpl *Template, err error, id string) map[string]any {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return tpl.Resources[id].Properties
}

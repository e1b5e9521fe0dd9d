package cfn

import (
	"strings"
	"testing"
	"time"

	"apigwdirect/pkg/gateway/apidef"
)

// loadFixture loads and builds one of the fixture templates.
func loadFixture(t *testing.T, name string, lo LoadOptions, bo BuildOptions) (*Template, *apidef.Model) {
	t.Helper()
	tpl, err := LoadFile("../testdata/templates/"+name, lo)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(tpl, bo)
	if err != nil {
		t.Fatalf("Build %s: %v", name, err)
	}
	return tpl, m
}

func routes(m *apidef.Model) string {
	var out []string
	for _, meth := range m.Methods() {
		out = append(out, meth.HTTPMethod+" "+meth.ResourcePath)
	}
	return strings.Join(out, ",")
}

// TestYAMLShortFormsAreTheLongForms: each short form of the intrinsic
// function reference
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html)
// resolves as its long form does, and YAML numbers keep their text.
func TestYAMLShortFormsAreTheLongForms(t *testing.T) {
	src := `
Parameters:
  Names: {Type: CommaDelimitedList, Default: "a,b,c"}
Conditions:
  Yes: !Equals [!Select [1, !Ref Names], b]
Resources:
  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}
  X:
    Type: Custom::Thing
    Properties:
      Ref: !Ref Q
      Att: !GetAtt Q.Arn
      AttList: !GetAtt [Q, QueueName]
      Sub: !Sub '${Q.QueueName}@${AWS::Region}'
      Join: !Join ['/', [!Select [0, !Split [',', 'x,y']], !Base64 'hi']]
      If: !If [Yes, on, off]
      Azs: !Select [0, !GetAZs '']
      Account: 123456789012
      Big: 1e3
      Cond: !Condition Yes
      Gone: !If [Yes, !Ref AWS::NoValue, kept]
      Import: !ImportValue shared-vpc
`
	tpl, err := Load([]byte(src), LoadOptions{Region: "eu-west-1", AccountID: "111122223333"})
	p := propsOf(t, tpl, err, "X")
	want := map[string]string{
		"Ref":     "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs",
		"Att":     "arn:aws:sqs:eu-west-1:111122223333:jobs",
		"AttList": "jobs",
		"Sub":     "jobs@eu-west-1",
		"Join":    "x/aGk=",
		"If":      "on",
		"Azs":     "eu-west-1a",
		"Account": "123456789012",
		"Big":     "1e3",
		"Cond":    "true",
	}
	wantStrings(t, p, want)
	if _, ok := p["Gone"]; ok {
		t.Errorf("AWS::NoValue left the property: %v", p["Gone"])
	}
	if err := tpl.Resources["X"].Err("Import"); err == nil || !strings.Contains(err.Error(), "Fn::ImportValue shared-vpc") {
		t.Errorf("Import: err = %v, want one naming Fn::ImportValue and the export", err)
	}
}

// TestConditionsMappingsAndParameters: music.yaml's resources and values
// follow its Parameters, Mappings and Conditions; a resource whose
// Condition is false is not created
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html),
// and AWS::NoValue removes a stage variable
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html).
func TestConditionsMappingsAndParameters(t *testing.T) {
	tpl, m := loadFixture(t, "music.yaml", LoadOptions{}, BuildOptions{})
	if got := tpl.Resources["MusicTable"].Ref; got != "Music-prod" {
		t.Errorf("table = %q, want Music-prod (Fn::Join of Fn::FindInMap)", got)
	}
	if tpl.Resources["DebugMethod"] != nil {
		t.Error("DebugMethod was created although IsDev is false")
	}
	if got := m.StageVariables; len(got) != 2 || got["mode"] != "live" || got["table"] != "Music-prod" {
		t.Errorf("stage variables = %v, want mode live and table Music-prod only", got)
	}
	if got := routes(m); got != "GET /,POST /music,GET /music/{artist},POST /orders" {
		t.Errorf("routes = %s", got)
	}
	if n := number(tpl.Resources["MusicTable"].Properties["ProvisionedThroughput"].(map[string]any)["ReadCapacityUnits"]); n != 5 {
		t.Errorf("capacity = %v, want 5 from the mapping", n)
	}

	tpl, m = loadFixture(t, "music.yaml", LoadOptions{Parameters: map[string]string{"Env": "dev", "StageName": "test"}}, BuildOptions{})
	if tpl.Resources["MusicTable"].Ref != "Music-dev" || m.Stage != "test" {
		t.Errorf("dev: table %q stage %q", tpl.Resources["MusicTable"].Ref, m.Stage)
	}
	if got := m.StageVariables; got["mode"] != "debug" || got["debugOnly"] != "yes" {
		t.Errorf("dev stage variables = %v", got)
	}
	if !strings.Contains(routes(m), "DELETE /") {
		t.Errorf("dev routes lack the conditional DELETE /: %s", routes(m))
	}
}

// TestDeploymentStageNameIsTheStage: a Deployment's StageName creates the
// stage with StageDescription.Variables
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-deployment.html);
// the only stage needs no name, another name is an error listing it.
func TestDeploymentStageNameIsTheStage(t *testing.T) {
	_, m := loadFixture(t, "music.yaml", LoadOptions{}, BuildOptions{})
	if m.Stage != "v1" {
		t.Fatalf("stage = %q, want v1", m.Stage)
	}
	tpl, err := LoadFile("../testdata/templates/music.yaml", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(tpl, BuildOptions{Stage: "prod"}); err == nil || !strings.Contains(err.Error(), "v1") {
		t.Fatalf("err = %v, want one listing v1", err)
	}
	if len(m.Plans) != 1 || m.Plans[0].Name != "music-usage-plan" || len(m.Plans[0].Keys) != 1 || m.Plans[0].Keys[0].Name != "music-apikey" {
		t.Fatalf("plans = %+v", m.Plans)
	}
}

// TestSeveralStagesAreListed: with several stages, Build asks for one and
// lists them; -stage picks one.
func TestSeveralStagesAreListed(t *testing.T) {
	src := `Resources:
  A: {Type: AWS::ApiGateway::RestApi}
  M: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref A, ResourceId: !GetAtt A.RootResourceId, HttpMethod: GET, Integration: {Type: MOCK}}}
  D: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: !Ref A, StageName: beta}}
  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref A, StageName: prod, Variables: {v: p}}}`
	tpl, err := Load([]byte(src), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(tpl, BuildOptions{}); err == nil || !strings.Contains(err.Error(), "beta, prod") {
		t.Fatalf("err = %v, want one listing beta, prod", err)
	}
	m, err := Build(tpl, BuildOptions{Stage: "prod"})
	if err != nil || m.Stage != "prod" || m.StageVariables["v"] != "p" {
		t.Fatalf("prod: %v %+v", err, m)
	}
}

// TestAValueTheAPINeverUsesNeverStopsIt: music.yaml's log group reads an
// attribute SQS queues do not have, through Fn::Split and Fn::Select; the
// API loads, and the value reports its reason when read.
func TestAValueTheAPINeverUsesNeverStopsIt(t *testing.T) {
	tpl, _ := loadFixture(t, "music.yaml", LoadOptions{}, BuildOptions{})
	err := tpl.Resources["OrphanLogGroup"].Err("LogGroupName")
	if err == nil || !strings.Contains(err.Error(), "Queue.NoSuchAttribute") {
		t.Fatalf("err = %v, want the unknown attribute named", err)
	}
}

// TestAnUnsupportedServiceIsMarkedNotFatal: music.yaml's SQS method is
// kept with its reason, next to the DynamoDB and MOCK methods, and its
// integration request parameters are carried
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-method-integration.html,
// RequestParameters).
func TestAnUnsupportedServiceIsMarkedNotFatal(t *testing.T) {
	_, m := loadFixture(t, "music.yaml", LoadOptions{}, BuildOptions{})
	for _, meth := range m.Methods() {
		want := ""
		if meth.ResourcePath == "/orders" {
			want = "AWS integrations with sqs are not supported locally"
		}
		if (want == "") != (meth.Unsupported == "") || !strings.Contains(meth.Unsupported, want) {
			t.Errorf("%s %s: Unsupported = %q, want %q", meth.HTTPMethod, meth.ResourcePath, meth.Unsupported, want)
		}
	}
	orders := methodAt(t, m, "POST", "/orders").Integration
	if orders.Service != "sqs" || orders.RequestParameters["integration.request.header.Content-Type"] != "'application/x-www-form-urlencoded'" {
		t.Errorf("orders integration = %+v", orders)
	}
	query := methodAt(t, m, "GET", "/music/{artist}").Integration
	if query.RequestParameters["integration.request.path.artist"] != "method.request.path.artist" || query.HTTPMethod != "POST" ||
		query.Service != "dynamodb" || !strings.HasSuffix(query.Credentials, ":role/ApiRole") {
		t.Errorf("query integration = %+v", query)
	}
	if !strings.Contains(query.RequestTemplates["application/json"], `"TableName": "Music-prod"`) {
		t.Errorf("query template = %s", query.RequestTemplates["application/json"])
	}
}

// TestMethodValuesThatDoNotResolveMarkTheMethod: an import from another
// stack in one method's integration makes that method unsupported, naming
// Fn::ImportValue; in the RestApi itself it is an error naming it.
func TestMethodValuesThatDoNotResolveMarkTheMethod(t *testing.T) {
	src := `Resources:
  A: {Type: AWS::ApiGateway::RestApi, Properties: {Name: api}}
  Ok: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref A, ResourceId: !GetAtt A.RootResourceId, HttpMethod: GET, Integration: {Type: MOCK}}}
  Bad: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref A, ResourceId: !GetAtt A.RootResourceId, HttpMethod: POST,
        Integration: {Type: HTTP_PROXY, IntegrationHttpMethod: POST, Uri: !ImportValue backend-url}}}
  D: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: !Ref A, StageName: s}}`
	tpl, err := Load([]byte(src), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(tpl, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if u := methodAt(t, m, "POST", "/").Unsupported; !strings.Contains(u, "Fn::ImportValue backend-url") {
		t.Errorf("POST / Unsupported = %q", u)
	}
	if u := methodAt(t, m, "GET", "/").Unsupported; u != "" {
		t.Errorf("GET / Unsupported = %q", u)
	}
	tpl, err = Load([]byte(strings.Replace(src, "Name: api", "Name: !ImportValue api-name", 1)), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(tpl, BuildOptions{}); err == nil || !strings.Contains(err.Error(), "Fn::ImportValue api-name") {
		t.Fatalf("err = %v, want one naming Fn::ImportValue", err)
	}
}

// TestTemplatesItCannotReadAreNamed: an untransformed AWS::Serverless
// resource and a BodyS3Location are errors naming them.
func TestTemplatesItCannotReadAreNamed(t *testing.T) {
	for src, want := range map[string]string{
		`{"Transform":"AWS::Serverless-2016-10-31","Resources":{"Api":{"Type":"AWS::Serverless::Api","Properties":{"StageName":"Prod"}}}}`: "Api (AWS::Serverless::Api)",
		`{"Resources":{"A":{"Type":"AWS::ApiGateway::RestApi","Properties":{"BodyS3Location":{"Bucket":"b","Key":"k"}}},
		  "D":{"Type":"AWS::ApiGateway::Deployment","Properties":{"RestApiId":{"Ref":"A"},"StageName":"s"}}}}`: "BodyS3Location",
	} {
		tpl, err := Load([]byte(src), LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build(tpl, BuildOptions{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want one naming %s", err, want)
		}
	}
}

// TestOpenAPI3Body: openapi3.yaml's Body becomes the resource tree, with
// the extensions of
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html:
// the validator, the model (references inlined), the API key scheme, the
// gateway response and the integrations with their templates' !Sub done.
func TestOpenAPI3Body(t *testing.T) {
	_, m := loadFixture(t, "openapi3.yaml", LoadOptions{}, BuildOptions{})
	if m.Name != "notes" || m.Stage != "live" || m.StageVariables["env"] != "laptop" || m.APIKeySource != "HEADER" {
		t.Fatalf("model = %+v", m)
	}
	if got := routes(m); got != "GET /health,POST /notes,GET /notes/{id}" {
		t.Fatalf("routes = %s", got)
	}
	post := methodAt(t, m, "POST", "/notes")
	if !post.APIKeyRequired || post.Validator == nil || post.Validator.Name != "body-only" || !post.Validator.ValidateRequestBody {
		t.Errorf("POST /notes key %v validator %+v", post.APIKeyRequired, post.Validator)
	}
	note := post.RequestModels["application/json"]
	if note == nil || note.Name != "Note" || !strings.Contains(string(note.Schema), `"minLength":1`) || strings.Contains(string(note.Schema), "$ref") {
		t.Errorf("model = %+v", note)
	}
	if in := post.Integration; in.Type != "AWS" || in.PassthroughBehavior != "WHEN_NO_TEMPLATES" ||
		!strings.Contains(in.RequestTemplates["application/json"], `"TableName": "NotesTable"`) || len(in.Responses) != 1 || in.Responses[0].StatusCode != 200 {
		t.Errorf("POST /notes integration = %+v", in)
	}
	get := methodAt(t, m, "GET", "/notes/{id}")
	if !get.RequestParameters["method.request.path.id"] {
		t.Errorf("GET /notes/{id} parameters = %v", get.RequestParameters)
	}
	if gr := m.GatewayResponses["BAD_REQUEST_BODY"]; gr == nil || gr.StatusCode != 422 {
		t.Errorf("gateway response = %+v", gr)
	}
	if keys := m.PlanKeys(); keys["notes-plan"] != "notes-key-0123456789abcdefghijklmnopqrst" {
		t.Errorf("plan keys = %v", keys)
	}
}

// TestSwagger2Body: swagger2.json's Body with basepath=prepend (the
// import's base-path modes,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html),
// a TOKEN authorizer (x-amazon-apigateway-authorizer,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html),
// a Lambda proxy, x-amazon-apigateway-any-method and an HTTP proxy.
func TestSwagger2Body(t *testing.T) {
	_, m := loadFixture(t, "swagger2.json", LoadOptions{}, BuildOptions{})
	if got := routes(m); got != "GET /v1/pets,POST /v1/pets,ANY /v1/pets/{petId}" {
		t.Fatalf("routes = %s", got)
	}
	if m.Stage != "dev" || m.StageVariables["backend"] != "pets.example.com" {
		t.Fatalf("stage %q %v", m.Stage, m.StageVariables)
	}
	get := methodAt(t, m, "GET", "/v1/pets")
	a := get.Authorizer
	if get.AuthorizationType != "CUSTOM" || a == nil || a.Type != "TOKEN" || a.Function != "AuthFunction" || a.TTL != time.Minute ||
		strings.Join(a.IdentitySources, ",") != "method.request.header.Authorization" || a.IdentityValidationExpression != "^Bearer [-0-9a-zA-Z._]+$" {
		t.Errorf("authorizer = %+v", a)
	}
	if get.Integration.Type != "AWS_PROXY" || get.Integration.Function != "PetsFunction" || get.Unsupported != "" {
		t.Errorf("GET integration = %+v (%s)", get.Integration, get.Unsupported)
	}
	if !get.RequestParameters["method.request.querystring.limit"] || get.Validator == nil || !get.Validator.ValidateRequestParameters {
		t.Errorf("GET parameters %v validator %+v", get.RequestParameters, get.Validator)
	}
	post := methodAt(t, m, "POST", "/v1/pets")
	pet := post.RequestModels["application/json"]
	if pet == nil || pet.Name != "Pet" || !strings.Contains(string(pet.Schema), `"maxLength":10`) {
		t.Errorf("Pet model = %+v", pet)
	}
	rs := post.Integration.Responses
	if len(rs) != 2 || rs[0].SelectionPattern != `5\d{2}` || rs[0].StatusCode != 502 || !rs[0].Pattern.Matches("503") || rs[1].Pattern != nil || rs[1].StatusCode != 201 {
		t.Errorf("responses = %+v %+v", rs[0], rs[len(rs)-1])
	}
	anyM := methodAt(t, m, "ANY", "/v1/pets/{petId}")
	if in := anyM.Integration; in.Type != "HTTP_PROXY" || in.HTTPMethod != "ANY" || in.URI != "https://${stageVariables.backend}/pets/{petId}" ||
		in.RequestParameters["integration.request.path.petId"] != "method.request.path.petId" {
		t.Errorf("ANY integration = %+v", in)
	}
}

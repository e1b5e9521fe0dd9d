package stack

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/mapping"
)

func TestAuthorizationByMethod(t *testing.T) {
	s := getDefault(t)
	fn := s.byPath(t, "AuthorizerFunction/Resource").ID
	token := s.byPath(t, "TokenAuthorizer/Resource")
	key := s.byPath(t, "KeyAuthorizer/Resource")
	cognito := s.byPath(t, "CognitoAuthorizer/Resource")
	pool := s.byPath(t, "UserPool/Resource").ID

	for _, a := range []struct {
		r      resource
		source string
	}{{token, "method.request.header.Authorization"}, {key, "method.request.header.x-api-key"}} {
		p := a.r.Props
		if p["Type"] != "REQUEST" || p["IdentitySource"] != a.source || p["AuthorizerResultTtlInSeconds"] != 300.0 {
			t.Errorf("%s: type %v, identity source %v, ttl %v", a.r.ID, p["Type"], p["IdentitySource"], p["AuthorizerResultTtlInSeconds"])
		}
		if uri := flat(p["AuthorizerUri"]); !strings.HasSuffix(uri, ":lambda:path/2015-03-31/functions/{"+fn+".Arn}/invocations") {
			t.Errorf("%s: URI %s does not invoke the authorizer function", a.r.ID, uri)
		}
	}
	if cognito.Props["Type"] != "COGNITO_USER_POOLS" || !reflect.DeepEqual(cognito.Props["ProviderARNs"], []any{getAtt(pool, "Arn")}) {
		t.Errorf("cognito authorizer %v", cognito.Props)
	}

	for key2, m := range s.methods(t) {
		p := m.Props
		var wantAuth, wantType string
		wantKey := true
		switch m.Verb {
		case "POST", "PUT":
			wantAuth, wantType = token.ID, "CUSTOM"
		case "GET":
			wantAuth, wantType = key.ID, "CUSTOM"
		case "DELETE":
			wantAuth, wantType, wantKey = cognito.ID, "COGNITO_USER_POOLS", false
		}
		if !reflect.DeepEqual(p["AuthorizerId"], ref(wantAuth)) || p["AuthorizationType"] != wantType {
			t.Errorf("%s: authorizer %v (%v), want %s (%s)", key2, p["AuthorizerId"], p["AuthorizationType"], wantAuth, wantType)
		}
		if got, _ := p["ApiKeyRequired"].(bool); got != wantKey {
			t.Errorf("%s: ApiKeyRequired %v, want %v", key2, got, wantKey)
		}
	}
}

// statements returns the statements of the IAM policies attached to the
// role at rolePath, as {actions, resources} pairs.
func statements(t *testing.T, s *synthed, rolePath string) []map[string]any {
	t.Helper()
	role := s.byPath(t, rolePath).ID
	var out []map[string]any
	for _, p := range s.resources("AWS::IAM::Policy") {
		if !slices.ContainsFunc(p.Props["Roles"].([]any), func(r any) bool { return reflect.DeepEqual(r, ref(role)) }) {
			continue
		}
		for _, st := range p.Props["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			out = append(out, st.(map[string]any))
		}
	}
	return out
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// itemActions are the DynamoDB actions the routes of mapping.Integrations()
// call, sorted as the synthesized policies list them. They must all be item
// actions: nothing on the table itself.
func itemActions(t *testing.T) []any {
	t.Helper()
	item := []string{"PutItem", "UpdateItem", "GetItem", "DeleteItem", "Scan", "Query"}
	var out []string
	for _, in := range mapping.Integrations() {
		if !slices.Contains(item, in.Action) {
			t.Fatalf("route %s calls %s, not an item action", in.Route, in.Action)
		}
		if a := "dynamodb:" + in.Action; !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	if len(out) < 4 {
		t.Fatalf("mapping.Integrations() names only %v", out)
	}
	var l []any
	for _, a := range out {
		l = append(l, a)
	}
	return l
}

func TestIAMLeastPrivilege(t *testing.T) {
	s := getDefault(t)
	itemActions := itemActions(t)
	table := getAtt(s.byPath(t, "Table/Resource").ID, "Arn")
	tableStmt := map[string]any{"Effect": "Allow", "Action": itemActions, "Resource": table}
	xray := map[string]any{"Effect": "Allow", "Action": []any{"xray:PutTelemetryRecords", "xray:PutTraceSegments"}, "Resource": "*"}

	if got := statements(t, s, "ApiDynamoRole/Resource"); !reflect.DeepEqual(got, []map[string]any{tableStmt}) {
		t.Errorf("API role statements %v, want only %v", got, tableStmt)
	}
	check(t, "API role trust", func() {
		s.tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{
			"AssumeRolePolicyDocument": map[string]any{"Statement": []any{map[string]any{
				"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": map[string]any{"Service": "apigateway.amazonaws.com"},
			}}},
			"Policies": assertions.Match_Absent(),
		})
	})
	// Each function writes only to its own log group: log streams and
	// events under that group's ARN (its Arn attribute ends in ":*", which
	// covers the group's streams), and no logs:CreateLogGroup, since the
	// stack creates the group. AWSLambdaBasicExecutionRole would allow all
	// three actions on every resource
	// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html);
	// the Lambda guide lists CreateLogStream and PutLogEvents as what
	// uploading logs takes, CreateLogGroup for a group that does not exist
	// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html).
	logsStmt := func(fn string) map[string]any {
		return map[string]any{"Effect": "Allow", "Action": []any{"logs:CreateLogStream", "logs:PutLogEvents"},
			"Resource": getAtt(s.byPath(t, fn+"Logs/Resource").ID, "Arn")}
	}
	for _, fn := range []string{"ItemsFunction", "AuthorizerFunction"} {
		role := s.byPath(t, fn+"Role/Resource")
		if _, ok := role.Props["ManagedPolicyArns"]; ok {
			t.Errorf("%s role has managed policies %v, want none", fn, role.Props["ManagedPolicyArns"])
		}
		if _, ok := role.Props["Policies"]; ok {
			t.Errorf("%s role has inline policies %v, want none", fn, role.Props["Policies"])
		}
		f := s.byPath(t, fn+"/Resource")
		if !reflect.DeepEqual(f.Props["Role"], getAtt(role.ID, "Arn")) {
			t.Errorf("%s runs as %v, want %s", fn, f.Props["Role"], role.ID)
		}
		if lc, _ := f.Props["LoggingConfig"].(map[string]any); !reflect.DeepEqual(lc["LogGroup"], ref(s.byPath(t, fn+"Logs/Resource").ID)) {
			t.Errorf("%s logs to %v, want its own group", fn, lc)
		}
	}
	if got := statements(t, s, "ItemsFunctionRole/Resource"); !reflect.DeepEqual(got, []map[string]any{logsStmt("ItemsFunction"), xray, tableStmt}) {
		t.Errorf("items function statements %v, want its logs, X-Ray and %v", got, tableStmt)
	}

	var keyArns []any
	for _, p := range s.cfg.Plans {
		keyArns = append(keyArns, "arn:{Ref:AWS::Partition}:apigateway:{Ref:AWS::Region}::/apikeys/{Ref:"+s.byPath(t, "ApiKey"+p.Name+"/Resource").ID+"}")
	}
	got := statements(t, s, "AuthorizerFunctionRole/Resource")
	if len(got) != 3 || !reflect.DeepEqual(got[0], logsStmt("AuthorizerFunction")) || !reflect.DeepEqual(got[1], xray) {
		t.Fatalf("authorizer statements %v, want its logs, X-Ray and apigateway:GET", got)
	}
	got = got[1:]
	var res []any
	for _, r := range asList(got[1]["Resource"]) {
		res = append(res, flat(r))
	}
	slices.SortFunc(res, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	slices.SortFunc(keyArns, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	if got[1]["Action"] != "apigateway:GET" || !reflect.DeepEqual(res, keyArns) {
		t.Errorf("authorizer statement %v on %v, want apigateway:GET on %v", got[1]["Action"], res, keyArns)
	}
}

func TestFunctions(t *testing.T) {
	s := getDefault(t)
	items := s.byPath(t, "ItemsFunction/Resource")
	auth := s.byPath(t, "AuthorizerFunction/Resource")
	for _, f := range []resource{items, auth} {
		p := f.Props
		if p["Runtime"] != "provided.al2023" || !reflect.DeepEqual(p["Architectures"], []any{"arm64"}) || p["Handler"] != "bootstrap" {
			t.Errorf("%s: runtime %v, architectures %v, handler %v", f.ID, p["Runtime"], p["Architectures"], p["Handler"])
		}
		if !reflect.DeepEqual(p["TracingConfig"], map[string]any{"Mode": "Active"}) {
			t.Errorf("%s: tracing %v", f.ID, p["TracingConfig"])
		}
	}
	env := func(f resource) map[string]any {
		return f.Props["Environment"].(map[string]any)["Variables"].(map[string]any)
	}
	if got := env(items); !reflect.DeepEqual(got, map[string]any{"TABLE_NAME": ref(s.byPath(t, "Table/Resource").ID)}) {
		t.Errorf("items env %v", got)
	}
	ae := env(auth)
	if !reflect.DeepEqual(ae["USER_POOL_ID"], ref(s.byPath(t, "UserPool/Resource").ID)) ||
		!reflect.DeepEqual(ae["CLIENT_ID"], ref(s.byPath(t, "UserPoolClient/Resource").ID)) || len(ae) != 4 {
		t.Errorf("authorizer env %v", ae)
	}
	var planKeys map[string]string
	if err := json.Unmarshal([]byte(flat(ae["PLAN_KEY_IDS"])), &planKeys); err != nil {
		t.Fatalf("PLAN_KEY_IDS %s: %v", flat(ae["PLAN_KEY_IDS"]), err)
	}
	want := map[string]string{}
	for _, p := range s.cfg.Plans {
		want[p.Name] = "{Ref:" + s.byPath(t, "ApiKey"+p.Name+"/Resource").ID + "}"
	}
	if !reflect.DeepEqual(planKeys, want) {
		t.Errorf("PLAN_KEY_IDS %v, want %v", planKeys, want)
	}
}

// TestPlanOrderFromConfig: the authorizer ranks plans in the configured
// usagePlans order, every plan named, so a user in several plan groups
// writes with the plan listed first rather than the alphabetically first.
func TestPlanOrderFromConfig(t *testing.T) {
	for _, tc := range []struct {
		s    *synthed
		want string
	}{
		{getDefault(t), "FreeTier,BasicUsagePlan"},
		{getVariant(t), "Gold,Silver,Bronze"},
	} {
		f := tc.s.byPath(t, "AuthorizerFunction/Resource")
		env := f.Props["Environment"].(map[string]any)["Variables"].(map[string]any)
		if got := env[authorizer.EnvPlanOrder]; got != tc.want {
			t.Errorf("backend %s: %s = %v, want %q", tc.s.cfg.Backend, authorizer.EnvPlanOrder, got, tc.want)
		}
		// What the function reads from that environment.
		e, err := authorizer.ParseEnv(func(k string) string {
			if v, ok := env[k].(string); ok {
				return v
			}
			return map[string]string{authorizer.EnvRegion: "us-east-1", authorizer.EnvUserPoolID: "us-east-1_x", authorizer.EnvClientID: "c", authorizer.EnvPlanKeyIDs: `{"p":"k"}`}[k]
		})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range tc.s.cfg.Plans {
			names = append(names, p.Name)
		}
		if !reflect.DeepEqual(e.PlanOrder, names) {
			t.Errorf("the authorizer reads plan order %v, want %v", e.PlanOrder, names)
		}
	}
}

// TestItemsAliasAndInvokeRole: every Lambda proxy integration invokes the
// alias the stage variable names, acting as a role that may invoke any alias
// of the items function and nothing else, so repointing itemsAlias needs no
// new permission; no resource-based permission is left to go stale.
func TestItemsAliasAndInvokeRole(t *testing.T) {
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		alias := s.byPath(t, "ItemsAlias/Resource")
		fn := s.byPath(t, "ItemsFunction/Resource").ID
		if alias.Props["Name"] != "live" || !reflect.DeepEqual(alias.Props["FunctionName"], ref(fn)) {
			t.Errorf("alias %v", alias.Props)
		}
		role := s.byPath(t, "ApiInvokeRole/Resource").ID
		want := map[string]any{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "{" + fn + ".Arn}:*"}
		got := statements(t, s, "ApiInvokeRole/Resource")
		if len(got) != 1 || got[0]["Effect"] != want["Effect"] || got[0]["Action"] != want["Action"] || flat(got[0]["Resource"]) != want["Resource"] {
			t.Errorf("backend %s: invoke role statements %v, want only %v", s.cfg.Backend, got, want)
		}
		for _, p := range s.resources("AWS::Lambda::Permission") {
			if name := flat(p.Props["FunctionName"]); strings.Contains(name, fn) || strings.Contains(name, alias.ID) {
				t.Errorf("backend %s: resource-based permission %s on the items function: %v", s.cfg.Backend, p.ID, p.Props)
			}
		}
		proxies := 0
		for key, m := range s.methods(t) {
			integ := m.Props["Integration"].(map[string]any)
			if integ["Type"] != "AWS_PROXY" {
				continue
			}
			proxies++
			if !reflect.DeepEqual(integ["Credentials"], getAtt(role, "Arn")) {
				t.Errorf("backend %s: %s acts as %v, want the invoke role", s.cfg.Backend, key, integ["Credentials"])
			}
		}
		if want := map[Backend]int{BackendDirect: 5, BackendLambda: 10}[s.cfg.Backend]; proxies != want {
			t.Errorf("backend %s: %d Lambda proxy methods, want %d", s.cfg.Backend, proxies, want)
		}
	}
}

func TestUsagePlansAndKeys(t *testing.T) {
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		api := s.byPath(t, "Api/Resource").ID
		stage := s.byPath(t, "Api/DeploymentStage.prod/Resource").ID
		pool := s.byPath(t, "UserPool/Resource").ID
		check(t, "plan count", func() {
			s.tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::UsagePlan"), jsii.Number(float64(len(s.cfg.Plans))))
			s.tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::ApiKey"), jsii.Number(float64(len(s.cfg.Plans))))
			s.tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::UsagePlanKey"), jsii.Number(float64(len(s.cfg.Plans))))
			s.tpl.ResourceCountIs(jsii.String("AWS::Cognito::UserPoolGroup"), jsii.Number(float64(len(s.cfg.Plans))))
		})
		for _, p := range s.cfg.Plans {
			plan := s.byPath(t, "UsagePlan"+p.Name+"/Resource")
			want := map[string]any{
				"UsagePlanName": p.Name,
				"Quota":         map[string]any{"Limit": float64(p.Quota.Limit), "Period": p.Quota.Period},
				"Throttle":      map[string]any{"RateLimit": p.Throttle.RateLimit, "BurstLimit": float64(p.Throttle.BurstLimit)},
			}
			for k, v := range want {
				if !reflect.DeepEqual(plan.Props[k], v) {
					t.Errorf("plan %s: %s = %v, want %v", p.Name, k, plan.Props[k], v)
				}
			}
			stages := plan.Props["ApiStages"].([]any)
			if len(stages) != 1 || !reflect.DeepEqual(stages[0].(map[string]any)["ApiId"], ref(api)) ||
				!reflect.DeepEqual(stages[0].(map[string]any)["Stage"], ref(stage)) {
				t.Errorf("plan %s: stages %v", p.Name, stages)
			}
			key := s.byPath(t, "ApiKey"+p.Name+"/Resource")
			if key.Props["Enabled"] != true {
				t.Errorf("key %s not enabled", p.Name)
			}
			check(t, "usage plan key "+p.Name, func() {
				s.tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::UsagePlanKey"), map[string]any{
					"KeyId": ref(key.ID), "KeyType": "API_KEY", "UsagePlanId": ref(plan.ID),
				})
			})
			check(t, "group "+p.Name, func() {
				s.tpl.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolGroup"), map[string]any{
					"GroupName": "Group-" + p.Name, "UserPoolId": ref(pool),
				})
			})
		}
	}
}

func TestCognito(t *testing.T) {
	s := getDefault(t)
	pool := s.byPath(t, "UserPool/Resource")
	client := s.byPath(t, "UserPoolClient/Resource")
	if !reflect.DeepEqual(client.Props["UserPoolId"], ref(pool.ID)) || client.Props["GenerateSecret"] != false {
		t.Errorf("client %v", client.Props)
	}
	flows, _ := client.Props["ExplicitAuthFlows"].([]any)
	if !slices.Contains(flows, any("ALLOW_USER_PASSWORD_AUTH")) {
		t.Errorf("client auth flows %v lack USER_PASSWORD_AUTH", flows)
	}
	pp := pool.Props["Policies"].(map[string]any)["PasswordPolicy"].(map[string]any)
	if pp["MinimumLength"].(float64) < 8 || pp["RequireSymbols"] != true || pp["RequireNumbers"] != true || pp["RequireUppercase"] != true {
		t.Errorf("password policy %v", pp)
	}
	// No hosted-UI domain: nothing globally named that could collide.
	check(t, "no domain", func() { s.tpl.ResourceCountIs(jsii.String("AWS::Cognito::UserPoolDomain"), jsii.Number(0)) })
	if pool.Props["UserPoolName"] != nil {
		t.Errorf("user pool has a fixed name %v", pool.Props["UserPoolName"])
	}
}

func TestRemovalPolicyFromContext(t *testing.T) {
	for _, tc := range []struct {
		s    *synthed
		want string
	}{{getDefault(t), "Delete"}, {getVariant(t), "Retain"}} {
		for _, path := range []string{"Table/Resource", "UserPool/Resource"} {
			r := tc.s.byPath(t, path)
			if r.Raw["DeletionPolicy"] != tc.want || r.Raw["UpdateReplacePolicy"] != tc.want {
				t.Errorf("retain=%v: %s deletion %v, replace %v, want %s", tc.s.cfg.Retain, path, r.Raw["DeletionPolicy"], r.Raw["UpdateReplacePolicy"], tc.want)
			}
		}
	}
}

func TestTable(t *testing.T) {
	s := getDefault(t)
	check(t, "table", func() {
		s.tpl.HasResourceProperties(jsii.String("AWS::DynamoDB::Table"), map[string]any{
			"KeySchema":                        []any{map[string]any{"AttributeName": "ID", "KeyType": "HASH"}},
			"AttributeDefinitions":             []any{map[string]any{"AttributeName": "ID", "AttributeType": "S"}},
			"BillingMode":                      "PAY_PER_REQUEST",
			"PointInTimeRecoverySpecification": map[string]any{"PointInTimeRecoveryEnabled": true},
			"TableName":                        assertions.Match_Absent(),
		})
	})
}

// TestConstructIDs: the local API finds these by aws:cdk:path.
func TestConstructIDs(t *testing.T) {
	s := getDefault(t)
	for path, typ := range map[string]string{
		"Table/Resource":              "AWS::DynamoDB::Table",
		"Api/Resource":                "AWS::ApiGateway::RestApi",
		"ItemsFunction/Resource":      "AWS::Lambda::Function",
		"AuthorizerFunction/Resource": "AWS::Lambda::Function",
		"UserPool/Resource":           "AWS::Cognito::UserPool",
		"UserPoolClient/Resource":     "AWS::Cognito::UserPoolClient",
	} {
		if r := s.byPath(t, path); r.Type != typ {
			t.Errorf("%s is %s, want %s", path, r.Type, typ)
		}
	}
}

func TestOutputs(t *testing.T) {
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		outs := s.doc["Outputs"].(map[string]any)
		want := map[string]string{
			"TableName":        "{Ref:" + s.byPath(t, "Table/Resource").ID + "}",
			"UserPoolId":       "{Ref:" + s.byPath(t, "UserPool/Resource").ID + "}",
			"UserPoolClientId": "{Ref:" + s.byPath(t, "UserPoolClient/Resource").ID + "}",
			"ApiUrl": "https://{Ref:" + s.byPath(t, "Api/Resource").ID + "}.execute-api.{Ref:AWS::Region}.{Ref:AWS::URLSuffix}/{Ref:" +
				s.byPath(t, "Api/DeploymentStage.prod/Resource").ID + "}/",
		}
		for _, p := range s.cfg.Plans {
			want["ApiKeyId"+p.Name] = "{Ref:" + s.byPath(t, "ApiKey"+p.Name+"/Resource").ID + "}"
		}
		got := map[string]string{}
		for k, v := range outs {
			got[k] = flat(v.(map[string]any)["Value"])
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("outputs\n%v\nwant\n%v", got, want)
		}
	}
}

// TestNagClean: every AwsSolutions finding on the stack is fixed or
// suppressed with a reason. (An error would already fail the synth, see
// TestNagFailsSynth; a warning would not.)
func TestNagClean(t *testing.T) {
	rule := assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))
	for _, s := range []*synthed{getDefault(t), getVariant(t)} {
		ann := assertions.Annotations_FromStack(s.stack)
		// Annotations hands back cxapi.SynthesisMessage, whose fields the
		// bindings mark deprecated; they offer no other type for it.
		for _, m := range *ann.FindError(jsii.String("*"), rule) {
			//lint:ignore SA1019 the only type Annotations returns
			t.Errorf("backend %s: unsuppressed error at %s: %v", s.cfg.Backend, *m.Id, m.Entry.Data)
		}
		for _, m := range *ann.FindWarning(jsii.String("*"), rule) {
			//lint:ignore SA1019 the only type Annotations returns
			t.Errorf("backend %s: unsuppressed warning at %s: %v", s.cfg.Backend, *m.Id, m.Entry.Data)
		}
	}
	// Each suppression carries a reason.
	s := getDefault(t)
	seen := map[string]bool{}
	for _, r := range s.resources("") {
		nag, _ := r.Meta["cdk_nag"].(map[string]any)
		if nag == nil {
			continue
		}
		for _, rule := range nag["rules_to_suppress"].([]any) {
			rm := rule.(map[string]any)
			if reason, _ := rm["reason"].(string); len(reason) < 20 {
				t.Errorf("%s: suppression %v has no real reason", r.ID, rm["id"])
			}
			seen[rm["id"].(string)] = true
		}
	}
	for _, id := range []string{"AwsSolutions-IAM4", "AwsSolutions-IAM5", "AwsSolutions-COG2", "AwsSolutions-COG4", "AwsSolutions-COG8", "AwsSolutions-APIG3"} {
		if !seen[id] {
			t.Errorf("no suppression of %s recorded", id)
		}
	}
}

// TestNagFailsSynth: with cdk.json's flags (core:annotationsInValidationReport
// among them), an unsuppressed cdk-nag error fails the synth itself, so cdk
// synth and deploy stop on it. A topic without SSL-only publishing is one.
func TestNagFailsSynth(t *testing.T) {
	_, err := synth("probe", nil, true)
	if err == nil || !strings.Contains(err.Error(), "Validation failed") {
		t.Fatalf("synth with a non-compliant topic: %v, want a validation failure", err)
	}
	b, rerr := os.ReadFile(filepath.Join(assetRoot, "out-probe", "validation-report.json"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	for _, want := range []string{"AwsSolutions-SNS3", nagProbeID} {
		if !strings.Contains(string(b), want) {
			t.Errorf("validation report does not name %s:\n%s", want, b)
		}
	}
}

package cfn

import (
	"os"
	"testing"
)

// FuzzLoadTemplate feeds arbitrary JSON to the intrinsic resolver (Load)
// and whatever resolves to Build. Neither may panic: a template they
// cannot make sense of is an error.
func FuzzLoadTemplate(f *testing.F) {
	for _, path := range []string{"../../../cdk/snapshot/stack.template.json", "../testdata/stack.template.json"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`{"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"X":{"Ref":"A"}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Ref":["A"]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::GetAtt":"A"}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::GetAtt":["A"]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::GetAtt":[{"Ref":"A"},1]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Join":["-",[{"Ref":"AWS::Region"},"b"]]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Join":"x"}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Select":["-1",["a"]]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Select":[1e300,{"Fn::Split":[",","a,b"]}]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Split":["","abc"]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Sub":["${A.Arn}-${x}-${!y}-${}",{"x":{"Ref":"A"}}]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Sub":"${AWS::AccountId}${stageVariables.t}"}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::Sub":[1,2,3]}}}}}`,
		`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Fn::If":["c","a","b"]}}}}}`,
		`{"Resources":{"A":{"Type":"AWS::Lambda::Alias","Properties":{"FunctionName":{"Ref":"A"},"Name":"live"}}}}`,
		`{"Parameters":{"P":{"Default":[1]}},"Resources":{"A":{"Type":"T","Properties":{"X":{"Ref":"P"}}}}}`,
		`{"Resources":{"A":{"Type":"AWS::ApiGateway::RestApi"},"S":{"Type":"AWS::ApiGateway::Stage","Properties":{"RestApiId":{"Ref":"A"},"StageName":"p"}},"R":{"Type":"AWS::ApiGateway::Resource","Properties":{"RestApiId":{"Ref":"A"},"ParentId":{"Ref":"R"},"PathPart":"x"}}}}`,
		`{"Resources":{"A":{"Type":"AWS::ApiGateway::RestApi"},"S":{"Type":"AWS::ApiGateway::Stage","Properties":{"RestApiId":{"Ref":"A"},"StageName":"p"}},"M":{"Type":"AWS::ApiGateway::Method","Properties":{"RestApiId":{"Ref":"A"},"ResourceId":{"Fn::GetAtt":["A","RootResourceId"]},"HttpMethod":"GET","Integration":{"Type":"MOCK","IntegrationResponses":[{"StatusCode":"200","SelectionPattern":"(a"}]}}}}}`,
		"Conditions:\n  C: !Equals [a, !Ref P]\nParameters:\n  P: {Type: String, Default: a}\nResources:\n  A: {Type: T, Condition: C, Properties: {X: !If [C, !GetAtt B.Arn, !Ref AWS::NoValue]}}\n  B: {Type: AWS::SQS::Queue}",
		"Resources:\n  A: &a {Type: T, Properties: {X: !FindInMap [M, !Ref AWS::Region, k], Y: *a}}",
		`{"Resources":{"A":{"Type":"AWS::ApiGateway::RestApi","Properties":{"Body":{"swagger":"2.0","paths":{"/{p}":{"get":{"x-amazon-apigateway-integration":{"type":"mock","responses":{"(a":{"statusCode":"200"}}}}}}}}},"D":{"Type":"AWS::ApiGateway::Deployment","Properties":{"RestApiId":{"Ref":"A"},"StageName":"s"}}}}`,
		`{"Resources":[]}`,
		`[]`,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tpl, err := Load(src, LoadOptions{})
		if err != nil {
			return
		}
		if tpl == nil || tpl.Resources == nil {
			t.Fatal("Load returned no template and no error")
		}
		m, err := Build(tpl, BuildOptions{})
		if err != nil {
			return
		}
		_ = m.Methods()
		_ = m.PlanKeys()
	})
}

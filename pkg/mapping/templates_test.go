package mapping

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestIntegrationsCoverTheContract(t *testing.T) {
	want := map[Route]struct {
		method, path, action string
		status               int
	}{
		RouteCreate:  {"POST", "/items", "UpdateItem", 201},
		RouteList:    {"GET", "/items", "Scan", 200},
		RouteGet:     {"GET", "/items/{id}", "GetItem", 200},
		RouteReplace: {"PUT", "/items/{id}", "PutItem", 204},
		RouteDelete:  {"DELETE", "/items/{id}", "DeleteItem", 204},
	}
	got := Integrations()
	if len(got) != len(want) {
		t.Fatalf("%d integrations, want %d", len(got), len(want))
	}
	for _, in := range got {
		w, ok := want[in.Route]
		if !ok || in.Method != w.method || in.Path != w.path || in.Action != w.action || in.SuccessStatus != w.status {
			t.Errorf("integration %+v, want %+v", in, w)
		}
		if strings.Contains(in.RequestTemplate, "placeholder") || !strings.Contains(in.RequestTemplate, "$stageVariables.tableName") {
			t.Errorf("%s: request template is not the real one", in.Route)
		}
		defaults := 0
		for _, r := range in.Responses {
			if r.SelectionPattern == "" {
				defaults++
				if r.StatusCode != w.status {
					t.Errorf("%s: default response %d, want %d", in.Route, r.StatusCode, w.status)
				}
			}
			if r.Template == "" {
				t.Errorf("%s: response %q has no template", in.Route, r.SelectionPattern)
			}
			found := false
			for _, s := range StatusCodes {
				found = found || s == r.StatusCode
			}
			if !found {
				t.Errorf("%s: status %d not in StatusCodes", in.Route, r.StatusCode)
			}
		}
		if defaults != 1 {
			t.Errorf("%s: %d default responses, want 1", in.Route, defaults)
		}
	}
}

func TestTemplatesApplyTheGoRules(t *testing.T) {
	for _, in := range Integrations() {
		switch in.Route {
		case RouteList:
			for _, pattern := range []string{LimitPattern, TokenPattern, TokenKeyPattern} {
				if !strings.Contains(in.RequestTemplate, "'"+pattern+"'") {
					t.Errorf("list.request.vtl does not apply %s", pattern)
				}
			}
		case RouteCreate:
			if !strings.Contains(in.RequestTemplate, `"ConditionExpression": "`+CreateCondition+`"`) {
				t.Errorf("create.request.vtl lacks the condition %s", CreateCondition)
			}
			if !strings.Contains(in.RequestTemplate, `"ReturnValues": "`+string(UpdateReturnValues)+`"`) {
				t.Errorf("create.request.vtl does not return %s", UpdateReturnValues)
			}
		case RouteReplace:
			if !strings.Contains(in.RequestTemplate, `"ReturnValues": "`+string(ReplaceReturnValues)+`"`) {
				t.Errorf("replace.request.vtl does not return %s", ReplaceReturnValues)
			}
			if !strings.Contains(in.Responses[0].Template, "responseOverride.status = 201") {
				t.Errorf("replace.response.vtl never answers 201")
			}
		}
	}
}

func TestReplaceSchema(t *testing.T) {
	var rep, item map[string]any
	if err := json.Unmarshal(ReplaceSchema(), &rep); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(Schema(), &item); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep["required"], []any{"FirstName", "Age"}) {
		t.Errorf("replace schema requires %v", rep["required"])
	}
	for _, k := range []string{"$schema", "type", "properties", "additionalProperties"} {
		if !reflect.DeepEqual(rep[k], item[k]) {
			t.Errorf("replace schema's %s differs from the item schema's", k)
		}
	}
}

func TestValidateIsTheRouteModel(t *testing.T) {
	v := MustNewValidator()
	noID := []byte(`{"FirstName":"b","Age":1}`)
	if err := v.Validate(RouteCreate, noID); err == nil {
		t.Error("create model accepted a body without ID")
	}
	if err := v.Validate(RouteReplace, noID); err != nil {
		t.Errorf("replace model refused a body without ID: %v", err)
	}
	if err := v.Validate(RouteReplace, []byte(`{"ID":5,"FirstName":"b","Age":1}`)); err == nil {
		t.Error("replace model accepted a numeric ID")
	}
	if err := v.Validate(RouteGet, []byte(`not json`)); err != nil {
		t.Errorf("get has no model but Validate refused: %v", err)
	}
	// Validate leaves DynamoDB's limits to DynamoDB.
	if err := v.Validate(RouteCreate, []byte(`{"ID":"a","FirstName":"b","Age":1e200}`)); err != nil {
		t.Errorf("Validate checked a DynamoDB limit: %v", err)
	}
}

// TestTemplatesDoNotDependOnIfNull: no recording shows what API Gateway's
// #if makes of a missing value (Velocity 1.7 counts null false, an empty
// string true, and API Gateway renders null as ""), so the templates test
// references that may be missing as text ("$!x.y" == "") or compare them,
// never bare: #if($x.y) and #if(!$x.y) would be a guess about AWS.
func TestTemplatesDoNotDependOnIfNull(t *testing.T) {
	// A property or method chain ($x.y) is what may be missing; a plain
	// variable the template set to a boolean itself is not.
	bare := regexp.MustCompile(`#(?:else)?if\(\s*!?\s*\$[!{]?[A-Za-z][\w-]*\.[\w.-]*\}?\s*\)`)
	for _, in := range Integrations() {
		srcs := map[string]string{in.Path + " request": in.RequestTemplate}
		for i, r := range in.Responses {
			srcs[fmt.Sprintf("%s response %d", in.Path, i)] = r.Template
		}
		for name, src := range srcs {
			for _, m := range bare.FindAllString(src, -1) {
				if !strings.Contains(m, "$foreach.") { // $foreach's properties are never null
					t.Errorf("%s %s tests a reference bare: %s", in.Method, name, m)
				}
			}
		}
	}
}

// TestTemplatesDecodeThePathIDOnce: the {id} routes decode the path
// parameter exactly once, through pathid.vtl, and never read it raw
// elsewhere; create and replace apply idlimit.vtl; no ##include is left in
// a deployed template.
func TestTemplatesDecodeThePathIDOnce(t *testing.T) {
	for _, in := range Integrations() {
		tpl := in.RequestTemplate
		if strings.Contains(tpl, includeLine) {
			t.Errorf("%s: unexpanded include in %q", in.Route, tpl)
		}
		decodes := strings.Count(tpl, "$util.urlDecode(")
		reads := strings.Count(tpl, "$input.params")
		if strings.HasSuffix(in.Path, "{id}") {
			if decodes != 1 || reads != 1 || !strings.Contains(tpl, "#set($rawId = $input.params().path.get('id'))") ||
				!strings.Contains(tpl, "#set($id = $util.urlDecode($rawId))") {
				t.Errorf("%s: %d urlDecode calls and %d parameter reads, want the id decoded once", in.Route, decodes, reads)
			}
		} else if decodes != 0 {
			t.Errorf("%s decodes a path id it has not", in.Route)
		}
		checks := strings.Contains(tpl, "#set($idPath = $util.urlEncode($id)")
		if want := in.Route == RouteCreate || in.Route == RouteReplace; checks != want {
			t.Errorf("%s: applies the ID limit: %v, want %v", in.Route, checks, want)
		}
	}
}

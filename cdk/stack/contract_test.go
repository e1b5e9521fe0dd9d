package stack

import (
	"strings"
	"testing"

	"apigwdirect/pkg/mapping"
)

func TestCheckContractAcceptsMapping(t *testing.T) {
	schema, err := checkContract(mapping.Integrations(), mapping.StatusCodes, mapping.Schema())
	if err != nil {
		t.Fatalf("checkContract(pkg/mapping) = %v", err)
	}
	if schema["type"] != "object" {
		t.Errorf("parsed schema type %v", schema["type"])
	}
}

func TestCheckContractRejects(t *testing.T) {
	good := func() []mapping.Integration { return mapping.Integrations() }
	for _, tc := range []struct {
		name   string
		edit   func([]mapping.Integration) []mapping.Integration
		codes  []int
		schema string
		want   string
	}{
		{"no routes", func([]mapping.Integration) []mapping.Integration { return nil }, nil, "", "no integrations"},
		{"path", func(in []mapping.Integration) []mapping.Integration { in[0].Path = "/things"; return in }, nil, "", `path "/things"`},
		{"method", func(in []mapping.Integration) []mapping.Integration { in[1].Method = "PATCH"; return in }, nil, "", `method "PATCH"`},
		{"template", func(in []mapping.Integration) []mapping.Integration { in[2].RequestTemplate = ""; return in }, nil, "", "request template missing"},
		{"status", nil, []int{200, 400, 500}, "", "has no method response"},
		{"defaults", func(in []mapping.Integration) []mapping.Integration {
			in[0].Responses = append(in[0].Responses, mapping.IntegrationResponse{StatusCode: 200})
			return in
		}, nil, "", "2 default integration responses"},
		{"schema", nil, nil, "{", "schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ins := good()
			if tc.edit != nil {
				ins = tc.edit(ins)
			}
			codes := tc.codes
			if codes == nil {
				codes = mapping.StatusCodes
			}
			schema := mapping.Schema()
			if tc.schema != "" {
				schema = []byte(tc.schema)
			}
			got, err := checkContract(ins, codes, schema)
			if err == nil || !strings.Contains(err.Error(), tc.want) || got != nil {
				t.Errorf("checkContract = %v, %v; want an error containing %q", got, err, tc.want)
			}
		})
	}
}

func TestHelpers(t *testing.T) {
	if got := arnPath("/lambda/items/{id}"); got != "/lambda/items/*" {
		t.Errorf("arnPath = %q", got)
	}
	if got := alnum("/lambda/items/{id}"); got != "lambdaitemsid" {
		t.Errorf("alnum = %q", got)
	}
	got := planKeyIDs([]Plan{{Name: "A"}, {Name: "B2"}}, func(p string) string { return map[string]string{"A": "k1", "B2": "k2"}[p] })
	if got != `{"A":"k1","B2":"k2"}` {
		t.Errorf("planKeyIDs = %s", got)
	}
}

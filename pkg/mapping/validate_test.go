package mapping

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseItemAccepts(t *testing.T) {
	v := MustNewValidator()
	cases := map[string]string{
		"minimal":              `{"ID":"a","FirstName":"b","Age":1}`,
		"empty first name":     `{"ID":"a","FirstName":"","Age":0}`,
		"fraction":             `{"ID":"a","FirstName":"b","Age":-1.5}`,
		"exponent":             `{"ID":"a","FirstName":"b","Age":1E+3}`,
		"extras":               `{"ID":"a","FirstName":"b","Age":1,"City":"Paris","Note":""}`,
		"whitespace":           " \n{ \"ID\" : \"a\" , \"FirstName\":\"b\", \"Age\": 1 }\n\t",
		"1508-character ID":    `{"ID":"` + strings.Repeat("x", 1508) + `","FirstName":"b","Age":1}`,
		"125 four-byte runes":  `{"ID":"` + strings.Repeat("🙂", 125) + `","FirstName":"b","Age":1}`,
		"502 bytes, encoded":   `{"ID":"` + strings.Repeat("é", 251) + `","FirstName":"b","Age":1}`,
		"lowercase id is free": `{"ID":"a","id":"other","FirstName":"b","Age":1}`,
		"smallest number":      `{"ID":"a","FirstName":"b","Age":1e-130}`,
		"largest number":       `{"ID":"a","FirstName":"b","Age":9.9999999999999999999999999999999999999e125}`,
		"zero with exponent":   `{"ID":"a","FirstName":"b","Age":0e999}`,
		"256 properties":       manyProperties(MaxProperties),
		"name of 65535 bytes":  `{"ID":"a","FirstName":"b","Age":1,"` + strings.Repeat("n", MaxNameBytes) + `":"v"}`,
	}
	for name, body := range cases {
		if _, err := v.ParseItem([]byte(body)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestParseItemRejects: the Lambda path refuses what API Gateway's validator
// refuses, with its message (the wording's evidence is in package apimodel's
// tests: API Gateway's captured messages and its Java library's bundle),
// then what DynamoDB would refuse, with this project's messages.
func TestParseItemRejects(t *testing.T) {
	v := MustNewValidator()
	typeNoMatch := func(found, allowed string) string {
		return "[instance type (" + found + ") does not match any allowed primitive type (allowed: " + allowed + ")]"
	}
	cases := []struct{ name, body, want string }{
		{"empty body", ``, "[Unknown error parsing request body]"},
		{"blank body", " \n", "[Unknown error parsing request body]"},
		{"not JSON", `{"ID":`, "[Unknown error parsing request body]"},
		{"trailing data", `{"ID":"a","FirstName":"b","Age":1} {}`, "[Unknown error parsing request body]"},
		{"array", `[{"ID":"a","FirstName":"b","Age":1}]`, typeNoMatch("array", `["object"]`)},
		{"null", `null`, typeNoMatch("null", `["object"]`)},
		{"missing all", `{}`, `[object has missing required properties (["Age","FirstName","ID"])]`},
		{"missing Age", `{"ID":"a","FirstName":"b"}`, `[object has missing required properties (["Age"])]`},
		{"Age as string", `{"ID":"a","FirstName":"b","Age":"1"}`, typeNoMatch("string", `["integer","number"]`)},
		{"Age null", `{"ID":"a","FirstName":"b","Age":null}`, typeNoMatch("null", `["integer","number"]`)},
		{"ID as number", `{"ID":1,"FirstName":"b","Age":1}`, typeNoMatch("integer", `["string"]`)},
		{"empty ID", `{"ID":"","FirstName":"b","Age":1}`, `[string "" is too short (length: 0, required minimum: 1)]`},
		{"ID too long", `{"ID":"` + strings.Repeat("x", 1509) + `","FirstName":"b","Age":1}`,
			`[string "` + strings.Repeat("x", 1509) + `" is too long (length: 1509, maximum allowed: 1508)]`},
		{"ID too long encoded", `{"ID":"` + strings.Repeat("é", 252) + `","FirstName":"b","Age":1}`, "ID is 1512 characters once percent-encoded for a path, above the 1508"},
		{"ID of pluses", `{"ID":"` + strings.Repeat("+", 503) + `","FirstName":"b","Age":1}`, "ID is 1509 characters once percent-encoded"},
		{"ID over key bytes", `{"ID":"` + strings.Repeat("€", 700) + `","FirstName":"b","Age":1}`, "ID is 6300 characters once percent-encoded"},
		{"extra number", `{"ID":"a","FirstName":"b","Age":1,"x":2}`, typeNoMatch("integer", `["string"]`)},
		{"extra object", `{"ID":"a","FirstName":"b","Age":1,"x":{}}`, typeNoMatch("object", `["string"]`)},
		{"extra boolean", `{"ID":"a","FirstName":"b","Age":1,"a/b":true}`, typeNoMatch("boolean", `["string"]`)},
		{"empty property name", `{"ID":"a","FirstName":"b","Age":1,"":"v"}`, "DynamoDB does not allow an empty property name"},
		{"39 digits", `{"ID":"a","FirstName":"b","Age":123456789012345678901234567890123456789}`, "more than 38 significant digits"},
		{"too large", `{"ID":"a","FirstName":"b","Age":1e126}`, "out of the DynamoDB number range"},
		{"too small", `{"ID":"a","FirstName":"b","Age":1e-131}`, "out of the DynamoDB number range"},
		{"huge exponent", `{"ID":"a","FirstName":"b","Age":1e99999999999}`, "out of the DynamoDB number range"},
		{"too big item", `{"ID":"a","FirstName":"` + strings.Repeat("x", MaxItemSize) + `","Age":1}`, "above the 409600-byte DynamoDB item limit"},
		{"missing hides wrong types", `{"ID":2,"Age":"x"}`, `[object has missing required properties (["FirstName"])]`},
		{"several wrong types, by name", `{"ID":2,"FirstName":"b","Age":"x"}`,
			"[instance type (string) does not match any allowed primitive type (allowed: [\"integer\",\"number\"]), " +
				"instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			it, err := v.ParseItem([]byte(tc.body))
			if err == nil {
				t.Fatalf("accepted: %+v", it)
			}
			ie, ok := IsInputError(err)
			if !ok {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if strings.HasPrefix(tc.want, "[") {
				if want := "Invalid request body: " + tc.want; ie.Message != want {
					t.Errorf("message\n got %s\nwant %s", ie.Message, want)
				}
			} else if !strings.HasPrefix(ie.Message, "Invalid request body: ") || !strings.Contains(ie.Message, tc.want) {
				t.Errorf("message %q, want it to contain %q", ie.Message, tc.want)
			}
		})
	}
}

func TestParseReplacement(t *testing.T) {
	v := MustNewValidator()
	it, err := v.ParseReplacement([]byte(`{"FirstName":"b","Age":2}`), "from-path")
	if err != nil || it.ID != "from-path" {
		t.Fatalf("ID omitted: got %+v, %v; want the path's ID", it, err)
	}
	it, err = v.ParseReplacement([]byte(`{"ID":"same","FirstName":"b","Age":2}`), "same")
	if err != nil || it.ID != "same" {
		t.Fatalf("same ID: got %+v, %v", it, err)
	}
	for name, tc := range map[string]struct{ body, id, want string }{
		"different ID":  {`{"ID":"other","FirstName":"b","Age":2}`, "same", "ID must equal the id in the path"},
		"ID null":       {`{"ID":null,"FirstName":"b","Age":2}`, "x", "instance type (null) does not match"},
		"ID number":     {`{"ID":1,"FirstName":"b","Age":2}`, "1", "instance type (integer) does not match"},
		"path too long": {`{"FirstName":"b","Age":2}`, strings.Repeat("/", 503), "ID is 1509 characters once percent-encoded"},
		"bad body":      {`{"FirstName":"b"}`, "x", `missing required properties (["Age"])`},
	} {
		_, err := v.ParseReplacement([]byte(tc.body), tc.id)
		if ie, ok := IsInputError(err); !ok || !strings.Contains(ie.Message, tc.want) {
			t.Errorf("%s: got %v, want an input error containing %q", name, err, tc.want)
		}
	}
}

func TestSchemaIsDraft04WithTheContract(t *testing.T) {
	s := string(Schema())
	for _, want := range []string{`"http://json-schema.org/draft-04/schema#"`, `"required": ["ID", "FirstName", "Age"]`} {
		if !strings.Contains(s, want) {
			t.Errorf("schema lacks %s", want)
		}
	}
	b := Schema()
	b[0] = 'X'
	if Schema()[0] == 'X' {
		t.Error("Schema returns the embedded bytes themselves; callers could change them")
	}
}

// manyProperties is a create body with n properties: ID, FirstName, Age and
// n-3 extras.
func manyProperties(n int) string {
	var sb strings.Builder
	sb.WriteString(`{"ID":"a","FirstName":"b","Age":1`)
	for i := 0; i < n-3; i++ {
		fmt.Fprintf(&sb, `,"p%d":"v"`, i)
	}
	return sb.String() + "}"
}

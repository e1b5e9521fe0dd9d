package apimodel

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// differentialSchemas use no "integer" type: there the Java library and a
// plain draft-4 validator disagree on purpose (1.0 is a number, not an
// integer, to the Java library).
var differentialSchemas = []string{
	itemModel,
	`{"type":"object","properties":{"a":{"enum":[1,"x",null]},"b":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true}},"additionalProperties":false,"minProperties":1}`,
	`{"anyOf":[{"type":"string","pattern":"^[a-z]{2,}$"},{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":10}],"not":{"enum":["zz"]}}`,
	`{"type":["object","null"],"patternProperties":{"^n":{"type":"number"}},"additionalProperties":{"type":"boolean"},"oneOf":[{"required":["n1"]},{"maxProperties":0}]}`,
}

// FuzzAgreesWithDraft4Library checks that this validator accepts exactly
// what an independent draft-4 validator accepts, for every body that
// decodes, so that the Java library's wording never comes with a different
// verdict.
func FuzzAgreesWithDraft4Library(f *testing.F) {
	for _, seed := range []string{
		`{"Name":"a","Code":"ab","Weight":1}`, `{"Name":"a","Code":"abcde","Weight":1}`, `{}`, `null`, `[]`,
		`{"Name":"a","Code":"🙂🙂🙂🙂","Weight":-0.5e3,"x":"y"}`, `{"Name":"a","Code":"ab","Weight":1,"x":2}`,
		`{"a":1,"b":["x"]}`, `{"a":1.0,"b":["x","x"]}`, `{"b":[]}`, `{"c":1}`, `"ab"`, `"zz"`, `"a"`, `0`, `10`, `10.0001`, `1e-9`,
		`{"n1":1,"q":true}`, `{"n1":"x"}`, `{"q":1}`, `{"Name":"\u0000","Code":"\"\\","Weight":1E+2}`,
	} {
		f.Add(seed)
	}
	type pair struct {
		ours   *Model
		theirs *jsonschema.Schema
	}
	var pairs []pair
	for i, src := range differentialSchemas {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(src)))
		if err != nil {
			f.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft4)
		loc := "mem:///" + string(rune('a'+i))
		if err := c.AddResource(loc, doc); err != nil {
			f.Fatal(err)
		}
		theirs, err := c.Compile(loc)
		if err != nil {
			f.Fatal(err)
		}
		ours, err := Compile("differential", []byte(src))
		if err != nil {
			f.Fatal(err)
		}
		pairs = append(pairs, pair{ours, theirs})
	}
	f.Fuzz(func(t *testing.T, body string) {
		doc, err := Decode([]byte(body))
		if err != nil {
			return
		}
		for i, p := range pairs {
			ourErr := p.ours.Validate(doc)
			theirErr := p.theirs.Validate(doc)
			if (ourErr == nil) != (theirErr == nil) {
				t.Fatalf("schema %d, body %q: ours %v, theirs %v", i, body, ourErr, theirErr)
			}
		}
	})
}

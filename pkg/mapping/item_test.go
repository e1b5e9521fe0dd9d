package mapping

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// decodeJSON decodes one JSON value keeping numbers' text.
func decodeJSON(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %q: %v", b, err)
	}
	return v
}

// roundTrip takes a request body through the whole Go mapping: parse and
// validate, to DynamoDB attribute values, back to an Item, and to JSON.
func roundTrip(t testing.TB, v *Validator, body []byte) (map[string]types.AttributeValue, []byte) {
	t.Helper()
	it, err := v.ParseItem(body)
	if err != nil {
		t.Fatalf("ParseItem(%.200q): %v", body, err)
	}
	av, err := it.AttributeValues()
	if err != nil {
		t.Fatalf("AttributeValues: %v", err)
	}
	back, err := ItemFromAttributeValues(av)
	if err != nil {
		t.Fatalf("ItemFromAttributeValues: %v", err)
	}
	out, err := back.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	return av, out
}

func TestRoundTripPreservesEveryValue(t *testing.T) {
	v := MustNewValidator()
	long := strings.Repeat("abcdefghij€", 20000) // 260 KB
	cases := []struct {
		name  string
		extra map[string]string
		first string
		id    string
		age   string
	}{
		{name: "plain", id: "1", first: "Ada", age: "36"},
		{name: "unicode", id: "ユーザー-🙂", first: "Zoë Ñandú 中文 𝄞", age: "7"},
		{name: "quotes", id: `a"b'c`, first: `"quoted" and 'single'`, age: "1"},
		{name: "backslashes", id: `C:\path\`, first: `\\"\u0041\`, age: "2"},
		{name: "newlines and controls", id: "line\nbreak", first: "tab\tcr\r\x00\x1f\b\f", age: "3"},
		{name: "html and separators", id: "<script>&amp;</script>", first: "\u2028\u2029/", age: "4"},
		{name: "very long string", id: "long", first: long, age: "5"},
		{name: "age zero", id: "z", first: "", age: "0"},
		{name: "age negative fraction", id: "n", first: "x", age: "-1.5"},
		{name: "age exponent", id: "e", first: "x", age: "1e3"},
		{name: "age upper exponent", id: "E", first: "x", age: "-2.50E-7"},
		{name: "age beyond int64", id: "big", first: "x", age: "12345678901234567890"},
		{name: "age 38 digits", id: "38", first: "x", age: "0.12345678901234567890123456789012345678"},
		{name: "extras", id: "x", first: "y", age: "9", extra: map[string]string{
			"zeta": "last", "alpha": "first", "Ünïcode key": "ü", "with \"quote\"": "v\\", "empty": "",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := map[string]any{"ID": tc.id, "FirstName": tc.first, "Age": json.Number(tc.age)}
			for k, val := range tc.extra {
				doc[k] = val
			}
			body, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			av, out := roundTrip(t, v, body)

			if got := decodeJSON(t, out); !reflect.DeepEqual(got, decodeJSON(t, body)) {
				t.Errorf("round trip changed the item:\n in  %.300s\n out %.300s", body, out)
			}
			n, ok := av["Age"].(*types.AttributeValueMemberN)
			if !ok || n.Value != tc.age {
				t.Errorf("Age attribute = %#v, want N %q", av["Age"], tc.age)
			}
			for k := range doc {
				if k == "Age" {
					continue
				}
				if _, ok := av[k].(*types.AttributeValueMemberS); !ok {
					t.Errorf("attribute %q = %T, want S", k, av[k])
				}
			}
			if !strings.Contains(string(out), `"Age":`+tc.age) {
				t.Errorf("Age is not rendered as the JSON number %s: %.200s", tc.age, out)
			}
		})
	}
}

func TestMarshalJSONOrderAndEscaping(t *testing.T) {
	it := Item{
		ID: "b\"1", FirstName: "x\ny", Age: "-1.5",
		Extra: map[string]string{"b": "2", "a": "</>&", "B": "\u2028", "ctl": "\x01"},
	}
	got, err := it.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ID":"b\"1","FirstName":"x\ny","Age":-1.5,"B":"` + "\u2028" + `","a":"</>&","b":"2","ctl":"\u0001"}`
	if string(got) != want {
		t.Errorf("MarshalJSON:\n got %s\nwant %s", got, want)
	}
}

func TestMarshalJSONRejectsNonNumberAge(t *testing.T) {
	for _, age := range []string{"", "abc", "1.", ".5", "+1", "0x10", "NaN", "1e"} {
		if _, err := (Item{ID: "a", Age: json.Number(age)}).MarshalJSON(); err == nil {
			t.Errorf("Age %q: want an error, got none", age)
		}
	}
}

func TestItemFromAttributeValuesRejectsForeignItems(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	cases := map[string]map[string]types.AttributeValue{
		"missing Age":     {"ID": s("a"), "FirstName": s("b")},
		"missing ID":      {"FirstName": s("b"), "Age": n("1")},
		"Age as S":        {"ID": s("a"), "FirstName": s("b"), "Age": s("1")},
		"FirstName as N":  {"ID": s("a"), "FirstName": n("1"), "Age": n("1")},
		"extra as N":      {"ID": s("a"), "FirstName": s("b"), "Age": n("1"), "x": n("2")},
		"extra as BOOL":   {"ID": s("a"), "FirstName": s("b"), "Age": n("1"), "x": &types.AttributeValueMemberBOOL{Value: true}},
		"Age not JSON":    {"ID": s("a"), "FirstName": s("b"), "Age": n("+1")},
		"ID as N":         {"ID": n("1"), "FirstName": s("b"), "Age": n("1")},
		"missing FirstNm": {"ID": s("a"), "Age": n("1")},
	}
	for name, av := range cases {
		if it, err := ItemFromAttributeValues(av); err == nil {
			t.Errorf("%s: want an error, got %+v", name, it)
		}
	}
}

func TestKey(t *testing.T) {
	k := Key("a\"b")
	if s, ok := k["ID"].(*types.AttributeValueMemberS); !ok || s.Value != "a\"b" || len(k) != 1 {
		t.Errorf("Key = %#v", k)
	}
}

// TestAttributeValuesAsTheSDKMarshals: the hand-built DynamoDB item is what
// the SDK's attributevalue package makes of the same document (strings as S,
// Age as N with its exact text), and reads back the same way.
func TestAttributeValuesAsTheSDKMarshals(t *testing.T) {
	for _, it := range []Item{
		{ID: "a", FirstName: "", Age: "0"},
		{ID: "é \"q\"", FirstName: "Ada", Age: "-1.5e+3", Extra: map[string]string{"City": "", "x\u2028": "v"}},
	} {
		doc := map[string]any{"ID": it.ID, "FirstName": it.FirstName, "Age": attributevalue.Number(it.Age)}
		for k, v := range it.Extra {
			doc[k] = v
		}
		want, err := attributevalue.MarshalMap(doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := it.AttributeValues()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: got %#v, want %#v", it, got, want)
		}
		back, err := ItemFromAttributeValues(want)
		if err != nil || !reflect.DeepEqual(back, it) {
			t.Errorf("read back %+v (%v), want %+v", back, err, it)
		}
	}
}

package mapping

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzRoundTrip holds that every body the contract accepts goes JSON -> Item
// -> DynamoDB attribute values -> Item -> JSON with every value unchanged
// (Age keeps its exact text), and that the output is valid JSON.
func FuzzRoundTrip(f *testing.F) {
	for _, seed := range []string{
		`{"ID":"a","FirstName":"b","Age":1}`,
		`{"ID":"ü\"\\\n","FirstName":"\u0000\u2028</>","Age":-1.5,"x":"y","":"z"}`,
		`{"ID":"e","FirstName":"","Age":1e3,"Note":"\ud83d\ude42"}`,
		`{"ID":"big","FirstName":"x","Age":12345678901234567890}`,
		`{"ID":"0","FirstName":"x","Age":0,"ID2":"a","id":"b"}`,
		`{"ID":"dup","ID":"dup2","FirstName":"x","Age":-0.0e-5}`,
		`{"ID":"bad","FirstName":"x","Age":"1"}`,
		`[]`,
	} {
		f.Add([]byte(seed))
	}
	v := MustNewValidator()
	f.Fuzz(func(t *testing.T, body []byte) {
		it, err := v.ParseItem(body)
		if err != nil {
			if _, ok := IsInputError(err); !ok {
				t.Fatalf("ParseItem(%q): non-input error %v", body, err)
			}
			return
		}
		av, err := it.AttributeValues()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ItemFromAttributeValues(av)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, it) {
			t.Fatalf("item changed through DynamoDB: %#v -> %#v", it, back)
		}
		out, err := back.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON out: %q", out)
		}
		// Compare with the input as Go's decoder reads it (last duplicate
		// key wins, invalid UTF-8 becomes U+FFFD).
		if got, want := decodeJSON(t, out), decodeJSON(t, bytes.TrimSpace(body)); !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip changed a value:\n in  %q\n out %q", body, out)
		}
	})
}

// FuzzToken holds that any ID survives EncodeToken/DecodeToken and that
// DecodeToken never fails with anything but an input error.
func FuzzToken(f *testing.F) {
	f.Add("a", "")
	f.Add("\"\\\n\u2028🙂", "eyJJRCI6eyJTIjoiYSJ9fQ==")
	f.Add("x", base64.StdEncoding.EncodeToString([]byte(`{"ID":{"S":"a"},"Limit":5}`)))
	f.Fuzz(func(t *testing.T, id, tok string) {
		if key, err := DecodeToken(tok); err != nil {
			if _, ok := IsInputError(err); !ok {
				t.Fatalf("DecodeToken(%q): non-input error %v", tok, err)
			}
		} else if tok != "" && len(key) != 1 {
			t.Fatalf("DecodeToken(%q) = %v", tok, key)
		}
		if id == "" || !utf8.ValidString(id) {
			return
		}
		enc, err := EncodeToken(Key(id))
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeToken(enc)
		if err != nil || !reflect.DeepEqual(back, Key(id)) {
			t.Fatalf("token of %q did not round-trip: %v %v", id, back, err)
		}
	})
}

package mapping

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestEncodeTokenIsBase64OfCompactDynamoJSON(t *testing.T) {
	cases := map[string]string{
		"a":             `{"ID":{"S":"a"}}`,
		`q"uote\`:       `{"ID":{"S":"q\"uote\\"}}`,
		"new\nline\x01": `{"ID":{"S":"new\nline\u0001"}}`,
		"ünï 🙂 </> & '": `{"ID":{"S":"ünï 🙂 </> & '"}}`,
	}
	for id, wantJSON := range cases {
		tok, err := EncodeToken(Key(id))
		if err != nil {
			t.Fatal(err)
		}
		if want := base64.StdEncoding.EncodeToString([]byte(wantJSON)); tok != want {
			t.Errorf("EncodeToken(%q) = %s (%s), want base64 of %s", id, tok, mustDecode(t, tok), wantJSON)
		}
		back, err := DecodeToken(tok)
		if err != nil || !reflect.DeepEqual(back, Key(id)) {
			t.Errorf("DecodeToken(EncodeToken(%q)) = %#v, %v", id, back, err)
		}
	}
}

func TestEncodeTokenSortsAndKeepsNumbers(t *testing.T) {
	tok, err := EncodeToken(map[string]types.AttributeValue{
		"b": &types.AttributeValueMemberN{Value: "1.5"},
		"a": &types.AttributeValueMemberS{Value: "x"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mustDecode(t, tok), `{"a":{"S":"x"},"b":{"N":"1.5"}}`; got != want {
		t.Errorf("token JSON = %s, want %s", got, want)
	}
	if tok, err := EncodeToken(nil); tok != "" || err != nil {
		t.Errorf("EncodeToken(nil) = %q, %v; want the empty token", tok, err)
	}
	if _, err := EncodeToken(map[string]types.AttributeValue{"ID": &types.AttributeValueMemberBOOL{}}); err == nil {
		t.Error("EncodeToken accepted a BOOL key")
	}
}

func TestDecodeTokenRejects(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	cases := map[string]string{
		"not base64":       "!!!",
		"unpadded":         base64.RawStdEncoding.EncodeToString([]byte(`{"ID":{"S":"a"}}`)),
		"url alphabet":     base64.URLEncoding.EncodeToString([]byte(`{"ID":{"S":"a?>"}}`)),
		"not JSON":         b64("ID=a"),
		"array":            b64(`[{"ID":{"S":"a"}}]`),
		"other key":        b64(`{"Name":{"S":"a"}}`),
		"extra key":        b64(`{"ID":{"S":"a"},"X":{"S":"b"}}`),
		"number ID":        b64(`{"ID":{"N":"1"}}`),
		"S not string":     b64(`{"ID":{"S":1}}`),
		"two types":        b64(`{"ID":{"S":"a","N":"1"}}`),
		"empty ID":         b64(`{"ID":{"S":""}}`),
		"trailing":         b64(`{"ID":{"S":"a"}}{}`),
		"null":             b64(`null`),
		"injection string": b64(`{"ID":{"S":"a"}},"Limit":1000`),
	}
	for name, tok := range cases {
		key, err := DecodeToken(tok)
		if err == nil {
			t.Errorf("%s: DecodeToken(%q) = %#v, want an error", name, tok, key)
			continue
		}
		if ie, ok := IsInputError(err); !ok || ie.Message != "invalid next token" {
			t.Errorf("%s: error %v, want the input error \"invalid next token\"", name, err)
		}
	}
	if key, err := DecodeToken(""); key != nil || err != nil {
		t.Errorf(`DecodeToken("") = %v, %v; want the first page`, key, err)
	}
}

func TestAppendJSONStringIsValidJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "\x00\x07\x1f\x7f", `"\/`, "\u2028\u2029", "é🙂", "\xff\xfe"} {
		enc := AppendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Errorf("AppendJSONString(%q) = %s: invalid JSON: %v", s, enc, err)
			continue
		}
		// Valid UTF-8 round-trips; invalid bytes become U+FFFD, as encoding/json does.
		want, _ := json.Marshal(s)
		var std string
		_ = json.Unmarshal(want, &std)
		if back != std {
			t.Errorf("AppendJSONString(%q) decodes to %q, want %q", s, back, std)
		}
	}
}

func mustDecode(t *testing.T, tok string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		t.Fatalf("token %q is not standard base64: %v", tok, err)
	}
	return string(b)
}

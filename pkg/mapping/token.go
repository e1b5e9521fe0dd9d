package mapping

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// EncodeToken turns DynamoDB's LastEvaluatedKey into the list route's next
// token: standard padded base64 of the key's compact DynamoDB JSON, attribute
// names sorted, strings written by AppendJSONString, for example
// {"ID":{"S":"a"}} -> eyJJRCI6eyJTIjoiYSJ9fQ==. An empty key (the last page)
// gives "". Only S and N key attributes exist in this table's keys. The
// token holds '+', '/' and '=': clients must percent-encode it in a URL.
func EncodeToken(key map[string]types.AttributeValue) (string, error) {
	if len(key) == 0 {
		return "", nil
	}
	names := make([]string, 0, len(key))
	for k := range key {
		names = append(names, k)
	}
	sort.Strings(names)
	buf := []byte{'{'}
	for i, k := range names {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = AppendJSONString(buf, k)
		switch v := key[k].(type) {
		case *types.AttributeValueMemberS:
			buf = append(buf, `:{"S":`...)
			buf = AppendJSONString(buf, v.Value)
		case *types.AttributeValueMemberN:
			buf = append(buf, `:{"N":`...)
			buf = AppendJSONString(buf, v.Value)
		default:
			return "", fmt.Errorf("mapping: encode token: key attribute %q has unsupported type %T", k, v)
		}
		buf = append(buf, '}')
	}
	buf = append(buf, '}')
	return base64.StdEncoding.EncodeToString(buf), nil
}

// The shapes DecodeToken accepts, as Java-compatible regular expressions
// that must match the whole text; list.request.vtl applies the same ones.
const (
	// TokenPattern: padded standard base64.
	TokenPattern = `([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?`
	// TokenKeyPattern: the decoded key, compact, its string valid JSON
	// (no raw control character, \u escapes only below U+0100).
	TokenKeyPattern = `\{"ID":\{"S":"([^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u00[0-9a-fA-F]{2})+"\}\}`
)

var (
	// The patterns compile on first use, so the items function's cold
	// start does not pay for them.
	tokenRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:` + TokenPattern + `)$`) })
	tokenKeyRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:` + TokenKeyPattern + `)$`) })
)

// DecodeToken turns a next token back into an ExclusiveStartKey. "" gives a
// nil key (the first page). A token must match TokenPattern and decode to
// valid UTF-8 matching TokenKeyPattern, i.e. {"ID":{"S":"<non-empty>"}};
// anything else is an *InputError "invalid next token". (The template
// cannot test UTF-8 validity: a forged token of invalid UTF-8 is the one
// input the two paths treat differently.)
func DecodeToken(tok string) (map[string]types.AttributeValue, error) {
	if tok == "" {
		return nil, nil
	}
	bad := func(cause error) error { return inputErr("invalid next token", cause) }
	if !tokenRE().MatchString(tok) {
		return nil, bad(nil)
	}
	raw, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		return nil, bad(err)
	}
	if !utf8.Valid(raw) || !tokenKeyRE().Match(raw) {
		return nil, bad(nil)
	}
	var key struct {
		ID struct{ S string }
	}
	if err := json.Unmarshal(raw, &key); err != nil {
		return nil, bad(err)
	}
	return Key(key.ID.S), nil
}

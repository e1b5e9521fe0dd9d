package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
)

// canonical rewrites a decoded JSON value so that numbers compare by value:
// 1e3 and 1000 are the same number, as DynamoDB stores them.
func canonical(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = canonical(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonical(e)
		}
		return out
	case json.Number:
		r, ok := new(big.Rat).SetString(string(x))
		if !ok {
			return "bad number " + string(x)
		}
		return "number:" + r.RatString()
	default:
		return v
	}
}

// sameJSON reports whether two decoded JSON values are equal, numbers by value.
func sameJSON(a, b any) bool { return reflect.DeepEqual(canonical(a), canonical(b)) }

// itemJSON builds an item body. Age is written as given, so "1e3" stays 1e3.
func itemJSON(id, first, age string, extra map[string]string) []byte {
	m := map[string]any{"ID": id, "FirstName": first, "Age": json.Number(age)}
	for k, v := range extra {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("e2e: marshal item: %v", err))
	}
	return b
}

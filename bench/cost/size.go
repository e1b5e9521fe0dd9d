package cost

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ItemBytes returns the size of an item as DynamoDB counts it for request
// units: for each attribute, the UTF-8 length of its name plus the size of
// its value. A string value counts its UTF-8 bytes; a number counts one byte
// per two significant digits plus one. Values may be string, json.Number,
// float64 or int (what decoding the API's JSON yields); other types are an
// error, since the API stores only strings and numbers.
func ItemBytes(item map[string]any) (int, error) {
	total := 0
	for name, v := range item {
		total += len(name)
		switch x := v.(type) {
		case string:
			total += len(x)
		case json.Number:
			total += numberBytes(string(x))
		case float64:
			total += numberBytes(fmt.Sprint(x))
		case int:
			total += numberBytes(fmt.Sprint(x))
		default:
			return 0, fmt.Errorf("cost: attribute %q: unsupported value type %T", name, v)
		}
	}
	return total, nil
}

// numberBytes is the size of a DynamoDB number written as s: leading and
// trailing zeros do not count, then one byte per two significant digits,
// rounded up, plus one.
func numberBytes(s string) int {
	mantissa := strings.TrimLeft(s, "+-")
	if i := strings.IndexAny(mantissa, "eE"); i >= 0 {
		mantissa = mantissa[:i]
	}
	digits := strings.Trim(strings.Replace(mantissa, ".", "", 1), "0")
	n := utf8.RuneCountInString(digits)
	return (n+1)/2 + 1
}

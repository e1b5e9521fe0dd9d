package ddblimits

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// attrValue is a DynamoDB attribute value in the wire format,
// {"S": "..."}, {"N": "..."}, {"M": {...}}, ...
type attrValue map[string]json.RawMessage

// itemSize is the item's size by the developer guide's rules
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
// each attribute's name in UTF-8 bytes plus its value's size. ok is false
// when a value cannot be read; the caller then leaves the request to the
// server.
func itemSize(item map[string]attrValue) (n int, ok bool) {
	for name, v := range item {
		s, ok := valueSize(v)
		if !ok {
			return 0, false
		}
		n += len(name) + s
	}
	return n, true
}

// valueSize is the size of one value: a string its UTF-8 bytes, a number
// one byte per two significant digits plus one, binary its decoded bytes,
// a boolean or null one byte, a set the sum of its elements, a list or map
// three bytes plus one per element plus the elements (and a map's names).
// The guide calls the number's share approximate; this is its lower end.
func valueSize(v attrValue) (int, bool) {
	if len(v) != 1 {
		return 0, false
	}
	for typ, raw := range v {
		switch typ {
		case "S":
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return 0, false
			}
			return len(s), true
		case "N":
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return 0, false
			}
			return numberSize(s), true
		case "B":
			return binarySize(raw)
		case "BOOL", "NULL":
			return 1, true
		case "SS", "NS", "BS":
			var elems []json.RawMessage
			if json.Unmarshal(raw, &elems) != nil {
				return 0, false
			}
			n := 0
			for _, e := range elems {
				s, ok := valueSize(attrValue{typ[:1]: e})
				if !ok {
					return 0, false
				}
				n += s
			}
			return n, true
		case "L":
			var elems []attrValue
			if json.Unmarshal(raw, &elems) != nil {
				return 0, false
			}
			n := 3
			for _, e := range elems {
				s, ok := valueSize(e)
				if !ok {
					return 0, false
				}
				n += 1 + s
			}
			return n, true
		case "M":
			var m map[string]attrValue
			if json.Unmarshal(raw, &m) != nil {
				return 0, false
			}
			s, ok := itemSize(m)
			return 3 + len(m) + s, ok
		}
	}
	return 0, false
}

// keyBytes is the size of a key value: a string's UTF-8 bytes or a binary's
// decoded bytes; numbers are never too long. ok is false for anything else.
func keyBytes(v attrValue) (int, bool) {
	if raw, isS := v["S"]; isS {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		return len(s), true
	}
	if raw, isB := v["B"]; isB {
		return binarySize(raw)
	}
	return 0, false
}

func binarySize(raw json.RawMessage) (int, bool) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return 0, false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	return len(b), true
}

// numberSize is ceil(significant digits / 2) + 1.
func numberSize(s string) int {
	s = strings.TrimPrefix(s, "-")
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	digits := strings.Trim(strings.Replace(s, ".", "", 1), "0")
	return (len(digits)+1)/2 + 1
}

package ddblimits

import (
	"encoding/json"
	"testing"
)

// TestItemSize follows the developer guide's sizes: its example item of two
// attributes, "shirt-color" = "R" and "shirt-size" = "M", is 23 bytes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html,
// "Items"); numbers take one byte per two significant digits plus one;
// binary counts its decoded bytes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
func TestItemSize(t *testing.T) {
	for _, tc := range []struct {
		item string
		want int
	}{
		{`{"shirt-color":{"S":"R"},"shirt-size":{"S":"M"}}`, 23},
		{`{"é":{"S":"€"}}`, 2 + 3},
		{`{"n":{"N":"12345"}}`, 1 + 4},
		{`{"n":{"N":"-0.001200"}}`, 1 + 2},
		{`{"n":{"N":"1E+5"}}`, 1 + 2},
		{`{"b":{"B":"AAEC"}}`, 1 + 3},
		{`{"t":{"BOOL":true},"z":{"NULL":true}}`, 2 + 2},
		{`{"ss":{"SS":["ab","c"]}}`, 2 + 3},
		{`{"l":{"L":[{"S":"ab"},{"N":"1"}]}}`, 1 + 3 + (1 + 2) + (1 + 2)},
		{`{"m":{"M":{"k":{"S":"v"}}}}`, 1 + 3 + 1 + 1 + 1},
	} {
		var item map[string]attrValue
		if err := json.Unmarshal([]byte(tc.item), &item); err != nil {
			t.Fatal(err)
		}
		if got, ok := itemSize(item); !ok || got != tc.want {
			t.Errorf("itemSize(%s) = %d, %v; want %d", tc.item, got, ok, tc.want)
		}
	}
	var bad map[string]attrValue
	_ = json.Unmarshal([]byte(`{"x":{"S":1}}`), &bad)
	if _, ok := itemSize(bad); ok {
		t.Error("a malformed value was sized; it must be left to the server")
	}
}

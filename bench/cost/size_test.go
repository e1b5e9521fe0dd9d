package cost

import (
	"encoding/json"
	"testing"
)

func TestItemBytes(t *testing.T) {
	cases := []struct {
		name string
		item map[string]any
		want int
	}{
		// "ID"(2) + "abc"(3) = 5
		{"string", map[string]any{"ID": "abc"}, 5},
		// "Name"(4) + "é"(2 bytes in UTF-8) = 6
		{"utf8", map[string]any{"Name": "é"}, 6},
		// "Age"(3) + 2 digits -> 1 byte + 1 = 2 -> 5
		{"two digits", map[string]any{"Age": json.Number("42")}, 5},
		// "Age"(3) + "123" 3 digits -> ceil(3/2)=2 + 1 = 3 -> 6
		{"three digits", map[string]any{"Age": 123}, 6},
		// "Age"(3) + "1500" trims to "15": 1 + 1 = 2 -> 5
		{"trailing zeros", map[string]any{"Age": json.Number("1500")}, 5},
		// "Age"(3) + "-0.0125" trims to "125": 2 + 1 = 3 -> 6
		{"negative fraction", map[string]any{"Age": -0.0125}, 6},
		// "Age"(3) + "1e3" mantissa "1": 1 + 1 = 2 -> 5
		{"exponent", map[string]any{"Age": json.Number("1e3")}, 5},
		// "ID"(2)+"x-1"(3) + "FirstName"(9)+"Ada"(3) + "Age"(3)+"36"(2) = 22
		{"contract item", map[string]any{"ID": "x-1", "FirstName": "Ada", "Age": json.Number("36")}, 22},
	}
	for _, c := range cases {
		got, err := ItemBytes(c.item)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s: ItemBytes = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestItemBytesRejectsOtherTypes(t *testing.T) {
	if _, err := ItemBytes(map[string]any{"Tags": []any{"a"}}); err == nil {
		t.Fatal("want an error for a list value")
	}
}

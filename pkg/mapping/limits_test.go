package mapping

import (
	"strings"
	"testing"
)

func TestCheckNumber(t *testing.T) {
	valid := []string{"0", "-0", "0.000", "1", "-1.5", "1e3", "1E+3", "12345678901234567890",
		"1e-130", "-1e-130", "9.9999999999999999999999999999999999999e125", "100000000000000000000000000000000000000000",
		"0.00000000000000000000000000000000000000000000000001", "12345678901234567890123456789012345678", "1.2345678901234567890123456789012345678000000e10"}
	for _, s := range valid {
		if err := checkNumber(s); err != nil {
			t.Errorf("checkNumber(%q) = %v, want nil", s, err)
		}
	}
	invalid := []string{"1e126", "10e125", "1e-131", "0.1e-130", "123456789012345678901234567890123456789",
		"1.00000000000000000000000000000000000001", "1e9999999999", "abc", "", "1."}
	for _, s := range invalid {
		if err := checkNumber(s); err == nil {
			t.Errorf("checkNumber(%q) = nil, want an error", s)
		}
	}
}

func TestItemSize(t *testing.T) {
	it := Item{ID: "ab", FirstName: "é", Age: "12345", Extra: map[string]string{"k": "vv"}}
	// names: ID 2 + FirstName 9 + Age 3 + k 1; values: 2 + 2 (é) + 4 (5 digits: ceil(5/2)+1) + 2.
	if got, want := ItemSize(it), 2+9+3+1+2+2+4+2; got != want {
		t.Errorf("ItemSize = %d, want %d", got, want)
	}
	if err := CheckLimits(Item{ID: strings.Repeat("€", 683), FirstName: "b", Age: "1"}); err == nil || !strings.Contains(err.Error(), "2048-byte key limit") {
		t.Errorf("a 2049-byte ID: %v, want DynamoDB's key limit", err)
	}
	if err := CheckLimits(Item{ID: "a", FirstName: strings.Repeat("x", MaxItemSize-20), Age: "1"}); err != nil {
		t.Errorf("item just under 400 KB refused: %v", err)
	}
	if err := CheckLimits(Item{ID: "a", FirstName: strings.Repeat("x", MaxItemSize), Age: "1"}); err == nil {
		t.Error("item over 400 KB accepted")
	}
}

func TestParseLimit(t *testing.T) {
	for in, want := range map[string]int{"": DefaultLimit, "1": 1, "9": 9, "10": 10, "25": 25, "99": 99, "100": 100} {
		got, err := ParseLimit(in)
		if err != nil || got != want {
			t.Errorf("ParseLimit(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "101", "1000", "-1", "+1", "01", "1.0", "1e1", " 1", "1 ", "abc", "٣", "99999999999999999999"} {
		if got, err := ParseLimit(in); err == nil {
			t.Errorf("ParseLimit(%q) = %d, want an error", in, got)
		} else if ie, ok := IsInputError(err); !ok || ie.Message != "limit must be an integer from 1 to 100" {
			t.Errorf("ParseLimit(%q) error = %v", in, err)
		}
	}
}

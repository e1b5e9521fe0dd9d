package mapping

import (
	"encoding/json"
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
}

// TestContractSize holds the contract's size rule: UTF-8 bytes of names and
// strings, Age counted as AgeSizeBound, never below DynamoDB's own count.
// Evidence: the item size rule of
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
// ("Items": names and values in UTF-8 bytes, 400 KB with 1 KB = 1024 bytes).
func TestContractSize(t *testing.T) {
	it := Item{ID: "a€", FirstName: "é🙂", Age: "-12345678901234567890123456789012345678", Extra: map[string]string{"Ünï": "x"}}
	want := 2 + 4 + 9 + 6 + 3 + AgeSizeBound + 5 + 1
	if got := ContractSize(it); got != want {
		t.Errorf("ContractSize = %d, want %d", got, want)
	}
	if ContractSize(it) < ItemSize(it) {
		t.Errorf("ContractSize %d below ItemSize %d", ContractSize(it), ItemSize(it))
	}
	base := ContractSize(Item{ID: "a", Age: "1"})
	if err := CheckLimits(Item{ID: "a", FirstName: strings.Repeat("x", MaxItemSize-base), Age: "1"}); err != nil {
		t.Errorf("item of exactly 400 KB refused: %v", err)
	}
	err := CheckLimits(Item{ID: "a", FirstName: strings.Repeat("x", MaxItemSize-base+1), Age: "1"})
	if ie, ok := IsInputError(err); !ok || ie.Message != "Invalid request body: item is 409601 bytes, above the 409600-byte DynamoDB item limit" {
		t.Errorf("item one byte over 400 KB: %v", err)
	}
	// Multi-byte characters count by their UTF-8 bytes: 136,534 '€' are
	// 409,602 bytes, fewer than 409,600 characters.
	if err := CheckLimits(Item{ID: "a", FirstName: strings.Repeat("€", MaxItemSize/3+1), Age: "1"}); err == nil {
		t.Error("item over 400 KB in UTF-8 bytes, under it in characters, accepted")
	}
}

// TestKeyBytes: an ID over 2,048 UTF-8 bytes is refused even when it is
// within the schema's 1,024 characters. Evidence: "Partition key length",
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
// (at most 2048 bytes).
func TestKeyBytes(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{strings.Repeat("x", MaxKeyBytes), true},
		{strings.Repeat("x", MaxKeyBytes+1), false},
		{strings.Repeat("€", 682) + "xx", true}, // 2,048 bytes
		{strings.Repeat("€", 700), false},       // 2,100 bytes, 700 characters
		{strings.Repeat("🙂", 512), true},        // 2,048 bytes
		{strings.Repeat("🙂", 512) + "x", false}, // 2,049 bytes
	} {
		err := CheckLimits(Item{ID: tc.id, Age: "1"})
		if (err == nil) != tc.ok {
			t.Errorf("ID of %d bytes: error %v, want ok=%v", len(tc.id), err, tc.ok)
		}
		if ie, isIE := IsInputError(err); err != nil && (!isIE || ie.Message != "Invalid request body: ID is longer than 2048 bytes, the DynamoDB key limit") {
			t.Errorf("ID of %d bytes: message %v", len(tc.id), err)
		}
	}
}

// TestNameBytes: property names must be "less than 64 KB", counted in UTF-8
// bytes. Evidence:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
func TestNameBytes(t *testing.T) {
	ok := Item{ID: "a", Age: "1", Extra: map[string]string{strings.Repeat("n", MaxNameBytes): "v"}}
	if err := CheckLimits(ok); err != nil {
		t.Errorf("name of 65,535 bytes refused: %v", err)
	}
	long := Item{ID: "a", Age: "1", Extra: map[string]string{strings.Repeat("é", 32768): "v"}} // 65,536 bytes
	if err := CheckLimits(long); err == nil || !strings.Contains(err.Error(), "a property name is longer than 65535 bytes") {
		t.Errorf("name of 65,536 bytes: %v", err)
	}
}

// TestMaxPropertiesKeepsTheCreateExpressionValid: the longest create the
// schema lets through renders an UpdateExpression within DynamoDB's 4 KB
// and 300-operator limits, and the limit is not loose by more than needed
// to stay clear of them. Evidence: "Expression parameters",
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
// ("The maximum length of any expression string is 4 KB"; "The maximum
// number of operators or functions allowed in an UpdateExpression is 300").
func TestMaxPropertiesKeepsTheCreateExpressionValid(t *testing.T) {
	itemWith := func(n int) Item {
		it := Item{ID: "a", FirstName: "b", Age: "1", Extra: map[string]string{}}
		for i := 0; len(it.Extra) < n-3; i++ {
			it.Extra[strings.Repeat("p", i%7+1)+strings.Repeat("q", i)] = "v"
		}
		return it
	}
	u := itemWith(MaxProperties).Update()
	if len(u.Expr) > 4096 {
		t.Errorf("create with %d properties: UpdateExpression of %d bytes, above 4 KB", MaxProperties, len(u.Expr))
	}
	if n := strings.Count(u.Expr, "="); n > 300 {
		t.Errorf("create with %d properties: %d assignments, above 300", MaxProperties, n)
	}
	// 290 properties would cross 4 KB: the limit has to sit below that.
	if u := itemWith(290).Update(); len(u.Expr) <= 4096 {
		t.Errorf("290 properties give %d bytes; the limit of %d is tighter than needed", len(u.Expr), MaxProperties)
	}
	var schema struct {
		MaxProperties int `json:"maxProperties"`
	}
	if err := json.Unmarshal(Schema(), &schema); err != nil || schema.MaxProperties != MaxProperties {
		t.Errorf("schema maxProperties = %d (%v), want MaxProperties %d", schema.MaxProperties, err, MaxProperties)
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

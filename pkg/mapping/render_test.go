package mapping

import (
	"encoding/json"
	"testing"
)

func TestErrorBody(t *testing.T) {
	for _, msg := range []string{"Item not found", `bad "quote" \ and
newline`, "ünï"} {
		var got map[string]string
		if err := json.Unmarshal(ErrorBody(msg), &got); err != nil {
			t.Fatalf("ErrorBody(%q) is not JSON: %v", msg, err)
		}
		if len(got) != 1 || got["message"] != msg {
			t.Errorf("ErrorBody(%q) = %v", msg, got)
		}
	}
}

func TestListBody(t *testing.T) {
	a := Item{ID: "a", FirstName: "A", Age: "1"}
	b := Item{ID: "b", FirstName: "B", Age: "2.5", Extra: map[string]string{"k": "v"}}
	cases := []struct {
		items []Item
		next  string
		want  string
	}{
		{nil, "", `{"items":[]}`},
		{[]Item{a}, "", `{"items":[{"ID":"a","FirstName":"A","Age":1}]}`},
		{[]Item{a, b}, "eyJJRCI6eyJTIjoiYiJ9fQ==", `{"items":[{"ID":"a","FirstName":"A","Age":1},{"ID":"b","FirstName":"B","Age":2.5,"k":"v"}],"next":"eyJJRCI6eyJTIjoiYiJ9fQ=="}`},
	}
	for _, tc := range cases {
		got, err := ListBody(tc.items, tc.next)
		if err != nil || string(got) != tc.want {
			t.Errorf("ListBody = %s, %v; want %s", got, err, tc.want)
		}
	}
	if _, err := ListBody([]Item{{ID: "x", Age: "not a number"}}, ""); err == nil {
		t.Error("ListBody rendered an item whose Age is not a number")
	}
}

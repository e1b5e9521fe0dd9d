package mapping

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestUpdateSetsEveryAttributeButTheKey(t *testing.T) {
	it := Item{ID: "k", FirstName: "f", Age: "1e3", Extra: map[string]string{"b": "2", "a": "1", "#x0": "tricky name"}}
	u := it.Update()
	if !reflect.DeepEqual(u.Key, Key("k")) {
		t.Errorf("Key = %#v", u.Key)
	}
	got, ok := u.Assignments()
	if !ok {
		t.Fatalf("Assignments of %q failed", u.Expr)
	}
	av, err := it.AttributeValues()
	if err != nil {
		t.Fatal(err)
	}
	delete(av, AttrID)
	if !reflect.DeepEqual(got, av) {
		t.Errorf("update assigns %#v, want the item's attributes %#v", got, av)
	}
	if want := "SET #fn = :fn, #age = :age, #x0 = :x0, #x1 = :x1, #x2 = :x2"; u.Expr != want {
		t.Errorf("Expr = %q, want %q", u.Expr, want)
	}
}

func TestAssignmentsRejectsMalformedUpdates(t *testing.T) {
	v := map[string]types.AttributeValue{":a": &types.AttributeValueMemberS{Value: "x"}}
	for _, u := range []Update{
		{Expr: "REMOVE #a", Names: map[string]string{"#a": "A"}, Values: v},
		{Expr: "SET #a = :b", Names: map[string]string{"#a": "A"}, Values: v},
		{Expr: "SET #a = :a, #a = :a", Names: map[string]string{"#a": "A"}, Values: v},
		{Expr: "SET #a=:a", Names: map[string]string{"#a": "A"}, Values: v},
	} {
		if got, ok := u.Assignments(); ok {
			t.Errorf("Assignments(%q) = %v, want failure", u.Expr, got)
		}
	}
}

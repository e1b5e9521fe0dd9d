package jsonval

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAccessors(t *testing.T) {
	doc := map[string]any{"s": "x", "f": 1.5, "n": json.Number("12"), "b": true, "l": []any{"a", 2.0}, "o": map[string]any{"k": false}}
	if Str(doc["s"]) != "x" || Str(doc["f"]) != "1.5" || Str(doc["n"]) != "12" || Str(doc["b"]) != "true" || Str(doc["o"]) != "" {
		t.Error("Str")
	}
	if !reflect.DeepEqual(Strs(doc["l"]), []string{"a", "2"}) || Strs(doc["s"]) != nil {
		t.Error("Strs")
	}
	if !reflect.DeepEqual(StrMap(doc["o"]), map[string]string{"k": "false"}) || len(StrMap(nil)) != 0 || StrMap(nil) == nil {
		t.Error("StrMap")
	}
	if !Bool(true) || !Bool("TRUE") || Bool("yes") || Bool(1.0) {
		t.Error("Bool")
	}
	if Obj(doc["l"]) != nil || List(doc["o"]) != nil || Obj(doc["o"]) == nil || List(doc["l"]) == nil {
		t.Error("Obj/List")
	}
}

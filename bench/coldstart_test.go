package bench

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestMeasureColdStart(t *testing.T) {
	ctx := context.Background()

	payload, err := GetItemEvent("abc", "items")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		cs, err := MeasureColdStart(ctx, os.Args[0], []string{fakeFunctionEnv + "=echo"}, payload)
		if err != nil {
			t.Fatal(err)
		}
		if cs.Init <= 0 || cs.FirstResponse < cs.Init {
			t.Errorf("times: init %v, first response %v", cs.Init, cs.FirstResponse)
		}
		var got struct {
			Echo struct {
				Resource       string
				PathParameters map[string]string
				StageVariables map[string]string
			}
		}
		if err := json.Unmarshal(cs.Response, &got); err != nil {
			t.Fatalf("response %s: %v", cs.Response, err)
		}
		if got.Echo.Resource != "/lambda/items/{id}" || got.Echo.PathParameters["id"] != "abc" || got.Echo.StageVariables["tableName"] != "items" {
			t.Errorf("the function saw %+v", got.Echo)
		}
	}
}

func TestMeasureColdStartReportsEarlyExit(t *testing.T) {
	_, err := MeasureColdStart(context.Background(), os.Args[0], []string{fakeFunctionEnv + "=exit"}, []byte(`{}`))
	if err == nil || !strings.Contains(err.Error(), "init failed on purpose") {
		t.Fatalf("err = %v, want the exit with the process's output", err)
	}
}

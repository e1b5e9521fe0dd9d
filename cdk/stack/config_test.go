package stack

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func contextOf(m map[string]any) func(string) any {
	return func(k string) any { return m[k] }
}

func TestParseContextDefaults(t *testing.T) {
	c, err := ParseContext(contextOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Backend:           BackendDirect,
		Plans:             DefaultPlans(),
		ItemsCodeDir:      "dist/items",
		AuthorizerCodeDir: "dist/authorizer",
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("ParseContext(empty) = %+v, want %+v", c, want)
	}
	free, basic := DefaultPlans()[0], DefaultPlans()[1]
	if free != (Plan{"FreeTier", Quota{500, "DAY"}, Throttle{5, 10}}) {
		t.Errorf("FreeTier = %+v", free)
	}
	if basic != (Plan{"BasicUsagePlan", Quota{10000, "MONTH"}, Throttle{50, 100}}) {
		t.Errorf("BasicUsagePlan = %+v", basic)
	}
	if free.GroupName() != "Group-FreeTier" {
		t.Errorf("GroupName = %q", free.GroupName())
	}
}

func TestParseContextValues(t *testing.T) {
	plans := []Plan{{Name: "Gold", Quota: Quota{Limit: 7, Period: "WEEK"}, Throttle: Throttle{RateLimit: 1.5, BurstLimit: 3}}}
	for _, tc := range []struct {
		name string
		ctx  map[string]any
	}{
		// -c flags arrive as strings,
		{"flags", map[string]any{"backend": "lambda", "retain": "true", "itemsCodeDir": "a", "authorizerCodeDir": "b",
			"usagePlans": `[{"name":"Gold","quota":{"limit":7,"period":"WEEK"},"throttle":{"rateLimit":1.5,"burstLimit":3}}]`}},
		// cdk.json values as JSON values.
		{"cdk.json", map[string]any{"backend": "lambda", "retain": true, "itemsCodeDir": "a", "authorizerCodeDir": "b",
			"usagePlans": []any{map[string]any{"name": "Gold", "quota": map[string]any{"limit": 7.0, "period": "WEEK"},
				"throttle": map[string]any{"rateLimit": 1.5, "burstLimit": 3.0}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseContext(contextOf(tc.ctx))
			if err != nil {
				t.Fatal(err)
			}
			if c.Backend != BackendLambda || !c.Retain || !reflect.DeepEqual(c.Plans, plans) || c.ItemsCodeDir != "a" || c.AuthorizerCodeDir != "b" {
				t.Errorf("got %+v", c)
			}
		})
	}
}

func TestParseContextRejects(t *testing.T) {
	for _, tc := range []struct {
		ctx  map[string]any
		want string
	}{
		{map[string]any{"backend": "http"}, `backend="http": want "direct" or "lambda"`},
		{map[string]any{"backend": 1.0}, "want a string"},
		{map[string]any{"retain": "maybe"}, "context retain"},
		{map[string]any{"usagePlans": "[{"}, "context usagePlans"},
		{map[string]any{"itemsCodeDir": true}, "context itemsCodeDir"},
	} {
		_, err := ParseContext(contextOf(tc.ctx))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseContext(%v) error = %v, want it to contain %q", tc.ctx, err, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"items", "auth"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, d, "bootstrap"), []byte("x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	good := Config{Backend: BackendDirect, Plans: DefaultPlans(),
		ItemsCodeDir: filepath.Join(dir, "items"), AuthorizerCodeDir: filepath.Join(dir, "auth")}
	if err := good.Validate(); err != nil {
		t.Fatalf("Validate(good) = %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"backend", func(c *Config) { c.Backend = "x" }, `backend "x"`},
		{"no plans", func(c *Config) { c.Plans = nil }, "no usage plans"},
		{"plan name", func(c *Config) { c.Plans[0].Name = "Free-Tier" }, "usage plan name"},
		{"duplicate", func(c *Config) { c.Plans[1].Name = c.Plans[0].Name }, "named twice"},
		{"period", func(c *Config) { c.Plans[0].Quota.Period = "YEAR" }, "quota period"},
		{"limits", func(c *Config) { c.Plans[1].Throttle.BurstLimit = 0 }, "must be positive"},
		{"missing bundle", func(c *Config) { c.ItemsCodeDir = filepath.Join(dir, "nope") }, "run make build"},
		{"empty dir", func(c *Config) { c.AuthorizerCodeDir = "" }, "code directory is empty"},
		{"bootstrap is a dir", func(c *Config) { c.ItemsCodeDir = dir; _ = os.Mkdir(filepath.Join(dir, "bootstrap"), 0o755) }, "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			c.Plans = DefaultPlans()
			tc.edit(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

package gateway

import (
	"testing"
	"time"
)

func TestRouteMatching(t *testing.T) {
	m := fixture(t, nil)
	cases := []struct {
		path, resource string
		params         map[string]string
	}{
		{"/lambda/items", "/lambda/items", map[string]string{}},
		{"/lambda/items/", "/lambda/items", map[string]string{}},
		// Parameters stay as sent (see route.go for the evidence).
		{"/lambda/items/a%20b", "/lambda/items/{id}", map[string]string{"id": "a%20b"}},
		{"/lambda/items/a+b%2Bc", "/lambda/items/{id}", map[string]string{"id": "a+b%2Bc"}},
		{"/lambda/files/x/y%2Fz", "/lambda/files/{proxy+}", map[string]string{"proxy": "x/y%2Fz"}},
		{"/lambda/files/x//y/", "/lambda/files/{proxy+}", map[string]string{"proxy": "x//y"}},
		{"//lambda/items/1", "/lambda/items/{id}", map[string]string{"id": "1"}},
		{"/lambda/%69tems/1", "/lambda/items/{id}", map[string]string{"id": "1"}},
		{"/", "/", map[string]string{}},
	}
	for _, c := range cases {
		n, params, ok := match(m, c.path)
		if !ok || n.Path != c.resource {
			t.Errorf("%s: matched %v %v, want %s", c.path, ok, n, c.resource)
			continue
		}
		for k, v := range c.params {
			if params[k] != v {
				t.Errorf("%s: param %s = %q, want %q", c.path, k, params[k], v)
			}
		}
	}
	for _, p := range []string{"/nope", "/lambda/items/1/2", "/lambda/files", "/lambda/items//1", "/lambda%2Fitems/1"} {
		if n, _, ok := match(m, p); ok && len(n.Methods) > 0 {
			t.Errorf("%s matched %s", p, n.Path)
		}
	}
}

func TestPolicyEvaluation(t *testing.T) {
	arn := "arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/direct/items"
	st := func(effect string, res ...string) eventsStatement { return eventsStatement{effect, res} }
	cases := []struct {
		stmts []eventsStatement
		want  verdict
	}{
		{nil, notAllowed},
		{[]eventsStatement{st("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc/*")}, allowed},
		{[]eventsStatement{st("Allow", "arn:aws:execute-api:*:*:abc/prod/GET/*")}, notAllowed},
		{[]eventsStatement{st("Allow", "*"), st("Deny", "arn:aws:execute-api:*:*:abc/prod/POST/direct/?tems")}, denied},
	}
	for i, c := range cases {
		if got := evaluatePolicy(policy(c.stmts), arn); got != c.want {
			t.Errorf("case %d: verdict %d, want %d", i, got, c.want)
		}
	}
}

func TestQuotaPeriods(t *testing.T) {
	at := time.Date(2026, 3, 12, 17, 30, 0, 0, time.FixedZone("X", 3*3600)) // Thursday, 14:30 UTC
	cases := map[string]time.Time{
		"DAY":   time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC),
		"WEEK":  time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), // Monday
		"MONTH": time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	for period, want := range cases {
		if got := periodStart(at, period); !got.Equal(want) {
			t.Errorf("%s: %v, want %v", period, got, want)
		}
	}
	sunday := time.Date(2026, 3, 15, 23, 0, 0, 0, time.UTC)
	if got := periodStart(sunday, "WEEK"); !got.Equal(cases["WEEK"]) {
		t.Errorf("Sunday belongs to the week from Monday the 9th, got %v", got)
	}
}

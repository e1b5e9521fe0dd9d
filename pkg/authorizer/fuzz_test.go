package authorizer_test

import (
	"context"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"apigwdirect/pkg/authorizer"
)

// FuzzHandle feeds arbitrary methods and credential headers to the handler.
// Whatever arrives, it must not panic, must answer exactly ErrUnauthorized
// or a policy, and may only hand out the key the caller sent in x-api-key,
// on a read, naming a plan only for that plan's own key (nothing fuzzed can
// carry a valid signature).
func FuzzHandle(f *testing.F) {
	iss := newIssuer(f, pool, 0)
	h, err := authorizer.New(context.Background(), authorizer.Config{
		Issuer: iss.IssuerURL(), ClientID: client, PlanKeys: planKeys,
		Keyfunc: func(*jwt.Token) (any, error) { return iss.PublicKey(), nil },
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(h.Close)
	base := baseEvent(f, "GET", "/direct/items", "/direct/items", nil)

	for _, s := range []struct{ method, auth, key string }{
		{"GET", "", freeKey}, {"GET", "", "nope"}, {"POST", "Bearer a.b.c", ""}, {"PUT", "bearer x", basicKey},
		{"get", "", basicKey}, {"", "", freeKey}, {"DELETE", "Bearer ", ""}, {"POST", "Basic Zm9vOmJhcg==", freeKey},
		{"HEAD", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", ""},
	} {
		f.Add(s.method, s.auth, s.key)
	}
	f.Fuzz(func(t *testing.T, method, auth, key string) {
		ev := base
		ev.HTTPMethod = method
		ev.Headers = map[string]string{"Authorization": auth, "x-api-key": key}
		ev.MultiValueHeaders = nil
		resp, err := h.Handle(context.Background(), ev)
		if err != nil {
			if err != authorizer.ErrUnauthorized {
				t.Fatalf("error %v is not ErrUnauthorized", err)
			}
			return
		}
		if resp.UsageIdentifierKey != key || key == "" {
			t.Fatalf("allowed with key %q for sent key %q", resp.UsageIdentifierKey, key)
		}
		if plan := resp.Context["plan"]; plan != "" && planKeys[plan.(string)] != key {
			t.Fatalf("key %q named plan %v", key, plan)
		}
	})
}

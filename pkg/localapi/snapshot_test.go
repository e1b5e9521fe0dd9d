package localapi

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"apigwdirect/pkg/tokens"
)

// frozenClock is a gateway clock that only moves when told to.
type frozenClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *frozenClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// TestSnapshotBothPathsAndAuth serves the committed snapshot of the stack
// and drives every tree with the real templates, handlers, authorizer and
// tokens.
func TestSnapshotBothPathsAndAuth(t *testing.T) {
	t.Parallel()
	clock := &frozenClock{t: time.Now()}
	env := start(t, Options{TemplatePath: DefaultTemplatePath, Now: clock.Now})
	creds := env.Credentials
	if len(creds.APIKeys) == 0 || len(creds.Tokens) != len(creds.APIKeys) {
		t.Fatalf("credentials: keys %v, tokens for %d groups", creds.APIKeys, len(creds.Tokens))
	}
	write := map[string]string{"Authorization": "Bearer " + creds.Tokens["Group-BasicUsagePlan"], "Content-Type": "application/json"}
	read := map[string]string{"x-api-key": creds.APIKeys["BasicUsagePlan"]}
	base := env.URL + "/lambda/items"

	// The same steps through every tree: /direct (VTL to DynamoDB), /lambda
	// (items function) and /items (the stack's default backend).
	for _, tree := range []string{"direct", "lambda", "items"} {
		url := env.URL + "/" + tree + "/items"
		if tree == "items" {
			url = env.URL + "/items"
		}
		id := tree + "-1"
		item := `{"ID":"` + id + `","FirstName":"Ada","Age":36}`
		steps := []struct {
			method, path, body string
			headers            map[string]string
			status             int
			bodyHas            string
		}{
			{"POST", "", item, write, 201, `"ID":"` + id + `"`},
			{"POST", "", item, write, 409, `"message"`},
			{"POST", "", `{"ID":"x","FirstName":"Ada"}`, write, 400, `Invalid request body`},
			{"POST", "", `{"ID":"x","FirstName":"Ada","Age":"old"}`, write, 400, `Invalid request body`},
			{"GET", "/" + id, "", read, 200, `"FirstName":"Ada"`},
			{"PUT", "/" + id, `{"ID":"` + id + `","FirstName":"Grace","Age":37}`, write, 204, ""},
			{"GET", "/" + id, "", read, 200, `"FirstName":"Grace"`},
			{"PUT", "/" + id + "-new", `{"FirstName":"New","Age":1}`, write, 201, ""},
			{"GET", "?limit=5", "", read, 200, `"items":[`},
			{"DELETE", "/" + id, "", map[string]string{"Authorization": creds.Tokens["Group-FreeTier"]}, 204, ""},
			{"GET", "/" + id, "", read, 404, `"message"`},
			{"DELETE", "/" + id, "", nil, 401, `Unauthorized`},
			{"GET", "", "", map[string]string{"x-api-key": "not-a-key"}, 403, `{"message":"Forbidden"}`},
			{"GET", "", "", nil, 401, `Unauthorized`},
			{"POST", "", item, map[string]string{"Authorization": "Bearer x.y.z"}, 401, `Unauthorized`},
			{"GET", "/nope/deeper", "", read, 403, `Missing Authentication Token`},
		}
		for _, s := range steps {
			status, body := call(t, s.method, url+s.path, s.body, s.headers)
			if status != s.status || !strings.Contains(body, s.bodyHas) {
				t.Errorf("%s %s%s: %d %s, want %d with %q", s.method, tree, s.path, status, body, s.status, s.bodyHas)
			}
		}
	}

	// A verified user in no plan's group is denied (403), not unauthorized.
	tok, err := env.Issuer.MintID(tokens.User{Sub: "nobody", Groups: []string{"Group-Nope"}}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	status, body := call(t, "POST", base, `{"ID":"s4","FirstName":"A","Age":1}`, map[string]string{"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
	if status != 403 {
		t.Fatalf("token without a plan group: %d %s", status, body)
	}

	// Throttling through the real authorizer's usageIdentifierKey: with the
	// clock frozen, FreeTier's bucket holds exactly its burst.
	burst := 0
	for _, p := range env.Model.Plans {
		if p.Name == "FreeTier" {
			burst = p.Burst
		}
	}
	free := map[string]string{"x-api-key": creds.APIKeys["FreeTier"]}
	for i := 0; i < burst; i++ {
		if status, body := call(t, "GET", base+"/s9", "", free); status != 404 {
			t.Fatalf("call %d of the burst: %d %s", i, status, body)
		}
	}
	status, body = call(t, "GET", base+"/s9", "", free)
	var msg struct{ Message string }
	_ = json.Unmarshal([]byte(body), &msg)
	if status != 429 || msg.Message != "Too Many Requests" {
		t.Fatalf("beyond the burst: %d %s", status, body)
	}
}

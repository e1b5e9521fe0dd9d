package authorizer_test

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/tokens"
)

var (
	freeUser  = tokens.User{Sub: "sub-free", Email: "free@example.com", Groups: []string{"Group-FreeTier"}}
	basicUser = tokens.User{Sub: "sub-basic", Email: "basic@example.com", Groups: []string{"Group-BasicUsagePlan"}}
	bothUser  = tokens.User{Sub: "sub-both", Email: "both@example.com", Groups: []string{"Group-FreeTier", "Group-BasicUsagePlan"}}
)

func mint(t *testing.T, iss *tokens.Issuer, u tokens.User) string {
	t.Helper()
	raw, err := iss.MintID(u, time.Hour)
	require.NoError(t, err)
	return raw
}

func signClaims(t *testing.T, iss *tokens.Issuer, u tokens.User, change func(jwt.MapClaims)) string {
	t.Helper()
	c := iss.IDClaims(u, time.Hour)
	change(c)
	raw, err := iss.Sign(c)
	require.NoError(t, err)
	return raw
}

func signWith(t *testing.T, m jwt.SigningMethod, key any, kid string, c jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	tok.Header["kid"] = kid
	raw, err := tok.SignedString(key)
	require.NoError(t, err)
	return raw
}

// write calls the authorizer for POST /direct/items with the given
// Authorization header value ("" sends none).
func write(t *testing.T, f *fixture, authorization string) (events.APIGatewayCustomAuthorizerResponse, error) {
	t.Helper()
	headers := map[string]string{}
	if authorization != "" {
		headers["Authorization"] = authorization
	}
	return f.h.Handle(context.Background(), baseEvent(t, "POST", "/direct/items", "/direct/items", headers))
}

func TestTokenModeRejectsAttacksAndMistakes(t *testing.T) {
	f := newFixture(t)
	iss := f.iss
	otherPool := newIssuer(t, "us-east-1_OtherPool", 2)
	now := time.Now().Unix()

	valid := mint(t, iss, freeUser)
	parts := strings.Split(valid, ".")
	der, err := x509.MarshalPKIXPublicKey(iss.PublicKey())
	require.NoError(t, err)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	forgedClaims := iss.IDClaims(freeUser, time.Hour)
	forgedClaims["cognito:groups"] = []string{"Group-BasicUsagePlan"}
	forgedPayload, err := json.Marshal(forgedClaims)
	require.NoError(t, err)
	access, err := iss.MintAccess(basicUser, time.Hour)
	require.NoError(t, err)

	const unauthorized, deny = "unauthorized", "deny"
	cases := []struct {
		name, header, want string
	}{
		{"alg none", "Bearer " + signWith(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, iss.KeyID(), iss.IDClaims(basicUser, time.Hour)), unauthorized},
		{"HS256 signed with the public key", "Bearer " + signWith(t, jwt.SigningMethodHS256, pubPEM, iss.KeyID(), iss.IDClaims(basicUser, time.Hour)), unauthorized},
		{"tampered payload", "Bearer " + parts[0] + "." + base64.RawURLEncoding.EncodeToString(forgedPayload) + "." + parts[2], unauthorized},
		{"stripped signature", "Bearer " + parts[0] + "." + parts[1] + ".", unauthorized},
		{"stripped signature and dot", "Bearer " + parts[0] + "." + parts[1], unauthorized},
		{"unknown kid", "Bearer " + signWith(t, jwt.SigningMethodRS256, testKey(1), "unknown-kid", iss.IDClaims(basicUser, time.Hour)), unauthorized},
		{"attacker key under the pool's kid", "Bearer " + signWith(t, jwt.SigningMethodRS256, testKey(1), iss.KeyID(), iss.IDClaims(basicUser, time.Hour)), unauthorized},
		{"expired", "Bearer " + signClaims(t, iss, basicUser, func(c jwt.MapClaims) { c["iat"] = now - 7200; c["exp"] = now - 3600 }), unauthorized},
		{"not yet valid", "Bearer " + signClaims(t, iss, basicUser, func(c jwt.MapClaims) { c["nbf"] = now + 3600 }), unauthorized},
		{"wrong issuer", "Bearer " + signClaims(t, iss, basicUser, func(c jwt.MapClaims) { c["iss"] = base + "/us-east-1_OtherPool" }), unauthorized},
		{"wrong audience", "Bearer " + signClaims(t, iss, basicUser, func(c jwt.MapClaims) { c["aud"] = "some-other-client" }), unauthorized},
		{"access token instead of ID token", "Bearer " + access, unauthorized},
		{"token from another pool", "Bearer " + mint(t, otherPool, basicUser), unauthorized},
		{"malformed header: no scheme", valid, unauthorized},
		{"malformed header: Basic", "Basic " + base64.StdEncoding.EncodeToString([]byte("user:pass")), unauthorized},
		{"malformed header: not a JWT", "Bearer not-a-jwt", unauthorized},
		{"empty bearer", "Bearer ", unauthorized},
		{"no Authorization header", "", unauthorized},
		{"valid token, no groups", "Bearer " + mint(t, iss, tokens.User{Sub: "sub-none", Email: "none@example.com"}), deny},
		{"valid token, unknown group", "Bearer " + mint(t, iss, tokens.User{Sub: "sub-x", Groups: []string{"Group-Enterprise", "admins"}}), deny},
		{"valid token, plan name without prefix", "Bearer " + mint(t, iss, tokens.User{Sub: "sub-y", Groups: []string{"FreeTier"}}), deny},
		{"valid token, wrong case", "Bearer " + mint(t, iss, tokens.User{Sub: "sub-z", Groups: []string{"group-freetier"}}), deny},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := write(t, f, tc.header)
			switch tc.want {
			case unauthorized:
				require.Error(t, err)
				assert.Same(t, authorizer.ErrUnauthorized, err, "must be the unwrapped error")
				assert.Equal(t, "Unauthorized", err.Error(), "API Gateway answers 401 only for this exact message")
				assert.Empty(t, resp.UsageIdentifierKey)
				assert.Empty(t, resp.PolicyDocument.Statement)
			case deny:
				require.NoError(t, err)
				assert.Empty(t, resp.UsageIdentifierKey, "a denied caller gets no key")
				require.Len(t, resp.PolicyDocument.Statement, 1)
				assert.Equal(t, "Deny", resp.PolicyDocument.Statement[0].Effect)
				assert.False(t, allows(resp.PolicyDocument, arnStage+"/POST/direct/items"))
				assert.NotEmpty(t, resp.PrincipalID)
			}
		})
	}
	assert.GreaterOrEqual(t, len(cases), 15)
}

func TestTokenModeAllowsEachPlan(t *testing.T) {
	f := newFixture(t, "BasicUsagePlan", "FreeTier")
	cases := []struct {
		name    string
		user    tokens.User
		method  string
		key     string
		plan    string
		headers map[string]string
	}{
		{"FreeTier", freeUser, "POST", freeKey, "FreeTier", nil},
		{"BasicUsagePlan", basicUser, "PUT", basicKey, "BasicUsagePlan", nil},
		{"several groups: highest priority wins", bothUser, "POST", basicKey, "BasicUsagePlan", nil},
		{"plan group among others", tokens.User{Sub: "s", Groups: []string{"admins", "Group-FreeTier", "Group-Gold"}}, "POST", freeKey, "FreeTier", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := baseEvent(t, tc.method, "/lambda/items/{id}", "/lambda/items/abc", map[string]string{"authorization": "Bearer " + mint(t, f.iss, tc.user)})
			resp, err := f.h.Handle(context.Background(), ev)
			require.NoError(t, err)
			assert.Equal(t, tc.key, resp.UsageIdentifierKey)
			assert.Equal(t, tc.user.Sub, resp.PrincipalID)
			assert.True(t, allows(resp.PolicyDocument, ev.MethodArn))
			assert.Equal(t, map[string]any{
				"sub":    tc.user.Sub,
				"email":  tc.user.Email,
				"groups": strings.Join(tc.user.Groups, ","),
				"plan":   tc.plan,
			}, resp.Context)
		})
	}
}

func TestPlanOrderDecidesBetweenGroups(t *testing.T) {
	for order, want := range map[string]string{"FreeTier": freeKey, "BasicUsagePlan": basicKey} {
		f := newFixture(t, order)
		resp, err := write(t, f, "Bearer "+mint(t, f.iss, bothUser))
		require.NoError(t, err)
		assert.Equal(t, want, resp.UsageIdentifierKey, "PlanOrder %s first", order)
	}
	// Without PlanOrder the choice is still deterministic: plans sorted by name.
	f := newFixture(t)
	for range 5 {
		resp, err := write(t, f, "Bearer "+mint(t, f.iss, bothUser))
		require.NoError(t, err)
		assert.Equal(t, basicKey, resp.UsageIdentifierKey)
	}
}

func read(t *testing.T, f *fixture, method string, headers map[string]string) (events.APIGatewayCustomAuthorizerResponse, error) {
	t.Helper()
	return f.h.Handle(context.Background(), baseEvent(t, method, "/direct/items/{id}", "/direct/items/42", headers))
}

func TestKeyModeAllowsConfiguredKeys(t *testing.T) {
	f := newFixture(t)
	for plan, key := range planKeys {
		for _, method := range []string{"GET", "HEAD"} {
			t.Run(plan+" "+method, func(t *testing.T) {
				resp, err := read(t, f, method, map[string]string{"x-api-key": key})
				require.NoError(t, err)
				assert.Equal(t, key, resp.UsageIdentifierKey)
				assert.Equal(t, map[string]any{"plan": plan}, resp.Context)
				assert.NotContains(t, resp.PrincipalID, key)
				assert.True(t, allows(resp.PolicyDocument, arnStage+"/"+method+"/direct/items/42"))
			})
		}
	}
	// Header names are case-insensitive, as in HTTP.
	resp, err := read(t, f, "GET", map[string]string{"X-API-Key": freeKey})
	require.NoError(t, err)
	assert.Equal(t, freeKey, resp.UsageIdentifierKey)
}

func TestKeyModeRejectsMissingOrAmbiguousKeys(t *testing.T) {
	f := newFixture(t)
	cases := map[string]map[string]string{
		"no key":                   nil,
		"empty key":                {"x-api-key": ""},
		"a valid ID token, no key": {"Authorization": "Bearer " + mint(t, f.iss, basicUser)},
		"two different keys":       {"x-api-key": freeKey, "X-Api-Key": basicKey},
		"key sent as the bearer":   {"Authorization": "Bearer " + freeKey},
	}
	for name, headers := range cases {
		t.Run(name, func(t *testing.T) {
			resp, err := read(t, f, "GET", headers)
			assert.Same(t, authorizer.ErrUnauthorized, err)
			assert.Empty(t, resp.UsageIdentifierKey)
		})
	}
}

// TestKeyModeLeavesOtherKeysToAPIGateway: a key that is not a configured plan
// key may still be a valid key of the stage (added to a plan later), so it
// goes to API Gateway's own key check unchanged, with no plan in the
// context and a principal that does not reveal it.
func TestKeyModeLeavesOtherKeysToAPIGateway(t *testing.T) {
	f := newFixture(t)
	for name, key := range map[string]string{
		"unknown key":                 "NotAKeyOfThisAPI-0123456789abcdefghijk",
		"prefix of a key":             freeKey[:len(freeKey)-1],
		"key with a suffix":           freeKey + "x",
		"key in the wrong case":       strings.ToLower(freeKey),
		"plan name instead of a key":  "FreeTier",
		"key id style value (no key)": "a1b2c3d4e5",
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := read(t, f, "GET", map[string]string{"x-api-key": key})
			require.NoError(t, err)
			assert.Equal(t, key, resp.UsageIdentifierKey, "the key API Gateway must check")
			assert.Equal(t, map[string]any{"plan": ""}, resp.Context)
			assert.Equal(t, "api-key", resp.PrincipalID)
			assert.True(t, allows(resp.PolicyDocument, arnStage+"/GET/direct/items/42"))
			assert.False(t, allows(resp.PolicyDocument, arnStage+"/POST/direct/items"), "a key never allows a write")
		})
	}
}

func TestMultiValueHeadersAreChecked(t *testing.T) {
	f := newFixture(t)
	ev := baseEvent(t, "GET", "/direct/items", "/direct/items", map[string]string{"x-api-key": freeKey})
	ev.MultiValueHeaders["x-api-key"] = []string{freeKey, basicKey}
	_, err := f.h.Handle(context.Background(), ev)
	assert.Same(t, authorizer.ErrUnauthorized, err, "two different keys in one request are refused")

	ev.MultiValueHeaders["x-api-key"] = []string{freeKey, freeKey}
	resp, err := f.h.Handle(context.Background(), ev)
	require.NoError(t, err)
	assert.Equal(t, freeKey, resp.UsageIdentifierKey, "a repeated identical value is fine")
}

// TestPolicyIsRightUnderCaching: API Gateway caches the policy per identity
// and evaluates it again for other methods and resources of the API. The
// policy from one call must allow every call that mode would allow and
// nothing else.
func TestPolicyIsRightUnderCaching(t *testing.T) {
	f := newFixture(t)
	token := "Bearer " + mint(t, f.iss, freeUser)
	tokenResp, err := f.h.Handle(context.Background(), baseEvent(t, "POST", "/direct/items", "/direct/items", map[string]string{"Authorization": token}))
	require.NoError(t, err)
	keyResp, err := f.h.Handle(context.Background(), baseEvent(t, "GET", "/direct/items", "/direct/items", map[string]string{"x-api-key": freeKey}))
	require.NoError(t, err)
	denyResp, err := f.h.Handle(context.Background(), baseEvent(t, "PUT", "/lambda/items/{id}", "/lambda/items/1", map[string]string{"Authorization": "Bearer " + mint(t, f.iss, tokens.User{Sub: "nogroup"})}))
	require.NoError(t, err)

	cases := []struct {
		arn                 string
		token, key, denyAll bool
	}{
		{arnStage + "/POST/direct/items", true, false, false},
		{arnStage + "/POST/lambda/items", true, false, false},
		{arnStage + "/PUT/lambda/items/x", true, false, false},
		{arnStage + "/PUT/direct/items/with/slashes", true, false, false},
		{arnStage + "/GET/direct/items", false, true, false},
		{arnStage + "/GET/lambda/items/x", false, true, false},
		{arnStage + "/GET/", false, true, false},
		{arnStage + "/HEAD/direct/items", false, true, false},
		{arnStage + "/DELETE/direct/items/x", false, false, false},
		{arnStage + "/DELETE/lambda/items/x", false, false, false},
		{arnStage + "/PATCH/direct/items/x", false, false, false},
		{arnStage + "/OPTIONS/direct/items", false, false, false},
		{"arn:aws:execute-api:us-east-1:123456789012:s4x3opwd6i/test/POST/direct/items", false, false, false},
		{"arn:aws:execute-api:us-east-1:123456789012:otherapiid/prod/POST/direct/items", false, false, false},
		{"arn:aws:execute-api:eu-west-1:123456789012:s4x3opwd6i/prod/GET/direct/items", false, false, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.token, allows(tokenResp.PolicyDocument, tc.arn), "token-mode policy for %s", tc.arn)
		assert.Equal(t, tc.key, allows(keyResp.PolicyDocument, tc.arn), "key-mode policy for %s", tc.arn)
		assert.Equal(t, tc.denyAll, allows(denyResp.PolicyDocument, tc.arn), "deny policy for %s", tc.arn)
	}
	// The Deny for a token without a plan covers all the token mode serves,
	// so a cached Deny is as consistent as a cached Allow.
	assert.ElementsMatch(t, tokenResp.PolicyDocument.Statement[0].Resource, denyResp.PolicyDocument.Statement[0].Resource)
}

func TestTokenModeServesOnlyItsMethods(t *testing.T) {
	f := newFixture(t)
	// DELETE is the Cognito authorizer's; should it reach this function, a
	// valid token still gets a policy that does not allow it.
	ev := baseEvent(t, "DELETE", "/direct/items/{id}", "/direct/items/1", map[string]string{"Authorization": "Bearer " + mint(t, f.iss, basicUser)})
	resp, err := f.h.Handle(context.Background(), ev)
	require.NoError(t, err)
	assert.False(t, allows(resp.PolicyDocument, ev.MethodArn))
}

func TestBadMethodARNIsUnauthorized(t *testing.T) {
	f := newFixture(t)
	for _, arn := range []string{
		"", "not-an-arn", "arn:aws:lambda:us-east-1:123456789012:function:x",
		"arn:aws:execute-api:us-east-1:123456789012:apiid", "arn:aws:execute-api:us-east-1:123456789012:*/prod/POST/x",
		"arn:aws:execute-api:::apiid/prod/POST/x",
	} {
		ev := baseEvent(t, "POST", "/direct/items", "/direct/items", map[string]string{"Authorization": "Bearer " + mint(t, f.iss, freeUser)})
		ev.MethodArn = arn
		_, err := f.h.Handle(context.Background(), ev)
		assert.Same(t, authorizer.ErrUnauthorized, err, arn)
	}
}

func TestJWKSOutageIsUnauthorized(t *testing.T) {
	f := newFixture(t)
	// Warm: the pool's current key is cached.
	_, err := write(t, f, "Bearer "+mint(t, f.iss, freeUser))
	require.NoError(t, err)

	f.jwks.down.Store(true)
	// A token under a key the authorizer has not seen (a rotation, or a
	// forgery) cannot be checked while the JWKS is down: refused, no panic.
	rotated := newIssuer(t, pool, 1)
	for range 3 {
		resp, err := write(t, f, "Bearer "+mint(t, rotated, basicUser))
		assert.Same(t, authorizer.ErrUnauthorized, err)
		assert.Empty(t, resp.UsageIdentifierKey)
	}
	f.jwks.Close()
	_, err = write(t, f, "Bearer "+mint(t, rotated, basicUser))
	assert.Same(t, authorizer.ErrUnauthorized, err)
}

func TestColdStartWithJWKSDownIsUnauthorized(t *testing.T) {
	iss := newIssuer(t, pool, 0)
	srv := serveJWKS(t, iss)
	srv.down.Store(true)
	h, err := authorizer.New(context.Background(), authorizer.Config{
		Issuer: iss.IssuerURL(), ClientID: client, JWKSURL: srv.URL + "/jwks.json", PlanKeys: planKeys,
	})
	require.NoError(t, err, "a JWKS outage must not fail the cold start")
	defer h.Close()
	_, err = h.Handle(context.Background(), baseEvent(t, "POST", "/direct/items", "/direct/items", map[string]string{"Authorization": "Bearer " + mint(t, iss, freeUser)}))
	assert.Same(t, authorizer.ErrUnauthorized, err)
}

func TestLogsNeverContainTokensOrKeys(t *testing.T) {
	f := newFixture(t)
	good := mint(t, f.iss, freeUser)
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))
	noGroup := mint(t, f.iss, tokens.User{Sub: "sub-nogroup"})
	unknownKey := "SecretLookingButUnknownKey-0123456789"

	calls := []struct{ method, header, value string }{
		{"POST", "Authorization", "Bearer " + good},
		{"PUT", "Authorization", "Bearer " + tampered},
		{"POST", "Authorization", "Bearer " + noGroup},
		{"POST", "Authorization", good}, // malformed: no scheme
		{"GET", "x-api-key", freeKey},
		{"GET", "x-api-key", basicKey},
		{"GET", "x-api-key", unknownKey},
	}
	for _, c := range calls {
		_, _ = f.h.Handle(context.Background(), baseEvent(t, c.method, "/direct/items", "/direct/items", map[string]string{c.header: c.value}))
	}

	out := f.logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, len(calls), "one log line per call")
	for _, secret := range []string{good, tampered, noGroup, parts[1], parts[2], freeKey, basicKey, unknownKey} {
		assert.NotContains(t, out, secret)
	}
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first), "logs are JSON")
	assert.Equal(t, "allow", first["outcome"])
	assert.Equal(t, "FreeTier", first["plan"])
	assert.Equal(t, "token", first["mode"])
	var last map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &last))
	assert.Equal(t, "allow", last["outcome"], "an unknown key is API Gateway's to refuse")
	assert.Nil(t, last["plan"])
	assert.Contains(t, last["reason"], "API Gateway checks it")
	assert.Equal(t, "key", last["mode"])
}

func TestNewRejectsBadConfig(t *testing.T) {
	iss := newIssuer(t, pool, 0)
	ok := authorizer.Config{Issuer: iss.IssuerURL(), ClientID: client, Keyfunc: func(*jwt.Token) (any, error) { return iss.PublicKey(), nil }, PlanKeys: planKeys}
	cases := map[string]func(*authorizer.Config){
		"no plans":             func(c *authorizer.Config) { c.PlanKeys = nil },
		"empty key value":      func(c *authorizer.Config) { c.PlanKeys = map[string]string{"FreeTier": ""} },
		"shared key value":     func(c *authorizer.Config) { c.PlanKeys = map[string]string{"A": freeKey, "B": freeKey} },
		"order names unknown":  func(c *authorizer.Config) { c.PlanOrder = []string{"Gold"} },
		"order repeats a plan": func(c *authorizer.Config) { c.PlanOrder = []string{"FreeTier", "FreeTier"} },
		"no issuer":            func(c *authorizer.Config) { c.Issuer = "" },
		"no client":            func(c *authorizer.Config) { c.ClientID = "" },
	}
	for name, mod := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := ok
			mod(&cfg)
			_, err := authorizer.New(context.Background(), cfg)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), freeKey)
		})
	}
	h, err := authorizer.New(context.Background(), ok)
	require.NoError(t, err)
	h.Close()
}

func TestResponseHasAPIGatewayShape(t *testing.T) {
	f := newFixture(t)
	resp, err := write(t, f, "Bearer "+mint(t, f.iss, basicUser))
	require.NoError(t, err)
	body, err := json.Marshal(resp)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, basicKey, got["usageIdentifierKey"])
	assert.Equal(t, "sub-basic", got["principalId"])
	doc := got["policyDocument"].(map[string]any)
	assert.Equal(t, "2012-10-17", doc["Version"])
	st := doc["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "Allow", st["Effect"])
	assert.Equal(t, []any{"execute-api:Invoke"}, st["Action"])
	for _, v := range got["context"].(map[string]any) {
		assert.IsType(t, "", v, "context values must be strings, numbers or booleans")
	}
}

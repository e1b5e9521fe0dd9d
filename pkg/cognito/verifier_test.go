package cognito_test

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/cognito"
	"apigwdirect/pkg/tokens"
)

var alice = tokens.User{Sub: "11111111-2222-3333-4444-555555555555", Email: "alice@example.com", Groups: []string{"Group-FreeTier"}}

// mutate returns ID claims for alice with change applied.
func mutate(iss *tokens.Issuer, change func(jwt.MapClaims)) jwt.MapClaims {
	c := iss.IDClaims(alice, time.Hour)
	change(c)
	return c
}

func signed(t *testing.T, iss *tokens.Issuer, c jwt.MapClaims) string {
	t.Helper()
	s, err := iss.Sign(c)
	require.NoError(t, err)
	return s
}

// signWith signs claims with an arbitrary method, key and kid.
func signWith(t *testing.T, m jwt.SigningMethod, key any, kid string, c jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

func publicPEM(t *testing.T, iss *tokens.Issuer) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(iss.PublicKey())
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// replacePayload swaps the payload segment of a signed token for c, keeping
// the original header and signature.
func replacePayload(t *testing.T, raw string, c jwt.MapClaims) string {
	t.Helper()
	parts := strings.Split(raw, ".")
	require.Len(t, parts, 3)
	body, err := json.Marshal(c)
	require.NoError(t, err)
	parts[1] = base64.RawURLEncoding.EncodeToString(body)
	return strings.Join(parts, ".")
}

func TestVerifyAcceptsValidIDToken(t *testing.T) {
	iss := newIssuer(t, 0)
	v := newVerifier(t, newJWKSServer(t, iss.JWKS()), nil)
	raw, err := iss.MintID(tokens.User{Sub: "sub-9", Username: "carol", Email: "c@example.com", Groups: []string{"Group-BasicUsagePlan", "Group-FreeTier"}}, time.Hour)
	require.NoError(t, err)

	c, err := v.Verify(context.Background(), raw)
	require.NoError(t, err)
	assert.Equal(t, "sub-9", c.Subject)
	assert.Equal(t, "carol", c.Username)
	assert.Equal(t, "c@example.com", c.Email)
	assert.Equal(t, []string{"Group-BasicUsagePlan", "Group-FreeTier"}, c.Groups)
	assert.Equal(t, "id", c.TokenUse)
	assert.Equal(t, testClient, c.ClientID)
	assert.Equal(t, iss.IssuerURL(), c.Issuer)
	assert.WithinDuration(t, c.IssuedAt.Add(time.Hour), c.ExpiresAt, time.Second)
	assert.False(t, c.AuthTime.IsZero())
}

func TestVerifyToleratesSmallClockSkew(t *testing.T) {
	iss := newIssuer(t, 0)
	v := newVerifier(t, newJWKSServer(t, iss.JWKS()), nil) // leeway 5s
	now := time.Now().Unix()
	skewed := signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["iat"] = now + 2; c["nbf"] = now + 2 }))
	_, err := v.Verify(context.Background(), skewed)
	assert.NoError(t, err, "iat/nbf two seconds ahead is within the leeway")

	justExpired := signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["exp"] = now - 2 }))
	_, err = v.Verify(context.Background(), justExpired)
	assert.NoError(t, err, "exp two seconds ago is within the leeway")
}

func TestVerifyRejectsAttacksAndMistakes(t *testing.T) {
	iss := newIssuer(t, 0)
	attackerKey := testKeys()[1]
	otherPool, err := tokens.NewIssuer(tokens.Options{PoolID: "us-east-1_OtherPool", ClientID: testClient, BaseURL: testBase, Key: testKeys()[2]})
	require.NoError(t, err)
	v := newVerifier(t, newJWKSServer(t, iss.JWKS()), nil)

	valid := signed(t, iss, iss.IDClaims(alice, time.Hour))
	now := time.Now().Unix()
	noKid := jwt.NewWithClaims(jwt.SigningMethodRS256, iss.IDClaims(alice, time.Hour))
	noKidRaw, err := noKid.SignedString(testKeys()[0])
	require.NoError(t, err)
	accessRaw, err := iss.MintAccess(alice, time.Hour)
	require.NoError(t, err)
	otherPoolRaw, err := otherPool.MintID(alice, time.Hour)
	require.NoError(t, err)
	parts := strings.Split(valid, ".")

	cases := []struct {
		name string
		raw  string
		also error // a more specific sentinel the error must match
	}{
		{"alg none", signWith(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, iss.KeyID(), iss.IDClaims(alice, time.Hour)), nil},
		{"HS256 keyed with the public key", signWith(t, jwt.SigningMethodHS256, publicPEM(t, iss), iss.KeyID(), iss.IDClaims(alice, time.Hour)), nil},
		{"RS512 with the right key", signWith(t, jwt.SigningMethodRS512, testKeys()[0], iss.KeyID(), iss.IDClaims(alice, time.Hour)), nil},
		{"PS256 with the right key", signWith(t, jwt.SigningMethodPS256, testKeys()[0], iss.KeyID(), iss.IDClaims(alice, time.Hour)), nil},
		{"tampered payload (group added)", replacePayload(t, valid, mutate(iss, func(c jwt.MapClaims) { c["cognito:groups"] = []string{"Group-BasicUsagePlan"} })), nil},
		{"stripped signature", parts[0] + "." + parts[1] + ".", nil},
		{"signature of another token", parts[0] + "." + parts[1] + "." + strings.Split(accessRaw, ".")[2], nil},
		{"no kid", noKidRaw, cognito.ErrKeyUnavailable},
		{"unknown kid", signWith(t, jwt.SigningMethodRS256, attackerKey, "attacker-kid", iss.IDClaims(alice, time.Hour)), cognito.ErrKeyUnavailable},
		{"jku header pointing at the attacker's JWKS", func() string {
			tok := jwt.NewWithClaims(jwt.SigningMethodRS256, iss.IDClaims(alice, time.Hour))
			tok.Header["kid"], tok.Header["jku"] = "attacker-kid", "https://attacker.example/jwks.json"
			s, err := tok.SignedString(attackerKey)
			require.NoError(t, err)
			return s
		}(), cognito.ErrKeyUnavailable},
		{"attacker key under our kid", signWith(t, jwt.SigningMethodRS256, attackerKey, iss.KeyID(), iss.IDClaims(alice, time.Hour)), nil},
		{"expired", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["iat"] = now - 7200; c["exp"] = now - 3600 })), cognito.ErrExpired},
		{"not yet valid", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["nbf"] = now + 3600 })), nil},
		{"issued in the future", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["iat"] = now + 3600 })), nil},
		{"no exp", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { delete(c, "exp") })), nil},
		{"no iat", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { delete(c, "iat") })), nil},
		{"exp as a string", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["exp"] = "tomorrow" })), nil},
		{"wrong issuer", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["iss"] = testBase + "/us-east-1_OtherPool" })), nil},
		{"issuer with trailing slash", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["iss"] = iss.IssuerURL() + "/" })), nil},
		{"wrong audience", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { c["aud"] = "another-client" })), cognito.ErrWrongClient},
		{"no audience", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { delete(c, "aud") })), cognito.ErrWrongClient},
		{"access token instead of ID token", accessRaw, cognito.ErrWrongTokenUse},
		{"no token_use", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { delete(c, "token_use") })), cognito.ErrWrongTokenUse},
		{"no sub", signed(t, iss, mutate(iss, func(c jwt.MapClaims) { delete(c, "sub") })), nil},
		{"token from another pool", otherPoolRaw, nil},
		{"empty", "", cognito.ErrMissingToken},
		{"not a JWT", "definitely-not-a-jwt", nil},
		{"oversized", strings.Repeat("a", cognito.MaxTokenBytes+1), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := v.Verify(context.Background(), tc.raw)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.ErrorIs(t, err, cognito.ErrInvalidToken)
			if tc.also != nil {
				assert.ErrorIs(t, err, tc.also)
			}
			if len(tc.raw) > 20 {
				assert.NotContains(t, err.Error(), tc.raw, "errors must not echo the token")
			}
		})
	}
}

func TestAccessVerifierChecksClientID(t *testing.T) {
	iss := newIssuer(t, 0)
	v := newVerifier(t, newJWKSServer(t, iss.JWKS()), func(c *cognito.Config) { c.TokenUse = cognito.TokenUseAccess })

	access, err := iss.MintAccess(alice, time.Hour)
	require.NoError(t, err)
	c, err := v.Verify(context.Background(), access)
	require.NoError(t, err)
	assert.Equal(t, "access", c.TokenUse)
	assert.Equal(t, alice.Sub, c.Username)

	id, err := iss.MintID(alice, time.Hour)
	require.NoError(t, err)
	_, err = v.Verify(context.Background(), id)
	assert.ErrorIs(t, err, cognito.ErrWrongTokenUse)

	foreign := signed(t, iss, func() jwt.MapClaims {
		c := iss.AccessClaims(alice, time.Hour)
		c["client_id"] = "another-client"
		return c
	}())
	_, err = v.Verify(context.Background(), foreign)
	assert.ErrorIs(t, err, cognito.ErrWrongClient)
}

func TestNewVerifierRejectsBadConfig(t *testing.T) {
	cases := map[string]cognito.Config{
		"no issuer":       {ClientID: "c"},
		"no client":       {Issuer: "https://example.com/p"},
		"bad token use":   {Issuer: "https://example.com/p", ClientID: "c", TokenUse: "refresh"},
		"relative JWKS":   {Issuer: "https://example.com/p", ClientID: "c", JWKSURL: "/jwks.json"},
		"non-http issuer": {Issuer: "ftp://example.com/p", ClientID: "c"},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := cognito.NewVerifier(context.Background(), cfg)
			assert.Error(t, err)
		})
	}
}

func TestIssuerURL(t *testing.T) {
	assert.Equal(t, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", cognito.IssuerURL("eu-west-1", "eu-west-1_abc"))
}

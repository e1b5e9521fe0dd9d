package tokens_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/tokens"
)

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
)

// sharedKey returns one RSA key per test binary so tests stay fast.
func sharedKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	return testKey
}

func newIssuer(t *testing.T, now time.Time) *tokens.Issuer {
	t.Helper()
	iss, err := tokens.NewIssuer(tokens.Options{
		PoolID: "local_Pool1", ClientID: "client-1", BaseURL: "http://127.0.0.1:9999/",
		Key: sharedKey(t), Now: func() time.Time { return now },
	})
	require.NoError(t, err)
	return iss
}

func TestNewIssuerRejectsIncompleteOptions(t *testing.T) {
	key := sharedKey(t)
	cases := map[string]tokens.Options{
		"no pool":        {ClientID: "c", BaseURL: "http://x", Key: key},
		"slash in pool":  {PoolID: "a/b", ClientID: "c", BaseURL: "http://x", Key: key},
		"no client":      {PoolID: "p", BaseURL: "http://x", Key: key},
		"no base url":    {PoolID: "p", ClientID: "c", Key: key},
		"relative base":  {PoolID: "p", ClientID: "c", BaseURL: "/just/a/path", Key: key},
		"malformed base": {PoolID: "p", ClientID: "c", BaseURL: "http://[::1", Key: key},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := tokens.NewIssuer(opts)
			assert.Error(t, err)
		})
	}
}

func TestURLsFollowCognitoLayout(t *testing.T) {
	iss := newIssuer(t, time.Now())
	assert.Equal(t, "http://127.0.0.1:9999/local_Pool1", iss.IssuerURL())
	assert.Equal(t, "http://127.0.0.1:9999/local_Pool1/.well-known/jwks.json", iss.JWKSURL())
	assert.Equal(t, "local_Pool1", iss.PoolID())
	assert.Equal(t, "client-1", iss.ClientID())
}

func TestIDTokenHasCognitoShape(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	iss := newIssuer(t, now)
	raw, err := iss.MintID(tokens.User{Sub: "sub-1", Email: "a@example.com", Groups: []string{"Group-FreeTier", "admins"}}, time.Hour)
	require.NoError(t, err)

	claims := jwt.MapClaims{}
	tok, _, err := jwt.NewParser().ParseUnverified(raw, claims)
	require.NoError(t, err)
	assert.Equal(t, "RS256", tok.Header["alg"])
	assert.Equal(t, iss.KeyID(), tok.Header["kid"])
	assert.Equal(t, iss.IssuerURL(), claims["iss"])
	assert.Equal(t, "client-1", claims["aud"])
	assert.Equal(t, "id", claims["token_use"])
	assert.Equal(t, "sub-1", claims["sub"])
	assert.Equal(t, "sub-1", claims["cognito:username"])
	assert.Equal(t, "a@example.com", claims["email"])
	assert.Equal(t, []any{"Group-FreeTier", "admins"}, claims["cognito:groups"])
	assert.InDelta(t, float64(now.Unix()), claims["iat"], 0)
	assert.InDelta(t, float64(now.Unix()), claims["auth_time"], 0)
	assert.InDelta(t, float64(now.Add(time.Hour).Unix()), claims["exp"], 0)
	assert.NotContains(t, claims, "client_id")
}

func TestAccessTokenHasCognitoShape(t *testing.T) {
	iss := newIssuer(t, time.Now())
	raw, err := iss.MintAccess(tokens.User{Sub: "sub-2", Username: "bob", Email: "b@example.com"}, time.Minute)
	require.NoError(t, err)

	claims := jwt.MapClaims{}
	_, _, err = jwt.NewParser().ParseUnverified(raw, claims)
	require.NoError(t, err)
	assert.Equal(t, "access", claims["token_use"])
	assert.Equal(t, "client-1", claims["client_id"])
	assert.Equal(t, "bob", claims["username"])
	assert.NotContains(t, claims, "aud")
	assert.NotContains(t, claims, "email")
	assert.NotContains(t, claims, "cognito:groups", "no groups means no claim, as in Cognito")
}

func TestServedJWKSVerifiesMintedTokens(t *testing.T) {
	iss := newIssuer(t, time.Now())
	srv := httptest.NewServer(iss.Handler())
	defer srv.Close()

	// The handler routes on the issuer URL's path, whatever host serves it.
	resp, err := http.Get(srv.URL + "/local_Pool1/.well-known/jwks.json")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.JSONEq(t, string(iss.JWKS()), string(body))
	assert.NotContains(t, string(body), `"d"`, "the JWKS must not publish the private exponent")

	kf, err := keyfunc.NewJWKSetJSON(body)
	require.NoError(t, err)
	raw, err := iss.MintID(tokens.User{Sub: "s"}, time.Hour)
	require.NoError(t, err)
	tok, err := jwt.Parse(raw, kf.Keyfunc, jwt.WithValidMethods([]string{"RS256"}))
	require.NoError(t, err)
	assert.True(t, tok.Valid)
}

func TestHandlerAnswers404ElsewhereAnd405ForWrites(t *testing.T) {
	iss := newIssuer(t, time.Now())
	srv := httptest.NewServer(iss.Handler())
	defer srv.Close()

	for _, path := range []string{"/", "/other_pool/.well-known/jwks.json", "/local_Pool1/.well-known/openid"} {
		resp, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
	}
	resp, err := http.Post(srv.URL+"/local_Pool1/.well-known/jwks.json", "application/json", nil)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestDistinctIssuersHaveDistinctKeys(t *testing.T) {
	a, err := tokens.NewIssuer(tokens.Options{PoolID: "p1", ClientID: "c", BaseURL: "http://h"})
	require.NoError(t, err)
	b, err := tokens.NewIssuer(tokens.Options{PoolID: "p2", ClientID: "c", BaseURL: "http://h"})
	require.NoError(t, err)
	assert.NotEqual(t, a.KeyID(), b.KeyID())
	assert.False(t, a.PublicKey().Equal(b.PublicKey()))
}

func TestStartServesUntilClosed(t *testing.T) {
	srv, err := tokens.Start(context.Background(), "127.0.0.1:0", tokens.Options{PoolID: "p", ClientID: "c", Key: sharedKey(t)})
	require.NoError(t, err)

	resp, err := http.Get(srv.JWKSURL())
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	require.NoError(t, srv.Close())
	require.NoError(t, srv.Close(), "Close is idempotent")
	_, err = http.Get(srv.JWKSURL())
	assert.Error(t, err, "a closed server refuses connections")
}

func TestStartStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "p", ClientID: "c", Key: sharedKey(t)})
	require.NoError(t, err)
	cancel()
	require.NoError(t, srv.Close())
	_, err = http.Get(srv.JWKSURL())
	assert.Error(t, err)
}

package cognito_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/cognito"
	"apigwdirect/pkg/tokens"
)

// joinJWKS merges the key sets of several issuers into one document.
func joinJWKS(t *testing.T, issuers ...*tokens.Issuer) []byte {
	t.Helper()
	var all struct {
		Keys []json.RawMessage `json:"keys"`
	}
	for _, iss := range issuers {
		var one struct {
			Keys []json.RawMessage `json:"keys"`
		}
		require.NoError(t, json.Unmarshal(iss.JWKS(), &one))
		all.Keys = append(all.Keys, one.Keys...)
	}
	out, err := json.Marshal(all)
	require.NoError(t, err)
	return out
}

func TestJWKSIsFetchedOnceForManyTokens(t *testing.T) {
	iss := newIssuer(t, 0)
	srv := newJWKSServer(t, iss.JWKS())
	v := newVerifier(t, srv, nil)
	for i := range 20 {
		raw, err := iss.MintID(tokens.User{Sub: fmt.Sprint("user-", i)}, time.Hour)
		require.NoError(t, err)
		_, err = v.Verify(context.Background(), raw)
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, srv.hits.Load(), "one fetch at start, then the cache")
}

func TestUnknownKIDRefetchesAtABoundedRate(t *testing.T) {
	iss := newIssuer(t, 0)
	srv := newJWKSServer(t, iss.JWKS())
	v := newVerifier(t, srv, func(c *cognito.Config) { c.UnknownKIDRefresh = time.Hour })

	ctx := context.Background()
	for i := range 25 {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, iss.IDClaims(alice, time.Hour))
		tok.Header["kid"] = fmt.Sprint("forged-", i)
		raw, err := tok.SignedString(testKeys()[1])
		require.NoError(t, err)
		_, err = v.Verify(ctx, raw)
		require.ErrorIs(t, err, cognito.ErrKeyUnavailable)
	}
	assert.EqualValues(t, 2, srv.hits.Load(), "the initial fetch plus one refetch per UnknownKIDRefresh, however many unknown kids arrive")

	// Known keys keep working once the refetch budget is spent.
	raw, err := iss.MintID(alice, time.Hour)
	require.NoError(t, err)
	_, err = v.Verify(ctx, raw)
	assert.NoError(t, err)
}

func TestKeyRotationIsPickedUpOnUnknownKID(t *testing.T) {
	oldKey, newKey := newIssuer(t, 0), newIssuer(t, 1)
	srv := newJWKSServer(t, oldKey.JWKS())
	v := newVerifier(t, srv, nil)

	srv.serve(joinJWKS(t, oldKey, newKey)) // the pool publishes a new key
	raw, err := newKey.MintID(alice, time.Hour)
	require.NoError(t, err)
	c, err := v.Verify(context.Background(), raw)
	require.NoError(t, err)
	assert.Equal(t, alice.Sub, c.Subject)
}

func TestJWKSOutageDeniesAndNeverPanics(t *testing.T) {
	current, next := newIssuer(t, 0), newIssuer(t, 1)
	srv := newJWKSServer(t, current.JWKS())
	v := newVerifier(t, srv, func(c *cognito.Config) { c.UnknownKIDRefresh = time.Nanosecond })
	ctx := context.Background()

	warm, err := current.MintID(alice, time.Hour)
	require.NoError(t, err)
	_, err = v.Verify(ctx, warm)
	require.NoError(t, err)

	srv.down.Store(true)
	rotated, err := next.MintID(alice, time.Hour)
	require.NoError(t, err)
	for range 3 {
		c, err := v.Verify(ctx, rotated)
		assert.Nil(t, c)
		assert.ErrorIs(t, err, cognito.ErrKeyUnavailable, "a key that cannot be fetched denies")
	}
	_, err = v.Verify(ctx, warm)
	assert.NoError(t, err, "a failed refetch keeps the keys already cached")

	srv.Close() // connection refused rather than 503
	_, err = v.Verify(ctx, rotated)
	assert.ErrorIs(t, err, cognito.ErrInvalidToken)
}

func TestColdStartDuringOutageRecovers(t *testing.T) {
	iss := newIssuer(t, 0)
	srv := newJWKSServer(t, iss.JWKS())
	srv.down.Store(true)
	v := newVerifier(t, srv, func(c *cognito.Config) { c.UnknownKIDRefresh = time.Nanosecond })

	raw, err := iss.MintID(alice, time.Hour)
	require.NoError(t, err)
	_, err = v.Verify(context.Background(), raw)
	require.ErrorIs(t, err, cognito.ErrKeyUnavailable)

	srv.down.Store(false)
	_, err = v.Verify(context.Background(), raw)
	assert.NoError(t, err, "the next unknown-kid refetch succeeds once the JWKS is back")
}

func TestJWKSWithGarbageDenies(t *testing.T) {
	iss := newIssuer(t, 0)
	for name, doc := range map[string]string{
		"not JSON":      "<html>maintenance</html>",
		"no keys":       `{"keys":[]}`,
		"symmetric key": `{"keys":[{"kty":"oct","kid":"` + iss.KeyID() + `","k":"c2VjcmV0","alg":"HS256"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			v := newVerifier(t, newJWKSServer(t, []byte(doc)), nil)
			raw, err := iss.MintID(alice, time.Hour)
			require.NoError(t, err)
			_, err = v.Verify(context.Background(), raw)
			assert.ErrorIs(t, err, cognito.ErrInvalidToken)
		})
	}
}

func TestVerifierAgainstTokenServer(t *testing.T) {
	ctx := context.Background()
	srv, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: testPool, ClientID: testClient, Key: testKeys()[0]})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })

	// Only Issuer and ClientID: the JWKS URL is derived as in AWS.
	v, err := cognito.NewVerifier(ctx, cognito.Config{Issuer: srv.IssuerURL(), ClientID: testClient})
	require.NoError(t, err)
	t.Cleanup(v.Close)
	raw, err := srv.MintID(alice, time.Hour)
	require.NoError(t, err)
	c, err := v.Verify(ctx, raw)
	require.NoError(t, err)
	assert.Equal(t, alice.Email, c.Email)
}

func TestStaticKeyfunc(t *testing.T) {
	iss := newIssuer(t, 0)
	v, err := cognito.NewVerifier(context.Background(), cognito.Config{
		Issuer: iss.IssuerURL(), ClientID: testClient,
		Keyfunc: func(*jwt.Token) (any, error) { return iss.PublicKey(), nil },
	})
	require.NoError(t, err)
	defer v.Close()
	raw, err := iss.MintID(alice, time.Hour)
	require.NoError(t, err)
	_, err = v.Verify(context.Background(), raw)
	assert.NoError(t, err)

	forged := signWith(t, jwt.SigningMethodRS256, testKeys()[1], iss.KeyID(), iss.IDClaims(alice, time.Hour))
	_, err = v.Verify(context.Background(), forged)
	assert.ErrorIs(t, err, cognito.ErrInvalidToken)
}

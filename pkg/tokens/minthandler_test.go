package tokens_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/tokens"
)

func TestMintHandlerMintsBothTokens(t *testing.T) {
	iss := newIssuer(t, time.Now())
	srv := httptest.NewServer(iss.MintHandler())
	defer srv.Close()

	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"sub":"u-1","email":"u@example.com","groups":["Group-FreeTier"],"ttlSeconds":600}`))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	var out tokens.MintResponse
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	assert.Equal(t, 600, out.ExpiresIn)
	assert.Equal(t, "Bearer", out.TokenType)

	for raw, use := range map[string]string{out.IDToken: "id", out.AccessToken: "access"} {
		claims := jwt.MapClaims{}
		_, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return iss.PublicKey(), nil }, jwt.WithValidMethods([]string{"RS256"}))
		require.NoError(t, err, "signed by the issuer's key")
		_, _, err = jwt.NewParser().ParseUnverified(raw, claims)
		require.NoError(t, err)
		assert.Equal(t, use, claims["token_use"])
		assert.Equal(t, "u-1", claims["sub"])
		assert.Equal(t, []any{"Group-FreeTier"}, claims["cognito:groups"])
	}
}

func TestMintHandlerRejectsBadRequests(t *testing.T) {
	iss := newIssuer(t, time.Now())
	srv := httptest.NewServer(iss.MintHandler())
	defer srv.Close()

	for name, body := range map[string]string{
		"not JSON":      "sub=u",
		"no sub":        `{"email":"a@example.com"}`,
		"negative ttl":  `{"sub":"u","ttlSeconds":-5}`,
		"ttl too long":  `{"sub":"u","ttlSeconds":90000}`,
		"unknown field": `{"sub":"u","admin":true}`,
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := http.Post(srv.URL, "application/json", strings.NewReader(body))
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		})
	}
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

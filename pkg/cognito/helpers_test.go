package cognito_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/cognito"
	"apigwdirect/pkg/tokens"
)

const (
	testPool   = "us-east-1_TestPool"
	testClient = "test-client-id"
	testBase   = "https://cognito-idp.us-east-1.amazonaws.com"
)

var (
	keysOnce sync.Once
	keys     [3]*rsa.PrivateKey
)

// testKeys returns three RSA keys generated once per test binary.
func testKeys() [3]*rsa.PrivateKey {
	keysOnce.Do(func() {
		for i := range keys {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			keys[i] = k
		}
	})
	return keys
}

// newIssuer returns an issuer for the test pool signing with key i.
func newIssuer(t testing.TB, i int) *tokens.Issuer {
	t.Helper()
	iss, err := tokens.NewIssuer(tokens.Options{PoolID: testPool, ClientID: testClient, BaseURL: testBase, Key: testKeys()[i]})
	require.NoError(t, err)
	return iss
}

// jwksServer serves a JWKS document that tests can swap or take down, and
// counts the fetches.
type jwksServer struct {
	*httptest.Server
	body atomic.Pointer[[]byte]
	down atomic.Bool
	hits atomic.Int64
}

func newJWKSServer(t testing.TB, doc []byte) *jwksServer {
	t.Helper()
	s := &jwksServer{}
	s.serve(doc)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.hits.Add(1)
		if s.down.Load() {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(*s.body.Load())
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) serve(doc []byte) { s.body.Store(&doc) }

// newVerifier builds a verifier for the test pool fetching keys from srv.
func newVerifier(t testing.TB, srv *jwksServer, mod func(*cognito.Config)) *cognito.Verifier {
	t.Helper()
	cfg := cognito.Config{
		Issuer:   testBase + "/" + testPool,
		ClientID: testClient,
		JWKSURL:  srv.URL + "/.well-known/jwks.json",
		Leeway:   5 * time.Second,
	}
	if mod != nil {
		mod(&cfg)
	}
	v, err := cognito.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(v.Close)
	return v
}

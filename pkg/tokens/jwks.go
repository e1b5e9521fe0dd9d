package tokens

import (
	"crypto/rsa"
	"math/big"
	"net/http"
	"net/url"
)

const jwksSuffix = "/.well-known/jwks.json"

// jwkSet is the JSON document served at the JWKS URL.
type jwkSet struct {
	Keys []jwk `json:"keys"`
}

// jwk is one RSA public key in JWK form, with the members Cognito publishes.
type jwk struct {
	Alg string `json:"alg"`
	E   string `json:"e"`
	Kid string `json:"kid"`
	Kty string `json:"kty"`
	N   string `json:"n"`
	Use string `json:"use"`
}

func publicJWK(pub *rsa.PublicKey, kid string) jwk {
	return jwk{
		Alg: "RS256",
		E:   b64(big.NewInt(int64(pub.E)).Bytes()),
		Kid: kid,
		Kty: "RSA",
		N:   b64(pub.N.Bytes()),
		Use: "sig",
	}
}

// JWKS returns a copy of the JSON Web Key Set document (public key only).
func (i *Issuer) JWKS() []byte {
	out := make([]byte, len(i.jwks))
	copy(out, i.jwks)
	return out
}

// Handler serves GET (and HEAD) of the JWKS at the path of JWKSURL() and
// answers 404 for anything else. Mount it at the root of the server that
// BaseURL names.
func (i *Issuer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+jwksPath(i.JWKSURL()), func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=3600")
		_, _ = w.Write(i.jwks)
	})
	return mux
}

func jwksPath(jwksURL string) string {
	u, err := url.Parse(jwksURL)
	if err != nil {
		return jwksSuffix
	}
	return u.EscapedPath()
}

package tokens

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"time"
)

// DefaultKeyBits is the size of the RSA key NewIssuer generates when
// Options.Key is nil. Cognito signs with 2048-bit RSA keys.
const DefaultKeyBits = 2048

// Options configure an Issuer.
type Options struct {
	// PoolID is the user pool id, the last path segment of the issuer URL
	// (for example "us-east-1_AbCdEf123"). Required.
	PoolID string
	// ClientID is the app client id written into aud (ID tokens) and
	// client_id (access tokens). Required.
	ClientID string
	// BaseURL is the scheme and host (and optional path prefix) the issuer
	// lives under; the issuer URL is BaseURL + "/" + PoolID. Required by
	// NewIssuer; Start fills it in from the address it listens on.
	BaseURL string
	// Key is the RSA signing key. Nil generates a fresh DefaultKeyBits key.
	Key *rsa.PrivateKey
	// KeyID overrides the kid; empty uses the RFC 7638 thumbprint of the key.
	KeyID string
	// Now is the clock used for iat, auth_time and exp. Nil uses time.Now.
	Now func() time.Time
}

// Issuer mints Cognito-shaped tokens with one RSA key and serves its JWKS.
// It is immutable after NewIssuer and safe for concurrent use.
type Issuer struct {
	poolID    string
	clientID  string
	issuerURL string
	key       *rsa.PrivateKey
	kid       string
	now       func() time.Time
	jwks      []byte
}

// NewIssuer returns an Issuer for opts. It fails on a missing PoolID,
// ClientID or BaseURL, an unparsable BaseURL, or a key it cannot use.
func NewIssuer(opts Options) (*Issuer, error) {
	if opts.PoolID == "" || strings.Contains(opts.PoolID, "/") {
		return nil, errors.New("tokens: PoolID is required and must not contain '/'")
	}
	if opts.ClientID == "" {
		return nil, errors.New("tokens: ClientID is required")
	}
	base, err := url.Parse(opts.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("tokens: BaseURL %q must be an absolute URL", opts.BaseURL)
	}
	key := opts.Key
	if key == nil {
		key, err = rsa.GenerateKey(rand.Reader, DefaultKeyBits)
		if err != nil {
			return nil, fmt.Errorf("tokens: generate RSA key: %w", err)
		}
	}
	if err := key.Validate(); err != nil {
		return nil, fmt.Errorf("tokens: invalid RSA key: %w", err)
	}
	kid := opts.KeyID
	if kid == "" {
		kid = thumbprint(&key.PublicKey)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	iss := &Issuer{
		poolID:    opts.PoolID,
		clientID:  opts.ClientID,
		issuerURL: strings.TrimRight(opts.BaseURL, "/") + "/" + opts.PoolID,
		key:       key,
		kid:       kid,
		now:       now,
	}
	iss.jwks, err = json.Marshal(jwkSet{Keys: []jwk{publicJWK(&key.PublicKey, kid)}})
	if err != nil {
		return nil, fmt.Errorf("tokens: encode JWKS: %w", err)
	}
	return iss, nil
}

// IssuerURL is the value of the iss claim: BaseURL + "/" + PoolID.
func (i *Issuer) IssuerURL() string { return i.issuerURL }

// JWKSURL is where Handler serves the public keys: IssuerURL() +
// "/.well-known/jwks.json", the same layout as Cognito.
func (i *Issuer) JWKSURL() string { return i.issuerURL + jwksSuffix }

// PoolID is the user pool id the issuer stands for.
func (i *Issuer) PoolID() string { return i.poolID }

// ClientID is the app client id written into the tokens.
func (i *Issuer) ClientID() string { return i.clientID }

// KeyID is the kid header of every token the issuer signs.
func (i *Issuer) KeyID() string { return i.kid }

// PublicKey is the verification key published in the JWKS.
func (i *Issuer) PublicKey() *rsa.PublicKey { return &i.key.PublicKey }

// thumbprint is the RFC 7638 JWK thumbprint (SHA-256, base64url) of pub.
func thumbprint(pub *rsa.PublicKey) string {
	// Members in lexicographic order, no whitespace, as RFC 7638 requires.
	canon := fmt.Sprintf(`{"e":%q,"kty":"RSA","n":%q}`, b64(big.NewInt(int64(pub.E)).Bytes()), b64(pub.N.Bytes()))
	sum := sha256.Sum256([]byte(canon))
	return b64(sum[:])
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

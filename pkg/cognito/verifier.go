package cognito

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// Verifier checks Cognito tokens against one user pool and app client.
// It is safe for concurrent use. Call Close when done with it to stop the
// background JWKS refresh.
type Verifier struct {
	cfg    Config
	parser *jwt.Parser
	keys   func(context.Context) jwt.Keyfunc
	stop   context.CancelFunc
}

// NewVerifier validates cfg, fills its defaults and, unless cfg.Keyfunc is
// set, fetches the pool's JWKS once and starts its background refresh. A
// failed first fetch is logged, not returned: tokens are refused until a
// later fetch succeeds. The refresh keeps ctx's values but not its
// cancellation; it stops on Close.
func NewVerifier(ctx context.Context, cfg Config) (*Verifier, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods([]string{jwt.SigningMethodRS256.Alg()}),
		jwt.WithIssuer(c.Issuer),
		jwt.WithLeeway(c.Leeway),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(c.Now),
		jwt.WithStrictDecoding(),
	}
	v := &Verifier{cfg: c, parser: jwt.NewParser(opts...), stop: func() {}}
	if c.Keyfunc != nil {
		v.keys = func(context.Context) jwt.Keyfunc { return c.Keyfunc }
		return v, nil
	}
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	kf, err := newRemoteKeys(bg, c)
	if err != nil {
		cancel()
		return nil, err
	}
	v.keys, v.stop = kf.KeyfuncCtx, cancel
	return v, nil
}

// Close stops the background JWKS refresh. Verify keeps working with the
// keys already cached. Close may be called more than once.
func (v *Verifier) Close() { v.stop() }

// Verify checks raw (a compact JWT, without any "Bearer " prefix) and
// returns its claims. On failure the error matches ErrInvalidToken and, where
// it applies, ErrExpired, ErrKeyUnavailable, ErrWrongTokenUse or
// ErrWrongClient. ctx bounds a JWKS refetch caused by an unknown kid.
func (v *Verifier) Verify(ctx context.Context, raw string) (*Claims, error) {
	if raw == "" {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, ErrMissingToken)
	}
	if len(raw) > MaxTokenBytes {
		return nil, fmt.Errorf("%w: longer than %d bytes", ErrInvalidToken, MaxTokenBytes)
	}
	var wc wireClaims
	if _, err := v.parser.ParseWithClaims(raw, &wc, v.keyfunc(ctx)); err != nil {
		return nil, classify(err)
	}
	if wc.TokenUse != v.cfg.TokenUse {
		return nil, fmt.Errorf("%w: %w: want %q", ErrInvalidToken, ErrWrongTokenUse, v.cfg.TokenUse)
	}
	if !v.issuedToClient(&wc) {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, ErrWrongClient)
	}
	if wc.IssuedAt == nil {
		return nil, fmt.Errorf("%w: iat is missing", ErrInvalidToken)
	}
	if wc.Subject == "" {
		return nil, fmt.Errorf("%w: sub is missing", ErrInvalidToken)
	}
	return wc.public(v.cfg.ClientID), nil
}

// issuedToClient checks aud (ID tokens) or client_id (access tokens)
// against the configured app client.
func (v *Verifier) issuedToClient(wc *wireClaims) bool {
	if v.cfg.TokenUse == TokenUseAccess {
		return wc.ClientID == v.cfg.ClientID
	}
	for _, aud := range wc.Audience {
		if aud == v.cfg.ClientID {
			return true
		}
	}
	return false
}

// keyfunc wraps the key source: it insists on a kid (so a token can never be
// tried against every key) and on an RSA public key.
func (v *Verifier) keyfunc(ctx context.Context) jwt.Keyfunc {
	inner := v.keys(ctx)
	return func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if kid == "" {
			return nil, fmt.Errorf("%w: token has no kid", ErrKeyUnavailable)
		}
		key, err := inner(t)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrKeyUnavailable, err)
		}
		if _, ok := key.(*rsa.PublicKey); !ok {
			return nil, fmt.Errorf("%w: key %q is not an RSA public key", ErrKeyUnavailable, kid)
		}
		return key, nil
	}
}

// classify maps a jwt parse error to this package's sentinels.
func classify(err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return fmt.Errorf("%w: %w: %w", ErrInvalidToken, ErrExpired, err)
	default:
		// ErrKeyUnavailable, when it applies, is already in err's chain.
		return fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
}

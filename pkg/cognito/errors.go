package cognito

import "errors"

// Sentinel errors. Callers branch with errors.Is; every error Verify returns
// matches ErrInvalidToken, and some also match a more specific sentinel.
var (
	// ErrMissingToken: the Authorization header is absent or empty.
	ErrMissingToken = errors.New("cognito: missing bearer token")
	// ErrMalformedHeader: the Authorization header is not "Bearer <JWT>".
	ErrMalformedHeader = errors.New("cognito: malformed authorization header")
	// ErrInvalidToken: the token failed verification, for any reason.
	ErrInvalidToken = errors.New("cognito: invalid token")
	// ErrExpired: the token's exp is in the past (beyond the leeway).
	ErrExpired = errors.New("cognito: token expired")
	// ErrKeyUnavailable: no key of the JWKS matches the token's kid, either
	// because the key is unknown or because the JWKS could not be fetched.
	ErrKeyUnavailable = errors.New("cognito: signing key unavailable")
	// ErrWrongTokenUse: token_use differs from Config.TokenUse (for example an
	// access token where an ID token is required).
	ErrWrongTokenUse = errors.New("cognito: wrong token_use")
	// ErrWrongClient: aud or client_id is not the configured app client.
	ErrWrongClient = errors.New("cognito: token issued to another client")
)

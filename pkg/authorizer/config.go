package authorizer

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"apigwdirect/pkg/cognito"
)

// TokenVerifier verifies a raw Cognito ID token. *cognito.Verifier
// implements it.
type TokenVerifier interface {
	Verify(ctx context.Context, raw string) (*cognito.Claims, error)
}

// Config configures a Handler.
type Config struct {
	// Issuer is the user pool's issuer URL (cognito.IssuerURL(region, poolID),
	// or a local pkg/tokens issuer) and ClientID the app client id. Both are
	// required unless Verifier is set.
	Issuer, ClientID string
	// JWKSURL overrides Issuer + "/.well-known/jwks.json".
	JWKSURL string
	// Keyfunc, when set, supplies verification keys instead of a JWKS fetch.
	Keyfunc jwt.Keyfunc
	// HTTPClient fetches the JWKS; nil uses a client with a short timeout.
	HTTPClient *http.Client
	// Leeway is the clock skew tolerated on exp/nbf/iat; zero means
	// cognito.DefaultLeeway.
	Leeway time.Duration
	// Verifier replaces the cognito.Verifier built from the fields above.
	// The Handler does not close a Verifier it was given.
	Verifier TokenVerifier

	// PlanKeys maps a usage plan name to the value of its API key. Values
	// must be non-empty and distinct. Required.
	PlanKeys map[string]string
	// PlanOrder ranks plans, highest priority first, for a user in several
	// plan groups. Plans it leaves out follow, sorted by name.
	PlanOrder []string

	// Logger receives one line per call; nil discards.
	Logger *slog.Logger
}

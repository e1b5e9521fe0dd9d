package cognito

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Defaults applied by NewVerifier to zero Config fields.
const (
	// DefaultLeeway is the clock skew tolerated on exp, nbf and iat.
	DefaultLeeway = 30 * time.Second
	// DefaultHTTPTimeout bounds one JWKS fetch.
	DefaultHTTPTimeout = 5 * time.Second
	// DefaultRefreshInterval is how often the JWKS is refetched in the background.
	DefaultRefreshInterval = time.Hour
	// DefaultUnknownKIDRefresh is the minimum time between two JWKS fetches
	// caused by tokens naming an unknown kid.
	DefaultUnknownKIDRefresh = time.Minute
	// MaxTokenBytes is the longest token accepted; Cognito's are a few KB.
	MaxTokenBytes = 16 << 10
)

// Token uses, the values of the token_use claim.
const (
	TokenUseID     = "id"
	TokenUseAccess = "access"
)

// Config configures a Verifier. Issuer and ClientID are required.
type Config struct {
	// Issuer is the exact iss every token must carry, normally
	// IssuerURL(region, poolID).
	Issuer string
	// ClientID is the app client id: aud of ID tokens, client_id of access tokens.
	ClientID string
	// TokenUse is the required token_use: TokenUseID (the default) or TokenUseAccess.
	TokenUse string
	// Leeway is the clock skew tolerated on time claims; zero means
	// DefaultLeeway, a negative value none.
	Leeway time.Duration
	// JWKSURL overrides Issuer + "/.well-known/jwks.json".
	JWKSURL string
	// Keyfunc, when set, supplies verification keys instead of fetching a
	// JWKS (for example a keyfunc over a static JWKS). It receives only
	// tokens that already passed the algorithm check and carry a kid.
	Keyfunc jwt.Keyfunc
	// HTTPClient fetches the JWKS; nil uses a client with HTTPTimeout.
	HTTPClient *http.Client
	// HTTPTimeout bounds one JWKS fetch; zero means DefaultHTTPTimeout.
	HTTPTimeout time.Duration
	// RefreshInterval is the background JWKS refresh period; zero means
	// DefaultRefreshInterval.
	RefreshInterval time.Duration
	// UnknownKIDRefresh is the minimum time between JWKS fetches triggered
	// by unknown kids; zero means DefaultUnknownKIDRefresh.
	UnknownKIDRefresh time.Duration
	// Now is the clock for time claims; nil uses time.Now.
	Now func() time.Time
	// Logger receives JWKS fetch failures; nil discards them.
	Logger *slog.Logger
}

// IssuerURL is the issuer of a Cognito user pool:
// https://cognito-idp.<region>.amazonaws.com/<poolID>.
func IssuerURL(region, poolID string) string {
	return "https://cognito-idp." + region + ".amazonaws.com/" + poolID
}

// withDefaults validates c and fills its zero fields.
func (c Config) withDefaults() (Config, error) {
	if c.Issuer == "" {
		return c, errors.New("cognito: Config.Issuer is required")
	}
	if c.ClientID == "" {
		return c, errors.New("cognito: Config.ClientID is required")
	}
	switch c.TokenUse {
	case "":
		c.TokenUse = TokenUseID
	case TokenUseID, TokenUseAccess:
	default:
		return c, fmt.Errorf("cognito: Config.TokenUse %q is neither %q nor %q", c.TokenUse, TokenUseID, TokenUseAccess)
	}
	switch {
	case c.Leeway == 0:
		c.Leeway = DefaultLeeway
	case c.Leeway < 0:
		c.Leeway = 0
	}
	if c.JWKSURL == "" {
		c.JWKSURL = strings.TrimRight(c.Issuer, "/") + "/.well-known/jwks.json"
	}
	if c.Keyfunc == nil {
		if u, err := url.Parse(c.JWKSURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return c, fmt.Errorf("cognito: JWKS URL %q is not an absolute http(s) URL", c.JWKSURL)
		}
	}
	if c.HTTPTimeout <= 0 {
		c.HTTPTimeout = DefaultHTTPTimeout
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: c.HTTPTimeout}
	}
	if c.RefreshInterval <= 0 {
		c.RefreshInterval = DefaultRefreshInterval
	}
	if c.UnknownKIDRefresh <= 0 {
		c.UnknownKIDRefresh = DefaultUnknownKIDRefresh
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

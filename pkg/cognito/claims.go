package cognito

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims are the verified facts of a Cognito token that callers use.
type Claims struct {
	// Subject is sub, the user's immutable id.
	Subject string
	// Username is cognito:username (ID token) or username (access token).
	Username string
	// Email is the email claim of an ID token; empty for access tokens.
	Email string
	// Groups are the cognito:groups the user belongs to, in token order.
	Groups []string
	// TokenUse is "id" or "access".
	TokenUse string
	// ClientID is the app client the token was issued to (aud or client_id).
	ClientID string
	// Issuer is iss.
	Issuer string
	// IssuedAt, ExpiresAt and AuthTime are iat, exp and auth_time
	// (AuthTime is zero when absent).
	IssuedAt, ExpiresAt, AuthTime time.Time
}

// wireClaims is the JSON shape of a Cognito ID or access token payload.
type wireClaims struct {
	jwt.RegisteredClaims
	TokenUse        string   `json:"token_use"`
	Groups          []string `json:"cognito:groups"`
	Email           string   `json:"email"`
	CognitoUsername string   `json:"cognito:username"`
	Username        string   `json:"username"`
	ClientID        string   `json:"client_id"`
	AuthTime        int64    `json:"auth_time"`
}

func (w *wireClaims) public(clientID string) *Claims {
	c := &Claims{
		Subject:  w.Subject,
		Username: w.CognitoUsername,
		Email:    w.Email,
		Groups:   append([]string(nil), w.Groups...),
		TokenUse: w.TokenUse,
		ClientID: clientID,
		Issuer:   w.Issuer,
	}
	if c.Username == "" {
		c.Username = w.Username
	}
	if w.IssuedAt != nil {
		c.IssuedAt = w.IssuedAt.Time
	}
	if w.ExpiresAt != nil {
		c.ExpiresAt = w.ExpiresAt.Time
	}
	if w.AuthTime > 0 {
		c.AuthTime = time.Unix(w.AuthTime, 0)
	}
	return c
}

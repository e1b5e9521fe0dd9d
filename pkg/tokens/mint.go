package tokens

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// User is the identity a minted token speaks for.
type User struct {
	// Sub is the user's immutable id (a UUID in Cognito). Required.
	Sub string
	// Username is cognito:username (ID token) / username (access token);
	// empty uses Sub.
	Username string
	// Email goes into the ID token's email claim when not empty.
	Email string
	// Groups become cognito:groups; omitted when empty, as Cognito does.
	Groups []string
}

// IDClaims returns the claims of a Cognito-shaped ID token for u that expires
// ttl after the issuer's clock. Tests may change them before calling Sign.
func (i *Issuer) IDClaims(u User, ttl time.Duration) jwt.MapClaims {
	c := i.common(u, ttl, "id")
	c["aud"] = i.clientID
	c["cognito:username"] = username(u)
	if u.Email != "" {
		c["email"] = u.Email
		c["email_verified"] = true
	}
	return c
}

// AccessClaims returns the claims of a Cognito-shaped access token for u:
// client_id instead of aud, token_use "access", no email.
func (i *Issuer) AccessClaims(u User, ttl time.Duration) jwt.MapClaims {
	c := i.common(u, ttl, "access")
	c["client_id"] = i.clientID
	c["username"] = username(u)
	c["scope"] = "aws.cognito.signin.user.admin"
	return c
}

// MintID signs IDClaims(u, ttl).
func (i *Issuer) MintID(u User, ttl time.Duration) (string, error) {
	return i.Sign(i.IDClaims(u, ttl))
}

// MintAccess signs AccessClaims(u, ttl).
func (i *Issuer) MintAccess(u User, ttl time.Duration) (string, error) {
	return i.Sign(i.AccessClaims(u, ttl))
}

// Sign signs arbitrary claims with RS256, the issuer's key and its kid
// header. It is how tests craft tokens with wrong or missing claims that are
// nonetheless correctly signed.
func (i *Issuer) Sign(claims jwt.Claims) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = i.kid
	s, err := t.SignedString(i.key)
	if err != nil {
		return "", fmt.Errorf("tokens: sign: %w", err)
	}
	return s, nil
}

func (i *Issuer) common(u User, ttl time.Duration, use string) jwt.MapClaims {
	now := i.now().Unix()
	c := jwt.MapClaims{
		"sub":        u.Sub,
		"iss":        i.issuerURL,
		"token_use":  use,
		"auth_time":  now,
		"iat":        now,
		"exp":        now + int64(ttl/time.Second),
		"jti":        rand.Text(),
		"origin_jti": rand.Text(),
		"event_id":   rand.Text(),
	}
	if len(u.Groups) > 0 {
		c["cognito:groups"] = append([]string(nil), u.Groups...)
	}
	return c
}

func username(u User) string {
	if u.Username != "" {
		return u.Username
	}
	return u.Sub
}

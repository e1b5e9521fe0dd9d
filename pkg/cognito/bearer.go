package cognito

import (
	"fmt"
	"strings"
)

// BearerToken extracts the token from an Authorization header value of the
// form "Bearer <token>". The scheme is case-insensitive, separated from the
// token by exactly one space; surrounding spaces are trimmed. The token must
// be three non-empty base64url segments joined by dots (a compact JWS).
// An empty header gives ErrMissingToken, anything else that does not fit
// ErrMalformedHeader. The header value never appears in the error.
func BearerToken(header string) (string, error) {
	h := strings.Trim(header, " \t")
	if h == "" {
		return "", ErrMissingToken
	}
	if strings.EqualFold(h, "Bearer") {
		return "", fmt.Errorf("%w: empty bearer token", ErrMissingToken)
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", fmt.Errorf("%w: expected the Bearer scheme", ErrMalformedHeader)
	}
	if token == "" {
		return "", fmt.Errorf("%w: empty bearer token", ErrMissingToken)
	}
	if len(token) > MaxTokenBytes {
		return "", fmt.Errorf("%w: token longer than %d bytes", ErrMalformedHeader, MaxTokenBytes)
	}
	if !isCompactJWS(token) {
		return "", fmt.Errorf("%w: token is not a compact JWT", ErrMalformedHeader)
	}
	return token, nil
}

// isCompactJWS reports whether s is three non-empty dot-separated segments
// of base64url characters (no padding).
func isCompactJWS(s string) bool {
	segments := 1
	segLen := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if segLen == 0 {
				return false
			}
			segments++
			segLen = 0
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			segLen++
		default:
			return false
		}
	}
	return segments == 3 && segLen > 0
}

package cognito_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/cognito"
)

const sampleJWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

func TestBearerToken(t *testing.T) {
	ok := map[string]string{
		"canonical":          "Bearer " + sampleJWT,
		"lower-case scheme":  "bearer " + sampleJWT,
		"upper-case scheme":  "BEARER " + sampleJWT,
		"surrounding spaces": "  Bearer " + sampleJWT + " ",
	}
	for name, header := range ok {
		t.Run(name, func(t *testing.T) {
			got, err := cognito.BearerToken(header)
			require.NoError(t, err)
			assert.Equal(t, sampleJWT, got)
		})
	}

	bad := map[string]struct {
		header string
		want   error
	}{
		"empty":               {"", cognito.ErrMissingToken},
		"blank":               {"   ", cognito.ErrMissingToken},
		"scheme only":         {"Bearer", cognito.ErrMissingToken},
		"scheme and space":    {"Bearer ", cognito.ErrMissingToken},
		"no scheme":           {sampleJWT, cognito.ErrMalformedHeader},
		"basic scheme":        {"Basic dXNlcjpwYXNz", cognito.ErrMalformedHeader},
		"two spaces":          {"Bearer  " + sampleJWT, cognito.ErrMalformedHeader},
		"tab separator":       {"Bearer\t" + sampleJWT, cognito.ErrMalformedHeader},
		"two segments":        {"Bearer aaa.bbb", cognito.ErrMalformedHeader},
		"four segments":       {"Bearer a.b.c.d", cognito.ErrMalformedHeader},
		"empty signature":     {"Bearer aaa.bbb.", cognito.ErrMalformedHeader},
		"empty header":        {"Bearer .bbb.ccc", cognito.ErrMalformedHeader},
		"padding":             {"Bearer aaa=.bbb.ccc", cognito.ErrMalformedHeader},
		"standard base64":     {"Bearer a+a.b/b.ccc", cognito.ErrMalformedHeader},
		"two tokens":          {"Bearer " + sampleJWT + " " + sampleJWT, cognito.ErrMalformedHeader},
		"comma-joined values": {"Bearer " + sampleJWT + ",Bearer " + sampleJWT, cognito.ErrMalformedHeader},
		"oversized":           {"Bearer " + strings.Repeat("a", cognito.MaxTokenBytes) + ".b.c", cognito.ErrMalformedHeader},
	}
	for name, tc := range bad {
		t.Run(name, func(t *testing.T) {
			got, err := cognito.BearerToken(tc.header)
			assert.Empty(t, got)
			assert.ErrorIs(t, err, tc.want)
			if len(tc.header) > 10 {
				assert.NotContains(t, err.Error(), strings.TrimSpace(tc.header))
			}
		})
	}
}

// FuzzBearerToken checks the parser's contract on arbitrary header values:
// no panic; on success the token is a compact JWS found verbatim in the
// header, and parsing its canonical form gives it back; on failure one of the
// two header errors.
func FuzzBearerToken(f *testing.F) {
	for _, seed := range []string{
		"", "Bearer", "Bearer ", "Bearer " + sampleJWT, "bearer " + sampleJWT, "Basic abc",
		"Bearer a.b.c", "Bearer a..c", "Bearer a.b.c.d", "Bearer  a.b.c", " Bearer a.b.c ",
		"Bearer a.b.c\x00", "Bearer \u00e9.b.c", "Bearer\ta.b.c", "Bearer a=.b.c",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		tok, err := cognito.BearerToken(header)
		if err != nil {
			if tok != "" {
				t.Fatalf("token %q returned with error %v", tok, err)
			}
			if !errorsIsAny(err, cognito.ErrMissingToken, cognito.ErrMalformedHeader) {
				t.Fatalf("unexpected error type: %v", err)
			}
			return
		}
		if !strings.Contains(header, tok) {
			t.Fatalf("token %q is not part of header %q", tok, header)
		}
		if strings.Count(tok, ".") != 2 || strings.ContainsAny(tok, " \t=+/") || len(tok) > cognito.MaxTokenBytes {
			t.Fatalf("accepted a token that is not a compact JWS: %q", tok)
		}
		again, err := cognito.BearerToken("Bearer " + tok)
		if err != nil || again != tok {
			t.Fatalf("canonical form does not round-trip: %q, %v", again, err)
		}
	})
}

func errorsIsAny(err error, targets ...error) bool {
	for _, target := range targets {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

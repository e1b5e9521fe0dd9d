package cognito_test

import (
	"context"
	"testing"
	"time"
)

// BenchmarkVerifyWarm measures one verification with the JWKS already
// cached: signature check plus claim checks, no network.
func BenchmarkVerifyWarm(b *testing.B) {
	iss := newIssuer(b, 0)
	v := newVerifier(b, newJWKSServer(b, iss.JWKS()), nil)
	raw, err := iss.MintID(alice, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := v.Verify(ctx, raw); err != nil { // warm the cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, raw); err != nil {
			b.Fatal(err)
		}
	}
}

package authorizer_test

import (
	"context"
	"testing"
	"time"
)

// BenchmarkHandleTokenWarm is one token-mode call with the JWKS cached.
func BenchmarkHandleTokenWarm(b *testing.B) {
	f := newFixture(b)
	raw, err := f.iss.MintID(freeUser, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	ev := baseEvent(b, "POST", "/direct/items", "/direct/items", map[string]string{"Authorization": "Bearer " + raw})
	ctx := context.Background()
	if _, err := f.h.Handle(ctx, ev); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.h.Handle(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandleKey is one key-mode call.
func BenchmarkHandleKey(b *testing.B) {
	f := newFixture(b)
	ev := baseEvent(b, "GET", "/direct/items", "/direct/items", map[string]string{"x-api-key": basicKey})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.h.Handle(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
}

package cognito

import (
	"context"
	"fmt"

	"github.com/MicahParks/keyfunc/v3"
	"golang.org/x/time/rate"
)

// newRemoteKeys builds a keyfunc over the JWKS at c.JWKSURL. It fetches once
// now (a failure is logged, not returned, so that a cold start during a JWKS
// outage recovers on the next unknown-kid refresh), refreshes every
// c.RefreshInterval until ctx ends, and refetches on an unknown kid at most
// once per c.UnknownKIDRefresh. When that budget is spent a lookup fails at
// once instead of waiting.
func newRemoteKeys(ctx context.Context, c Config) (keyfunc.Keyfunc, error) {
	logFailure := func(u string) func(context.Context, error) {
		return func(ctx context.Context, err error) {
			c.Logger.WarnContext(ctx, "JWKS fetch failed", "url", u, "error", err.Error())
		}
	}
	tolerateFirstFailure := true
	kf, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{c.JWKSURL}, keyfunc.Override{
		Client:                    c.HTTPClient,
		HTTPTimeout:               c.HTTPTimeout,
		NoErrorReturnFirstHTTPReq: &tolerateFirstFailure,
		RefreshErrorHandlerFunc:   logFailure,
		RefreshInterval:           c.RefreshInterval,
		RefreshUnknownKID:         rate.NewLimiter(rate.Every(c.UnknownKIDRefresh), 1),
		// Bounds the wait for the limiter and the refetch together; a wait
		// longer than this fails immediately.
		RateLimitWaitMax: c.HTTPTimeout,
	})
	if err != nil {
		return nil, fmt.Errorf("cognito: JWKS client for %s: %w", c.JWKSURL, err)
	}
	return kf, nil
}

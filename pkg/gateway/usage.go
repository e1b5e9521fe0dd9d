package gateway

import (
	"time"

	"golang.org/x/time/rate"

	"apigwdirect/pkg/gateway/apidef"
)

// meter is the throttle and quota state of one key in one usage plan.
type meter struct {
	limiter *rate.Limiter // nil when the plan has no throttle
	window  time.Time     // start of the current quota period
	used    int
}

func newMeter(plan *apidef.UsagePlan) *meter {
	m := &meter{}
	if plan.Rate > 0 || plan.Burst > 0 {
		m.limiter = rate.NewLimiter(rate.Limit(plan.Rate), max(plan.Burst, 1))
	}
	return m
}

// meter enforces API keys and usage plans for methods that require a key:
// the key (x-api-key, or the authorizer's usageIdentifierKey) must be an
// enabled key of a plan on this stage (else 403 Forbidden); the plan's
// quota must not be spent (429 Limit Exceeded) and its token bucket, Burst
// tokens refilled at Rate per second on the server's clock, must hold a
// token (429 Too Many Requests). Only admitted calls count.
func (s *Server) meter(inv *invocation) error {
	if !inv.method.APIKeyRequired {
		return nil
	}
	value := inv.r.Header.Get("x-api-key")
	if s.model.APIKeySource == "AUTHORIZER" {
		value = inv.usageKey
	}
	plan, key := s.planOf(value)
	if plan == nil {
		return gwErr(InvalidAPIKey, "Forbidden")
	}
	inv.apiKey = key
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	id := plan.ID + "\x00" + key.ID
	m := s.meters[id]
	if m == nil {
		m = newMeter(plan)
		s.meters[id] = m
	}
	if plan.QuotaLimit > 0 {
		start := periodStart(now, plan.QuotaPeriod)
		if !start.Equal(m.window) {
			m.window, m.used = start, 0
		}
		if m.used >= plan.QuotaLimit {
			return gwErr(QuotaExceeded, "Limit Exceeded")
		}
	}
	if m.limiter != nil && !m.limiter.AllowN(now, 1) {
		return gwErr(Throttled, "Too Many Requests")
	}
	m.used++
	return nil
}

// planOf finds the usage plan of the stage holding an enabled key of that
// value; nil when none does (or the value is empty).
func (s *Server) planOf(value string) (*apidef.UsagePlan, *apidef.APIKey) {
	if value == "" {
		return nil, nil
	}
	for _, p := range s.model.Plans {
		for _, k := range p.Keys {
			if k.Enabled && k.Value == value {
				return p, k
			}
		}
	}
	return nil, nil
}

// periodStart is the start, in UTC, of the quota period holding t: the day,
// the ISO week (from Monday) or the month.
func periodStart(t time.Time, period string) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch period {
	case "WEEK":
		offset := (int(day.Weekday()) + 6) % 7
		return day.AddDate(0, 0, -offset)
	case "MONTH":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

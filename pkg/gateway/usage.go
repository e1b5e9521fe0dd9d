package gateway

import (
	"math"
	"time"

	"apigwdirect/pkg/gateway/apidef"
)

// meter is the throttle and quota state of one key in one usage plan.
type meter struct {
	tokens float64
	last   time.Time
	window time.Time // start of the current quota period
	used   int
}

// meter enforces API keys and usage plans for methods that require a key:
// the key (x-api-key, or the authorizer's usageIdentifierKey) must be an
// enabled key of a plan on this stage (else 403 Forbidden); the plan's
// quota must not be spent (429 Limit Exceeded) and its token bucket must
// hold a token (429 Too Many Requests). Only admitted calls count.
func (s *Server) meter(c *call) *gatewayError {
	if !c.method.APIKeyRequired {
		return nil
	}
	value := c.r.Header.Get("x-api-key")
	if s.model.APIKeySource == "AUTHORIZER" {
		value = c.usageKey
	}
	if value == "" {
		return gwErr(InvalidAPIKey, "Forbidden")
	}
	var plan *apidef.UsagePlan
	for _, p := range s.model.Plans {
		for _, k := range p.Keys {
			if k.Enabled && k.Value == value {
				plan, c.apiKey = p, k
				break
			}
		}
		if plan != nil {
			break
		}
	}
	if plan == nil {
		return gwErr(InvalidAPIKey, "Forbidden")
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	id := plan.ID + "\x00" + c.apiKey.ID
	m := s.meters[id]
	if m == nil {
		m = &meter{tokens: float64(plan.Burst), last: now}
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
	if plan.Rate > 0 || plan.Burst > 0 {
		burst := math.Max(float64(plan.Burst), 1)
		if elapsed := now.Sub(m.last).Seconds(); elapsed > 0 {
			m.tokens = math.Min(burst, m.tokens+elapsed*plan.Rate)
		}
		m.last = now
		if m.tokens < 1 {
			return gwErr(Throttled, "Too Many Requests")
		}
		m.tokens--
	}
	m.used++
	return nil
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

package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// methodResponse writes the response: the headers it carries
// (Content-Type application/json when it has none), both ids API Gateway
// stamps on every response, its own errors and integration answers alike
// (x-amzn-RequestId, x-amz-apigw-id), and the body except for HEAD.
func (s *Server) methodResponse(w http.ResponseWriter, inv *invocation, resp *response) {
	h := w.Header()
	for k, vs := range resp.Headers {
		h[k] = vs
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	h.Set("x-amzn-RequestId", inv.requestID)
	h.Set("x-amz-apigw-id", inv.extendedID)
	h.Set("Content-Length", strconv.Itoa(len(resp.Body)))
	w.WriteHeader(resp.Status)
	if inv.r.Method != http.MethodHead {
		_, _ = w.Write(resp.Body)
	}
}

// accessLog writes the request's access-log line. Tokens and API key
// values are never in it.
func (s *Server) accessLog(ctx context.Context, inv *invocation, status int) {
	resource := ""
	if inv.method != nil {
		resource = inv.method.ResourcePath
	}
	attrs := []slog.Attr{
		slog.String("requestId", inv.requestID),
		slog.String("method", inv.r.Method),
		slog.String("path", inv.r.URL.Path),
		slog.String("resource", resource),
		slog.Int("status", status),
		slog.Float64("latencyMs", ms(s.now().Sub(inv.start))),
		slog.Float64("integrationLatencyMs", ms(inv.integrationLatency)),
		slog.Float64("authorizerLatencyMs", ms(inv.authorizerLatency)),
		slog.String("authorizerCache", inv.authorizerCache),
		slog.String("servedBy", inv.servedBy),
	}
	if inv.unsupported != "" {
		attrs = append(attrs, slog.String("unsupported", inv.unsupported))
	}
	s.logger.LogAttrs(ctx, slog.LevelInfo, "access", attrs...)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

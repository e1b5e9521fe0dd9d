package gateway

import (
	"context"
	"encoding/json"
	"net/http"
)

// invokeMock answers a MOCK integration: the request template's
// {"statusCode": N} selects the integration response.
func (s *Server) invokeMock(ctx context.Context, c *call) (*response, *gatewayError) {
	c.servedBy = "mock"
	out, e := s.renderRequest(ctx, c)
	if e != nil {
		return nil, e
	}
	var req struct {
		StatusCode int `json:"statusCode"`
	}
	if err := json.Unmarshal([]byte(out), &req); err != nil || req.StatusCode == 0 {
		req.StatusCode = 200
	}
	return s.integrationResponse(ctx, c, req.StatusCode, http.Header{}, "")
}

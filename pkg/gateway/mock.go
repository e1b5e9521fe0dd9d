package gateway

import (
	"context"
	"encoding/json"
)

// mock is the MOCK integration: the request template's {"statusCode": N}
// (200 when absent or not JSON) selects the integration response, with an
// empty body.
type mock struct{}

func (mock) invoke(_ context.Context, inv *invocation, req *integrationRequest) (*integrationResult, error) {
	inv.servedBy = "mock"
	var out struct {
		StatusCode int `json:"statusCode"`
	}
	if err := json.Unmarshal([]byte(req.payload), &out); err != nil || out.StatusCode == 0 {
		out.StatusCode = 200
	}
	return &integrationResult{status: out.StatusCode}, nil
}

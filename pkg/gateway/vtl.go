package gateway

import (
	"context"
	"fmt"
	"sync"

	"apigwdirect/pkg/vtl"
)

// VTL is the TemplateEngine backed by pkg/vtl. It parses each distinct
// template once and is safe for concurrent use.
type VTL struct {
	mu     sync.Mutex
	parsed map[string]*vtl.Template
}

// NewVTL returns an empty engine.
func NewVTL() *VTL { return &VTL{parsed: map[string]*vtl.Template{}} }

// Render parses (or reuses) src and renders it against env.
func (v *VTL) Render(ctx context.Context, name, src string, env *TemplateEnv) (string, Overrides, error) {
	v.mu.Lock()
	t, ok := v.parsed[src]
	v.mu.Unlock()
	if !ok {
		var err error
		t, err = vtl.Parse(name, src)
		if err != nil {
			return "", Overrides{}, fmt.Errorf("gateway: parse template %s: %w", name, err)
		}
		v.mu.Lock()
		v.parsed[src] = t
		v.mu.Unlock()
	}
	e := &vtl.Env{Body: env.Body, PathParams: env.PathParams, QueryParams: env.QueryParams, Headers: env.Headers,
		StageVariables: env.StageVariables, Context: env.Context}
	out, err := t.Render(e)
	if err != nil {
		return "", Overrides{}, fmt.Errorf("gateway: render template %s: %w", name, err)
	}
	ov := e.Overrides()
	return out, Overrides{Status: ov.Status, Headers: ov.Headers}, nil
}

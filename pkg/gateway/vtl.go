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
func (v *VTL) Render(ctx context.Context, name, src string, env *vtl.Env) (string, vtl.Overrides, error) {
	v.mu.Lock()
	t, ok := v.parsed[src]
	v.mu.Unlock()
	if !ok {
		var err error
		t, err = vtl.Parse(name, src)
		if err != nil {
			return "", vtl.Overrides{}, fmt.Errorf("gateway: parse template %s: %w", name, err)
		}
		v.mu.Lock()
		v.parsed[src] = t
		v.mu.Unlock()
	}
	out, err := t.Render(env)
	if err != nil {
		return "", vtl.Overrides{}, fmt.Errorf("gateway: render template %s: %w", name, err)
	}
	return out, env.Overrides(), nil
}

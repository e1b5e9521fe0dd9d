package cfn

import (
	"encoding/json"
	"fmt"
)

// jsonBytes returns v as JSON; a string is taken to be JSON text already.
func jsonBytes(v any) ([]byte, error) {
	if s, ok := v.(string); ok {
		if !json.Valid([]byte(s)) {
			return nil, fmt.Errorf("not JSON: %.40q", s)
		}
		return []byte(s), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode JSON: %w", err)
	}
	return b, nil
}

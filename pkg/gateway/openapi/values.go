package openapi

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool, json.Number, int:
		return fmt.Sprint(x)
	}
	return ""
}

func strs(v any) []string {
	var out []string
	for _, e := range list(v) {
		out = append(out, str(e))
	}
	return out
}

func strMap(v any) map[string]string {
	out := map[string]string{}
	for k, e := range obj(v) {
		out[k] = str(e)
	}
	return out
}

func atoi(v any) int {
	n, _ := strconv.Atoi(strings.TrimSpace(str(v)))
	return n
}

// boolean reads true, or the string "true" in any case.
func boolean(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	return strings.EqualFold(str(v), "true")
}

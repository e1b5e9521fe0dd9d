package openapi

import (
	"strconv"
	"strings"

	"apigwdirect/pkg/gateway/internal/jsonval"
)

// atoi reads a number written as text or as a number; 0 otherwise.
func atoi(v any) int {
	n, _ := strconv.Atoi(strings.TrimSpace(jsonval.Str(v)))
	return n
}

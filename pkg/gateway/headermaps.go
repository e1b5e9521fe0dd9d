package gateway

import "strings"

// setHeader sets name to value in a header map keyed as sent, keeping the
// client's spelling of name when it sent one.
func setHeader(h map[string][]string, name, value string) {
	for k := range h {
		if strings.EqualFold(k, name) {
			h[k] = []string{value}
			return
		}
	}
	h[name] = []string{value}
}

// lastValues flattens a header map the way API Gateway's single-value
// headers do: the last value wins.
func lastValues(h map[string][]string) map[string]string {
	out := make(map[string]string, len(h))
	for k, vs := range h {
		if len(vs) > 0 {
			out[k] = vs[len(vs)-1]
		}
	}
	return out
}

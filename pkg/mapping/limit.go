package mapping

import (
	"regexp"
	"strconv"
	"sync"
)

// Page size bounds of the list route.
const (
	DefaultLimit = 25
	MaxLimit     = 100
	// LimitPattern is the whole-text regular expression a limit must match;
	// list.request.vtl applies the same one.
	LimitPattern = `[1-9][0-9]?|100`
)

// limitRE compiles on first use, so the items function's cold start does not
// pay for it.
var limitRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:` + LimitPattern + `)$`) })

// ParseLimit parses the list route's limit query parameter. Empty means
// DefaultLimit. Otherwise it must be a decimal integer from 1 to MaxLimit,
// written plainly (no sign, leading zero, space or fraction): LimitPattern.
// Anything else is an *InputError.
func ParseLimit(s string) (int, error) {
	if s == "" {
		return DefaultLimit, nil
	}
	if !limitRE().MatchString(s) {
		return 0, inputErr("limit must be an integer from 1 to 100", nil)
	}
	return strconv.Atoi(s)
}

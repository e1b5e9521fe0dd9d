package stack

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"
)

// Backend names the integration that serves the plain /items routes.
type Backend string

// The backends a deployment can choose with -c backend=...
const (
	BackendDirect Backend = "direct" // VTL templates straight to DynamoDB
	BackendLambda Backend = "lambda" // Lambda proxy to the items function
)

// Context keys the app reads (cdk synth/deploy -c key=value).
const (
	ContextBackend    = "backend"    // "direct" (default) or "lambda"
	ContextRetain     = "retain"     // "true" keeps the table and user pool on destroy
	ContextUsagePlans = "usagePlans" // JSON list of Plan; DefaultPlans when absent
	// ContextItemsCodeDir and ContextAuthorizerCodeDir override where the
	// Lambda bundles are read from.
	ContextItemsCodeDir      = "itemsCodeDir"
	ContextAuthorizerCodeDir = "authorizerCodeDir"
)

// Default locations of the Lambda bundles, relative to the repository root
// (make build writes them).
const (
	DefaultItemsCodeDir      = "dist/items"
	DefaultAuthorizerCodeDir = "dist/authorizer"
)

// Quota is a usage plan's request quota.
type Quota struct {
	Limit  int    `json:"limit"`
	Period string `json:"period"` // DAY, WEEK or MONTH
}

// Throttle is a usage plan's steady-state rate (requests per second) and burst.
type Throttle struct {
	RateLimit  float64 `json:"rateLimit"`
	BurstLimit int     `json:"burstLimit"`
}

// Plan is one usage plan. Each plan gets one API key and one Cognito group
// named "Group-<Name>"; a caller in that group writes with that plan's key.
type Plan struct {
	Name     string   `json:"name"`
	Quota    Quota    `json:"quota"`
	Throttle Throttle `json:"throttle"`
}

// GroupName is the Cognito group whose members the authorizer maps to the plan.
func (p Plan) GroupName() string { return "Group-" + p.Name }

// DefaultPlans returns the usage plans deployed when the context names none.
func DefaultPlans() []Plan {
	return []Plan{
		{Name: "FreeTier", Quota: Quota{Limit: 500, Period: "DAY"}, Throttle: Throttle{RateLimit: 5, BurstLimit: 10}},
		{Name: "BasicUsagePlan", Quota: Quota{Limit: 10000, Period: "MONTH"}, Throttle: Throttle{RateLimit: 50, BurstLimit: 100}},
	}
}

// Config is everything the stack varies on.
type Config struct {
	// Backend serves the plain /items routes.
	Backend Backend
	// Retain keeps the table and the user pool when the stack is destroyed.
	Retain bool
	// Plans are the usage plans, in order; names must be unique.
	Plans []Plan
	// ItemsCodeDir and AuthorizerCodeDir each hold a "bootstrap" executable
	// for provided.al2023 on arm64.
	ItemsCodeDir      string
	AuthorizerCodeDir string
}

var planName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{0,63}$`)

// Validate reports the first thing wrong with c, if any.
func (c Config) Validate() error {
	switch c.Backend {
	case BackendDirect, BackendLambda:
	default:
		return fmt.Errorf("backend %q: want %q or %q", c.Backend, BackendDirect, BackendLambda)
	}
	if len(c.Plans) == 0 {
		return errors.New("no usage plans")
	}
	seen := make(map[string]bool, len(c.Plans))
	for _, p := range c.Plans {
		if !planName.MatchString(p.Name) {
			return fmt.Errorf("usage plan name %q: want a letter then letters or digits", p.Name)
		}
		if seen[p.Name] {
			return fmt.Errorf("usage plan %q named twice", p.Name)
		}
		seen[p.Name] = true
		switch p.Quota.Period {
		case "DAY", "WEEK", "MONTH":
		default:
			return fmt.Errorf("usage plan %s: quota period %q: want DAY, WEEK or MONTH", p.Name, p.Quota.Period)
		}
		if p.Quota.Limit <= 0 || p.Throttle.RateLimit <= 0 || p.Throttle.BurstLimit <= 0 {
			return fmt.Errorf("usage plan %s: quota limit, rate limit and burst limit must be positive", p.Name)
		}
	}
	for _, dir := range []string{c.ItemsCodeDir, c.AuthorizerCodeDir} {
		if err := checkBundle(dir); err != nil {
			return err
		}
	}
	return nil
}

func checkBundle(dir string) error {
	if dir == "" {
		return errors.New("a Lambda code directory is empty")
	}
	fi, err := os.Stat(filepath.Join(dir, "bootstrap"))
	if err != nil {
		return fmt.Errorf("lambda bundle %s (run make build): %w", dir, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("lambda bundle %s: bootstrap is not a regular file", dir)
	}
	return nil
}

// ConfigFromContext reads the configuration from the construct tree's
// context (cdk.json and -c flags) and validates it.
func ConfigFromContext(scope constructs.Construct) (Config, error) {
	node := scope.Node()
	return ParseContext(func(key string) any { return node.TryGetContext(&key) })
}

// ParseContext builds a Config from context values, as get returns them:
// nil when a key is absent, a string when it came from -c, any JSON value
// when it came from cdk.json. Code directories default to dist/.
func ParseContext(get func(key string) any) (Config, error) {
	c := Config{
		Backend:           BackendDirect,
		Plans:             DefaultPlans(),
		ItemsCodeDir:      DefaultItemsCodeDir,
		AuthorizerCodeDir: DefaultAuthorizerCodeDir,
	}
	switch v := get(ContextBackend).(type) {
	case nil:
	case string:
		c.Backend = Backend(v)
	default:
		return Config{}, fmt.Errorf("context %s: want a string, got %T", ContextBackend, v)
	}
	switch v := get(ContextRetain).(type) {
	case nil:
	case bool:
		c.Retain = v
	case string:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("context %s: %w", ContextRetain, err)
		}
		c.Retain = b
	default:
		return Config{}, fmt.Errorf("context %s: want true or false, got %T", ContextRetain, v)
	}
	if v := get(ContextUsagePlans); v != nil {
		raw, ok := v.(string)
		if !ok {
			b, err := json.Marshal(v)
			if err != nil {
				return Config{}, fmt.Errorf("context %s: %w", ContextUsagePlans, err)
			}
			raw = string(b)
		}
		var plans []Plan
		if err := json.Unmarshal([]byte(raw), &plans); err != nil {
			return Config{}, fmt.Errorf("context %s: %w", ContextUsagePlans, err)
		}
		c.Plans = plans
	}
	for key, dst := range map[string]*string{ContextItemsCodeDir: &c.ItemsCodeDir, ContextAuthorizerCodeDir: &c.AuthorizerCodeDir} {
		switch v := get(key).(type) {
		case nil:
		case string:
			*dst = v
		default:
			return Config{}, fmt.Errorf("context %s: want a path, got %T", key, v)
		}
	}
	switch c.Backend {
	case BackendDirect, BackendLambda:
	default:
		return Config{}, fmt.Errorf("context %s=%q: want %q or %q", ContextBackend, c.Backend, BackendDirect, BackendLambda)
	}
	return c, nil
}

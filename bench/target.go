package bench

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Target is the API the benchmarks call and the credentials they send.
type Target struct {
	// BaseURL is the stage URL, e.g. "http://127.0.0.1:8080/prod" or
	// "https://abc.execute-api.us-east-1.amazonaws.com/prod".
	BaseURL string
	// APIKey is sent as x-api-key (the read routes' key mode).
	APIKey string
	// IDToken is a Cognito ID token of a user in a plan's group, sent in
	// Authorization as "Bearer <token>" to every route that takes a token.
	IDToken string
}

// Environment variables naming a deployed target.
const (
	EnvAPIURL  = "API_URL"
	EnvAPIKey  = "API_KEY"
	EnvIDToken = "ID_TOKEN"
)

// TargetFromEnv reads API_URL, API_KEY and ID_TOKEN through getenv. ok is
// false when API_URL is unset (the benchmarks then start the local API);
// when it is set the other two are required.
func TargetFromEnv(getenv func(string) string) (t Target, ok bool, err error) {
	raw := getenv(EnvAPIURL)
	if raw == "" {
		return Target{}, false, nil
	}
	t = Target{BaseURL: strings.TrimRight(raw, "/"), APIKey: getenv(EnvAPIKey), IDToken: getenv(EnvIDToken)}
	if err := t.Validate(); err != nil {
		return Target{}, true, err
	}
	return t, true, nil
}

// Validate checks that the URL is absolute and both credentials are set.
func (t Target) Validate() error {
	u, err := url.Parse(t.BaseURL)
	if err != nil {
		return fmt.Errorf("bench: %s: %w", EnvAPIURL, err)
	}
	var errs []error
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		errs = append(errs, fmt.Errorf("bench: %s %q is not an absolute http(s) URL", EnvAPIURL, t.BaseURL))
	}
	if t.APIKey == "" {
		errs = append(errs, fmt.Errorf("bench: %s is empty", EnvAPIKey))
	}
	if t.IDToken == "" {
		errs = append(errs, fmt.Errorf("bench: %s is empty", EnvIDToken))
	}
	return errors.Join(errs...)
}

// PreferredPlan is the usage plan whose key and group the benchmarks use
// when several are available: the one with the higher limits.
const PreferredPlan = "BasicUsagePlan"

// TargetFromCredentials picks the credentials a benchmark uses from the
// local API's: the PreferredPlan's key and the ID token of its group
// "Group-<plan>", falling back to the first plan (by name) that has both.
func TargetFromCredentials(apiURL string, keys, tokens map[string]string) (Target, error) {
	plans := make([]string, 0, len(keys))
	for p := range keys {
		plans = append(plans, p)
	}
	sort.Strings(plans)
	plans = append([]string{PreferredPlan}, plans...)
	for _, p := range plans {
		key, tok := keys[p], tokens["Group-"+p]
		if key != "" && tok != "" {
			t := Target{BaseURL: strings.TrimRight(apiURL, "/"), APIKey: key, IDToken: tok}
			return t, t.Validate()
		}
	}
	return Target{}, fmt.Errorf("bench: no plan has both an API key and a group token (keys for %v)", plans[1:])
}

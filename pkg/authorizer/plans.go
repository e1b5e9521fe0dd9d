package authorizer

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// GroupPrefix starts the name of the Cognito group that grants a plan:
// group "Group-FreeTier" grants plan "FreeTier".
const GroupPrefix = "Group-"

// plan is one usage plan and the API key value that meters it.
type plan struct {
	name   string
	key    string
	digest [sha256.Size]byte
}

// planTable holds the plans in priority order (highest first).
type planTable struct {
	ordered []plan
}

// newPlanTable checks keys (plan name -> key value) and orders the plans:
// those in order first, in that order, then the rest by name.
func newPlanTable(keys map[string]string, order []string) (planTable, error) {
	if len(keys) == 0 {
		return planTable{}, errors.New("authorizer: no plan keys configured")
	}
	names := make([]string, 0, len(keys))
	seenValue := make(map[string]string, len(keys))
	for name, value := range keys {
		if name == "" || value == "" {
			return planTable{}, fmt.Errorf("authorizer: plan %q has an empty name or key value", name)
		}
		if other, dup := seenValue[value]; dup {
			// Never print the value itself.
			return planTable{}, fmt.Errorf("authorizer: plans %q and %q share one API key value", other, name)
		}
		seenValue[value] = name
		names = append(names, name)
	}
	sort.Strings(names)

	var ordered []string
	for _, name := range order {
		if _, ok := keys[name]; !ok {
			return planTable{}, fmt.Errorf("authorizer: PlanOrder names plan %q, which has no key", name)
		}
		if slices.Contains(ordered, name) {
			return planTable{}, fmt.Errorf("authorizer: PlanOrder lists plan %q twice", name)
		}
		ordered = append(ordered, name)
	}
	for _, name := range names {
		if !slices.Contains(ordered, name) {
			ordered = append(ordered, name)
		}
	}

	t := planTable{ordered: make([]plan, len(ordered))}
	for i, name := range ordered {
		t.ordered[i] = plan{name: name, key: keys[name], digest: sha256.Sum256([]byte(keys[name]))}
	}
	return t, nil
}

// forGroups returns the highest-priority plan granted by one of groups.
func (t planTable) forGroups(groups []string) (plan, bool) {
	for _, p := range t.ordered {
		if slices.Contains(groups, GroupPrefix+p.name) {
			return p, true
		}
	}
	return plan{}, false
}

// forKey returns the plan whose key equals value. It compares SHA-256
// digests in constant time and always visits every plan, so timing reveals
// neither which plan matched nor how much of a key was right.
func (t planTable) forKey(value string) (plan, bool) {
	d := sha256.Sum256([]byte(value))
	found := -1
	for i := range t.ordered {
		if subtle.ConstantTimeCompare(d[:], t.ordered[i].digest[:]) == 1 && found < 0 {
			found = i
		}
	}
	if found < 0 {
		return plan{}, false
	}
	return t.ordered[found], true
}

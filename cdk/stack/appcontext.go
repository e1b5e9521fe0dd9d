package stack

import (
	"encoding/json"
	"fmt"
	"os"
)

// PathMetadataContext is the context key that makes every resource carry
// its aws:cdk:path metadata. The CDK CLI sets it on every synth unless told
// otherwise; the local API finds resources by that metadata, so in-process
// synths set it too.
const PathMetadataContext = "aws:cdk:enable-path-metadata"

// AppContext is the context an app that synthesizes this stack starts from:
// the "context" object of the CDK project file at cdkJSONPath (the
// repository's cdk.json, which holds the feature flags `cdk init` writes for
// the CDK version in go.mod and is the one place they are set, so the CLI,
// the tests and the committed snapshot all synthesize with them), plus
// [PathMetadataContext]. Callers merge their own context (-c flags) over it.
func AppContext(cdkJSONPath string) (map[string]any, error) {
	b, err := os.ReadFile(cdkJSONPath)
	if err != nil {
		return nil, fmt.Errorf("app context: %w", err)
	}
	var project struct {
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(b, &project); err != nil {
		return nil, fmt.Errorf("app context: %s: %w", cdkJSONPath, err)
	}
	if len(project.Context) == 0 {
		return nil, fmt.Errorf("app context: %s has no context (the feature flags belong there)", cdkJSONPath)
	}
	ctx := make(map[string]any, len(project.Context)+1)
	for k, v := range project.Context {
		ctx[k] = v
	}
	ctx[PathMetadataContext] = true
	return ctx, nil
}

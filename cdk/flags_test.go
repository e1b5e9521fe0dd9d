package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// obsoleteFlags are the flags the CDK CLI leaves out of its count of
// unconfigured flags (aws-cdk 2.1148.1, lib/commands/flags/operations.ts).
var obsoleteFlags = []string{
	"@aws-cdk/core:enableStackNameDuplicates",
	"@aws-cdk/aws-s3:grantWriteWithoutAcl",
	"@aws-cdk/aws-kms:defaultKeyPolicies",
}

// flagReport is the feature-flag report aws-cdk-lib writes into the cloud
// assembly's manifest: for each flag, the value the app was given (absent
// when unset), the recommended value, and how it behaves when unset.
type flagReport struct {
	Artifacts map[string]struct {
		Type       string `json:"type"`
		Properties struct {
			Flags map[string]struct {
				UserValue               any `json:"userValue"`
				RecommendedValue        any `json:"recommendedValue"`
				UnconfiguredBehavesLike *struct {
					V2 any `json:"v2"`
				} `json:"unconfiguredBehavesLike"`
			} `json:"flags"`
		} `json:"properties"`
	} `json:"artifacts"`
}

// unconfiguredFlags lists, sorted, the flags of the assembly's manifest that
// the CDK CLI warns about after a synth ("N feature flags are not
// configured"): not obsolete, not set by the app, and behaving unlike the
// recommended value when unset (the CLI reads an unset behaviour as false).
func unconfiguredFlags(manifest []byte) ([]string, error) {
	var m flagReport
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	reports := 0
	var out []string
	for _, a := range m.Artifacts {
		if a.Type != "cdk:feature-flag-report" {
			continue
		}
		reports++
		for name, f := range a.Properties.Flags {
			if slices.Contains(obsoleteFlags, name) || f.UserValue != nil {
				continue
			}
			var unset any = false
			if f.UnconfiguredBehavesLike != nil && f.UnconfiguredBehavesLike.V2 != nil {
				unset = f.UnconfiguredBehavesLike.V2
			}
			if !reflect.DeepEqual(unset, f.RecommendedValue) {
				out = append(out, name)
			}
		}
	}
	if reports == 0 {
		return nil, fmt.Errorf("manifest: no feature-flag report")
	}
	slices.Sort(out)
	return out, nil
}

func TestUnconfiguredFlags(t *testing.T) {
	manifest := []byte(`{"artifacts":{"r":{"type":"cdk:feature-flag-report","properties":{"flags":{
		"set":        {"userValue": false, "recommendedValue": true},
		"unsetSame":  {"recommendedValue": true, "unconfiguredBehavesLike": {"v2": true}},
		"unsetDiff":  {"recommendedValue": true, "unconfiguredBehavesLike": {"v2": false}},
		"unsetNoInfo":{"recommendedValue": true},
		"@aws-cdk/aws-kms:defaultKeyPolicies": {"recommendedValue": true}
	}}}}}`)
	got, err := unconfiguredFlags(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"unsetDiff", "unsetNoInfo"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unconfiguredFlags = %v, want %v", got, want)
	}
	if _, err := unconfiguredFlags([]byte(`{"artifacts":{}}`)); err == nil {
		t.Error("a manifest without a flag report passed")
	}
}

// TestFeatureFlagsConfigured synthesizes the app as cdk synth does, from
// cdk.json's context, and fails on any flag the CLI would report as not
// configured: cdk.json carries the flags a new app of this CDK version gets.
func TestFeatureFlagsConfigured(t *testing.T) {
	items, auth := placeholderBundles(t)
	out := t.TempDir()
	if err := run(testProjectFile, contextOf(map[string]string{"itemsCodeDir": items, "authorizerCodeDir": auth}), out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	flags, err := unconfiguredFlags(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(flags) > 0 {
		t.Errorf("%d feature flags are not configured in cdk.json: %v", len(flags), flags)
	}
}

// findUp returns the first dir/name found walking up from the working
// directory.
func findUp(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("%s not found above the working directory (make test runs npm ci)", name)
		}
		dir = parent
	}
}

// TestProjectFileHasInitFlags holds cdk.json's feature flags to the ones
// `cdk init` of the installed CDK CLI writes into a new app's cdk.json (the
// CLI ships them, built from aws-cdk-lib's recommended flags, in
// lib/init-templates/.recommended-feature-flags.json): every one present
// with the recommended value.
func TestProjectFileHasInitFlags(t *testing.T) {
	b, err := os.ReadFile(findUp(t, filepath.Join("node_modules", "aws-cdk", "lib", "init-templates", ".recommended-feature-flags.json")))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	b, err = os.ReadFile(testProjectFile)
	if err != nil {
		t.Fatal(err)
	}
	var project struct{ Context map[string]any }
	if err := json.Unmarshal(b, &project); err != nil {
		t.Fatal(err)
	}
	for name, v := range want {
		if got, ok := project.Context[name]; !ok || !reflect.DeepEqual(got, v) {
			t.Errorf("cdk.json context %s = %v (set: %v), want %v", name, got, ok, v)
		}
	}
}

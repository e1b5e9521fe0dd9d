// Command cdk is the CDK app of the project: it reads the context
// (-c backend=direct|lambda, -c retain=true, -c usagePlans=JSON, and
// -c itemsCodeDir=DIR -c authorizerCodeDir=DIR to override dist/), builds the
// one stack of package stack from the Lambda bundles that make build left in
// dist/, and synthesizes it. cdk.json at the repository root runs it, so
// cdk synth, deploy and destroy work from there; it needs no AWS account to
// synthesize. The app reads cdk.json's context itself too (the feature flags
// live there), so it must run from the repository root.
package main

import (
	"fmt"
	"maps"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"apigwdirect/cdk/stack"
)

func main() {
	err := run(projectFile, nil, "")
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "cdk:", err)
		os.Exit(1)
	}
}

// projectFile is the CDK project file, relative to the repository root.
const projectFile = "cdk.json"

// run synthesizes the app with the context of the project file cdkJSON. The
// CLI hands context and output directory to the app through its
// environment; extra context and outdir are for callers that run it
// in-process (the CLI's context still wins over extra).
func run(cdkJSON string, extra map[string]any, outdir string) error {
	ctx, err := stack.AppContext(cdkJSON)
	if err != nil {
		return err
	}
	maps.Copy(ctx, extra)
	props := &awscdk.AppProps{Context: &ctx}
	if outdir != "" {
		props.Outdir = &outdir
	}
	app := awscdk.NewApp(props)
	cfg, err := stack.ConfigFromContext(app)
	if err != nil {
		return fmt.Errorf("reading context: %w", err)
	}
	if _, err := stack.New(app, stack.StackID, stack.Props{Config: cfg}); err != nil {
		return fmt.Errorf("building the stack: %w", err)
	}
	app.Synth(nil)
	return nil
}

// Package localapi assembles the local API of a CloudFormation template: a
// supervised dynalite server (in memory or persistent) with every
// AWS::DynamoDB::Table of the template, a Cognito-shaped token issuer per
// user pool, a local runtime for each Lambda function a rule binds (this
// project's handlers in process, by CDK construct id, see
// ProjectFunctions; any provided.al2023/provided.al2 function as host
// processes speaking the Lambda Runtime API, Options.Bootstraps) and
// pkg/gateway serving the template's REST API. Start returns the API's URL
// and working credentials: a key per usage plan (and per key in no plan)
// and an ID token per Cognito group. A method needing what cannot run
// locally answers 500 and is listed in Env.Unsupported; it never stops the
// others.
//
// cmd/localapi, the black-box tests and the benchmarks all start the API
// this way:
//
//	env, err := localapi.Start(ctx, localapi.Options{TemplatePath: "cdk/snapshot/stack.template.json"})
//	if err != nil { ... }
//	defer env.Close()
//	// env.URL is "http://127.0.0.1:PORT/prod"
package localapi

// Package localapi assembles the local API: a dynalite server (in memory or
// persistent), the items table, a Cognito-shaped token issuer, the
// in-process Lambda handlers (items and authorizer) and pkg/gateway serving
// the synthesized CloudFormation template. Start returns the API's URL and
// working credentials: one API key value per usage plan and one ID token per
// Cognito group of the template.
//
// cmd/localapi, the black-box tests and the benchmarks all start the API
// this way:
//
//	env, err := localapi.Start(ctx, localapi.Options{Stage: "prod"})
//	if err != nil { ... }
//	defer env.Close()
//	// env.URL is "http://127.0.0.1:PORT/prod"
package localapi

// Package tokens is a local stand-in for an Amazon Cognito user pool's token
// side: it holds an RSA signing key, serves the public half as a JWKS at
// <issuer>/.well-known/jwks.json, and mints ID and access tokens shaped like
// the ones Cognito issues (iss, aud or client_id, token_use, cognito:groups,
// email, sub, exp, iat, auth_time and a kid header).
//
// It exists for development and tests: the local API serves its JWKS so that
// the authorizer and pkg/cognito verify tokens exactly as they do in AWS, only
// against a different issuer URL. It is not an identity provider; anyone who
// can reach MintID can become anyone. MintHandler exposes minting over HTTP
// for curl and benchmarks; mount it on loopback only.
//
// Typical use in a test:
//
//	srv, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "local_pool", ClientID: "client"})
//	defer srv.Close()
//	raw, err := srv.MintID(tokens.User{Sub: "u1", Email: "u1@example.com", Groups: []string{"Group-FreeTier"}}, time.Hour)
//	// verify raw against srv.IssuerURL() and srv.JWKSURL()
package tokens

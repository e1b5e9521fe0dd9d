// Package cognito verifies Amazon Cognito user-pool JWTs the way AWS
// documents it, without trusting anything the token says about itself:
//
//   - the signature is RS256, made by a key of the pool's JWKS
//     (<issuer>/.well-known/jwks.json) named by the token's kid header;
//     "none", HMAC and every other algorithm are refused;
//   - iss equals the pool's issuer URL, https://cognito-idp.<region>.amazonaws.com/<poolId>
//     (or the local issuer of pkg/tokens);
//   - token_use is the expected one ("id" by default);
//   - aud (ID tokens) or client_id (access tokens) is the app client id;
//   - exp is present and in the future, iat present and not in the future,
//     nbf (if present) in the past, each with a small leeway.
//
// The JWKS is fetched once when the Verifier is built, cached, refreshed in
// the background, and refetched when a token names an unknown kid, at most
// once per Config.UnknownKIDRefresh. When the JWKS cannot be fetched a token
// whose key is not cached is refused (ErrKeyUnavailable); nothing is ever
// accepted for want of a key.
//
// Every Verify failure matches ErrInvalidToken with errors.Is; errors never
// contain the token.
package cognito

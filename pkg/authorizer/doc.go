// Package authorizer is the API Gateway Lambda REQUEST authorizer of the
// items API. The REST API takes its API keys from the authorizer (API-key
// source AUTHORIZER), so this one function both authenticates a call and
// names the usage plan that meters it. It runs in one of two modes, chosen by
// the request's HTTP method:
//
//   - Key mode (GET, HEAD; the read routes): the call must carry one
//     x-api-key header, and is allowed with its value as usageIdentifierKey.
//     API Gateway then checks that key exactly as it checks the x-api-key
//     header under the HEADER key source (403 Forbidden for a key that does
//     not exist, is disabled or is in no usage plan of the stage), so keys
//     added to a plan later work at once. The context names the plan when
//     the key is one of the configured plan keys (compared in constant time).
//   - Token mode (every other method; the write routes): the Authorization
//     header must be "Bearer <Cognito ID token>", verified by pkg/cognito.
//     A group named "Group-<Plan>" selects that plan's key as
//     usageIdentifierKey. With several such groups the plan listed first in
//     Config.PlanOrder wins. No such group gives a Deny policy.
//
// Outcomes as API Gateway shows them to the client:
//
//	missing, malformed or unverifiable credentials  ErrUnauthorized -> 401
//	valid token, no plan group                      Deny policy     -> 403
//	valid token, or any single x-api-key            Allow policy    -> the call proceeds
//	  ... with a key API Gateway does not accept                    -> 403 Forbidden
//
// Policies stay right under authorizer caching, where API Gateway reuses a
// policy for other methods and resources of the API called with the same
// identity: an Allow (or Deny) covers every resource of the API and stage for
// exactly the methods its mode serves, and nothing else. Token mode covers
// POST and PUT, key mode GET and HEAD, so a policy cached from a POST allows
// a later PUT to another resource but never a GET or DELETE.
//
// The authorizer context carries sub, email, groups (comma-joined) and plan.
// Logs are one JSON line per call and never contain a token or a key value.
//
// Plan key values come from configuration. In AWS, ResolvePlanKeys reads
// them once at cold start from API Gateway (GetApiKey), never per request.
package authorizer

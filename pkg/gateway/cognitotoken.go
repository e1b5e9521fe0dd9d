package gateway

import "strings"

// bearerPrefix is the one scheme prefix the Cognito user-pool authorizer is
// known to strip from its identity source.
const bearerPrefix = "Bearer "

// userPoolToken is the ID token a COGNITO_USER_POOLS authorizer verifies,
// taken from its identity source's value: the value itself, or what follows
// a leading "Bearer " (capital B, one space). Both forms reach the same
// verification, so either answers 200 with a valid token and 401 without.
//
// Evidence that AWS accepts both:
//   - the raw token: the developer guide has clients put the identity token
//     itself in the header ("Call a REST API integrated with an Amazon
//     Cognito user pool",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-invoke-api-integrated-with-cognito-user-pool.html);
//   - "Bearer <token>": the original pattern's deployed test sends
//     "Authorization: Bearer <ID token>" to its Cognito-protected route and
//     expects 200 (aws-samples/serverless-patterns,
//     apigw-dynamodb-python-cdk/tests/test_apigw_dynamodb_python_stack.py,
//     test_delete_item_authorized), and an AWS workshop on the Cognito
//     authorizer has readers type "Bearer", one space and the token into the
//     authorizer's Test dialog and see it succeed
//     (https://dcj71ciaiav4i.cloudfront.net/0A4DEB20-C89E-11ED-A834-5D52D9748576/chapter4/content2.html);
//   - for comparison, the HTTP API JWT authorizer documents the same two
//     forms: "The identitySource can include only the token, or the token
//     prefixed with Bearer"
//     (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
//
// Older reports say the prefix made the authorizer answer 401 (for example
// postmanlabs/postman-app-support#6987, 2019; amazon-archives/amazon-cognito-identity-js#165,
// 2016, resolved without a stated cause): the leniency appears to be newer
// than they are, and the raw token works in every report.
//
// A guess, not evidence: other spellings ("bearer ", "BEARER ", two spaces,
// a tab) are left as they are and so fail verification (401). No capture
// shows AWS accepting them; refusing them locally keeps a client that passes
// here from failing on AWS.
func userPoolToken(value string) string {
	if tok, ok := strings.CutPrefix(value, bearerPrefix); ok {
		return tok
	}
	return value
}

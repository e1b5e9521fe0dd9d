// Package stack defines the project's one CloudFormation stack: a DynamoDB
// table, a REST API that reaches it two ways (VTL mapping templates straight
// to DynamoDB under /direct, the items Lambda under /lambda, and the plain
// /items routes on whichever backend the configuration names), a Lambda
// REQUEST authorizer, a Cognito user pool, API keys and usage plans.
//
// The app in cdk/ turns CDK context into a [Config] with [ConfigFromContext]
// and calls [New]; tests call the same two functions in-process and inspect
// the template with the assertions module.
//
// Contracts other packages rely on:
//   - construct ids Table, Api, ItemsFunction, AuthorizerFunction, UserPool
//     and UserPoolClient are direct children of the stack, so the local API
//     can find their resources through the aws:cdk:path metadata;
//   - stage [StageName] carries the stage variables tableName and itemsAlias;
//   - the REST API takes API keys from the authorizer (API-key source
//     AUTHORIZER): writes carry the Lambda authorizer reading the
//     Authorization header, reads the same function reading the x-api-key
//     header, deletes the Cognito user-pool authorizer.
package stack

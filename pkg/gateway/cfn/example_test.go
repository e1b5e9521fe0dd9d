package cfn_test

import (
	"fmt"
	"log"

	"apigwdirect/pkg/gateway/cfn"
)

// Load a CDK-synthesized template, build the model of its prod stage and
// list what it serves.
func ExampleBuild() {
	tpl, err := cfn.LoadFile("../testdata/stack.template.json", cfn.LoadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	m, err := cfn.Build(tpl, cfn.BuildOptions{Stage: "prod", StageVariables: map[string]string{"tableName": "items-local"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("key source:", m.APIKeySource, "table:", m.StageVariables["tableName"])
	for _, meth := range m.Methods() {
		auth := meth.AuthorizationType
		if auth == "CUSTOM" {
			auth += " " + meth.Authorizer.Type
		}
		fmt.Printf("%-6s %-22s %-9s %s\n", meth.HTTPMethod, meth.ResourcePath, meth.Integration.Type, auth)
	}
	// Output:
	// key source: AUTHORIZER table: items-local
	// POST   /direct/items          AWS       CUSTOM REQUEST
	// GET    /direct/items/{id}     AWS       CUSTOM REQUEST
	// GET    /health                MOCK      NONE
	// ANY    /lambda/files/{proxy+} AWS_PROXY NONE
	// GET    /lambda/items          AWS_PROXY CUSTOM REQUEST
	// POST   /lambda/items          AWS_PROXY CUSTOM REQUEST
	// DELETE /lambda/items/{id}     AWS_PROXY COGNITO_USER_POOLS
	// GET    /lambda/items/{id}     AWS_PROXY CUSTOM REQUEST
}

package vtl_test

import (
	"fmt"

	"apigwdirect/pkg/vtl"
)

// Example renders an API Gateway request template that builds a DynamoDB
// PutItem request from a JSON body.
func Example() {
	tpl, err := vtl.Parse("create.request.vtl", `#set($body = $input.path('$'))
{
  "TableName": "$stageVariables.tableName",
  "Item": {
    "ID": {"S": "$context.requestId"}#foreach($key in $body.keySet()),
    "$key": {"S": "$util.escapeJavaScript($body.get($key))"}#end

  }
}
#set($context.responseOverride.status = 201)`)
	if err != nil {
		fmt.Println(err)
		return
	}
	env := &vtl.Env{
		Body:           `{"Name": "Ann \"A\"", "City": "Oslo"}`,
		StageVariables: map[string]string{"tableName": "Items"},
		Context:        map[string]any{"requestId": "req-1"},
	}
	out, err := tpl.Render(env)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out)
	fmt.Println("status:", env.Overrides().Status)
	// Output:
	// {
	//   "TableName": "Items",
	//   "Item": {
	//     "ID": {"S": "req-1"},
	//     "Name": {"S": "Ann \"A\""},
	//     "City": {"S": "Oslo"}
	//   }
	// }
	// status: 201
}

// ExampleParse shows a parse error with its position.
func ExampleParse() {
	_, err := vtl.Parse("bad.vtl", "#if($a)\n  ok\n#end\n#end")
	fmt.Println(err)
	// Output:
	// bad.vtl:4:1: unexpected #end
}

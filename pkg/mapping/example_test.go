package mapping_test

import (
	"fmt"

	"apigwdirect/pkg/mapping"
)

func ExampleValidator_ParseItem() {
	v := mapping.MustNewValidator()
	it, err := v.ParseItem([]byte(`{"Age": 1e3, "Zone": "b", "ID": "a", "FirstName": "Ada", "City": "Z"}`))
	if err != nil {
		panic(err)
	}
	body, _ := it.MarshalJSON()
	fmt.Println(string(body))

	_, err = v.ParseItem([]byte(`{"ID": "a", "FirstName": "Ada", "Age": "36"}`))
	fmt.Println(err)
	// Output:
	// {"ID":"a","FirstName":"Ada","Age":1e3,"City":"Z","Zone":"b"}
	// Invalid request body: [instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]
}

func ExampleEncodeToken() {
	tok, _ := mapping.EncodeToken(mapping.Key("a"))
	fmt.Println(tok)
	key, _ := mapping.DecodeToken(tok)
	fmt.Println(len(key))
	_, err := mapping.DecodeToken("not a token")
	fmt.Println(err)
	// Output:
	// eyJJRCI6eyJTIjoiYSJ9fQ==
	// 1
	// invalid next token
}

func ExampleParseLimit() {
	for _, s := range []string{"", "7", "100", "101", "07"} {
		n, err := mapping.ParseLimit(s)
		fmt.Println(n, err)
	}
	// Output:
	// 25 <nil>
	// 7 <nil>
	// 100 <nil>
	// 0 limit must be an integer from 1 to 100
	// 0 limit must be an integer from 1 to 100
}

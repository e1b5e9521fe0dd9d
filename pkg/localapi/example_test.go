package localapi_test

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"apigwdirect/pkg/localapi"
)

// Start the API of the committed snapshot in memory and read an item with
// the FreeTier plan's key.
func ExampleStart() {
	env, err := localapi.Start(context.Background(), localapi.Options{Stage: "prod"})
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	req, _ := http.NewRequest("GET", env.URL+"/lambda/items/42", nil)
	req.Header.Set("x-api-key", env.Credentials.APIKeys["FreeTier"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode) // 404: the table starts empty
}

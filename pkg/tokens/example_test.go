package tokens_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"apigwdirect/pkg/tokens"
)

// Start a local issuer, fetch its JWKS and mint an ID token.
func Example() {
	ctx := context.Background()
	srv, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "us-east-1_Local", ClientID: "app-client"})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	resp, err := http.Get(srv.JWKSURL())
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("JWKS:", resp.StatusCode)

	raw, err := srv.MintID(tokens.User{Sub: "user-1", Email: "user1@example.com", Groups: []string{"Group-FreeTier"}}, time.Hour)
	if err != nil {
		panic(err)
	}
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil {
		panic(err)
	}
	fmt.Println(claims["token_use"], claims["aud"], claims["cognito:groups"], claims["iss"] == srv.IssuerURL())
	// Output:
	// JWKS: 200
	// id app-client [Group-FreeTier] true
}
